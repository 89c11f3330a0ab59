"""Storing validated records: create the Lantern record, or update the one an earlier
submission of the same source id created, and keep the version.

These writers run inside the ingest engine's batch transaction; the engine writes one audit
entry per batch (the versions keep each record's history), because an import of a million
rows would otherwise write a million audit entries.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.utils.translation import gettext_noop

from lantern.cases.actions import (
    INCIDENT_FIELDS,
    apply_case_fields,
    apply_person_fields,
    replace_case_codes,
)
from lantern.cases.identity import PersonIdentity, seal_identity, seal_narrative
from lantern.cases.models import Case, CaseCode, Charge, Incident, Person
from lantern.core import crypto
from lantern.organizations.models import Organization
from lantern.standard.schemas import CASE_CODE_FIELDS, StandardModel
from lantern.submissions.models import SourceRecord, SourceRecordVersion, Submission
from lantern.submissions.records import CaseRecord, ChargeRecord, IncidentRecord, PersonRecord


class RecordRejected(Exception):
    """A valid record that cannot be stored (e.g. its case is unknown)."""

    def __init__(self, field: str, code: str, message: str) -> None:
        super().__init__(message)
        self.field, self.code, self.message = field, code, message


def content_hash(record: StandardModel) -> str:
    canonical = json.dumps(record.model_dump(mode="json"), sort_keys=True)
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


def store_new_cases(organization: Organization, records: list[CaseRecord],
                    submission: Submission) -> tuple[int, int, list[CaseRecord]]:
    """Store a batch of case records in a few bulk inserts.

    Returns (stored, unchanged, left): records already known with other content are left
    for ``store`` (one by one), since updating keeps a version per record.
    """
    existing = {s.source_record_id: s for s in SourceRecord.objects.filter(
        organization=organization, entity="case",
        source_record_id__in=[r.source_record_id for r in records])}
    cases: list[Case] = []
    codes: list[CaseCode] = []
    sources: list[tuple[SourceRecord, CaseRecord]] = []
    unchanged, left = 0, []
    for record in records:
        digest = content_hash(record)
        known = existing.get(record.source_record_id)
        if known is not None:
            if known.content_hash == digest:
                unchanged += 1
            else:
                left.append(record)
            continue
        case = Case(organization=organization)
        apply_case_fields(case, record)
        seal_narrative(case, record.narrative)
        cases.append(case)
        codes += [CaseCode(case=case, vocabulary=vocabulary, code=code)
                  for field, vocabulary in CASE_CODE_FIELDS.items()
                  for code in getattr(record, field)]
        sources.append((SourceRecord(organization=organization, entity="case",
                                     source_record_id=record.source_record_id,
                                     target_id=case.pk, content_hash=digest,
                                     submission=submission), record))
    Case.objects.bulk_create(cases)
    CaseCode.objects.bulk_create(codes)
    SourceRecord.objects.bulk_create([source for source, _ in sources])
    SourceRecordVersion.objects.bulk_create(
        SourceRecordVersion(record=source, version=1, submission=submission,
                            content_hash=source.content_hash,
                            data_sealed=crypto.encrypt(record.model_dump_json(),
                                                       f"submissions.version:{source.pk}:1"))
        for source, record in sources)
    return len(cases), unchanged, left
