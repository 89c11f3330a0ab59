"""Who may read which case records. Every view and endpoint of the app asks here."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404

from lantern.accounts.models import User
from lantern.accounts.permissions import Permission
from lantern.audit.actions import record
from lantern.audit.models import AuditEntry
from lantern.cases.identity import (
    PersonIdentity,
    lookup,
    open_encoding,
    open_identity,
    open_narrative,
)
from lantern.cases.models import Case, Person


def require(user: User, permission: Permission) -> None:
    """PermissionDenied unless the signed-in user holds ``permission``."""
    if not user.is_authenticated or not user.has_lantern_permission(permission):
        raise PermissionDenied


def cases_visible_to(user: User) -> QuerySet[Case]:
    """The cases ``user`` may list: their own organization's.

    Other organizations' records arrive only through explicit shares (referrals,
    disclosures), which their own apps grant.
    """
    require(user, Permission.CASE_VIEW)
    return Case.objects.filter(organization_id=user.organization_id)


def case_for(user: User, reference: str, permission: Permission = Permission.CASE_VIEW) -> Case:
    """The case with ``reference`` if ``user`` may act on it; 404 otherwise, so that an
    outsider cannot even learn whether a reference exists."""
    require(user, permission)
    try:
        return Case.objects.select_related("organization").get(
            reference=reference, organization_id=user.organization_id
        )
    except Case.DoesNotExist:
        raise Http404 from None


def person_for(user: User, case: Case, pseudonym: str) -> Person:
    """A person of a case the caller already reached through :func:`case_for`."""
    try:
        return case.people.get(pseudonym=pseudonym)
    except Person.DoesNotExist:
        raise Http404 from None


def _require_identity_access(user: User, owner_id: object) -> None:
    require(user, Permission.IDENTITY_REVEAL)
    if not user.is_verified():  # type: ignore[attr-defined]  # set by django-otp
        raise PermissionDenied
    if owner_id != user.organization_id:
        raise Http404


def reveal_identity(user: User, person: Person) -> PersonIdentity:
    """Decrypt a person's identity for ``user`` and log the read in the same transaction."""
    case = person.case
    _require_identity_access(user, case.organization_id)
    with transaction.atomic():
        identity = open_identity(person)
        record(
            actor=user,
            action="person.identity.reveal",
            kind=AuditEntry.Kind.READ,
            target=person,
            owner=case.organization,
        )
    return identity


def reveal_narrative(user: User, case: Case) -> str:
    """Decrypt a case narrative for ``user`` and log the read in the same transaction."""
    _require_identity_access(user, case.organization_id)
    with transaction.atomic():
        narrative = open_narrative(case)
        record(
            actor=user,
            action="case.narrative.reveal",
            kind=AuditEntry.Kind.READ,
            target=case,
            owner=case.organization,
        )
    return narrative


def find_people(user: User, kind: str, value: str) -> list[Person]:
    """People of the caller's organization whose phone, email, full name or date of birth
    is exactly ``value``, through the blind indexes.

    A match tells that a value belongs to someone in the cases, which is itself
    identifying: only roles that may reveal identities search, and each search is logged
    (without the value)."""
    _require_identity_access(user, user.organization_id)
    column, index = lookup(kind, value)
    if not index:
        return []
    with transaction.atomic():
        people = list(Person.objects.filter(
            **{column: index}, case__organization_id=user.organization_id
        ).select_related("case"))
        record(actor=user, action=f"person.search.{kind}", kind=AuditEntry.Kind.READ,
               owner=user.organization, changes={"matches": len(people)})
    return people


def reveal_for_linkage(user: User, person: Person) -> PersonIdentity:
    """A person's identity for a linkage steward comparing two records side by side.

    Any organization's person: the steward works for the national hub. The read is logged
    against the owning organization, so it shows in that organization's audit log too."""
    require(user, Permission.LINK_IDENTITY)
    if not user.is_verified():  # type: ignore[attr-defined]  # set by django-otp
        raise PermissionDenied
    case = person.case
    with transaction.atomic():
        identity = open_identity(person)
        record(
            actor=user,
            action="person.identity.reveal",
            kind=AuditEntry.Kind.READ,
            target=person,
            owner=case.organization,
            changes={"purpose": "linkage review"},
        )
    return identity


def identities_for_linkage(
    people: list[Person], run_id: object
) -> list[tuple[PersonIdentity, str]]:
    """The identity of each of ``people`` for a linkage run of the worker, with its encoding
    (``lantern encode``) for people sent encoded, logged as one system read.

    The identities live only in the run's memory; nothing of them is written back."""
    with transaction.atomic():
        identities = [(open_identity(person), open_encoding(person)) for person in people]
        record(
            actor=None,
            action="linkage.identities.read",
            kind=AuditEntry.Kind.READ,
            changes={"people": len(people), "run": str(run_id)},
        )
    return identities
