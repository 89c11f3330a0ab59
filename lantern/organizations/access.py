"""Who may manage organizations: platform administrators only."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from lantern.accounts.models import User
from lantern.accounts.permissions import Permission
from lantern.organizations.models import Organization


def require_organization_management(user: User) -> None:
    if not user.is_authenticated or not user.has_lantern_permission(
        Permission.ORGANIZATION_MANAGE
    ):
        raise PermissionDenied


def organization_for_management(user: User, code: str) -> Organization:
    require_organization_management(user)
    try:
        return Organization.objects.get(code=code)
    except Organization.DoesNotExist:
        raise Http404 from None
