"""Reading submitted files as a stream of rows, whatever their encoding or delimiter.

Nothing is loaded whole: CSV and JSON Lines are read line by line, XLSX row by row in
openpyxl's read-only mode. A file that cannot be read as a table raises ``FileRejected``
with a message for the submitter; a row that cannot be read becomes a row error.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

SAMPLE_BYTES = 64 * 1024
MAX_CELL = 100_000
MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_XLSX_RATIO = 100


class FileRejected(Exception):
    """The file as a whole cannot be read; the message says why, in the active language."""


@dataclass
class Row:
    number: int  # 1 = the first data row under the header
    values: dict[str, Any] = field(default_factory=dict)
    problem: str = ""  # set when the row itself cannot be read


def header_key(cell: str) -> str:
    """'opened_on (Opened on / Date d'ouverture)' -> 'opened_on': templates carry labels."""
    return cell.split("(", 1)[0].strip().lstrip("\ufeff").strip().lower().replace(" ", "_")


def detect_encoding(path: Path) -> str:
    """utf-8-sig, utf-8 or cp1252, decided over the whole file (streamed)."""
    with path.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
        if not head:
            raise FileRejected(_("The file is empty."))
        if b"\x00" in head:
            raise FileRejected(_("This is not a text file. Send CSV, XLSX or JSON Lines."))
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
    for encoding in ("utf-8", "cp1252"):
        if _decodes(path, encoding):
            return encoding
    raise FileRejected(_("The file is neither UTF-8 nor Windows-1252 text. Save it as UTF-8."))


