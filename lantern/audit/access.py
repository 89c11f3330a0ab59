"""Who may read the audit log."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from lantern.accounts.models import User
from lantern.accounts.permissions import Permission
from lantern.audit.models import AuditEntry


def entries_visible_to(user: User) -> QuerySet[AuditEntry]:
    """Platform admins read every entry; organization admins read what concerns their
    organization: entries about its records and entries written by its people."""
    if not user.is_authenticated:
        raise PermissionDenied
    entries = AuditEntry.objects.select_related("actor_organization", "owner_organization")
    if user.has_lantern_permission(Permission.AUDIT_VIEW_ALL):
        return entries
    if user.has_lantern_permission(Permission.AUDIT_VIEW_ORG):
        org = user.organization_id
        return entries.filter(Q(owner_organization_id=org) | Q(actor_organization_id=org))
    raise PermissionDenied


def require_chain_verification(user: User) -> None:
    """Only platform admins start a verification of the whole chain."""
    if not user.is_authenticated or not user.has_lantern_permission(Permission.AUDIT_VIEW_ALL):
        raise PermissionDenied
