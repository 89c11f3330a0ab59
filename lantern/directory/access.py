"""Who may read and edit directory entries."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from lantern.accounts.models import User
from lantern.accounts.permissions import Permission
from lantern.directory.models import STALE_AFTER_DAYS, Provider, Site

PROVIDER_KINDS = ("service_provider", "indigenous_organization", "hotline")


def stale_before() -> dt.datetime:
    return timezone.now() - dt.timedelta(days=STALE_AFTER_DAYS)


def public_providers() -> QuerySet[Provider]:
    """What the public search shows: active organizations verified in the last 12 months."""
    return Provider.objects.filter(organization__active=True,
                                   last_verified_at__gte=stale_before())


def require_directory_editor(user: User) -> None:
    if not user.is_authenticated or not user.has_lantern_permission(Permission.DIRECTORY_EDIT):
        raise PermissionDenied


def own_entry(user: User) -> Provider | None:
    """The directory entry of the editor's own organization, if it has one."""
    require_directory_editor(user)
    return (Provider.objects.filter(organization_id=user.organization_id)
            .select_related("organization").prefetch_related("codes", "sites").first())


def own_entry_or_404(user: User) -> Provider:
    entry = own_entry(user)
    if entry is None:
        raise Http404
    return entry


def own_site(user: User, site_id: str) -> Site:
    """A site of the editor's own entry; 404 for any other provider's site."""
    entry = own_entry_or_404(user)
    try:
        return entry.sites.get(pk=site_id)
    except (Site.DoesNotExist, ValueError):
        raise Http404 from None


def can_have_entry(user: User) -> bool:
    return user.organization.kind in PROVIDER_KINDS
