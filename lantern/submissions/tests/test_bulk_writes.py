"""The bulk path's helpers on their own: rows inserted in statements of ``ROWS_PER_INSERT``
(SQLite) or by COPY (PostgreSQL) at every size around the statement's, and case references
that never repeat one another or those of batches still being written; and a batch whose
reference is stored already, stored in bulk all the same."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from lantern import testing
from lantern.cases.models import Case
from lantern.core.models import RateLimitBucket
from lantern.submissions import bulk, ingest, writers

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
    """The first draw of references gives C-0000-0000 for every one of them. (References
    take 8 bytes each; the other draws of the process, such as an import's run name, pass.)"""
    real = writers.secrets.token_bytes
    calls: list[int] = []

    def token_bytes(count: int) -> bytes:
        if count % 8:
            return real(count)
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


def _import(tmp_path, org, source_ids: list[str]) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"cases-{len(source_ids)}.csv"
    path.write_text("source_record_id,opened_on\n"
                    + "".join(f"{source_id},2024-01-05\n" for source_id in source_ids))
    call_command("import", str(path), "--org", org.code, "--entity", "case", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_batch_meeting_a_stored_reference_is_stored_in_bulk_with_other_references(
        monkeypatch, tmp_path):
    org = testing.make_org()
    _first_draw_repeats(monkeypatch)
    _import(tmp_path, org, ["R-0"])
    assert Case.objects.get().reference == "C-0000-0000"
    monkeypatch.undo()
    # The next batch draws C-0000-0000 again, for its first case.
    calls = _first_draw_repeats(monkeypatch)
    one_by_one: list[int] = []
    store = ingest.Ingest._store

    def store_one(self, row, record):  # type: ignore[no-untyped-def]
        one_by_one.append(row.number)
        return store(self, row, record)

    monkeypatch.setattr(ingest.Ingest, "_store", store_one)
    _import(tmp_path, org, [f"R-{n}" for n in range(1, 6)])
    assert one_by_one == [], "the batch fell back to one record at a time"
    references = list(Case.objects.values_list("reference", flat=True))
    assert len(references) == len(set(references)) == 6
    assert Case.objects.get(reference="C-0000-0000").source_record_id == "R-0"
    assert len(calls) >= 3  # the first draw, its four repeats, and the whole batch again
