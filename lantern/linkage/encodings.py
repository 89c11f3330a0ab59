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
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from lantern.linkage import bloom
from lantern.linkage.columns import PEOPLE_COLUMNS

if TYPE_CHECKING:  # DuckDB and Arrow load when a run or an encoding needs them, not with
    import duckdb  # the submissions that only check an encoding (``parse``).

COLUMN = "identity_encoding"
COLUMNS = bloom.encoded_columns()
# A submission's identifying columns and the column of a people file each one fills.
SUBMISSION_COLUMNS = {
    "given_name": "given_name",
    "family_name": "family_name",
    "birth_date": "date_of_birth",
    "sex": "sex",
    "phone": "phone",
    "email": "email",
    "address": "address",
    "document_numbers": "document_number",
    # Not columns of the person template: a provider may add them so they are encoded too.
    "city": "city",
    "province": "province",
    "postal_code": "postal_code",
}
# Columns never written in clear to an encoded submission file (``sex`` stays: statistics
# need it, and it is one of a few codes).
DROPPED = set(SUBMISSION_COLUMNS) - {"sex"}
MAX_LENGTH = 8_000

_TOKEN = "[0-9a-f]{%s}" % (bloom.TOKEN_BYTES * 2)


def _patterns() -> dict[str, re.Pattern[str]]:
    """The form of each encoded column: hexadecimal tokens (a list for names' forms), and
    Bloom filters of ``bloom.BITS`` bits in hexadecimal."""
    patterns = {}
    for field, (kind, _group) in bloom.ENCODED_FIELDS.items():
        patterns[f"{field}_token"] = re.compile(
            f"{_TOKEN}( {_TOKEN})*" if kind == "tokens" else _TOKEN)
        if kind == "bloom":
            patterns[f"{field}_bloom"] = re.compile("[0-9a-f]{%s}" % (bloom.BITS // 4))
    return patterns


_PATTERNS = _patterns()


class EncodingError(ValueError):
    """A value that is not an encoding written by ``lantern encode``."""


def parse(text: str) -> dict[str, str]:
    """The encoded fields of ``text``; EncodingError (without the value) if it is not one."""
    if len(text) > MAX_LENGTH:
        raise EncodingError("too long for an encoding")
    try:
        data = json.loads(text)
    except ValueError:
        raise EncodingError("not JSON") from None
    if not isinstance(data, dict) or not data:
        raise EncodingError("not a JSON object of encoded fields")
    for name, value in data.items():
        pattern = _PATTERNS.get(name)
        if pattern is None:
            raise EncodingError(f"unknown field {name!r}")
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise EncodingError(f"{name} is not in the form lantern encode writes")
    return data


def dumps(encoded: dict[str, str]) -> str:
    """One encoding as sent: its non-empty fields, in a fixed order, compact."""
    return json.dumps({name: value for name, value in encoded.items() if value},
                      separators=(",", ":"), sort_keys=True)


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


def encode_submission_file(path: Path, key: bytes, out: Path,
                           progress: Callable[[str, float], None] | None = None) -> int:
    """Write ``out``: the person file at ``path`` with its identifying columns replaced by
    ``identity_encoding``. Any file the submissions read (CSV, XLSX, JSON Lines) will do;
    the rows keep their order and every other column. Returns the rows written."""
    import duckdb

    from lantern.linkage.standardize import standardize
    from lantern.submissions.readers import FileRejected, read_rows

    def rows() -> Iterator[dict[str, object]]:
        try:
            for row in read_rows(path):
                if row.problem:
                    raise EncodingError(f"row {row.number}: {row.problem}")
                yield row.values
        except FileRejected as error:
            raise EncodingError(str(error)) from None

    con = duckdb.connect()
    total, header = _load_people(con, rows())
    standardize(con, "raw_people", "lantern_people")
    encoder = bloom.Encoder(key)
    fields = list(bloom.ENCODED_FIELDS)
    cursor = con.cursor()
    cursor.execute(f"SELECT {', '.join(fields)} FROM lantern_people ORDER BY unique_id")
    kept = [name for name in header if name not in DROPPED and name != COLUMN]
    written = 0
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*kept, COLUMN])
        for values in rows():
            standardized = cursor.fetchone()
            if standardized is None:
                raise EncodingError("the file changed while it was being encoded")
            given = any(_text(values.get(name)) for name in DROPPED)
            encoded = (dumps(encoder.encode(dict(zip(fields, standardized, strict=True))))
                       if given else "")
            writer.writerow([_text(values.get(name)) for name in kept] + [encoded])
            written += 1
            if progress and written % 10_000 == 0:
                progress("encode", written / max(1, total))
    if progress:
        progress("encode", 1.0)
    return written


def _load_people(con: duckdb.DuckDBPyConnection,
                 rows: Iterable[dict[str, object]]) -> tuple[int, list[str]]:
    """The file's people in the layout of ``lantern link`` (``raw_people``), in chunks, and
    the file's columns in their order."""
    import pyarrow as pa

    con.execute("CREATE TABLE raw_people (unique_id BIGINT, "
                + ", ".join(f"{name} VARCHAR" for name in PEOPLE_COLUMNS) + ")")
    header: dict[str, None] = {}
    count = 0
    chunk: dict[str, list[object]] = {name: [] for name in ("unique_id", *PEOPLE_COLUMNS)}

    def flush() -> None:
        con.register("lantern_chunk", pa.table(chunk))
        con.execute("INSERT INTO raw_people SELECT * FROM lantern_chunk")
        con.unregister("lantern_chunk")
        for values in chunk.values():
            values.clear()

    for values in rows:
        header.update(dict.fromkeys(values))
        count += 1
        chunk["unique_id"].append(count)
        chunk["record_id"].append(_text(values.get("source_record_id")) or None)
        chunk["source"].append(None)
        for name, column in SUBMISSION_COLUMNS.items():
            chunk[column].append(_text(values.get(name)) or None)
        if count % 50_000 == 0:
            flush()
    if chunk["unique_id"]:
        flush()
    if not count:
        raise EncodingError("the file holds no rows")
    if "source_record_id" not in header:
        raise EncodingError(
            "not a person file of the submissions: it has no source_record_id column")
    return count, list(header)
