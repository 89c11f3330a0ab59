"""Who may see releases, their previews, and approve them.

Policy analysts and statisticians (``national:statistics:view``) read published releases;
only statisticians (``national:release:approve``) see drafts, the preview of what disclosure
control changed, and approve and publish. Everyone else is refused.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404

from lantern.accounts.models import User
from lantern.accounts.permissions import Permission
from lantern.stats.models import ExternalSource, Release


def require_viewer(user: User) -> None:
    if not user.is_authenticated or not user.has_lantern_permission(
            Permission.STATISTICS_VIEW):
        raise PermissionDenied


def require_statistician(user: User) -> None:
    if not user.is_authenticated or not user.has_lantern_permission(
            Permission.RELEASE_APPROVE):
        raise PermissionDenied


def is_statistician(user: User) -> bool:
    return user.is_authenticated and user.has_lantern_permission(Permission.RELEASE_APPROVE)


def releases_visible_to(user: User) -> QuerySet[Release]:
    """Every release for a statistician; published releases only for other viewers."""
    require_viewer(user)
    releases = Release.objects.select_related("created_by", "approved_by", "published_by")
    if is_statistician(user):
        return releases
    return releases.filter(status=Release.Status.PUBLISHED)


def release_for(user: User, release_id: str) -> Release:
    """A release the user may read; a draft is not found for a policy analyst."""
    try:
        return releases_visible_to(user).get(pk=release_id)
    except (Release.DoesNotExist, ValueError):
        raise Http404 from None


def preview_for(user: User, release_id: str) -> Release:
    """A release's preview (what disclosure control changed): statisticians only."""
    require_statistician(user)
    return release_for(user, release_id)


def sources_visible_to(user: User) -> QuerySet[ExternalSource]:
    require_viewer(user)
    return ExternalSource.objects.prefetch_related("figures")


def published_releases() -> QuerySet[Release]:
    """Releases anyone may read, without an account: the published ones, newest first."""
    return Release.objects.filter(status=Release.Status.PUBLISHED).order_by("-published_at")


def public_release(release_id: str | None = None) -> Release | None:
    """The published release asked for, or the newest when none is asked for; None when
    nothing has been published yet."""
    if not release_id:
        return published_releases().first()
    return published_release(release_id)


def published_release(release_id: str) -> Release:
    """A published release by id; a draft or an unknown id is not found."""
    try:
        return published_releases().get(pk=release_id)
    except (Release.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None


def bulletin_release_for(user: User, release_id: str) -> Release:
    """A release whose bulletin the user may download: any published release for anyone,
    a draft for statisticians only."""
    release = Release.objects.filter(pk=release_id).first()
    if release is None or not (release.published or is_statistician(user)):
        raise Http404
    return release
