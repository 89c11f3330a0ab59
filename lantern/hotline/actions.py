"""Writes of the hotline: contacts, screening, links to cases, tips. Each one audited."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lantern.accounts.models import User
from lantern.audit.actions import diff, record
from lantern.cases import actions as case_actions
from lantern.cases.models import Case
from lantern.core import crypto
from lantern.core.codes import ALPHABET
from lantern.hotline.models import Contact, Screening, Tip, TipMessage
from lantern.hotline.screening import Answers, propose
from lantern.organizations.models import Organization
from lantern.standard.schemas import CaseSchema

CONTACT_FIELDS = ("started_at", "channel", "caller_type", "contact_type", "language",
                  "interpreter_used", "city", "province")
SCREENING_LISTS = ("palermo_acts", "palermo_means", "palermo_purposes", "ilo_indicators",
                   "sex_indicators")


class HotlineUnavailable(Exception):
    """No active hotline organization is configured to receive public reports."""


def _seal(value: str, context: str) -> str:
    return crypto.encrypt(value, context) if value.strip() else ""


def log_contact(actor: User, data: Mapping[str, Any]) -> Contact:
    """Record a contact for the advocate's hotline; notes and number are sealed."""
    with transaction.atomic():
        contact = Contact(organization=actor.organization, advocate=actor)
        for name in CONTACT_FIELDS:
            setattr(contact, name, data[name])
        phone = data.get("caller_phone", "")
        contact.notes_sealed = _seal(data.get("notes", ""), f"hotline.contact:{contact.id}:notes")
        contact.caller_phone_sealed = _seal(phone, f"hotline.contact:{contact.id}:phone")
        contact.caller_phone_index = crypto.blind_index(crypto.normalize_phone(phone), "phone")
        contact.save()
        after = {name: getattr(contact, name) for name in CONTACT_FIELDS}
        after |= {"notes": contact.notes_sealed, "caller_phone": contact.caller_phone_sealed}
        record(actor=actor, action="contact.create", target=contact, owner=contact.organization,
               changes=diff({}, after, identifying={"notes", "caller_phone"}))
    return contact


def screen_contact(actor: User, contact: Contact, answers: Answers, confirmed: str,
                   imminent_danger: bool) -> Screening:
    """Store the answers, Lantern's proposal and the advocate's decision, side by side."""
    proposal = propose(answers)
    with transaction.atomic():
        screening = Screening.objects.filter(contact=contact).first() or Screening(
            contact=contact)
        before = _screening_state(screening) if screening.pk else {}
        for name in SCREENING_LISTS:
            setattr(screening, name, list(getattr(answers, name)))
        screening.minor_involved = answers.minor_involved
        screening.imminent_danger = imminent_danger
        screening.proposed = proposal.classification
        screening.proposed_reasons = [list(reason) for reason in proposal.reasons]
        screening.confirmed = confirmed
        screening.confirmed_by = actor
        screening.confirmed_at = timezone.now()
        screening.save()
        record(actor=actor, action="contact.screen", target=contact,
               owner=contact.organization, changes=diff(before, _screening_state(screening)))
    return screening


def _screening_state(screening: Screening) -> dict[str, Any]:
    state = {name: sorted(getattr(screening, name)) for name in SCREENING_LISTS}
    return state | {"minor_involved": screening.minor_involved,
                    "imminent_danger": screening.imminent_danger,
                    "proposed": screening.proposed, "confirmed": screening.confirmed}


def link_contact_to_case(actor: User, contact: Contact, case: Case | None) -> None:
    """Attach a contact to a case of the same organization (or detach it)."""
    with transaction.atomic():
        before = contact.case.reference if contact.case else ""
        contact.case = case
        contact.save(update_fields=["case"])
        record(actor=actor, action="contact.link", target=contact, owner=contact.organization,
               changes=diff({"case": before}, {"case": case.reference if case else ""}))


