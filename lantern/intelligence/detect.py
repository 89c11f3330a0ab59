"""Finding what cases of different police services share, and raising link alerts.

A *sighting* is one value met in one case: an identifier recorded on the case, the phone or
email of one of its people (their blind indexes), or the linked person one of its people
belongs to (``linkage.PersonLink``). A value sighted in cases of two or more police services
raises one alert; later sightings join it.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from lantern.audit.actions import record
from lantern.cases.models import Person
from lantern.intelligence.models import (
    POLICE_SERVICE,
    AlertCase,
    AlertService,
    CaseIdentifier,
    LinkAlert,
)
from lantern.linkage.models import PersonLink

# (kind, key): the identifier kind and its blind index, or "person" and a linked-person id.
Key = tuple[str, str]


@dataclass
class RefreshReport:
    raised: int = 0
    updated: int = 0
    cases_added: int = 0
    unchanged: int = 0


def _sightings() -> Iterator[tuple[str, str, uuid.UUID, uuid.UUID]]:
    """(kind, key, case id, organization id) of every sighting in a police case."""
    police = {"case__organization__kind": POLICE_SERVICE}
    yield from CaseIdentifier.objects.filter(**police).values_list(
        "kind", "value_index", "case_id", "case__organization_id").iterator()
    for kind in ("phone", "email"):
        column = f"{kind}_index"
        people = Person.objects.filter(**police).exclude(**{column: ""}).values_list(
            column, "case_id", "case__organization_id")
        for key, case_id, organization_id in people.iterator():
            yield kind, key, case_id, organization_id
    links = PersonLink.objects.filter(person__case__organization__kind=POLICE_SERVICE)
    for linked_id, case_id, organization_id in links.values_list(
            "linked_id", "person__case_id", "person__case__organization_id").iterator():
        yield LinkAlert.PERSON, linked_id, case_id, organization_id


def shared_across_services() -> dict[Key, dict[uuid.UUID, uuid.UUID]]:
    """Every value sighted in cases of two or more police services: its cases and, for each,
    the case's organization."""
    # Held in memory: one small tuple per sighting, a few hundred thousand at national scale.
    cases_of: dict[Key, dict[uuid.UUID, uuid.UUID]] = defaultdict(dict)
    for kind, key, case_id, organization_id in _sightings():
        cases_of[(kind, key)][case_id] = organization_id
    return {key: cases for key, cases in cases_of.items() if len(set(cases.values())) >= 2}


def _known_cases() -> dict[Key, set[uuid.UUID]]:
    known: dict[Key, set[uuid.UUID]] = defaultdict(set)
    for kind, key, case_id in AlertCase.objects.values_list(
            "alert__kind", "alert__key", "case_id").iterator():
        known[(kind, key)].add(case_id)
    return known


def refresh_alerts() -> RefreshReport:
    """Raise an alert for each value newly shared by police services, and add newly found
    cases to the alerts already raised.

    Idempotent: a second run finds nothing new and writes nothing. Nothing is taken away
    either: a case stays on an alert after the identifier that brought it is gone, so the
    services that were told keep the record of why.
    """
    report = RefreshReport()
    known = _known_cases()
    for key, cases in sorted(shared_across_services().items()):
        if set(cases) <= known.get(key, set()):
            report.unchanged += 1
            continue
        added, created = _raise_or_extend(key, cases)
        report.cases_added += added
        if created:
            report.raised += 1
        else:
            report.updated += 1
    return report


def _raise_or_extend(key: Key, cases: dict[uuid.UUID, uuid.UUID]) -> tuple[int, bool]:
    """Add ``cases`` to the alert on ``key``, raising it first if needed; one transaction
    with its audit entry. Returns (cases added, raised now)."""
    kind, value_key = key
    now = timezone.now()
    with transaction.atomic():
        alert, created = LinkAlert.objects.select_for_update().get_or_create(
            kind=kind, key=value_key, defaults={"raised_at": now, "updated_at": now})
        linked = set(AlertCase.objects.filter(alert=alert).values_list("case_id", flat=True))
        new_cases = [case_id for case_id in cases if case_id not in linked]
        AlertCase.objects.bulk_create(
            AlertCase(alert=alert, case_id=case_id, added_at=now) for case_id in new_cases)
        involved = set(AlertService.objects.filter(alert=alert).values_list(
            "organization_id", flat=True))
        AlertService.objects.bulk_create(
            AlertService(alert=alert, organization_id=organization_id, added_at=now)
            for organization_id in sorted(set(cases.values()) - involved, key=str))
        if not created:
            # New cases are news again, to the analysts and to every service involved.
            alert.updated_at = now
            alert.status = LinkAlert.Status.NEW
            alert.save(update_fields=["updated_at", "status"])
        record(actor=None, action="alert.raise" if created else "alert.update", target=alert,
               changes={"kind": kind, "cases_added": len(new_cases),
                        "cases": len(linked) + len(new_cases),
                        "services": len(involved | set(cases.values()))})
    return len(new_cases), created
