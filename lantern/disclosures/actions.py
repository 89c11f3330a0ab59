"""Making a disclosure to police, on a legal basis, logged."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from lantern.accounts.models import User
from lantern.audit.actions import record
from lantern.cases.models import Case, Person
from lantern.core import crypto
from lantern.disclosures.models import Disclosure
from lantern.organizations.models import Organization
from lantern.referrals.actions import active_share_consent

POLICE_KINDS = ("police_service", "law_enforcement_coordination")


class DisclosureRefused(Exception):
    """The basis given does not allow this disclosure; the message says why."""


def disclose_to_police(
    actor: User, case: Case, police: Organization, *, basis: str, shared: str,
    person: Person | None = None, court_order_reference: str = "", justification: str = "",
) -> Disclosure:
    """Disclose ``shared`` from ``case`` to a police service.

    consent: the person consented to sharing with that police service (recorded consent);
    court_order: the order's reference is required; imminent_danger and minor_at_risk: a
    justification is required. Every disclosure is logged with its basis.
    """
    if police.kind not in POLICE_KINDS or not police.active:
        raise DisclosureRefused("the recipient is not an active police service")
    consent = None
    if basis == "consent":
        consent = active_share_consent(person, police.pk) if person else None
        if consent is None:
            raise DisclosureRefused("the person has not consented to sharing with this service")
    elif basis == "court_order" and not court_order_reference.strip():
        raise DisclosureRefused("a disclosure under a court order needs the order's reference")
    elif basis in ("imminent_danger", "minor_at_risk") and not justification.strip():
        raise DisclosureRefused("say why the danger or the risk to a child requires it")
    with transaction.atomic():
        disclosure = Disclosure(from_organization=actor.organization, disclosed_by=actor,
                                police_organization=police, case=case, person=person,
                                basis=basis, consent=consent,
                                court_order_reference=court_order_reference.strip(),
                                justification=justification.strip(),
                                disclosed_at=timezone.now())
        disclosure.shared_sealed = crypto.encrypt(shared, f"disclosures:{disclosure.id}:shared")
        disclosure.save()
        record(actor=actor, action="disclosure.make", target=disclosure,
               owner=actor.organization, changes={
                   "police": police.code, "basis": basis, "case": case.reference,
                   "person": person.pseudonym if person else "",
                   "court_order_reference": disclosure.court_order_reference})
    return disclosure
