"""An import stopped by an error of Lantern's (not of its file) is kept as interrupted, with
its whole batches stored, and goes on from there: from the command line, from its page, or
when the same file is sent again. Only one run at a time may commit its batches.

The errors are raised where the database would raise them (in the writer's bulk insert,
which runs in a writer thread of its own); everything else is the real import.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, connection
from django.test import Client
from django.utils import timezone

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.audit.models import AuditEntry
from lantern.cases.models import Case
from lantern.submissions import actions, ingest
from lantern.submissions.models import QuarantinedRow, RowError, SourceRecord, Submission

pytestmark = pytest.mark.django_db(transaction=True)
ROWS = 5000  # three batches: 2000, 2000, 1000
# Rows refused for their status: one in the first batch, one in the second (the one stopped).
INVALID = (11, 3001)
# What the first batch leaves when the second is stopped.
FIRST_STORED = 2000 - 1
SECRET = "K-00042-and-a-name"


def _write_file(tmp_path: Path, *, invalid: tuple[int, ...] = INVALID) -> Path:
    path = tmp_path / "cases.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source_record_id", "opened_on", "trafficking_status"])
        writer.writerows([f"S-{row:05d}", "2024-01-05",
                          "maybe" if row in invalid else "possible"]
                         for row in range(1, ROWS + 1))
    return path


def _fail_on_batch(monkeypatch: pytest.MonkeyPatch, number: int) -> None:
    """The ``number``-th bulk insert of new cases fails as a database gone away would."""
    real, calls = ingest.insert_new_cases, []

    def insert(prepared):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == number:
            raise OperationalError(f"server closed the connection while writing {SECRET}")
        return real(prepared)

    monkeypatch.setattr(ingest, "insert_new_cases", insert)


def _import(path: Path, org, mode: str = "store_valid") -> None:  # type: ignore[no-untyped-def]
    call_command("import", str(path), "--org", org.code, "--entity", "case", "--mode", mode,
                 verbosity=0)


def _assert_whole(org, invalid: tuple[int, ...] = INVALID) -> None:  # type: ignore[no-untyped-def]
    """Every row of the file answered once: stored, or rejected with one reason."""
    submission = Submission.objects.get(organization=org)
    assert submission.status == Submission.Status.DONE
    stored = ROWS - len(invalid)
    assert (submission.rows_read, submission.rows_stored, submission.rows_rejected) == (
        ROWS, stored, len(invalid))
    assert Case.objects.filter(organization=org).count() == stored
    assert SourceRecord.objects.filter(organization=org).count() == stored
    assert sorted(RowError.objects.filter(submission=submission).values_list(
        "row_number", flat=True)) == list(invalid)
    assert QuarantinedRow.objects.filter(submission=submission).count() == len(invalid)
    # The kept copy of the file goes once the import has ended.
    assert not Path(submission.file_path).exists()


def _interrupted_by_the_command(tmp_path, monkeypatch, org) -> Path:  # type: ignore[no-untyped-def]
    path = _write_file(tmp_path)
    _fail_on_batch(monkeypatch, 2)
    with pytest.raises(CommandError, match="stopped after row 2000") as stopped:
        _import(path, org)
    assert "Every row up to row 2000 has its answer" in str(stopped.value)
    assert "Run the same command again to go on from row 2001" in str(stopped.value)
    monkeypatch.undo()
    return path


def test_an_error_stops_the_import_after_whole_batches_and_the_same_command_resumes_it(
        tmp_path, monkeypatch, caplog):
    org = testing.make_org()
    path = _interrupted_by_the_command(tmp_path, monkeypatch, org)
    stopped = Submission.objects.get(organization=org)
    assert stopped.status == Submission.Status.INTERRUPTED
    assert (stopped.checkpoint, stopped.rows_stored, stopped.rows_rejected) == (
        2000, FIRST_STORED, 1)
    assert Case.objects.filter(organization=org).count() == FIRST_STORED
    assert Path(stopped.file_path).exists(), "the copy to resume from is kept"
    # The log says what stopped it and where, never what the error quoted.
    assert "interrupted after row 2000 by OperationalError" in caplog.text
    assert SECRET not in caplog.text
    _import(path, org)
    _assert_whole(org)
    assert Submission.objects.get(organization=org).pk == stopped.pk
    # Resumed from the command line, recorded as from the pages (with no actor).
    resumed = AuditEntry.objects.get(action="submission.resume", object_id=str(stopped.pk))
    assert resumed.actor is None and resumed.changes == {"after_row": 2000}


def test_a_run_taken_over_commits_nothing_more(tmp_path, monkeypatch):
    org = testing.make_org()
    path = _write_file(tmp_path)
    real, calls = ingest.prepare_new_cases, []

    def prepare(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 2:
            # Another run takes the import while this one prepares its second batch.
            Submission.objects.filter(organization=org).update(
                runner=testing.runner_name("another machine"), heartbeat_at=timezone.now())
        return real(*args, **kwargs)

    monkeypatch.setattr(ingest, "prepare_new_cases", prepare)
    with pytest.raises(CommandError, match="Another run took this import over after row 2000"):
        _import(path, org)
    held = Submission.objects.get(organization=org)
    assert (held.status, held.runner, held.checkpoint) == (
        Submission.Status.RUNNING, testing.runner_name("another machine"), 2000)
    assert Case.objects.filter(organization=org).count() == FIRST_STORED


@pytest.mark.parametrize(("holder", "heartbeat_minutes", "resumed"), [
    ("this process", 0, False),
    ("this process", 20, False),       # silent for long, but its process is at work
    ("a finished process", 0, True),   # killed: resumed at once
    ("a later process", 0, True),      # killed, and its process id given to another
    ("another machine", 0, False),
    ("another machine", 20, True),     # no batch committed for too long
])
def test_a_running_import_is_taken_over_only_once_its_run_has_stopped(
        tmp_path, monkeypatch, holder, heartbeat_minutes, resumed):
    org = testing.make_org()
    path = _interrupted_by_the_command(tmp_path, monkeypatch, org)
    Submission.objects.filter(organization=org).update(
        status=Submission.Status.RUNNING, runner=testing.runner_name(holder),
        heartbeat_at=timezone.now() - dt.timedelta(minutes=heartbeat_minutes))
    if resumed:
        _import(path, org)
        _assert_whole(org)
    else:
        with pytest.raises(CommandError, match="being imported now by another run"):
            _import(path, org)
        assert Submission.objects.get(organization=org).status == Submission.Status.RUNNING
        assert Case.objects.filter(organization=org).count() == FIRST_STORED


def test_an_all_or_nothing_import_stopped_by_an_error_stores_nothing_and_starts_again(
        tmp_path, monkeypatch):
    org = testing.make_org()
    path = _write_file(tmp_path, invalid=())
    _fail_on_batch(monkeypatch, 2)  # while it stores, in one transaction
    with pytest.raises(CommandError, match="stopped before anything of the file was stored"):
        _import(path, org, "all_or_nothing")
    monkeypatch.undo()
    stopped = Submission.objects.get(organization=org)
    assert (stopped.status, stopped.checkpoint, stopped.rows_stored) == (
        Submission.Status.INTERRUPTED, 0, 0)
    assert not Case.objects.exists()
    _import(path, org, "all_or_nothing")
    _assert_whole(org, invalid=())


def test_an_import_whose_kept_copy_is_gone_goes_on_from_the_file_sent_again(
        tmp_path, monkeypatch):
    org = testing.make_org()
    path = _interrupted_by_the_command(tmp_path, monkeypatch, org)
    Path(Submission.objects.get(organization=org).file_path).unlink()
    _import(path, org)
    _assert_whole(org)


def test_a_run_taken_over_after_its_last_batch_leaves_the_end_to_the_other_run(
        tmp_path, monkeypatch):
    org = testing.make_org()
    path = _write_file(tmp_path)
    store_valid = ingest.Ingest.store_valid

    def then_taken(self, rows):  # type: ignore[no-untyped-def]
        store_valid(self, rows)
        Submission.objects.filter(organization=org).update(
            runner=testing.runner_name("another machine"), heartbeat_at=timezone.now())

    monkeypatch.setattr(ingest.Ingest, "store_valid", then_taken)
    with pytest.raises(CommandError, match="Another run took this import over"):
        _import(path, org)
    held = Submission.objects.get(organization=org)
    assert held.status == Submission.Status.RUNNING and held.checkpoint == ROWS
    assert Path(held.file_path).exists(), "the other run may still read it"


def _cut_connection() -> None:
    """The server ends the import's own connection, as a restart would."""
    import psycopg

    backend = connection.connection.info.backend_pid
    settings = connection.settings_dict
    with psycopg.connect(host=settings["HOST"] or "127.0.0.1", port=settings["PORT"] or 5432,
                         user=settings["USER"], dbname=settings["NAME"],
                         autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [backend])


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="a database connection is cut from outside only on PostgreSQL")
@pytest.mark.parametrize("while_", ["writing", "checking"])
def test_an_import_whose_connection_is_cut_is_marked_interrupted_on_a_new_one(
        tmp_path, monkeypatch, while_):
    org = testing.make_org()
    path = _write_file(tmp_path, invalid=())
    if while_ == "writing":
        # The first batch is written on the command's own connection, in a transaction.
        real_insert = ingest.insert_new_cases

        def cut_then_insert(prepared):  # type: ignore[no-untyped-def]
            _cut_connection()
            return real_insert(prepared)

        monkeypatch.setattr(ingest, "insert_new_cases", cut_then_insert)
        mode = "store_valid"
    else:
        # All or nothing: the progress written after a batch is checked, outside any
        # transaction, meets the cut connection.
        real_check = ingest.Ingest._check_batch

        def check_then_cut(self, batch):  # type: ignore[no-untyped-def]
            checked = real_check(self, batch)
            _cut_connection()
            return checked

        monkeypatch.setattr(ingest.Ingest, "_check_batch", check_then_cut)
        mode = "all_or_nothing"
    with pytest.raises(CommandError, match="stopped before anything of the file was stored"):
        _import(path, org, mode)
    monkeypatch.undo()
    assert Submission.objects.get(organization=org).status == Submission.Status.INTERRUPTED
    _import(path, org, mode)
    _assert_whole(org, invalid=())


