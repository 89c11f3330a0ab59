"""Who may run linkage, review its pairs and see the identities in a pair."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from lantern.accounts.models import User
from lantern.accounts.permissions import Permission
from lantern.cases.access import reveal_for_linkage
from lantern.cases.identity import PersonIdentity
from lantern.cases.models import Person
from lantern.linkage.models import LinkageRun, ReviewPair


def require_reviewer(user: User) -> None:
    if not user.is_authenticated or not user.has_lantern_permission(Permission.LINK_REVIEW):
        raise PermissionDenied


def may_see_identities(user: User) -> bool:
    return user.has_lantern_permission(Permission.LINK_IDENTITY) and user.is_verified()  # type: ignore[attr-defined]


def run_for(user: User, run_id: str) -> LinkageRun:
    require_reviewer(user)
    try:
        return LinkageRun.objects.get(pk=run_id)
    except (LinkageRun.DoesNotExist, ValueError):
        raise Http404 from None


def pair_for(user: User, pair_id: int) -> ReviewPair:
    require_reviewer(user)
    try:
        return ReviewPair.objects.select_related(
            "left__case__organization", "right__case__organization"
        ).get(pk=pair_id)
    except ReviewPair.DoesNotExist:
        raise Http404 from None


def identities(user: User, pair: ReviewPair) -> tuple[PersonIdentity, PersonIdentity]:
    """Both identities of a pair, each read logged; PermissionDenied for other reviewers."""
    people: tuple[Person, Person] = (pair.left, pair.right)
    return reveal_for_linkage(user, people[0]), reveal_for_linkage(user, people[1])
