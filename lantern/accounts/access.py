"""Who may manage which accounts: an organization's admins manage its own people."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from lantern.accounts.models import User
from lantern.accounts.permissions import Permission, Role

# An organization admin may grant any role but the platform's own.
ASSIGNABLE_ROLES = tuple(role for role in Role if role is not Role.PLATFORM_ADMIN)


def require_user_management(user: User) -> None:
    if not user.is_authenticated or not user.has_lantern_permission(Permission.USER_MANAGE_ORG):
        raise PermissionDenied


def users_managed_by(user: User) -> QuerySet[User]:
    """The accounts of the admin's own organization."""
    require_user_management(user)
    return User.objects.filter(organization_id=user.organization_id).order_by("username")


def managed_user(user: User, public_id: str) -> User:
    """One account of the admin's organization; 404 for any other."""
    try:
        return users_managed_by(user).get(public_id=public_id)
    except (User.DoesNotExist, ValueError):
        raise Http404 from None
