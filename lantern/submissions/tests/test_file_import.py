"""Importing files: every row stored or returned with a reason, nothing twice, nothing lost."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from lantern import testing
from lantern.cases.models import Case, Person
from lantern.submissions.models import RowError, SourceRecord, Submission

pytestmark = pytest.mark.django_db

CASE_HEADER = ["source_record_id", "opened_on", "status", "trafficking_status",
               "exploitation_types", "narrative"]


def _write(path: Path, header: list[str], rows: list[list[str]], *, encoding: str = "utf-8",
           delimiter: str = ",") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _import(path: Path, org, *extra: str) -> str:
    out = io.StringIO()
    call_command("import", str(path), "--org", org.code, *extra, stdout=out)
    return out.getvalue()


def test_cases_then_people_are_stored_and_a_second_run_stores_nothing_twice(tmp_path):
    org = testing.make_org("police_service", "ON")
    cases = _write(tmp_path / "cases.csv", CASE_HEADER, [
        ["TPS-1", "2024-01-05", "open", "possible", "sexual_exploitation", "Met online."],
        ["TPS-2", "2024-02-10", "open", "actual", "forced_labour;sexual_exploitation", ""],
    ])
    assert "2 stored" in _import(cases, org, "--entity", "case")
    people = _write(tmp_path / "people.csv", [
        "source_record_id", "case_source_record_id", "role", "given_name", "family_name",
        "sex", "age_group"], [["P-1", "TPS-1", "victim", "Lise", "Fictive", "female", "18_24"],
                              ["P-2", "TPS-2", "accused", "Marc", "Fictif", "male", "25_34"]])
    assert "2 stored" in _import(people, org, "--entity", "person")
    assert Case.objects.filter(organization=org).count() == 2
    assert Person.objects.filter(case__organization=org).count() == 2
    second = _import(cases, org, "--entity", "case")
    assert "0 stored, 2 unchanged" in second
    assert Case.objects.filter(organization=org).count() == 2


def test_a_changed_record_updates_and_keeps_its_history(tmp_path):
    org = testing.make_org()
    _import(_write(tmp_path / "a.csv", CASE_HEADER,
                   [["X-1", "2024-01-05", "open", "possible", "", ""]]), org, "--entity", "case")
    _import(_write(tmp_path / "b.csv", CASE_HEADER,
                   [["X-1", "2024-01-05", "open", "actual", "", ""]]), org, "--entity", "case")
    case = Case.objects.get(organization=org)
    assert case.trafficking_status == "actual"
    source = SourceRecord.objects.get(organization=org, source_record_id="X-1")
    assert source.version == 2 and source.versions.count() == 2


def test_every_bad_row_gets_its_row_field_and_reason(tmp_path):
    org = testing.make_org()
    path = _write(tmp_path / "bad.csv", CASE_HEADER, [
        ["OK-1", "2024-01-05", "open", "possible", "", ""],
        ["", "2024-01-05", "open", "possible", "", ""],
        ["BAD-2", "05/01/2024", "open", "possible", "", ""],
        ["BAD-3", "2999-01-01", "open", "possible", "", ""],
        ["BAD-4", "2024-01-05", "open", "maybe", "", ""],
        ["OK-1", "2024-01-06", "open", "possible", "", ""],
        ["BAD-6", "2024-01-05", "open", "possible", "", "=HYPERLINK(\"http://x\")"],
    ])
    output = _import(path, org, "--entity", "case", "--errors", str(tmp_path / "errors.csv"))
    assert "1 stored" in output and "6 rejected" in output
    errors = {e.row_number: (e.field, e.code) for e in RowError.objects.all()}
    assert errors[2][0] == "source_record_id"
    assert errors[3] == ("opened_on", "date_from_datetime_parsing")
    assert errors[4][0] == "opened_on"
    assert errors[5][0] == "trafficking_status"
    assert errors[6][1] == "duplicate_in_file"
    assert errors[7][1] == "unreadable_row"
    report = (tmp_path / "errors.csv").read_text()
    assert "row" in report.splitlines()[0] and "already appears at row 1" in report


def test_all_or_nothing_stores_nothing_when_one_row_fails(tmp_path):
    org = testing.make_org()
    path = _write(tmp_path / "c.csv", CASE_HEADER, [
        ["A-1", "2024-01-05", "open", "possible", "", ""],
        ["A-2", "not a date", "open", "possible", "", ""],
    ])
    _import(path, org, "--entity", "case", "--mode", "all_or_nothing")
    assert not Case.objects.filter(organization=org).exists()
    submission = Submission.objects.get()
    assert submission.rows_stored == 0 and submission.errors.count() == 1


def test_encodings_and_delimiters(tmp_path):
    org = testing.make_org()
    rows = [["É-1", "2024-01-05", "open", "possible", "", "Rencontrée à Montréal"]]
    for name, encoding, delimiter in (("bom.csv", "utf-8-sig", ","),
                                      ("win.csv", "cp1252", ";"),
                                      ("tab.csv", "utf-8", "\t")):
        _write(tmp_path / name, CASE_HEADER, rows, encoding=encoding, delimiter=delimiter)
        output = _import(tmp_path / name, org, "--entity", "case")
        assert "rejected of 1 rows" in output and "0 rejected" in output, (name, output)
    assert SourceRecord.objects.get(organization=org).source_record_id == "É-1"


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00binary", "not a text file"),
])
def test_unreadable_files_are_refused_and_nothing_changes(tmp_path, content, message):
    org = testing.make_org()
    path = tmp_path / "file.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        _import(path, org, "--entity", "case")
    assert not Case.objects.filter(organization=org).exists()


def test_people_of_an_unknown_case_are_rejected(tmp_path):
    org = testing.make_org()
    path = _write(tmp_path / "p.csv", ["source_record_id", "case_source_record_id", "role"],
                  [["P-9", "NOPE", "victim"]])
    assert "1 rejected" in _import(path, org, "--entity", "person")
    assert RowError.objects.get().code == "unknown_case"


def test_identities_arrive_sealed(tmp_path):
    org = testing.make_org()
    _import(_write(tmp_path / "c.csv", CASE_HEADER,
                   [["S-1", "2024-01-05", "open", "possible", "", ""]]), org, "--entity", "case")
    _import(_write(tmp_path / "p.csv", ["source_record_id", "case_source_record_id", "role",
                                        "given_name", "family_name", "phone"],
                   [["S-P", "S-1", "victim", "Ghislaine", "Nouvelle-Fictive",
                     "613-555-0190"]]), org, "--entity", "person")
    with connection.cursor() as cursor:
        dump = ""
        for table in ("cases_person", "submissions_sourcerecordversion", "audit_auditentry",
                      "submissions_rowerror"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed names
            dump += str(cursor.fetchall())
    # The phone's last seven digits, not four: "0190" turns up in timestamps and hashes.
    assert "Ghislaine" not in dump and "Nouvelle-Fictive" not in dump and "5550190" not in dump


def test_reasons_come_in_the_submitters_language(tmp_path):
    org = testing.make_org()
    path = _write(tmp_path / "fr.csv", CASE_HEADER,
                  [["F-1", "2024-01-05", "closed", "possible", "", ""],
                   ["F-2", "2024-01-05", "open", "peut-être", "", ""]])
    _import(path, org, "--entity", "case", "--language", "fr")
    messages = sorted(RowError.objects.values_list("message", flat=True))
    assert "Ce n'est pas un code du vocabulaire trafficking_status." in messages
    assert "un dossier fermé doit indiquer sa date de fermeture" in messages
