"""Writes to case records. Each action is one transaction with its audit entry."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from lantern.accounts.models import User
from lantern.audit.actions import diff, record
from lantern.cases.identity import PersonIdentity, seal_encoding, seal_identity, seal_narrative
from lantern.cases.models import (
    Case,
    CaseCode,
    Charge,
    Consent,
    Incident,
    Person,
    TemporaryResidentPermit,
)
from lantern.organizations.models import Organization
from lantern.standard.schemas import (
    CASE_CODE_FIELDS,
    CaseSchema,
    ChargeSchema,
    ConsentSchema,
    IncidentSchema,
    PermitSchema,
    PersonSchema,
)

CASE_FIELDS = ("source_record_id", "status", "trafficking_status", "status_decided_by",
               "opened_on", "closed_on")
PERSON_FIELDS = ("role", "sex", "gender", "age_group", "indigenous_identity", "birthplace",
                 "disability", "lgbtq", "relationship_to_trafficker", "relationship_to_accused",
                 "role_in_process")
INCIDENT_FIELDS = ("occurred_on", "reported_on", "city", "province", "cma", "clearance_status")
CHARGE_FIELDS = ("code", "laid_on", "outcome", "outcome_on")
IDENTITY_COLUMNS = ("identity_sealed", "name_index", "birth_date_index", "phone_index",
                    "email_index")


def _snapshot(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def _case_snapshot(case: Case) -> dict[str, Any]:
    state = _snapshot(case, CASE_FIELDS)
    state["narrative"] = case.narrative_sealed
    for field, vocabulary in CASE_CODE_FIELDS.items():
        state[field] = sorted(case.codes_of(vocabulary))
    return state


def apply_case_fields(case: Case, data: CaseSchema) -> None:
    for name in CASE_FIELDS:
        value = getattr(data, name)
        setattr(case, name, "" if value is None and name == "status_decided_by" else value)


def replace_case_codes(case: Case, data: CaseSchema) -> None:
    case.codes.all().delete()
    CaseCode.objects.bulk_create(
        CaseCode(case=case, vocabulary=vocabulary, code=code)
        for field, vocabulary in CASE_CODE_FIELDS.items()
        for code in getattr(data, field)
    )


def open_case(actor: User, data: CaseSchema, organization: Organization | None = None) -> Case:
    """Create a case for ``organization`` (the actor's own by default), with its codes."""
    owner = organization or actor.organization
    with transaction.atomic():
        case = Case(organization=owner, created_by=actor)
        apply_case_fields(case, data)
        seal_narrative(case, data.narrative)
        case.save()
        replace_case_codes(case, data)
        record(actor=actor, action="case.create", target=case, owner=owner,
               changes=diff({}, _case_snapshot(case), identifying={"narrative"}))
    return case


def update_case(actor: User, case: Case, data: CaseSchema, *, narrative_changed: bool) -> Case:
    """Replace a case's fields and codes; the narrative is re-sealed only if it was edited."""
    with transaction.atomic():
        before = _case_snapshot(case)
        apply_case_fields(case, data)
        if narrative_changed:
            seal_narrative(case, data.narrative)
        case.save(update_fields=[*CASE_FIELDS, "narrative_sealed", "updated_at"])
        replace_case_codes(case, data)
        case = Case.objects.prefetch_related("codes").get(pk=case.pk)
        record(actor=actor, action="case.update", target=case, owner=case.organization,
               changes=diff(before, _case_snapshot(case), identifying={"narrative"}))
    return case


def apply_person_fields(person: Person, data: PersonSchema) -> None:
    for name in PERSON_FIELDS:
        value = getattr(data, name)
        setattr(person, name, value if value is not None else "")


def add_person(actor: User, case: Case, data: PersonSchema) -> Person:
    """Add a victim or accused to a case, sealing their identity."""
    with transaction.atomic():
        person = Person(case=case)
        apply_person_fields(person, data)
        seal_identity(person, PersonIdentity(**data.identity.model_dump()))
        person.save()
        after = _snapshot(person, PERSON_FIELDS) | {"identity": person.identity_sealed}
        record(actor=actor, action="person.create", target=person, owner=case.organization,
               changes=diff({}, after, identifying={"identity"}))
    return person


def update_person(
    actor: User, person: Person, data: PersonSchema, *, identity_changed: bool
) -> Person:
    """Change a person's attributes; their identity is replaced only when it was edited."""
    with transaction.atomic():
        before = _snapshot(person, PERSON_FIELDS) | {"identity": person.identity_sealed,
                                                      "encoding": person.encoding_sealed}
        apply_person_fields(person, data)
        if identity_changed:
            identity = PersonIdentity(**data.identity.model_dump())
            seal_identity(person, identity)
            if not identity.is_empty():
                # An identity now held in clear replaces the encoding the person was sent
                # with: a person is linked by one or the other, and a stale encoding would
                # keep them among the encoded people.
                seal_encoding(person, "")
        person.save(update_fields=[*PERSON_FIELDS, *IDENTITY_COLUMNS, "encoding_sealed",
                                   "updated_at"])
        after = _snapshot(person, PERSON_FIELDS) | {"identity": person.identity_sealed,
                                                     "encoding": person.encoding_sealed}
        record(actor=actor, action="person.update", target=person,
               owner=person.case.organization,
               changes=diff(before, after, identifying={"identity", "encoding"}))
    return person


def add_incident(actor: User, case: Case, data: IncidentSchema) -> Incident:
    """Record an incident (date and place) of a case."""
    with transaction.atomic():
        incident = Incident(case=case, **data.model_dump())
        incident.cma = incident.cma or ""
        incident.save()
        record(actor=actor, action="incident.create", target=incident, owner=case.organization,
               changes=diff({}, _snapshot(incident, INCIDENT_FIELDS)))
    return incident


def update_incident(actor: User, incident: Incident, data: IncidentSchema) -> Incident:
    """Correct an incident's date or place."""
    with transaction.atomic():
        before = _snapshot(incident, INCIDENT_FIELDS)
        for name, value in data.model_dump().items():
            setattr(incident, name, value if value is not None or name != "cma" else "")
        incident.save(update_fields=list(INCIDENT_FIELDS))
        record(actor=actor, action="incident.update", target=incident,
               owner=incident.case.organization,
               changes=diff(before, _snapshot(incident, INCIDENT_FIELDS)))
    return incident


def add_charge(actor: User, case: Case, data: ChargeSchema, accused: Person | None) -> Charge:
    """Record a charge (trafficking or alternate) against an accused of the case."""
    with transaction.atomic():
        charge = Charge(case=case, accused=accused, code=data.code, laid_on=data.laid_on,
                        outcome=data.outcome, outcome_on=data.outcome_on)
        charge.save()
        after = _snapshot(charge, CHARGE_FIELDS) | {"accused": accused.pseudonym if accused else ""}
        record(actor=actor, action="charge.create", target=charge, owner=case.organization,
               changes=diff({}, after))
    return charge


def record_court_outcome(actor: User, charge: Charge, data: ChargeSchema) -> Charge:
    """Update a charge with its court outcome (or reclassification)."""
    with transaction.atomic():
        before = _snapshot(charge, CHARGE_FIELDS)
        charge.code, charge.laid_on = data.code, data.laid_on
        charge.outcome, charge.outcome_on = data.outcome, data.outcome_on
        charge.save(update_fields=["code", "laid_on", "outcome", "outcome_on"])
        record(actor=actor, action="charge.update", target=charge,
               owner=charge.case.organization,
               changes=diff(before, _snapshot(charge, CHARGE_FIELDS)))
    return charge


def add_permit(actor: User, person: Person, data: PermitSchema) -> TemporaryResidentPermit:
    """Record a temporary resident permit issued to a victim."""
    with transaction.atomic():
        permit = TemporaryResidentPermit.objects.create(person=person, **data.model_dump())
        record(actor=actor, action="permit.create", target=permit,
               owner=person.case.organization,
               changes=diff({}, {"permit_type": permit.permit_type,
                                 "issued_on": permit.issued_on}))
    return permit


def record_consent(
    actor: User, person: Person, data: ConsentSchema, shared_with: Organization | None
) -> Consent:
    """Record what a person consented to (and with whom), when."""
    with transaction.atomic():
        consent = Consent.objects.create(person=person, purpose=data.purpose,
                                         shared_with=shared_with, given_at=data.given_at,
                                         recorded_by=actor)
        record(actor=actor, action="consent.give", target=consent,
               owner=person.case.organization,
               changes=diff({}, {"purpose": consent.purpose,
                                 "shared_with": shared_with.code if shared_with else "",
                                 "given_at": consent.given_at}))
    return consent


def withdraw_consent(actor: User, consent: Consent) -> Consent:
    """Mark a consent withdrawn now; what depends on it stops from this moment."""
    # Imported here: referrals build on cases, not the other way round.
    from lantern.referrals.actions import revoke_referrals_of_consent

    with transaction.atomic():
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
        revoke_referrals_of_consent(actor, consent)
        record(actor=actor, action="consent.withdraw", target=consent,
               owner=consent.person.case.organization,
               changes=diff({"withdrawn_at": None}, {"withdrawn_at": consent.withdrawn_at}))
    return consent