def _upload(client: Client, path: Path):  # type: ignore[no-untyped-def]
    return client.post("/en/submissions/", {
        "entity": "case", "mode": "store_valid",
        "file": SimpleUploadedFile("cases.csv", path.read_bytes(), content_type="text/csv")})


def _work() -> None:
    call_command("worker", "--batch", "--interval", "0.1", verbosity=0)


def test_an_interrupted_upload_is_resumed_from_its_page_by_its_stewards_only(
        tmp_path, monkeypatch, signed_in):
    org = testing.make_org()
    steward = signed_in(testing.make_user(org, Role.DATA_STEWARD))
    _upload(steward, _write_file(tmp_path))
    submission = Submission.objects.get()
    _fail_on_batch(monkeypatch, 2)
    _work()
    monkeypatch.undo()
    page = steward.get(f"/en/submissions/{submission.pk}/").content.decode()
    assert "This import stopped after row 2000" in page and "Resume the import" in page
    progress = steward.get(f"/en/submissions/{submission.pk}/progress.json").json()
    assert (progress["status"], progress["done"], progress["stored"]) == (
        "interrupted", True, FIRST_STORED)
    french = steward.get(f"/fr/submissions/{submission.pk}/").content.decode()
    assert "Interrompu" in french and "Reprendre l" in french
    # Someone else cannot resume it: another organization's steward, or a role without
    # submissions in the same organization.
    other = signed_in(testing.make_user(testing.make_org(), Role.DATA_STEWARD))
    assert other.post(f"/en/submissions/{submission.pk}/resume/").status_code == 404
    investigator = signed_in(testing.make_user(org, Role.POLICE_INVESTIGATOR))
    assert investigator.post(f"/en/submissions/{submission.pk}/resume/").status_code == 403
    assert Submission.objects.get().status == Submission.Status.INTERRUPTED
    answer = steward.post(f"/en/submissions/{submission.pk}/resume/", follow=True)
    assert "The import goes on after row 2000." in answer.content.decode()
    assert Submission.objects.get().status == Submission.Status.QUEUED
    assert AuditEntry.objects.filter(action="submission.resume",
                                     object_id=str(submission.pk)).count() == 1
    _work()
    _assert_whole(org)