def _decodes(path: Path, encoding: str) -> bool:
    """Whether the whole file decodes, streamed a megabyte at a time."""
    decoder = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as handle:
        try:
            for chunk in iter(lambda: handle.read(1024 * 1024), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def read_csv(path: Path) -> Iterator[Row]:
    encoding = detect_encoding(path)
    with path.open("r", encoding=encoding, newline="", errors="strict") as text:
        sample = text.read(SAMPLE_BYTES)
        text.seek(0)
        try:
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        # No limit in the csv module: an oversized cell becomes a row error (see _checked)
        # instead of an exception that would stop the reading mid-file.
        csv.field_size_limit(2**31 - 1)
        reader = csv.reader(text, dialect)
        try:
            header = next(reader)
        except StopIteration:
            raise FileRejected(_("The file is empty.")) from None
        except (csv.Error, UnicodeDecodeError):
            raise FileRejected(_("The first line cannot be read as a header row.")) from None
        keys = [header_key(cell) for cell in header]
        if not any(keys):
            raise FileRejected(_("The first line has no column names."))
        _refuse_repeated(keys)
        yielded = False
        for row in _csv_rows(reader, keys):
            yielded = True
            yield row
        if not yielded:
            raise FileRejected(_("The file has a header row but no data."))


def _csv_rows(reader: Any, keys: list[str]) -> Iterator[Row]:
    number = 0
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            # The csv module cannot go on after a cell larger than its limit.
            raise FileRejected(_("Row %(row)d has a cell larger than %(size)d characters.")
                               % {"row": number, "size": MAX_CELL}) from None
        except UnicodeDecodeError:
            raise FileRejected(_("Row %(row)d is not valid text.") % {"row": number}) from None
        if not any(cell.strip() for cell in cells):
            number -= 1
            continue
        if len(cells) != len(keys):
            # The cells are kept as they came, so the row can be corrected from the report.
            yield Row(number, {f"column_{i + 1}": cell for i, cell in enumerate(cells)},
                      problem=_("This row has %(found)d columns; the header has "
                                "%(expected)d.") % {"found": len(cells), "expected": len(keys)})
            continue
        yield _checked(Row(number, dict(zip(keys, cells, strict=True))))


def _checked(row: Row) -> Row:
    for key, value in row.values.items():
        if not isinstance(value, str):
            continue
        if len(value) > MAX_CELL:
            row.problem = _("The cell %(column)s is longer than %(size)d characters.") % {
                "column": key, "size": MAX_CELL}
        elif "=" in value and value.lstrip().startswith("="):
            row.problem = _("The cell %(column)s holds a formula; formulas are not accepted."
                            ) % {"column": key}
    return row


def read_jsonl(path: Path) -> Iterator[Row]:
    encoding = detect_encoding(path)
    with path.open("r", encoding=encoding) as text:
        number = 0
        for line in text:
            if not line.strip():
                continue
            number += 1
            try:
                value = json.loads(line)
            except json.JSONDecodeError:
                yield Row(number, problem=_("This line is not valid JSON."))
                continue
            if not isinstance(value, dict):
                yield Row(number, problem=_("Each line must be one JSON object."))
                continue
            yield _checked(Row(number, {header_key(str(k)): v for k, v in value.items()}))
        if number == 0:
            raise FileRejected(_("The file has no records."))


def read_xlsx(path: Path) -> Iterator[Row]:
    _refuse_zip_bombs(path)
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise FileRejected(_("This XLSX file cannot be opened.")) from None
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise FileRejected(_("The file is empty."))
        keys = [header_key(str(cell or "")) for cell in header]
        _refuse_repeated(keys)
        number = 0
        if sheet.max_row is not None and sheet.max_row < 2:
            raise FileRejected(_("The file has a header row but no data."))
        for cells in rows:
            if not any(cell not in (None, "") for cell in cells):
                continue
            number += 1
            values = {key: _xlsx_value(cell) for key, cell in zip(keys, cells, strict=False)
                      if key}
            named = keys
            extra = [cell for index, cell in enumerate(cells)
                     if cell not in (None, "") and (index >= len(named) or not named[index])]
            if extra:
                yield Row(number, values, problem=_("This row has cells beyond the last "
                                                    "named column."))
                continue
            yield _checked(Row(number, values))
    finally:
        book.close()


def _refuse_repeated(keys: list[str]) -> None:
    seen: set[str] = set()
    for key in keys:
        if key and key in seen:
            raise FileRejected(_("The column %(column)s appears twice in the header.")
                               % {"column": key})
        seen.add(key)


def _xlsx_value(cell: Any) -> Any:
    if cell is None:
        return ""
    if hasattr(cell, "isoformat"):
        return cell.isoformat()[:10]
    return str(cell) if not isinstance(cell, str) else cell


def _refuse_zip_bombs(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise FileRejected(_("This is not a valid XLSX file.")) from None
    expanded = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members) or 1
    if expanded > MAX_XLSX_UNCOMPRESSED or expanded / packed > MAX_XLSX_RATIO:
        raise FileRejected(_("This XLSX file expands to too much data to be safe to open."))


def read_rows(path: Path) -> Iterator[Row]:
    """Rows of a CSV, XLSX or JSON Lines file, chosen by its name, then by its content."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx(path)
    if suffix in (".jsonl", ".ndjson"):
        return read_jsonl(path)
    with path.open("rb") as handle:
        if handle.read(4) == b"PK\x03\x04" and suffix != ".csv":
            return read_xlsx(path)
    return read_csv(path)


def rows_from_text(text: str) -> Iterator[Row]:
    """For tests and small uploads: rows of CSV text."""
    reader = csv.reader(io.StringIO(text))
    keys = [header_key(cell) for cell in next(reader)]
    return _csv_rows(reader, keys)


def estimate_rows(path: Path) -> int:
    """Rows under the header, counted cheaply, for the progress bar (not for correctness)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        try:
            import openpyxl

            book = openpyxl.load_workbook(path, read_only=True)
            rows = max((book.worksheets[0].max_row or 1) - 1, 0)
            book.close()
            return rows
        except Exception:  # the reader reports a damaged file properly
            return 0
    lines = 0
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            lines += chunk.count(b"\n")
    return lines if suffix in (".jsonl", ".ndjson") else max(lines - 1, 0)
