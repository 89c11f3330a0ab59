"""Inserting many new rows at once, below the ORM: ``COPY … FROM STDIN`` on PostgreSQL, one
prepared INSERT of 100 rows at a time run with ``executemany`` on SQLite.

The ORM's ``bulk_create`` builds a model instance and a parameter list per row, which cost an
import of new records about 60 % of its time (issue 4). These helpers take plain tuples, so
the caller gives every value itself: ids, timestamps (``auto_now`` does not run here) and
foreign keys, each in the form the database takes (see ``uuid_adapter``,
``date_adapter``, ``db_datetime``). They only insert: updates stay on the ORM.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from itertools import chain
from typing import Any

from django.db import connection, models


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def uuid_adapter() -> Callable[[uuid.UUID], Any]:
    """How UUIDs are written: PostgreSQL has its own type, SQLite takes 32 hexadecimal
    characters. Asked once per batch, not per value."""
    if connection.features.has_native_uuid_field:
        return lambda value: value
    return lambda value: value.hex


def date_adapter() -> Callable[[dt.date | None], Any]:
    return connection.ops.adapt_datefield_value


def db_datetime(value: dt.datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(value)


def insert_rows(model: type[models.Model], columns: Sequence[str],
                rows: Sequence[Sequence[Any]]) -> None:
    """Insert ``rows`` (one value per column, in order) into the table of ``model``.

    Runs in the caller's transaction; a constraint that fails raises Django's
    ``IntegrityError``, as ``bulk_create`` would.
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if is_postgresql():
            # COPY goes around the cursor wrapper that translates errors; translate them here.
            with connection.wrap_database_errors, cursor.copy(
                    f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            _insert_in_chunks(cursor, f"INSERT INTO {table} ({names}) VALUES ", len(columns),  # noqa: S608 - names from the models
                              rows)


# Rows per INSERT on SQLite. The sqlite3 module lets go of the interpreter for each
# statement it runs and takes it back after: with one row per statement, the writer thread
# asked for it back after every row, while the importing thread held it. Side by side on
# 200,000 rows: 12,100-12,600 rows/s with one row per statement, 14,300-14,400 with 100.
ROWS_PER_INSERT = 100


def _insert_in_chunks(cursor: Any, insert: str, width: int,
                      rows: Sequence[Sequence[Any]]) -> None:
    """``insert`` (``INSERT INTO t (…) VALUES ``) of ``rows``, ``ROWS_PER_INSERT`` at a time."""
    row = "(" + ", ".join(["%s"] * width) + ")"
    whole = len(rows) - len(rows) % ROWS_PER_INSERT
    if whole:
        cursor.executemany(insert + ", ".join([row] * ROWS_PER_INSERT),
                           [list(chain.from_iterable(rows[start:start + ROWS_PER_INSERT]))
                            for start in range(0, whole, ROWS_PER_INSERT)])
    if whole < len(rows):
        cursor.execute(insert + ", ".join([row] * (len(rows) - whole)),
                       list(chain.from_iterable(rows[whole:])))


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` new values of the table's id sequence (PostgreSQL), for rows inserted by
    COPY that other rows of the same batch point to."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) "
                       "FROM generate_series(1, %s)", [table, count])
        return [row[0] for row in cursor.fetchall()]