def test_the_same_file_uploaded_again_resumes_its_interrupted_import(
        tmp_path, monkeypatch, signed_in):
    org = testing.make_org()
    steward = signed_in(testing.make_user(org, Role.DATA_STEWARD))
    path = _write_file(tmp_path)
    _upload(steward, path)
    _fail_on_batch(monkeypatch, 2)
    _work()
    monkeypatch.undo()
    first = Submission.objects.get()
    assert first.status == Submission.Status.INTERRUPTED
    response = _upload(steward, path)
    assert response["Location"] == f"/en/submissions/{first.pk}/"
    _work()
    _assert_whole(org)


def test_an_import_at_work_is_not_offered_to_resume(tmp_path, monkeypatch, signed_in):
    org = testing.make_org()
    steward = signed_in(testing.make_user(org, Role.DATA_STEWARD))
    _interrupted_by_the_command(tmp_path, monkeypatch, org)
    submission = Submission.objects.get()
    Submission.objects.filter(pk=submission.pk).update(
        status=Submission.Status.RUNNING, runner=testing.runner_name("this process"),
        heartbeat_at=timezone.now())
    assert "Resume the import" not in steward.get(
        f"/en/submissions/{submission.pk}/").content.decode()
    answer = steward.post(f"/en/submissions/{submission.pk}/resume/", follow=True)
    assert "This import is not stopped: nothing to resume." in answer.content.decode()
    assert Submission.objects.get().status == Submission.Status.RUNNING
    assert not AuditEntry.objects.filter(action="submission.resume").exists()


