"""The ingest engine: every row is stored or returned with its row number, field and reason.

All-or-nothing submissions validate every row first and store them in one transaction, or
none. Store-valid submissions go in batches; each batch commits its rows, its errors and
the submission's checkpoint together, so a killed import resumes after the last committed
batch and ends with exactly the rows of the file: none lost, none doubled (a record already
stored with the same content is recognized by its source id and content hash).
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import logging
import sqlite3
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import Error, IntegrityError, connection, connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from pydantic import ValidationError

from lantern.audit.actions import record as audit
from lantern.core import crypto, runners
from lantern.linkage.runs import start as start_linkage
from lantern.standard.schemas import StandardModel, dates_checked_against
from lantern.submissions import mapping
from lantern.submissions.models import QuarantinedRow, RowError, SourceRecord, Submission
from lantern.submissions.readers import FileRejected, Row
from lantern.submissions.records import RECORDS, CaseRecord, PersonRecord
from lantern.submissions.writers import (
    NewCases,
    RecordRejected,
    insert_new_cases,
    prepare_new_cases,
    sort_case_records,
    store,
)

log = logging.getLogger(__name__)

BATCH_SIZE = 2000
# References that must already exist at the hub, per entity.
REFERENCES = {"person": "case", "incident": "case", "charge": "case"}


@dataclass
class Problem:
    row: int
    source_record_id: str
    field: str
    code: str
    message: str


def _messages(error: ValidationError) -> list[tuple[str, str, str]]:
    """(field, code, message) for each failure, in the active language, without the value."""
    out = []
    for item in error.errors(include_input=False, include_url=False):
        field = ".".join(str(part) for part in item["loc"] if not isinstance(part, int))
        # A person's identity is nested in the standard and flat in the files sent: the
        # submitter's column is "birth_date", not "identity.birth_date".
        field = field.removeprefix("identity.")
        kind = item["type"]
        if kind == "missing":
            message = _("This field is required.")
        elif kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
            message = _("Not a date: write it as YYYY-MM-DD.")
        elif kind in ("datetime_parsing", "datetime_from_date_parsing", "timezone_aware"):
            message = _("Not a date and time with its time zone (e.g. 2024-05-01T10:00-04:00).")
        elif kind == "string_too_long":
            message = _("Too long: at most %(max)s characters.") % {
                "max": (item.get("ctx") or {}).get("max_length", "")}
        elif kind == "extra_forbidden":
            message = _("Unknown column.")
        elif kind == "unknown_code":
            message = _("Not a code of the vocabulary %(vocabulary)s.") % {
                "vocabulary": (item.get("ctx") or {}).get("vocabulary", "")}
        else:
            # The schemas' own messages are in the catalogue (gettext_noop).
            message = _(str(item["msg"]).removeprefix("Value error, "))
        out.append((field, kind, message))
    return out


def validate(entity: str, row: Row) -> tuple[StandardModel | None, list[tuple[str, str, str]]]:
    """The record of a row, or the reasons it is not one."""
    if row.problem:
        return None, [("", "unreadable_row", row.problem)]
    cls = RECORDS[entity]
    values = {}
    for key, value in row.values.items():
        if isinstance(value, str):
            value = value.strip()
        # Empty cells mean "not given": the schema's default applies.
        if key and value not in ("", None):
            values[key] = value
    try:
        record = cls.model_validate(values)
        if isinstance(record, PersonRecord):
            record.to_person()
    except ValidationError as error:
        return None, _messages(error)
    return record, []


class SeenIds:
    """The source ids met so far in a file, each with the first row that carried it.

    Kept in a private temporary SQLite database (on disk, behind a small page cache), not
    in a dict: a dict of a million ids took 120 MB, and an import's memory must not grow
    with the size of its file (issue 4). The database is deleted when it is closed.
    """

    def __init__(self) -> None:
        self.db = sqlite3.connect("")
        self.db.execute("CREATE TABLE seen (source_id TEXT PRIMARY KEY, row INTEGER) "
                        "WITHOUT ROWID")

    def first_rows(self, rows: list[tuple[str, int]]) -> list[int]:
        """For each (source id, row number), in the file's order, the row that first carried
        the source id: the row itself if none did.

        Asked once per batch: a query per row cost more than the lookup itself, since the
        writer thread takes the interpreter each time a query lets it go.
        """
        firsts: dict[str, int] = {}
        source_ids = list(dict.fromkeys(source_id for source_id, _ in rows))
        for start in range(0, len(source_ids), 500):
            chunk = source_ids[start:start + 500]
            firsts.update(self.db.execute(
                f"SELECT source_id, row FROM seen WHERE source_id IN "  # noqa: S608 - placeholders only
                f"({', '.join('?' * len(chunk))})", chunk))
        new = [(source_id, row) for source_id, row in rows
               if firsts.setdefault(source_id, row) == row]
        self.db.executemany("INSERT INTO seen VALUES (?, ?)", new)
        return [firsts[source_id] for source_id, _ in rows]

    def close(self) -> None:
        self.db.close()


class ImportBusy(Exception):
    """A run that may still be at work holds the import."""

    def __init__(self, submission: Submission) -> None:
        super().__init__(f"submission {submission.pk} is being imported by another run")
        self.submission = submission


def held_by_live_run(submission: Submission) -> bool:
    """Whether a running import's run may still be at work (see ``core.runners``): where
    this process runs, as long as its process is alive; elsewhere, if it committed a batch
    within ``LANTERN_IMPORT_STALL_MINUTES``. Were it still at work after all, its next commit
    would be refused (``runners.TakenOver``): nothing is stored twice either way."""
    return submission.status == Submission.Status.RUNNING and runners.may_be_at_work(
        submission.runner, submission.heartbeat_at,
        dt.timedelta(minutes=settings.LANTERN_IMPORT_STALL_MINUTES))


def resumable(submission: Submission) -> bool:
    """Whether the import of a file stopped before its end and can go on after its
    checkpoint. (An API call keeps no file: it is sent again.)"""
    return bool(submission.file_path) and (
        submission.status == Submission.Status.INTERRUPTED
        or (submission.status == Submission.Status.RUNNING
            and not held_by_live_run(submission)))


def claim(submission: Submission) -> str | None:
    """Take the import for a new run, and return the run's name; None if the import has
    ended. Raises ``ImportBusy`` if a run that may still be at work holds it."""
    current = Submission.objects.get(pk=submission.pk)
    if current.status in (Submission.Status.DONE, Submission.Status.FAILED):
        return None
    if held_by_live_run(current):
        raise ImportBusy(current)
    runner = runners.name()
    # Only if no run took it, nor committed a batch, since it was read (SQLite has no row
    # locks to ask for).
    taken = Submission.objects.filter(
        pk=current.pk, status=current.status, runner=current.runner,
        heartbeat_at=current.heartbeat_at
    ).update(status=Submission.Status.RUNNING, runner=runner, heartbeat_at=timezone.now())
    if not taken:
        raise ImportBusy(current)
    submission.refresh_from_db()
    return runner


class Ingest:
    def __init__(self, submission: Submission, runner: str) -> None:
        self.submission = submission
        # The run holding the import: each batch commits only while it still does.
        self.runner = runner
        self.mapping = submission.mapping
        self.organization = submission.organization
        self.entity = submission.entity
        self.seen = SeenIds()
        self.known_references: set[str] = set()
        # The case references of the last batches prepared, which may still be being
        # written while the next is prepared: at most two (one per lane).
        self.references_in_flight: deque[set[str]] = deque(maxlen=2)

    @staticmethod
    def _source_id(row: Row) -> str:
        """The source id of a mapped row, as the duplicate check compares it."""
        return str(row.values.get("source_record_id", "") or "").strip()[:100]

    # -- checks that need more than the row itself ------------------------------------

    def _duplicate(self, row: Row, source_id: str, first: int) -> Problem | None:
        if first != row.number:
            return Problem(row.number, source_id, "source_record_id", "duplicate_in_file",
                           _("This source id already appears at row %(row)d of this file.")
                           % {"row": first})
        return None

    def _reference_missing(self, record: StandardModel) -> bool:
        target = REFERENCES.get(self.entity)
        if target is None:
            return False
        reference = record.case_source_record_id  # type: ignore[attr-defined]
        if reference in self.known_references:
            return False
        if SourceRecord.objects.filter(organization=self.organization, entity=target,
                                       source_record_id=reference).exists():
            self.known_references.add(reference)
            return False
        return True

    def check(self, row: Row, source_id: str, first: int
              ) -> tuple[StandardModel | None, list[Problem]]:
        """The record of a mapped row, or its problems; ``first`` is the row that first
        carried its source id (see ``SeenIds``)."""
        if source_id:
            duplicate = self._duplicate(row, source_id, first)
            if duplicate:
                return None, [duplicate]
        record, failures = validate(self.entity, row)
        problems = [Problem(row.number, source_id, f, c, m) for f, c, m in failures]
        if record is not None and self._reference_missing(record):
            problems.append(Problem(row.number, source_id, "case_source_record_id",
                                    "unknown_case",
                                    _("No case with this source id was sent before.")))
            record = None
        return record, problems

    # -- writing -----------------------------------------------------------------------

    def _store(self, row: Row, record: StandardModel) -> tuple[bool, Problem | None]:
        try:
            with transaction.atomic():
                return store(self.organization, self.entity, record, self.submission), None
        except RecordRejected as rejected:
            return False, Problem(row.number, record.source_record_id,  # type: ignore[attr-defined]
                                  rejected.field, rejected.code, _(rejected.message))
        except IntegrityError:
            # e.g. a case entered on the pages already carries this source id.
            return False, Problem(row.number, record.source_record_id,  # type: ignore[attr-defined]
                                  "source_record_id", "conflict",
                                  _("A record with this source id already exists in Lantern "
                                    "outside the submissions; correct one of the two."))

    def _save_problems(self, problems: list[Problem], rows: dict[int, Row]) -> None:
        RowError.objects.bulk_create(
            RowError(submission=self.submission, row_number=p.row,
                     source_record_id=p.source_record_id, field=p.field, code=p.code,
                     message=p.message) for p in problems)
        rejected = sorted({p.row for p in problems if p.row in rows})
        QuarantinedRow.objects.bulk_create(
            [QuarantinedRow(submission=self.submission, row_number=number,
                            values_sealed=crypto.encrypt(
                                json.dumps(rows[number].values, default=str),
                                f"submissions.quarantine:{self.submission.pk}:{number}"))
             for number in rejected], ignore_conflicts=True)

    def _commit_batch(self, first: int, last: int, stored: int, unchanged: int,
                      problems: list[Problem], rows: dict[int, Row]) -> None:
        self._save_problems(problems, rows)
        submission = self.submission
        submission.rows_read = last
        submission.rows_stored += stored
        submission.rows_unchanged += unchanged
        submission.rows_rejected += len({p.row for p in problems})
        submission.checkpoint = last
        self._still_held(rows_read=last, rows_stored=submission.rows_stored,
                         rows_unchanged=submission.rows_unchanged,
                         rows_rejected=submission.rows_rejected, checkpoint=last)
        audit(actor=submission.submitted_by, action="submission.batch", target=submission,
              owner=self.organization, changes={"rows": [first, last], "stored": stored,
                                                "unchanged": unchanged,
                                                "rejected": len({p.row for p in problems})})

    def _still_held(self, **counts: int) -> None:
        """Write the counts if this run still holds the import (``runners.still_held``)."""
        runners.still_held(
            Submission.objects.filter(pk=self.submission.pk, runner=self.runner), **counts)

    def store_valid(self, rows: Iterable[Row]) -> None:
        """Batches of rows, each committed with its checkpoint."""
        with BatchWriter(threaded=not connection.in_atomic_block,
                         lanes=2 if connection.vendor == "postgresql" else 1,
                         connect=_set_up_writer_connection) as writer:
            for batch in self._batches(rows, resume_after=self.submission.checkpoint):
                valid, problems = self._check_batch(batch)
                # Made here, so that the writer thread, while it writes this batch, has
                # little more to do than send rows to the database.
                new_cases = self._prepare_new_cases(valid)
                writer.write(self._write_batch, batch, valid, problems, new_cases)

    def _batches(self, rows: Iterable[Row], resume_after: int = 0) -> Iterator[list[Row]]:
        batch: list[Row] = []
        decided: list[tuple[str, int]] = []
        for row in rows:
            if row.number <= resume_after:
                # Already decided before an interruption: only remember its source id.
                source_id = self._source_id(mapping.apply(self.mapping, row))
                if source_id:
                    decided.append((source_id, row.number))
                if len(decided) == BATCH_SIZE:
                    self.seen.first_rows(decided)
                    decided = []
                continue
            if decided:
                self.seen.first_rows(decided)
                decided = []
            batch.append(row)
            if len(batch) == BATCH_SIZE:
                yield batch
                batch = []
        if batch:
            yield batch

    def _check_batch(self, batch: list[Row]
                     ) -> tuple[list[tuple[Row, StandardModel]], list[Problem]]:
        """The batch's valid records, and the problems of the others."""
        problems: list[Problem] = []
        valid: list[tuple[Row, StandardModel]] = []
        mapped = [mapping.apply(self.mapping, row) for row in batch]
        source_ids = [self._source_id(row) for row in mapped]
        firsts = iter(self.seen.first_rows(
            [(source_id, row.number) for row, source_id in zip(mapped, source_ids, strict=True)
             if source_id]))
        # Today's date asked once per batch, not once per date (7 µs each).
        with dates_checked_against(timezone.localdate()):
            for row, source_id in zip(mapped, source_ids, strict=True):
                first = next(firsts) if source_id else row.number
                record, row_problems = self.check(row, source_id, first)
                problems += row_problems
                if record is not None and not row_problems:
                    valid.append((row, record))
        return valid, problems

    def _store_batch(self, valid: list[tuple[Row, StandardModel]],
                     new_cases: NewCases | None = None) -> tuple[int, int, list[Problem]]:
        """Store checked records: new cases in bulk, the others one by one. Returns how many
        were stored, how many were unchanged, and the problems met while storing."""
        stored = unchanged = 0
        problems: list[Problem] = []
        if self.entity == "case":
            valid, stored, unchanged = self._bulk_cases(valid, new_cases)
        for row, record in valid:
            written, problem = self._store(row, record)
            if problem:
                problems.append(problem)
            elif written:
                stored += 1
            else:
                unchanged += 1
        return stored, unchanged, problems

    def _write_batch(self, turn: Callable[[], object], batch: list[Row],
                     valid: list[tuple[Row, StandardModel]], problems: list[Problem],
                     new_cases: NewCases | None) -> None:
        # The writer may run in a thread of its own, which has its own active language.
        with translation.override(self.submission.language), transaction.atomic():
            stored, unchanged, late = self._store_batch(valid, new_cases)
            if turn is not _first_in_line and connection.vendor == "postgresql":
                # The foreign keys PostgreSQL checks at the commit, checked now: while the
                # batch before this one is still being written (see ``BatchWriter``).
                connection.check_constraints()
            turn()
            self._commit_batch(batch[0].number, batch[-1].number, stored, unchanged,
                               problems + late, {row.number: row for row in batch})

    def _prepare_new_cases(self, valid: list[tuple[Row, StandardModel]]
                           ) -> NewCases | None:
        """For a batch of case records: which are new, unchanged or updates, and the rows
        of the new ones (see ``writers.prepare_new_cases``).

        Asked before the previous batch is committed, which cannot hold any of these
        source ids: a source id met twice in a file is refused the second time.
        """
        if self.entity != "case":
            return None
        records: list[CaseRecord] = [record for _, record in valid]  # type: ignore[misc]
        new = prepare_new_cases(self.organization, sort_case_records(self.organization, records),
                                self.submission,
                                references_in_flight=set().union(*self.references_in_flight))
        new.in_flight = new.references
        self.references_in_flight.append(new.in_flight)
        return new

    def _bulk_cases(self, valid: list[tuple[Row, StandardModel]],
                    new_cases: NewCases | None
                    ) -> tuple[list[tuple[Row, StandardModel]], int, int]:
        """New cases in bulk; what is left (updates, or all of it if the bulk insert fails
        twice) goes one by one."""
        prepared = new_cases or self._prepare_new_cases(valid)
        assert prepared is not None, "only case records are stored in bulk"
        for attempt in range(2):
            try:
                with transaction.atomic():
                    insert_new_cases(prepared)
                break
            except IntegrityError:
                if attempt == 1:
                    return valid, 0, 0
                # Most often a reference drawn for a new case is stored already. Others
                # drawn in its place avoid those of the batches in flight, and join them
                # (one set grows in place: safe for the thread preparing the next batch).
                prepared.in_flight |= prepared.draw_references_again(
                    avoid=set().union(*self.references_in_flight))
        batch = prepared.batch
        remaining = {id(record) for record in batch.left}
        return ([(row, r) for row, r in valid if id(r) in remaining],
                len(batch.records), batch.unchanged)

    def all_or_nothing(self, open_rows: Callable[[], Iterator[Row]]) -> None:
        """Check every row; store all of them in one transaction only if none fails."""
        problems: list[Problem] = []
        rejected: dict[int, Row] = {}
        last = 0
        for batch in self._batches(open_rows()):
            last = batch[-1].number
            batch_problems = self._check_batch(batch)[1]
            # Nothing is stored yet, but the progress bar moves, and the run shows it works.
            self._still_held(rows_read=last)
            problems += batch_problems
            refused = {p.row for p in batch_problems}
            rejected |= {row.number: row for row in batch if row.number in refused}
        if problems:
            with transaction.atomic():
                self.submission.rows_read = last
                self.submission.rows_rejected = 0
                self._commit_batch(1, last, 0, 0, problems, rejected)
            return
        self.seen.close()
        self.seen = SeenIds()
        late: list[Problem] = []
        late_rows: dict[int, Row] = {}
        with transaction.atomic():
            stored = unchanged = 0
            for batch in self._batches(open_rows()):
                valid, row_problems = self._check_batch(batch)
                batch_stored, batch_unchanged, problems = self._store_batch(valid)
                # Refused only when written (e.g. an accused sent in no earlier file):
                # everything of this submission is undone, and the rows reported.
                late += row_problems + problems
                refused = {p.row for p in row_problems + problems}
                late_rows |= {row.number: row for row in batch if row.number in refused}
                stored, unchanged = stored + batch_stored, unchanged + batch_unchanged
            if late:
                transaction.set_rollback(True)
            else:
                self._commit_batch(1, last, stored, unchanged, [], {})
        if late:
            with transaction.atomic():
                self._commit_batch(1, last, 0, 0, late, late_rows)


