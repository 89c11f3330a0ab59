"""A corpus of bad files: each gets a clear message and leaves the database as it was."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lantern import testing
from lantern.cases.models import Case
from lantern.submissions.models import RowError

pytestmark = pytest.mark.django_db

HEADER = "source_record_id,opened_on,trafficking_status\n"


def _run(path: Path, org, mode: str = "all_or_nothing") -> str:
    out = io.StringIO()
    call_command("import", str(path), "--org", org.code, "--entity", "case", "--mode", mode,
                 stdout=out)
    return out.getvalue()


def _xlsx_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "0" * (300 * 1024 * 1024))


FILE_ERRORS = {
    "empty.csv": (lambda p: p.write_bytes(b""), "empty"),
    "header_only.csv": (lambda p: p.write_text(HEADER), "header row but no data"),
    "binary.csv": (lambda p: p.write_bytes(b"\x7fELF\x02\x01\x01\x00" * 100), "not a text"),
    "undecodable.csv": (lambda p: p.write_bytes(HEADER.encode() + b"A-1,2024-01-05,\x81\x8d\n"),
                        "neither UTF-8 nor Windows-1252"),
    "repeated_header.csv": (lambda p: p.write_text("source_record_id,opened_on,opened_on\n"
                                                   "A-1,2024-01-05,2024-01-06\n"), "appears twice"),
    "bomb.xlsx": (_xlsx_bomb, "too much data"),
    "not_a_zip.xlsx": (lambda p: p.write_bytes(b"just text"), "not a valid XLSX"),
}


@pytest.mark.parametrize("name", sorted(FILE_ERRORS))
def test_files_that_cannot_be_read_are_refused_whole(tmp_path, name):
    org = testing.make_org()
    make, message = FILE_ERRORS[name]
    path = tmp_path / name
    make(path)
    with pytest.raises(CommandError, match=message):
        _run(path, org, mode="store_valid")
    assert not Case.objects.filter(organization=org).exists()


ROW_ERRORS = {
    "huge_cell": (HEADER + "A-1,2024-01-05," + "x" * 10_000_000 + "\n", "unreadable_row"),
    "ragged": (HEADER + "A-1,2024-01-05\n", "unreadable_row"),
    "same_id_with_spaces": (HEADER + "A-1,2024-01-05,possible\n A-1 ,2024-01-06,possible\n",
                            "duplicate_in_file"),
    "formula_hyperlink": (HEADER + 'A-1,2024-01-05,"=HYPERLINK(""http://evil"")"\n',
                          "unreadable_row"),
    "formula_cmd": (HEADER + "A-1,2024-01-05,=CMD|'/C calc'!A0\n", "unreadable_row"),
    "day_first_date": (HEADER + "A-1,05/01/2024,possible\n", "date_from_datetime_parsing"),
    "future_date": (HEADER + "A-1,2999-01-05,possible\n", "value_error"),
    "unknown_code": (HEADER + "A-1,2024-01-05,probable\n", "unknown_code"),
    "duplicate_ids": (HEADER + "A-1,2024-01-05,possible\nA-1,2024-01-06,possible\n",
                      "duplicate_in_file"),
}


@pytest.mark.parametrize("name", sorted(ROW_ERRORS))
def test_bad_rows_get_a_reason_and_nothing_is_stored(tmp_path, name):
    org = testing.make_org()
    content, code = ROW_ERRORS[name]
    path = tmp_path / f"{name}.csv"
    path.write_text(content)
    _run(path, org)
    assert RowError.objects.filter(code=code).exists(), list(
        RowError.objects.values_list("code", "message"))
    assert not Case.objects.filter(organization=org).exists()


def test_iso_dates_with_a_time_and_an_xlsx_with_date_cells_are_read(tmp_path):
    import datetime as dt

    import openpyxl

    org = testing.make_org()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["source_record_id", "opened_on", "exploitation_types"])
    # Spreadsheet date cells carry no time zone.
    sheet.append(["X-1", dt.datetime(2024, 3, 5), "forced_labour;sexual_exploitation"])  # noqa: DTZ001
    book.save(tmp_path / "cases.xlsx")
    assert "1 stored" in _run(tmp_path / "cases.xlsx", org)
    assert Case.objects.get(organization=org).opened_on == dt.date(2024, 3, 5)


def test_json_lines_are_read(tmp_path):
    org = testing.make_org()
    path = tmp_path / "cases.jsonl"
    path.write_text('{"source_record_id": "J-1", "opened_on": "2024-01-05", '
                    '"exploitation_types": ["forced_labour"]}\n\nnot json\n')
    output = _run(path, org, mode="store_valid")
    assert "1 stored" in output and "1 rejected" in output


def test_a_bad_row_late_in_a_file_does_not_stop_the_others(tmp_path):
    org = testing.make_org()
    lines = [f"L-{n:04d},2024-01-05,possible" for n in range(1200)]
    lines[900] = "L-0900,2024-01-05," + "x" * 2_000_000
    path = tmp_path / "late.csv"
    path.write_text(HEADER + "\n".join(lines) + "\n")
    output = _run(path, org, mode="store_valid")
    assert "1199 stored" in output and "1 rejected" in output
    assert RowError.objects.get().row_number == 901


def test_an_xlsx_row_with_cells_beyond_the_header_is_reported(tmp_path):
    import openpyxl

    org = testing.make_org()
    book = openpyxl.Workbook()
    book.active.append(["source_record_id", "opened_on"])
    book.active.append(["X-1", "2024-01-05", "lost?"])
    book.save(tmp_path / "extra.xlsx")
    _run(tmp_path / "extra.xlsx", org)
    assert "beyond the last named column" in RowError.objects.get().message


def test_all_or_nothing_reports_a_row_refused_only_when_written(tmp_path):
    org = testing.make_org()
    (tmp_path / "c.csv").write_text(HEADER + "C-1,2024-01-05,possible\n")
    _run(tmp_path / "c.csv", org)
    charges = tmp_path / "charges.csv"
    charges.write_text("source_record_id,case_source_record_id,accused_source_record_id,code\n"
                       "G-1,C-1,,cc_279.01\nG-2,C-1,NOBODY,cc_279.01\n")
    call_command("import", str(charges), "--org", org.code, "--entity", "charge", "--mode",
                 "all_or_nothing", stdout=io.StringIO())
    from lantern.cases.models import Charge

    assert not Charge.objects.exists()
    assert RowError.objects.get(code="unknown_person").row_number == 2


def test_a_source_id_already_used_outside_submissions_is_a_row_error(tmp_path, trio):
    from lantern.cases import actions as case_actions
    from lantern.standard.schemas import CaseSchema

    case_actions.open_case(trio.owner, CaseSchema.model_validate(
        {"opened_on": "2024-01-01", "source_record_id": "TPS-9"}))
    path = tmp_path / "c.csv"
    path.write_text(HEADER + "TPS-9,2024-01-05,possible\nTPS-10,2024-01-05,possible\n")
    output = _run(path, trio.org, mode="store_valid")
    assert "1 stored" in output and "1 rejected" in output
    assert RowError.objects.get().code == "conflict"


def test_a_number_is_not_a_date_and_the_kept_copy_is_removed_when_done(tmp_path):
    from lantern.submissions.models import Submission

    org = testing.make_org()
    path = tmp_path / "n.csv"
    path.write_text(HEADER + "N-1,86400,possible\n")
    _run(path, org)
    assert RowError.objects.get().field == "opened_on"
    submission = Submission.objects.get()
    assert submission.file_path and not Path(submission.file_path).exists()
