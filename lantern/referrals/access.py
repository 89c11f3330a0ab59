"""Who sees which referral: the sender's organization, and the provider it was sent to."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404

from lantern.accounts.models import User
from lantern.accounts.permissions import Permission
from lantern.audit.actions import record
from lantern.audit.models import AuditEntry
from lantern.core import crypto
from lantern.referrals.models import Referral

SENDER_PERMISSIONS = (Permission.CASE_EDIT, Permission.CONTACT_LOG)


def can_send(user: User) -> bool:
    return user.is_authenticated and any(user.has_lantern_permission(p)
                                         for p in SENDER_PERMISSIONS)


def can_receive(user: User) -> bool:
    return user.is_authenticated and user.has_lantern_permission(Permission.REFERRAL_RECEIVE)


def referrals_visible_to(user: User) -> QuerySet[Referral]:
    """Referrals the user's organization sent or received."""
    sent = can_send(user)
    received = can_receive(user)
    if not (sent or received):
        raise PermissionDenied
    scope = Q()
    if sent:
        scope |= Q(sender_organization_id=user.organization_id)
    if received:
        scope |= Q(provider__organization_id=user.organization_id)
    return Referral.objects.filter(scope).select_related(
        "provider__organization", "sender_organization", "person")


def referral_for(user: User, reference: str) -> Referral:
    try:
        return referrals_visible_to(user).get(reference=reference)
    except Referral.DoesNotExist:
        raise Http404 from None


def is_sender(user: User, referral: Referral) -> bool:
    return can_send(user) and referral.sender_organization_id == user.organization_id


def is_receiver(user: User, referral: Referral) -> bool:
    return can_receive(user) and referral.provider.organization_id == user.organization_id


def reveal_summary(user: User, referral: Referral) -> str:
    """What the referral shares, for its sender or for the provider while it is not
    revoked; the read is logged."""
    if not user.is_verified():  # type: ignore[attr-defined]  # django-otp
        raise PermissionDenied
    receiver = is_receiver(user, referral)
    if not (is_sender(user, referral) or receiver):
        raise Http404
    if receiver and referral.status == Referral.Status.REVOKED:
        raise PermissionDenied
    with transaction.atomic():
        summary = crypto.decrypt(referral.summary_sealed, f"referrals:{referral.id}:summary")
        record(actor=user, action="referral.summary.reveal", kind=AuditEntry.Kind.READ,
               target=referral, owner=referral.sender_organization)
    return summary
