"""Encoded identities sent through the platform's submission channel (privacy-preserving mode).

An organization that may not send names runs ``lantern encode`` on its own person file (the
``person`` template of the submissions) before sending it. Every identifying column is then
replaced by one ``identity_encoding`` column: a JSON object of the keyed Bloom filters and
tokens of ``bloom.Encoder``, keyed by the columns of a file written by ``lantern encode``.
The hub stores it sealed, like an identity, and links encoded people with the encoded model;
it never holds the key, so it never sees the names behind them.

This module checks an encoding as it arrives (``parse``), puts the platform's encoded people
into the compared form the model reads (``load_rows``), and encodes a submission file on the
provider's side (``encode_submission_file``).
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lantern.linkage import bloom
from lantern.linkage.columns import IDENTITY_COLUMNS, PEOPLE_COLUMNS

if TYPE_CHECKING:  # DuckDB and Arrow load when a run or an encoding needs them, not with
    import duckdb  # the submissions that only check an encoding (``parse``).

    from lantern.submissions.readers import Row

COLUMN = "identity_encoding"
COLUMNS = bloom.encoded_columns()
# A submission's identifying columns and the column of a people file each one fills: the
# identity's, the sex, and where the person lives (not columns of the person template: a
# provider may add them so they are encoded too).
SUBMISSION_COLUMNS = {
    **IDENTITY_COLUMNS,
    "sex": "sex",
    "city": "city",
    "province": "province",
    "postal_code": "postal_code",
}
MAX_LENGTH = 8_000

_TOKEN = "[0-9a-f]{%s}" % (bloom.TOKEN_BYTES * 2)


def _patterns() -> dict[str, re.Pattern[str]]:
    """The form of each field of an encoding: the key's fingerprint, hexadecimal tokens (a
    list for names' forms), and Bloom filters of ``bloom.BITS`` bits in hexadecimal."""
    patterns = {KEY_FIELD: re.compile(f"[0-9a-f]{{{bloom.KEY_ID_LENGTH}}}")}
    for field, (kind, _group) in bloom.ENCODED_FIELDS.items():
        patterns[f"{field}_token"] = re.compile(
            f"{_TOKEN}( {_TOKEN})*" if kind == "tokens" else _TOKEN)
        if kind == "bloom":
            patterns[f"{field}_bloom"] = re.compile("[0-9a-f]{%s}" % (bloom.BITS // 4))
    return patterns


KEY_FIELD = "key"
_PATTERNS = _patterns()
# A flat JSON object of lower-case names and hexadecimal strings: checked before the text is
# parsed, so that nothing else (nesting deep enough to exhaust the parser) reaches it.
_SHAPE = re.compile(r'\{"[a-z0-9_]+":"[0-9a-f ]+"(,"[a-z0-9_]+":"[0-9a-f ]+")*\}')


class EncodingError(ValueError):
    """A value that is not an encoding written by ``lantern encode``."""


def parse(text: str) -> dict[str, str]:
    """The encoded fields of ``text``; EncodingError (without the value) if it is not one."""
    if len(text) > MAX_LENGTH:
        raise EncodingError("too long for an encoding")
    if not _SHAPE.fullmatch(text):
        raise EncodingError("not a flat JSON object of encoded fields")
    data = json.loads(text)
    if KEY_FIELD not in data or len(data) < 2:
        raise EncodingError("no key fingerprint, or nothing encoded")
    for name, value in data.items():
        pattern = _PATTERNS.get(name)
        if pattern is None:
            raise EncodingError(f"unknown field {name!r}")
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise EncodingError(f"{name} is not in the form lantern encode writes")
    return data


def dumps(encoder: bloom.Encoder, encoded: dict[str, str]) -> str:
    """One encoding as sent: the fingerprint of the key that made it and the non-empty
    fields, in a fixed order, compact; empty when nothing was encoded."""
    given = {name: value for name, value in encoded.items() if value}
    if not given:
        return ""
    return json.dumps({KEY_FIELD: encoder.key_id, **given}, separators=(",", ":"), sort_keys=True)


def key_of(encoding: dict[str, str]) -> str:
    """The fingerprint of the key an encoding was made with: encodings of different keys
    never agree, so they are linked apart."""
    return encoding[KEY_FIELD]


def compared_select() -> str:
    """The select list turning the columns of an encoded file into the model's compared form."""
    select = ["row_number() OVER () AS unique_id", "record_id", "nullif(source, '') AS source"]
    for name, (kind, _group) in bloom.ENCODED_FIELDS.items():
        token = f"nullif({name}_token, '')"
        if kind == "tokens":
            select.append(f"string_split({token}, ' ') AS {name}")
            continue
        select.append(f"{token} AS {name}")
        if kind == "bloom":
            select.append(f"unhex(nullif({name}_bloom, ''))::BIT AS {name}_bf")
    return ", ".join(select)


def load_rows(con: duckdb.DuckDBPyConnection, rows: Iterable[dict[str, str]],
              table: str) -> None:
    """Encoded people given as ``record_id``, ``source`` and the encoded columns, into
    ``table`` in the compared form."""
    import pyarrow as pa

    names = ["record_id", "source", *COLUMNS]
    data: dict[str, list[str]] = {name: [] for name in names}
    for row in rows:
        for name in names:
            data[name].append(row.get(name) or "")
    schema = pa.schema([(name, pa.string()) for name in names])
    con.register("lantern_encoded_input", pa.table(data, schema=schema))
    con.execute(f"CREATE OR REPLACE TABLE {table} AS "
                f"SELECT {compared_select()} FROM lantern_encoded_input")
    con.unregister("lantern_encoded_input")


# ---- The provider's side: encoding a person submission file -------------------------------

def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _columns() -> tuple[list[str], set[str]]:
    """The columns an encoded person file keeps (a person record's, but the identity), and
    the identifying columns it may have instead (the identity's, and where the person lives)."""
    from lantern.submissions.records import PersonRecord

    # ``sex`` stays in clear as well: statistics need it, and it is one of a few codes.
    identifying = set(SUBMISSION_COLUMNS) - {"sex"}
    kept = [name for name in PersonRecord.model_fields if name not in identifying | {COLUMN}]
    return kept, identifying


def is_submission_file(path: Path) -> bool:
    """Whether ``path`` is a person file of the submissions (its header names
    ``source_record_id``) rather than a people file of ``lantern link`` (always CSV)."""
    from lantern.submissions.readers import FileRejected, detect_encoding, header_key

    if path.suffix.lower() in (".xlsx", ".jsonl", ".ndjson"):
        return True
    try:
        with path.open(encoding=detect_encoding(path), newline="") as handle:
            first = next(csv.reader([handle.readline()]), [])
    except (FileRejected, OSError, UnicodeDecodeError, csv.Error):
        return False
    return "source_record_id" in {header_key(cell) for cell in first}


def encode_submission_file(path: Path, key: bytes, out: Path) -> tuple[int, int]:
    """Write ``out``: the person file at ``path`` with its identifying columns replaced by
    ``identity_encoding``; returns (rows written, rows with an encoding).

    Any file the submissions read will do (CSV, XLSX, JSON Lines), with the columns of the
    ``person`` template (no mapping is applied: a column it does not know could hold a name,
    so the file is refused). Every row is checked as the hub would check it, so that no
    identity is encoded that the hub would have refused in clear; the file is written only
    when every row passes, in full or not at all."""
    import duckdb

    from lantern.linkage.standardize import standardize
    from lantern.submissions.ingest import validate
    from lantern.submissions.readers import FileRejected, read_rows

    if out.resolve() == path.resolve():
        raise EncodingError("--out must not be the file being encoded")
    kept, identifying = _columns()
    known = set(kept) | identifying

    def rows() -> Iterator[Row]:
        try:
            for row in read_rows(path):
                if row.problem:
                    raise EncodingError(f"row {row.number}: {row.problem}")
                yield row
        except FileRejected as error:
            raise EncodingError(str(error)) from None

    con = duckdb.connect()
    problems: list[str] = []
    total = 0
    for batch in _batches(rows(), 50_000):
        for row in batch:
            _check_row(row, known, validate, problems)
        if len(problems) >= 20:
            break
        total += _load_people(con, batch, first_id=total + 1)
    if problems:
        raise EncodingError(
            "the file is not a valid person file; nothing was encoded:\n" + "\n".join(problems[:20])
        )
    if not total:
        raise EncodingError("the file holds no rows")
    standardize(con, "raw_people", "lantern_people")
    encoder = bloom.Encoder(key)
    fields = list(bloom.ENCODED_FIELDS)
    cursor = con.cursor()
    cursor.execute(f"SELECT record_id, {', '.join(fields)} FROM lantern_people ORDER BY unique_id")
    written = encoded_rows = 0
    partial = out.with_name(f".{out.name}.partial")
    try:
        with partial.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow([*kept, COLUMN])
            for row in rows():
                standardized = cursor.fetchone()
                values = row.values
                if standardized is None or (standardized[0] or "") != _text(
                    values.get("source_record_id")
                ):
                    raise EncodingError("the file changed while it was being encoded")
                encoded = ""
                if any(_text(values.get(name)) for name in identifying):
                    encoded = dumps(
                        encoder, encoder.encode(dict(zip(fields, standardized[1:], strict=True)))
                    )
                encoded_rows += bool(encoded)
                writer.writerow([_text(values.get(name)) for name in kept] + [encoded])
                written += 1
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return written, encoded_rows


def _batches(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    rows = iter(rows)
    return iter(lambda: list(itertools.islice(rows, size)), [])


def _check_row(
    row: Row, known: set[str], validate: Callable[..., Any], problems: list[str]
) -> None:
    """Add to ``problems`` what is wrong with ``row``, without repeating its values."""
    from lantern.submissions.readers import Row

    if COLUMN in row.values:
        raise EncodingError(f"the file is already encoded: it has an {COLUMN} column")
    unknown = sorted(set(row.values) - known)
    if unknown:
        raise EncodingError(
            f"column(s) {', '.join(unknown)} are not columns of the person template; "
            "rename them to the template's names (lantern encode applies no mapping) or "
            "remove them"
        )
    if "source_record_id" not in row.values:
        raise EncodingError(
            "not a person file of the submissions: it has no source_record_id column"
        )
    record_values = {
        name: value
        for name, value in row.values.items()
        if name not in ("city", "province", "postal_code")
    }
    _record, reasons = validate("person", Row(row.number, record_values))
    for field, _code, message in reasons:
        problems.append(f"row {row.number}, {field or 'row'}: {message}")


def _load_people(con: duckdb.DuckDBPyConnection, rows: list[Row], first_id: int) -> int:
    """Append ``rows`` to ``raw_people``, in the layout of ``lantern link``."""
    import pyarrow as pa

    con.execute(
        "CREATE TABLE IF NOT EXISTS raw_people (unique_id BIGINT, "
        + ", ".join(f"{name} VARCHAR" for name in PEOPLE_COLUMNS)
        + ")"
    )
    chunk: dict[str, list[object]] = {
        "unique_id": list(range(first_id, first_id + len(rows))),
        "record_id": [_text(row.values.get("source_record_id")) or None for row in rows],
        "source": [None] * len(rows),
    }
    for name, column in SUBMISSION_COLUMNS.items():
        chunk[column] = [_text(row.values.get(name)) or None for row in rows]
    ordered = {name: chunk.get(name, [None] * len(rows)) for name in ("unique_id", *PEOPLE_COLUMNS)}
    con.register("lantern_chunk", pa.table(ordered))
    con.execute("INSERT INTO raw_people SELECT * FROM lantern_chunk")
    con.unregister("lantern_chunk")
    return len(rows)
