"""The bulk path's helpers on their own: rows inserted in statements of ``ROWS_PER_INSERT``
(SQLite) or by COPY (PostgreSQL) at every size around the statement's, and case references
that never repeat one another or those of batches still being written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from lantern.core.models import RateLimitBucket
from lantern.submissions import bulk, writers

WINDOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _rows(count: int, start: int = 0) -> list[tuple[str, object, int]]:
    return [(f"key-{n:04d}", bulk.db_datetime(WINDOW), n) for n in range(start, start + count)]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [0, 1, bulk.ROWS_PER_INSERT - 1, bulk.ROWS_PER_INSERT,
                                   bulk.ROWS_PER_INSERT + 1, 2 * bulk.ROWS_PER_INSERT + 50])
def test_every_row_is_inserted_once_with_its_own_values(count):
    bulk.insert_rows(RateLimitBucket, ("key", "window_start", "count"), _rows(count))
    stored = dict(RateLimitBucket.objects.values_list("key", "count"))
    assert stored == {f"key-{n:04d}": n for n in range(count)}


@pytest.mark.django_db
def test_a_conflict_in_any_statement_inserts_nothing_and_raises_integrity_error():
    rows = _rows(2 * bulk.ROWS_PER_INSERT + 50)
    rows[-1] = rows[3]  # the last, partial statement repeats a key of the first
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.insert_rows(RateLimitBucket, ("key", "window_start", "count"), rows)
    assert not RateLimitBucket.objects.exists()


def _first_draw_repeats(monkeypatch):
    """The first draw of references gives C-0000-0000 for every one of them."""
    real = writers.secrets.token_bytes
    calls: list[int] = []

    def token_bytes(count: int) -> bytes:
        calls.append(count)
        return bytes(count) if len(calls) == 1 else real(count)

    monkeypatch.setattr(writers.secrets, "token_bytes", token_bytes)
    return calls


def test_references_of_one_batch_are_all_different(monkeypatch):
    calls = _first_draw_repeats(monkeypatch)
    references = writers.case_references(3)
    assert references[0] == "C-0000-0000" and len(set(references)) == 3
    assert calls == [24, 16]  # the two repeats drawn again


def test_references_never_repeat_those_of_batches_being_written(monkeypatch):
    calls = _first_draw_repeats(monkeypatch)
    references = writers.case_references(3, avoid={"C-0000-0000"})
    assert "C-0000-0000" not in references and len(set(references)) == 3
    assert calls == [24, 24]