EXPLOITATION_OF = {"sex_trafficking": ["sexual_exploitation"],
                   "labour_trafficking": ["forced_labour"],
                   "both": ["sexual_exploitation", "forced_labour"]}


def open_case_from_contact(actor: User, contact: Contact) -> Case:
    """Open a case carrying the contact's screening, and link the contact to it."""
    screening = getattr(contact, "screening", None)
    data: dict[str, Any] = {"opened_on": timezone.localdate(), "status_decided_by": "hotline"}
    if screening is not None:
        data |= {"palermo_acts": screening.palermo_acts,
                 "palermo_means": screening.palermo_means,
                 "palermo_purposes": screening.palermo_purposes,
                 "ilo_indicators": screening.ilo_indicators,
                 "exploitation_types": EXPLOITATION_OF.get(screening.confirmed, [])}
    with transaction.atomic():
        case = case_actions.open_case(actor, CaseSchema.model_validate(data))
        link_contact_to_case(actor, contact, case)
    return case


def hotline_organization() -> Organization:
    """The organization that receives public reports (LANTERN_HOTLINE_ORG, or the first
    active hotline)."""
    organizations = Organization.objects.filter(active=True, kind="hotline")
    if settings.LANTERN_HOTLINE_ORG:
        organizations = organizations.filter(code=settings.LANTERN_HOTLINE_ORG)
    # Only the id is used (the tip's owner); this runs for every public report.
    organization = organizations.order_by("created_at").only("id").first()
    if organization is None:
        raise HotlineUnavailable
    return organization


def new_follow_up_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return f"{body[:4]}-{body[4:8]}-{body[8:]}"


def submit_tip(data: Mapping[str, Any], *, suspected_spam: bool = False) -> tuple[Tip, str]:
    """Store an anonymous report; return it with its follow-up code (shown once). Inside a
    caller's transaction it adds no savepoint: the report page commits its rate-limit count
    and the report together."""
    code = new_follow_up_code()
    with transaction.atomic(savepoint=False):
        organization = hotline_organization()
        tip = Tip(organization=organization, suspected_spam=suspected_spam,
                  code_index=crypto.blind_index(code.replace("-", ""), "tip-code"),
                  city=data.get("city", ""), province=data.get("province", ""),
                  when_text=data.get("when_text", ""),
                  preferred_language=data.get("preferred_language") or "en",
                  consents=list(data.get("consents", [])))
        tip.what_sealed = _seal(data["what"], f"hotline.tip:{tip.id}:what")
        tip.who_at_risk_sealed = _seal(data.get("who_at_risk", ""), f"hotline.tip:{tip.id}:who")
        tip.contact_sealed = _seal(data.get("contact", ""), f"hotline.tip:{tip.id}:contact")
        tip.save()
        record(actor=None, action="tip.create", target=tip, owner=organization,
               changes={"suspected_spam": suspected_spam, "consents": tip.consents})
    return tip, code


def add_tip_message(tip: Tip, body: str, *, actor: User | None = None) -> TipMessage:
    """More information from the reporter (no actor) or a reply from the hotline."""
    author = TipMessage.Author.HOTLINE if actor else TipMessage.Author.REPORTER
    with transaction.atomic():
        message = TipMessage(tip=tip, author=author, advocate=actor)
        message.body_sealed = crypto.encrypt(body, f"hotline.tipmessage:{message.id}:body")
        message.save()
        tip.save(update_fields=["updated_at"])
        record(actor=actor, action=f"tip.message.{author}", target=tip, owner=tip.organization)
    return message


def set_tip_status(actor: User, tip: Tip, status: str) -> None:
    """Move a tip along: received, under review, referred, closed."""
    with transaction.atomic():
        before = tip.status
        tip.status = status
        tip.save(update_fields=["status", "updated_at"])
        record(actor=actor, action="tip.status", target=tip, owner=tip.organization,
               changes=diff({"status": before}, {"status": status}))
