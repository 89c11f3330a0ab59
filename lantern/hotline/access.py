"""Who may read hotline contacts and tips. Every read of sealed text is logged here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404

from lantern.accounts.models import User
from lantern.accounts.permissions import Permission
from lantern.audit.actions import record
from lantern.audit.models import AuditEntry
from lantern.core import crypto
from lantern.hotline.models import Contact, Tip


def require(user: User, permission: Permission) -> None:
    if not user.is_authenticated or not user.has_lantern_permission(permission):
        raise PermissionDenied


def contacts_visible_to(user: User) -> QuerySet[Contact]:
    """Contacts of the advocate's own hotline."""
    require(user, Permission.CONTACT_LOG)
    return Contact.objects.filter(organization_id=user.organization_id)


def contact_for(user: User, reference: str) -> Contact:
    try:
        return contacts_visible_to(user).select_related("case", "advocate").get(
            reference=reference)
    except Contact.DoesNotExist:
        raise Http404 from None


def earlier_contacts(user: User, contact: Contact) -> QuerySet[Contact]:
    """Other contacts of this hotline from the same phone number (blind index)."""
    if not contact.caller_phone_index:
        return Contact.objects.none()
    return (contacts_visible_to(user).filter(caller_phone_index=contact.caller_phone_index)
            .exclude(pk=contact.pk))


def contacts_by_phone(user: User, phone: str) -> list[Contact]:
    """Contacts of this hotline from a phone number; the search is logged (not the number)."""
    contacts = contacts_visible_to(user)
    _require_verified(user)
    index = crypto.blind_index(crypto.normalize_phone(phone), "phone")
    if not index:
        return []
    with transaction.atomic():
        found = list(contacts.filter(caller_phone_index=index).select_related("screening",
                                                                              "case"))
        record(actor=user, action="contact.search.phone", kind=AuditEntry.Kind.READ,
               owner=user.organization, changes={"matches": len(found)})
    return found


def _require_verified(user: User) -> None:
    if not user.is_verified():  # type: ignore[attr-defined]  # django-otp
        raise PermissionDenied


@dataclass(frozen=True)
class ContactDetails:
    notes: str
    caller_phone: str


def reveal_contact(user: User, contact: Contact) -> ContactDetails:
    """Open a contact's notes and caller number for its own hotline; the read is logged."""
    require(user, Permission.CONTACT_LOG)
    _require_verified(user)
    if contact.organization_id != user.organization_id:
        raise Http404
    with transaction.atomic():
        details = ContactDetails(
            notes=_open(contact.notes_sealed, f"hotline.contact:{contact.id}:notes"),
            caller_phone=_open(contact.caller_phone_sealed, f"hotline.contact:{contact.id}:phone"),
        )
        record(actor=user, action="contact.reveal", kind=AuditEntry.Kind.READ, target=contact,
               owner=contact.organization)
    return details


def _open(sealed: str, context: str) -> str:
    return crypto.decrypt(sealed, context) if sealed else ""


def tips_visible_to(user: User) -> QuerySet[Tip]:
    require(user, Permission.CONTACT_LOG)
    return Tip.objects.filter(organization_id=user.organization_id)


def tip_for(user: User, tip_id: str) -> Tip:
    try:
        return tips_visible_to(user).get(pk=tip_id)
    except (Tip.DoesNotExist, ValueError):
        raise Http404 from None


@dataclass(frozen=True)
class TipContent:
    what: str
    who_at_risk: str
    contact: str
    messages: list[tuple[str, str, object]]  # (author, text, when)


def reveal_tip(user: User, tip: Tip) -> TipContent:
    """Open a tip and its messages for the hotline that received it; the read is logged."""
    require(user, Permission.CONTACT_LOG)
    _require_verified(user)
    if tip.organization_id != user.organization_id:
        raise Http404
    with transaction.atomic():
        content = TipContent(
            what=_open(tip.what_sealed, f"hotline.tip:{tip.id}:what"),
            who_at_risk=_open(tip.who_at_risk_sealed, f"hotline.tip:{tip.id}:who"),
            contact=_open(tip.contact_sealed, f"hotline.tip:{tip.id}:contact"),
            messages=[(m.author, _open(m.body_sealed, f"hotline.tipmessage:{m.id}:body"),
                       m.created_at) for m in tip.messages.all()],
        )
        record(actor=user, action="tip.reveal", kind=AuditEntry.Kind.READ, target=tip,
               owner=tip.organization)
    return content


def replies_for_reporter(tip: Tip) -> list[tuple[str, dt.datetime]]:
    """What the hotline wrote back, for the person who holds the follow-up code.

    The reporter's own words are not shown back: whoever holds a code learns the status
    and the replies, never the report.
    """
    with transaction.atomic():
        replies = [(_open(m.body_sealed, f"hotline.tipmessage:{m.id}:body"), m.created_at)
                   for m in tip.messages.all() if m.author == m.Author.HOTLINE]
        record(actor=None, action="tip.follow_up", kind=AuditEntry.Kind.READ, target=tip,
               owner=tip.organization)
    return replies


def tip_by_code(code: str) -> Tip | None:
    """The tip whose follow-up code this is (dashes, spaces and case ignored)."""
    # Codes never use I, L, O or U; a reporter who reads 0 as O or 1 as I still gets in.
    normalized = "".join(ch for ch in code.upper() if ch.isalnum()).translate(
        str.maketrans("OIL", "011"))
    if len(normalized) != 12:
        return None
    return Tip.objects.filter(code_index=crypto.blind_index(normalized, "tip-code")).first()
