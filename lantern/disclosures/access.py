"""Who sees a disclosure: the organization that made it and the police service it went to."""

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
from lantern.disclosures.models import Disclosure


def disclosures_visible_to(user: User) -> QuerySet[Disclosure]:
    if not user.is_authenticated or not user.has_lantern_permission(Permission.CASE_VIEW):
        raise PermissionDenied
    org = user.organization_id
    return Disclosure.objects.filter(
        Q(from_organization_id=org) | Q(police_organization_id=org)
    ).select_related("from_organization", "police_organization", "case", "person")


def disclosure_for(user: User, reference: str) -> Disclosure:
    try:
        return disclosures_visible_to(user).get(reference=reference)
    except Disclosure.DoesNotExist:
        raise Http404 from None


def reveal_shared(user: User, disclosure: Disclosure) -> str:
    """What was disclosed, for either side; the read is logged."""
    if not user.has_lantern_permission(Permission.IDENTITY_REVEAL) or not user.is_verified():  # type: ignore[attr-defined]
        raise PermissionDenied
    if user.organization_id not in (disclosure.from_organization_id,
                                    disclosure.police_organization_id):
        raise Http404
    with transaction.atomic():
        shared = crypto.decrypt(disclosure.shared_sealed, f"disclosures:{disclosure.id}:shared")
        record(actor=user, action="disclosure.reveal", kind=AuditEntry.Kind.READ,
               target=disclosure, owner=disclosure.from_organization)
    return shared