def _set_up_writer_connection() -> None:
    """Set up a writer's own connection (closed at the end of the import).

    SQLite: a page cache of 64 MB instead of 2 MB. A large import's database outgrows the
    default cache quickly: every new row then reads the pages of its random keys (case
    references; ids of cases made before they were time-ordered) back from the file.

    PostgreSQL: a lock timeout. Two lanes write at once, and a batch waits for the one
    before it in Python, where the database cannot see the wait: were the earlier batch
    ever to wait for a row the later one holds (the same new case reference drawn in
    both, say), neither would move. The timeout turns that into an error, and the import
    stops with whole batches stored, to be run again, instead of hanging.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA cache_size = -65536")
        elif connection.vendor == "postgresql":
            cursor.execute("SET lock_timeout = '60s'")


def _first_in_line() -> None:
    """The turn of a batch that has no batch before it still being written."""


class BatchWriter:
    """Writes batches in order, each committed after the one before it.

    From the second batch on, batches are written by threads of their own ("lanes"), each
    with its own connection, so that the database stores one batch while the caller checks
    the next. With two lanes (PostgreSQL), two batches are written at once, on two
    connections, which lets the database work on two cores; but each batch waits for the
    one before it to commit before it writes its checkpoint and commits (its ``turn``). An
    interrupted import thus leaves what it always left: whole batches, the last one
    checkpointed, none missing before it. A thread's connection cannot see a caller's open
    transaction (a test's, for one): inside one, everything is written in line.
    """

    def __init__(self, *, threaded: bool, lanes: int = 1,
                 connect: Callable[[], None] | None = None) -> None:
        self.threaded = threaded
        self.lane_count = lanes
        # Run first in each lane, to set up the lane's own connection.
        self.connect = connect
        self.lanes: list[ThreadPoolExecutor] = []
        self.written = 0
        self.pending: deque[Future[None]] = deque()

    def write(self, write: Callable[..., None], *args: Any) -> None:
        """Call ``write(turn, *args)``, where ``turn()`` returns once the batch before is
        committed, and raises its error if it failed."""
        if not self.threaded or self.written == 0:
            # The first batch is written in line: an API call is one batch, and needs no
            # thread or second connection.
            self.wait()
            write(_first_in_line, *args)
        else:
            while len(self.pending) >= self.lane_count:
                self.pending.popleft().result()
            before = self.pending[-1] if self.pending else None
            turn = before.result if before is not None else _first_in_line
            self.pending.append(self._lane().submit(write, turn, *args))
        self.written += 1

    def _lane(self) -> ThreadPoolExecutor:
        if not self.lanes:
            self.lanes = [ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest")
                          for _ in range(self.lane_count)]
            if self.connect is not None:
                for lane in self.lanes:
                    lane.submit(self.connect).result()
        return self.lanes[self.written % self.lane_count]

    def wait(self) -> None:
        """Until every batch given is committed; the first error, if any, is raised here."""
        while self.pending:
            self.pending.popleft().result()

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.wait()
        finally:
            for lane in self.lanes:
                # After the lane's last batch: close the lane's own connection (evaluated
                # in that thread).
                lane.submit(connections.close_all).result()
                lane.shutdown()


@contextmanager
def _objects_of_start_up_frozen() -> Iterator[None]:
    """Keep the objects that exist before the import out of the garbage collector's sight.

    The process holds hundreds of thousands of long-lived objects (Django, the apps, their
    libraries), which each full collection would walk again while the import allocates its
    batches: about 20 µs a row. Frozen objects are still freed when no longer referenced;
    unfreezing returns them to the collector's care.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def run(submission: Submission, open_rows: Callable[[], Iterator[Row]]) -> Submission:
    """Ingest a submission from start (or from its checkpoint) to the end.

    Raises ``ImportBusy`` if another run may still be at work on it. An error of Lantern's
    (not of the file: a database that went away, say) leaves it ``INTERRUPTED`` after its
    last whole batch, to be resumed; if another run takes it over, this one stops and the
    submission is left to that run.
    """
    runner = claim(submission)
    if runner is None:
        return submission
    engine = Ingest(submission, runner)
    try:
        # Dates are checked against today in the default time zone; activating it spares
        # each date an exception that Django raises and catches when none is active.
        with translation.override(submission.language), \
                timezone.override(timezone.get_default_timezone()), \
                _objects_of_start_up_frozen():
            if submission.mode == Submission.Mode.ALL_OR_NOTHING:
                engine.all_or_nothing(open_rows)
            else:
                engine.store_valid(open_rows())
    except FileRejected as rejected:
        submission.status, submission.failure = Submission.Status.FAILED, str(rejected)
    except runners.TakenOver:
        return _taken_over(submission)
    except BaseException as error:
        _interrupted(submission, runner)
        # A library's message may quote a value of the file: only the error's type and
        # where it happened are logged.
        log.error("submission %s interrupted after row %d by %s at\n%s", submission.pk,
                  submission.checkpoint, type(error).__name__,
                  "".join(traceback.format_tb(error.__traceback__)))
        if not isinstance(error, Exception):
            raise  # Ctrl-C, or the process told to exit
        return submission
    else:
        submission.status = Submission.Status.DONE
    finally:
        engine.seen.close()
    submission.finished_at = timezone.now()
    if not Submission.objects.filter(pk=submission.pk, runner=runner).update(
            status=submission.status, failure=submission.failure,
            finished_at=submission.finished_at):
        # Taken over after its last batch: the run that took it ends it (its file stays).
        return _taken_over(submission)
    # The kept copy served only to resume; it may hold identities, so it goes now.
    if submission.file_path:
        Path(submission.file_path).unlink(missing_ok=True)
    if (settings.LANTERN_LINK_AFTER_IMPORT and submission.rows_stored
            and submission.entity in ("person", "incident")):
        start_linkage(None, "incremental", "submission")
    return submission


def _taken_over(submission: Submission) -> Submission:
    log.warning("submission %s: taken over by another run", submission.pk)
    submission.refresh_from_db()
    return submission


COUNTS = ("rows_read", "rows_stored", "rows_unchanged", "rows_rejected", "checkpoint")


def _interrupted(submission: Submission, runner: str) -> None:
    """Mark an import stopped by an error as interrupted, if this run still holds it, and
    read its counts back: the batch that failed may have counted itself before its commit.

    Its kept file stays, to resume from. A connection the error broke is opened again
    once; if the database cannot be reached at all, the import stays ``RUNNING``, and is
    taken for stopped once its run has gone (``held_by_live_run``)."""
    submission.status = Submission.Status.INTERRUPTED
    for attempt in range(2):
        try:
            Submission.objects.filter(pk=submission.pk, runner=runner).update(
                status=Submission.Status.INTERRUPTED)
            submission.refresh_from_db(fields=COUNTS)
            return
        except Error as error:
            if attempt == 1 or connection.in_atomic_block:
                log.error("submission %s could not be marked interrupted: %s",
                          submission.pk, type(error).__name__)
                return
            connection.close()
