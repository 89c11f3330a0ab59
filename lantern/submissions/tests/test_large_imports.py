"""Large files take the bulk write path (COPY on PostgreSQL, executemany on SQLite) and keep
every guarantee of the engine: exactly the file's rows, nothing twice, the history of updated
records, every rejected row reported, nothing stored from an all-or-nothing file with a bad
row, and every sealed value opening for its own row."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import os
import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from lantern import testing
from lantern.audit.models import AuditEntry
from lantern.cases.actions import open_case
from lantern.cases.models import Case, CaseCode
from lantern.standard.schemas import CaseSchema
from lantern.submissions import ingest, writers
from lantern.submissions.actions import start_file_submission
from lantern.submissions.ingest import BATCH_SIZE
from lantern.submissions.models import QuarantinedRow, RowError, SourceRecord, Submission
from lantern.submissions.readers import read_rows
from lantern.submissions.records import CaseRecord

pytestmark = pytest.mark.django_db
ROWS = 5000
HEADER = ["source_record_id", "opened_on", "status", "trafficking_status",
          "exploitation_types", "methods_of_control", "narrative"]


def _row(n: int, trafficking_status: str = "possible") -> list[str]:
    return [f"L-{n:05d}", "2024-01-05", "open", trafficking_status,
            "forced_labour;sexual_exploitation" if n % 2 else "forced_labour",
            "threats" if n % 3 == 0 else "", f"Fictional narrative {n}" if n % 4 else ""]


def _codes(n: int) -> int:
    return (2 if n % 2 else 1) + (1 if n % 3 == 0 else 0)


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def _import(path: Path, org, *extra: str) -> str:
    out = io.StringIO()
    call_command("import", str(path), "--org", org.code, "--entity", "case", *extra, stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_it_stores_exactly_the_rows_of_a_large_file_once(tmp_path, settings):
    # Committed for real (transaction=True), so batches after the first are written by the
    # engine's writer thread on its own connection.
    org = testing.make_org()
    path = _write(tmp_path / "cases.csv", [_row(n) for n in range(ROWS)])
    assert f"{ROWS} stored, 0 unchanged, 0 rejected of {ROWS} rows" in _import(path, org)
    cases = dict(Case.objects.filter(organization=org).values_list("source_record_id", "id"))
    assert sorted(cases) == [f"L-{n:05d}" for n in range(ROWS)]
    # Time-ordered ids (docs/decisions/0009), made in the order of the file's rows.
    ids = [cases[source_id] for source_id in sorted(cases)]
    assert {pk.version for pk in ids} == {7} and ids == sorted(ids)
    sources = SourceRecord.objects.filter(organization=org, entity="case")
    assert {s.source_record_id: s.target_id for s in sources} == cases
    assert {s.version for s in sources} == {1}
    assert sum(s.versions.count() for s in sources.prefetch_related("versions")) == ROWS
    assert CaseCode.objects.filter(case__organization=org).count() == sum(
        _codes(n) for n in range(ROWS))
    assert len(set(Case.objects.filter(organization=org).values_list("reference", flat=True))
               ) == ROWS
    batches = AuditEntry.objects.filter(action="submission.batch").order_by("at")
    assert [entry.changes["rows"] for entry in batches] == [
        [start + 1, min(start + BATCH_SIZE, ROWS)] for start in range(0, ROWS, BATCH_SIZE)]

    assert f"0 stored, {ROWS} unchanged, 0 rejected" in _import(path, org)
    assert Case.objects.filter(organization=org).count() == ROWS
    assert CaseCode.objects.filter(case__organization=org).count() == sum(
        _codes(n) for n in range(ROWS))

    # Narratives and versions are sealed, and each opens for its own row: rotating the keys
    # opens every one of them.
    with connection.cursor() as cursor:
        cursor.execute("SELECT narrative_sealed FROM cases_case")
        assert not any("Fictional" in value for (value,) in cursor.fetchall())
    new_key = base64.b64encode(os.urandom(32)).decode()
    settings.LANTERN_DATA_KEY = f"k7:{new_key},{settings.LANTERN_DATA_KEY}"
    out = io.StringIO()
    call_command("rotatekeys", stdout=out)
    assert f"'cases.Case.narrative_sealed': {ROWS - ROWS // 4}" in out.getvalue()
    assert f"'submissions.SourceRecordVersion.data_sealed': {ROWS}" in out.getvalue()


def test_new_and_changed_rows_together_keep_each_records_history(tmp_path):
    org = testing.make_org()
    _import(_write(tmp_path / "first.csv", [_row(n) for n in range(3000)]), org)
    # Rows 2000-2499 changed, 2500-2999 as before, 3000-4999 new.
    second = [_row(n, "actual") for n in range(2000, 2500)] + [
        _row(n) for n in range(2500, ROWS)]
    output = _import(_write(tmp_path / "second.csv", second), org)
    assert "2500 stored, 500 unchanged, 0 rejected of 3000 rows" in output
    assert Case.objects.filter(organization=org).count() == ROWS
    changed = SourceRecord.objects.get(organization=org, source_record_id="L-02001")
    assert changed.version == 2 and changed.versions.count() == 2
    case = Case.objects.get(pk=changed.target_id)
    assert case.trafficking_status == "actual"
    assert sorted(case.codes_of("exploitation_type")) == ["forced_labour",
                                                         "sexual_exploitation"]
    for source_id in ("L-02999", "L-04000"):
        source = SourceRecord.objects.get(organization=org, source_record_id=source_id)
        assert source.version == 1 and source.versions.count() == 1
    assert CaseCode.objects.filter(case__organization=org).count() == sum(
        _codes(n) for n in range(ROWS))


def test_every_rejected_row_of_a_large_file_is_reported(tmp_path):
    org = testing.make_org()
    rows = [_row(n) for n in range(ROWS)]
    for n in range(999, ROWS, 1000):
        rows[n][1] = "05/01/2024"
    rows[4500][0] = rows[10][0]
    path = _write(tmp_path / "cases.csv", rows)
    output = _import(path, org, "--errors", str(tmp_path / "errors.csv"))
    assert f"{ROWS - 6} stored, 0 unchanged, 6 rejected of {ROWS} rows" in output
    assert Case.objects.filter(organization=org).count() == ROWS - 6
    errors = dict(RowError.objects.values_list("row_number", "code"))
    assert errors == {1000: "date_from_datetime_parsing", 2000: "date_from_datetime_parsing",
                      3000: "date_from_datetime_parsing", 4000: "date_from_datetime_parsing",
                      5000: "date_from_datetime_parsing", 4501: "duplicate_in_file"}
    assert QuarantinedRow.objects.count() == 6
    report = (tmp_path / "errors.csv").read_text().splitlines()
    assert len(report) == 7 and report[1].startswith("1000,L-00999,opened_on,")


def test_all_or_nothing_stores_nothing_for_one_bad_row_then_everything(tmp_path):
    org = testing.make_org()
    rows = [_row(n) for n in range(ROWS)]
    rows[-1][3] = "maybe"
    output = _import(_write(tmp_path / "bad.csv", rows), org, "--mode", "all_or_nothing")
    assert f"0 stored, 0 unchanged, 1 rejected of {ROWS} rows" in output
    assert not Case.objects.filter(organization=org).exists()
    assert not SourceRecord.objects.filter(organization=org).exists()
    rows[-1][3] = "possible"
    output = _import(_write(tmp_path / "good.csv", rows), org, "--mode", "all_or_nothing")
    assert f"{ROWS} stored, 0 unchanged, 0 rejected of {ROWS} rows" in output
    assert Case.objects.filter(organization=org).count() == ROWS
    assert SourceRecord.objects.filter(organization=org).count() == ROWS


def test_a_case_entered_on_the_pages_with_the_same_source_id_is_a_row_error(tmp_path):
    org = testing.make_org()
    steward = testing.make_user(org)
    open_case(steward, CaseSchema(source_record_id="L-00042", opened_on="2024-01-05"))
    output = _import(_write(tmp_path / "cases.csv", [_row(n) for n in range(ROWS)]), org)
    assert f"{ROWS - 1} stored, 0 unchanged, 1 rejected" in output
    assert RowError.objects.get().code == "conflict"
    assert Case.objects.filter(organization=org).count() == ROWS
    assert Submission.objects.get().status == Submission.Status.DONE


def test_a_resumed_import_still_finds_source_ids_sent_before_the_checkpoint(tmp_path):
    # As after a kill: the rows up to the checkpoint were decided by the first run. Their
    # source ids are remembered (in chunks of a batch), so later rows repeating them are
    # still reported with the row that first carried them.
    org = testing.make_org()
    rows = [_row(n) for n in range(ROWS)]
    rows[4000][0], rows[4500][0] = rows[10][0], rows[2100][0]
    path = _write(tmp_path / "cases.csv", rows)
    submission, _created = start_file_submission(None, org, path, entity="case",
                                                 mode=Submission.Mode.STORE_VALID,
                                                 channel="cli")
    Submission.objects.filter(pk=submission.pk).update(checkpoint=2500)
    submission.refresh_from_db()
    ingest.run(submission, lambda: read_rows(path))
    submission.refresh_from_db()
    assert (submission.rows_stored, submission.rows_rejected) == (ROWS - 2500 - 2, 2)
    assert sorted(RowError.objects.values_list("row_number", "code", "message")) == [
        (4001, "duplicate_in_file", "This source id already appears at row 11 of this file."),
        (4501, "duplicate_in_file",
         "This source id already appears at row 2101 of this file.")]
    assert not Case.objects.filter(organization=org, source_record_id="L-00010").exists()


def test_the_content_hash_of_a_record_is_the_one_earlier_imports_stored(tmp_path):
    # A file sent again is recognized as unchanged by this hash: it must not change from one
    # release to the next, or every record would get a new version.
    org = testing.make_org()
    _import(_write(tmp_path / "cases.csv", [_row(n) for n in range(3)]), org)
    for n in range(3):
        record = CaseRecord.model_validate(dict(zip(HEADER, _row(n), strict=True)))
        canonical = json.dumps(record.model_dump(mode="json"), sort_keys=True)
        stored = SourceRecord.objects.get(organization=org, source_record_id=f"L-{n:05d}")
        assert stored.content_hash == hashlib.sha256(canonical.encode()).hexdigest()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="two batches are written at once only on PostgreSQL")
def test_two_batches_written_at_once_never_draw_the_same_case_reference(tmp_path, monkeypatch):
    # Were two batches written at once to hold the same new reference, and the later one to
    # insert it first, the earlier would wait for the later one's row while the later waits
    # for the earlier to commit: the import would hang until the lock timeout, then fail.
    monkeypatch.setattr(ingest, "BATCH_SIZE", 100)
    real_token_bytes = writers.secrets.token_bytes
    draws = []

    def token_bytes(count: int) -> bytes:
        # The second and third batches (written at once, by the two lanes) both draw
        # C-0000-0000 first, unless told to avoid it.
        if count > 8:
            draws.append(count)
            if len(draws) in (2, 3):
                return bytes(8) + real_token_bytes(count - 8)
        return real_token_bytes(count)

    third_written = threading.Event()
    real_insert = ingest.insert_new_cases

    def insert_third_batch_first(new):
        first = new.batch.records[0].source_record_id
        if first == "L-00100":
            assert third_written.wait(timeout=30), "the third batch was not written"
        real_insert(new)
        if first == "L-00200":
            third_written.set()

    monkeypatch.setattr(writers.secrets, "token_bytes", token_bytes)
    monkeypatch.setattr(ingest, "insert_new_cases", insert_third_batch_first)
    org = testing.make_org()
    path = _write(tmp_path / "cases.csv", [_row(n) for n in range(500)])
    assert "500 stored, 0 unchanged, 0 rejected of 500 rows" in _import(path, org)
    assert third_written.is_set()
    references = list(Case.objects.filter(organization=org).values_list("reference", flat=True))
    assert len(set(references)) == 500 and "C-0000-0000" in references