def test_the_api_answers_503_and_the_same_request_sent_again_stores_each_record_once(
        monkeypatch, signed_in):
    steward = testing.make_user(testing.make_org(), Role.DATA_STEWARD)
    token = actions.create_token(steward, "test", ["org:submission:manage"])[1]
    records = [{"source_record_id": f"A-{n}", "opened_on": "2024-01-05"} for n in range(3)]

    def send():  # type: ignore[no-untyped-def]
        return Client().post("/api/v1/submissions/case", {"mode": "store_valid",
                                                          "records": records},
                             content_type="application/json",
                             headers={"Authorization": f"Bearer {token}",
                                      "Idempotency-Key": "retry-me"})

    _fail_on_batch(monkeypatch, 1)
    refused = send()
    assert refused.status_code == 503 and "send the same request again" in refused.json()[
        "detail"]
    assert not Case.objects.exists()
    # A call keeps no file to resume from: its submission ends, saying why, with no Resume.
    failed = Submission.objects.get()
    assert failed.status == Submission.Status.FAILED
    page = signed_in(steward).get(f"/en/submissions/{failed.pk}/").content.decode()
    assert "nothing of them is stored" in page and "Resume the import" not in page
    monkeypatch.undo()
    answer = send()
    assert answer.status_code == 200 and answer.json()["stored"] == 3
    assert Case.objects.count() == 3
