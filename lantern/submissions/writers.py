"""Storing validated records: create the Lantern record, or update the one an earlier
submission of the same source id created, and keep the version.

These writers run inside the ingest engine's batch transaction; the engine writes one audit
entry per batch (the versions keep each record's history), because an import of a million
rows would otherwise write a million audit entries. New case records take a path of their
own: ``sort_case_records`` and ``prepare_new_cases`` make their rows before the batch's
transaction (while the engine writes the previous batch), ``insert_new_cases`` writes them
in it.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from collections.abc import Container
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_noop

from lantern.cases.actions import (
    INCIDENT_FIELDS,
    apply_case_fields,
    apply_person_fields,
    replace_case_codes,
)
from lantern.cases.identity import (
    PersonIdentity,
    seal_encoding,
    seal_identity,
    seal_narrative,
)
from lantern.cases.models import Case, CaseCode, Charge, Incident, Person
from lantern.core import crypto
from lantern.core.codes import ALPHABET
from lantern.core.ids import time_ordered_id
from lantern.organizations.models import Organization
from lantern.standard.schemas import CASE_CODE_FIELDS, StandardModel
from lantern.submissions import bulk
from lantern.submissions.models import SourceRecord, SourceRecordVersion, Submission
from lantern.submissions.records import CaseRecord, ChargeRecord, IncidentRecord, PersonRecord


class RecordRejected(Exception):
    """A valid record that cannot be stored (e.g. its case is unknown)."""

    def __init__(self, field: str, code: str, message: str) -> None:
        super().__init__(message)
        self.field, self.code, self.message = field, code, message


# The encoder of ``json.dumps(…, sort_keys=True)``, made once rather than per record; the
# output is the same, as it must be: the hashes of records already stored must not change.
_CANONICAL_JSON = json.JSONEncoder(sort_keys=True, check_circular=False)


def content_hash(record: StandardModel) -> str:
    canonical = _CANONICAL_JSON.encode(record.model_dump(mode="json"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _source(organization: Organization, entity: str, source_id: str) -> SourceRecord | None:
    return SourceRecord.objects.filter(organization=organization, entity=entity,
                                       source_record_id=source_id).first()


def _case_of(organization: Organization, source_id: str) -> Case:
    source = _source(organization, "case", source_id)
    if source is None:
        raise RecordRejected("case_source_record_id", "unknown_case",
                             gettext_noop("No case with this source id was sent before."))
    return Case.objects.get(pk=source.target_id)


def _version(source: SourceRecord | None, organization: Organization, entity: str,
             record: StandardModel, digest: str, target_id: Any,
             submission: Submission) -> None:
    source_id = record.source_record_id  # type: ignore[attr-defined]
    if source is None:
        source = SourceRecord.objects.create(
            organization=organization, entity=entity, source_record_id=source_id,
            target_id=target_id, content_hash=digest, submission=submission)
    else:
        source.version += 1
        source.content_hash, source.submission = digest, submission
        source.save(update_fields=["version", "content_hash", "submission", "updated_at"])
    SourceRecordVersion.objects.create(
        record=source, version=source.version, submission=submission, content_hash=digest,
        data_sealed=crypto.encrypt(record.model_dump_json(),
                                   f"submissions.version:{source.pk}:{source.version}"))


def store(organization: Organization, entity: str, record: StandardModel,
          submission: Submission) -> bool:
    """Store one record; False when an identical version is already stored."""
    digest = content_hash(record)
    source = _source(organization, entity, record.source_record_id)  # type: ignore[attr-defined]
    if source is not None and source.content_hash == digest:
        return False
    target = WRITERS[entity](organization, record, source)
    _version(source, organization, entity, record, digest, target, submission)
    return True


def _write_case(organization: Organization, record: Any, source: SourceRecord | None) -> Any:
    assert isinstance(record, CaseRecord)
    case = Case.objects.get(pk=source.target_id) if source else Case(organization=organization)
    apply_case_fields(case, record)
    seal_narrative(case, record.narrative)
    case.save()
    replace_case_codes(case, record)
    return case.pk


def _write_person(organization: Organization, record: Any, source: SourceRecord | None) -> Any:
    assert isinstance(record, PersonRecord)
    case = _case_of(organization, record.case_source_record_id)
    person = Person.objects.get(pk=source.target_id) if source else Person(case=case)
    if person.case_id != case.pk:
        raise RecordRejected("case_source_record_id", "case_changed",
                             gettext_noop("A person cannot move to another case."))
    schema = record.to_person()
    apply_person_fields(person, schema)
    seal_identity(person, PersonIdentity(**schema.identity.model_dump()))
    seal_encoding(person, record.identity_encoding)
    person.save()
    return person.pk


def _write_incident(organization: Organization, record: Any, source: SourceRecord | None) -> Any:
    assert isinstance(record, IncidentRecord)
    case = _case_of(organization, record.case_source_record_id)
    incident = Incident.objects.get(pk=source.target_id) if source else Incident(case=case)
    for name in INCIDENT_FIELDS:
        value = getattr(record, name)
        setattr(incident, name, "" if value is None and name == "cma" else value)
    incident.save()
    return incident.pk


def _write_charge(organization: Organization, record: Any, source: SourceRecord | None) -> Any:
    assert isinstance(record, ChargeRecord)
    case = _case_of(organization, record.case_source_record_id)
    accused = None
    if record.accused_source_record_id:
        accused_source = _source(organization, "person", record.accused_source_record_id)
        if accused_source is None:
            raise RecordRejected("accused_source_record_id", "unknown_person",
                                 gettext_noop("No person with this source id was sent before."))
        accused = Person.objects.get(pk=accused_source.target_id)
        if accused.role != "accused" or accused.case_id != case.pk:
            raise RecordRejected("accused_source_record_id", "not_accused_of_case",
                                 gettext_noop("This person is not an accused of the case."))
    charge = Charge.objects.get(pk=source.target_id) if source else Charge(case=case)
    charge.accused = accused
    charge.code, charge.laid_on = record.code, record.laid_on
    charge.outcome, charge.outcome_on = record.outcome, record.outcome_on
    charge.save()
    return charge.pk


WRITERS = {"case": _write_case, "person": _write_person, "incident": _write_incident,
           "charge": _write_charge}


@dataclass
class SortedCaseRecords:
    """A batch of case records by what storing them means (see ``sort_case_records``)."""

    records: list[CaseRecord]  # never sent before
    digests: list[str]  # the content hash of each of ``records``
    unchanged: int  # already stored with the same content
    left: list[CaseRecord]  # already stored with other content: updates


def sort_case_records(organization: Organization,
                      records: list[CaseRecord]) -> SortedCaseRecords:
    """Which of ``records`` are new, unchanged or updates, by source id and content hash."""
    known = _source_records(organization, "case", [r.source_record_id for r in records])
    new, digests, unchanged, left = [], [], 0, []
    for record in records:
        digest = content_hash(record)
        stored = known.get(record.source_record_id)
        if stored is None:
            new.append(record)
            digests.append(digest)
        elif stored[1] == digest:
            unchanged += 1
        else:
            left.append(record)
    return SortedCaseRecords(new, digests, unchanged, left)


def _source_records(organization: Organization, entity: str,
                    source_ids: list[str]) -> dict[str, tuple[int, str]]:
    """The id and content hash of each of ``source_ids`` already stored for ``entity``.

    Plain SQL: the ORM's ``__in`` lookup prepares each of the batch's ids on its own.

    On PostgreSQL the ids go as one array, and each is looked up on its own in the unique
    index (a lateral subquery with ``LIMIT 1``, which the planner cannot merge into a join).
    Written as ``source_record_id = ANY(…)`` or ``IN (…)``, the plan depends on the table's
    statistics, which lag behind a large import (and are never made where autovacuum is
    off): PostgreSQL then read every record of the organization and compared each with the
    whole batch, 190 ms a batch at a million records, and more with each batch.
    """
    if not source_ids:
        return {}
    table = SourceRecord._meta.db_table
    organization_id = bulk.uuid_adapter()(organization.pk)
    with connection.cursor() as cursor:
        if bulk.is_postgresql():
            cursor.execute(
                f"SELECT found.source_record_id, found.id, found.content_hash "  # noqa: S608 - placeholders only
                f"FROM unnest(%s::text[]) AS wanted(source_record_id) CROSS JOIN LATERAL ("
                f"SELECT source_record_id, id, content_hash FROM {table} "
                f"WHERE organization_id = %s AND entity = %s "
                f"AND source_record_id = wanted.source_record_id LIMIT 1) AS found",
                [source_ids, organization_id, entity])
        else:
            cursor.execute(
                f"SELECT source_record_id, id, content_hash FROM {table} "  # noqa: S608 - placeholders only
                f"WHERE organization_id = %s AND entity = %s AND source_record_id IN "
                f"({', '.join(['%s'] * len(source_ids))})",
                [organization_id, entity, *source_ids])
        return {source_id: (pk, digest) for source_id, pk, digest in cursor.fetchall()}


CASE_COLUMNS = ("id", "reference", "organization_id", "source_record_id", "status",
                "trafficking_status", "status_decided_by", "opened_on", "closed_on",
                "narrative_sealed", "created_by_id", "created_at", "updated_at")
SOURCE_COLUMNS = ("id", "organization_id", "entity", "source_record_id", "target_id",
                  "version", "content_hash", "submission_id", "updated_at")
SOURCE_LIST_COLUMNS = SOURCE_COLUMNS[1:]
VERSION_COLUMNS = ("record_id", "version", "submission_id", "data_sealed", "content_hash",
                   "received_at")


@dataclass
class NewCases:
    """The rows that store new case records: the case, its codes, its source record and its
    first version, made by ``prepare_new_cases`` and written by ``insert_new_cases``."""

    organization: Organization
    batch: SortedCaseRecords  # what it was made from: its new records, and the rest
    cases: list[tuple[Any, ...]] = field(default_factory=list)
    codes: list[tuple[Any, ...]] = field(default_factory=list)
    # With their ids on PostgreSQL; on SQLite the ids are known once they are inserted.
    sources: list[tuple[Any, ...]] = field(default_factory=list)
    # Sealed here on PostgreSQL; on SQLite once the ids of their source records are known.
    versions: list[tuple[Any, ...]] = field(default_factory=list)
    created: Any = None
    submission_id: Any = None
    # The references of this batch as the engine keeps them while it is in flight.
    in_flight: set[str] = field(default_factory=set)

    @property
    def references(self) -> set[str]:
        """The case references of the new cases."""
        at = CASE_COLUMNS.index("reference")
        return {case[at] for case in self.cases}

    def draw_references_again(self, avoid: Container[str] = frozenset()) -> set[str]:
        """Give the new cases other references (none in ``avoid``), and return them: for a
        second try after one of them was found stored already."""
        at = CASE_COLUMNS.index("reference")
        references = case_references(len(self.cases), avoid=avoid)
        self.cases = [(*case[:at], reference, *case[at + 1:])
                      for case, reference in zip(self.cases, references, strict=True)]
        return set(references)


def prepare_new_cases(organization: Organization, batch: SortedCaseRecords,
                      submission: Submission, *,
                      references_in_flight: Container[str] = frozenset()) -> NewCases:
    """The rows of records never sent before, without writing them.

    This is the costly part of storing new cases (ids, references, sealing), so the engine
    calls it for a batch while the previous batch is being written. Ids are made here:
    UUIDs for cases; source record ids are reserved from the sequence on PostgreSQL (COPY
    returns nothing), and read back by source id on SQLite when inserted.

    ``references_in_flight``: the references of batches still being written, which the new
    references must not repeat (see ``case_references``).
    """
    db_uuid, db_date = bulk.uuid_adapter(), bulk.date_adapter()
    created = bulk.db_datetime(timezone.now())
    organization_id, submission_id = db_uuid(organization.pk), db_uuid(submission.pk)
    new = NewCases(organization, batch, created=created, submission_id=submission_id)
    records = batch.records
    if not records:
        return new
    references = case_references(len(records), avoid=references_in_flight)
    sealer = _NarrativeSealer(organization)
    for record, digest, reference in zip(records, batch.digests, references, strict=True):
        case_id = time_ordered_id()
        stored_id = db_uuid(case_id)
        new.cases.append((stored_id, reference, organization_id, record.source_record_id,
                          record.status, record.trafficking_status,
                          record.status_decided_by or "", db_date(record.opened_on),
                          db_date(record.closed_on), sealer.seal(case_id, record.narrative),
                          None, created, created))
        new.codes += [(stored_id, vocabulary, code)
                      for field_name, vocabulary in CASE_CODE_FIELDS.items()
                      for code in getattr(record, field_name)]
        new.sources.append((organization_id, "case", record.source_record_id, stored_id, 1,
                            digest, submission_id, created))
    if bulk.is_postgresql():
        ids = bulk.reserve_ids(SourceRecord, len(records))
        new.sources = [(pk, *source) for pk, source in zip(ids, new.sources, strict=True)]
        new.versions = _versions(new, ids)
    return new


def insert_new_cases(new: NewCases) -> None:
    """Write the rows of ``prepare_new_cases``. A reference that happens to exist already
    raises IntegrityError, like any other conflict: the engine then draws the references
    again and tries once more, then stores the batch one by one."""
    records = new.batch.records
    if not records:
        return
    bulk.insert_rows(Case, CASE_COLUMNS, new.cases)
    bulk.insert_rows(CaseCode, ("case_id", "vocabulary", "code"), new.codes)
    if bulk.is_postgresql():
        bulk.insert_rows(SourceRecord, SOURCE_COLUMNS, new.sources)
        versions = new.versions
    else:
        bulk.insert_rows(SourceRecord, SOURCE_LIST_COLUMNS, new.sources)
        stored = _source_records(new.organization, "case",
                                 [record.source_record_id for record in records])
        versions = _versions(new, [stored[record.source_record_id][0] for record in records])
    bulk.insert_rows(SourceRecordVersion, VERSION_COLUMNS, versions)


def _versions(new: NewCases, ids: list[int]) -> list[tuple[Any, ...]]:
    """The first version of each new record, sealed for the id of its source record."""
    return [(pk, 1, new.submission_id,
             crypto.encrypt(record.model_dump_json(), f"submissions.version:{pk}:1"), digest,
             new.created)
            for pk, record, digest in zip(ids, new.batch.records, new.batch.digests,
                                          strict=True)]


class _NarrativeSealer:
    """Seals narratives through ``seal_narrative``, their one way in, which reads the id of a
    case: one unsaved case per batch lends each new case's id in turn, as building a case
    per row (with its defaults) would cost about 10 µs a row."""

    def __init__(self, organization: Organization) -> None:
        self.case = Case(reference="", organization=organization)

    def seal(self, case_id: uuid.UUID, narrative: str) -> str:
        if not narrative.strip():
            return ""
        self.case.id = case_id
        seal_narrative(self.case, narrative)
        return self.case.narrative_sealed


def case_references(count: int, avoid: Container[str] = frozenset()) -> list[str]:
    """``count`` new case references in the form of ``new_case_reference`` (C-XXXX-XXXX),
    all different and none in ``avoid``.

    Drawn from one read of the system's random source: ``short_code`` asks it once per
    character, which cost a million-row import about 20 s. Each byte's low five bits pick
    one of the 32 characters, so every character is equally likely.

    A reference already stored makes the batch's insert fail, and the batch is then tried
    again with references drawn anew (``NewCases.draw_references_again``; at a million
    stored cases, about one batch of 2,000 in 550 meets one). A reference of a batch that
    another lane is still writing is
    worse: were the earlier batch to meet it, it would wait for the later one, which waits
    for the earlier one to commit (see ``ingest.BatchWriter``). Those are passed as
    ``avoid`` and drawn again (about one batch of 2,000 in 140,000 meets one).
    """
    references: list[str] = []
    drawn: set[str] = set()
    while len(references) < count:
        raw = secrets.token_bytes(8 * (count - len(references)))
        for start in range(0, len(raw), 8):
            body = "".join(ALPHABET[byte & 31] for byte in raw[start:start + 8])
            reference = f"C-{body[:4]}-{body[4:]}"
            if reference not in drawn and reference not in avoid:
                drawn.add(reference)
                references.append(reference)
    return references
