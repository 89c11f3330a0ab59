"""What the tables count: linked people and linked incidents, each once, and who is left out.

Record linkage (``lantern.linkage``) gives every case person a linked id (``PersonLink``) and
every incident a linked incident id (``IncidentLink``). A person or incident with no link row
yet counts as itself; :func:`linkage_notes` says how many did, and the release keeps it.

Each linked person is described by one of their records, the *representative*: the record
with the most known attributes, then the earliest. Counting the representatives gives every
linked person exactly one cell of each table, which is also what keeps each table's
sensitivity at one (see ``noise.py``).

People who withdrew their consent to statistical use (``Consent`` with purpose
``statistics``) and have not given it again are left out of every release built after the
withdrawal: all records of their linked person, with the permits, referrals and charges that
are about them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import Window
from django.db.models.functions import Cast, Coalesce, RowNumber

from lantern.cases.models import Consent, Incident, Person
from lantern.linkage.models import PersonLink

STATISTICS = "statistics"
_DESCRIPTIVE = ("sex", "age_group", "indigenous_identity", "birthplace")


def person_key() -> Coalesce:
    """The linked person id, or the record's own id when it has not been linked."""
    return Coalesce(F("link__linked_id"), Cast("pk", CharField()), output_field=CharField())


def incident_key() -> Coalesce:
    return Coalesce(F("link__linked_id"), Cast("pk", CharField()), output_field=CharField())


def _withdrawals(as_of: dt.datetime) -> QuerySet[Consent]:
    """Consents to statistical use that stood withdrawn at ``as_of``: withdrawn then, and
    not given again after the withdrawal."""
    given_again = Consent.objects.filter(
        person=OuterRef("person"), purpose=STATISTICS, given_at__gt=OuterRef("withdrawn_at"),
        given_at__lte=as_of,
    ).filter(Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=as_of))
    return (Consent.objects.filter(purpose=STATISTICS, withdrawn_at__lte=as_of)
            .exclude(Exists(given_again)))


def withdrawn_people(as_of: dt.datetime) -> QuerySet[Consent, Any]:
    """Person ids whose consent to statistical use stood withdrawn at ``as_of``."""
    return _withdrawals(as_of).values("person_id")


def _left_out(person: str, as_of: dt.datetime) -> tuple[Exists, Exists]:
    """Whether the case person at ``person`` (a foreign key of the queryset's model, "" for
    a Person) withdrew, and whether another record of their linked person did.

    Two EXISTS on the person's id, so that leaving them out is two anti-joins sized by the
    few withdrawals. (A NOT IN over every excluded person was rescanned once per row
    whenever the planner guessed that set too large to hash.)"""
    own = OuterRef(person or "pk")
    withdrawn = withdrawn_people(as_of)
    linked_ids = PersonLink.objects.filter(person_id__in=withdrawn).values("linked_id")
    return (Exists(_withdrawals(as_of).filter(person=own)),
            Exists(PersonLink.objects.filter(person=own, linked_id__in=linked_ids)))


def without_withdrawn(queryset: QuerySet, person: str, as_of: dt.datetime) -> QuerySet:
    """``queryset`` less the rows about people left out at ``as_of``: those who withdrew,
    and every other record of the same linked person. A row about nobody (a charge with no
    accused) stays."""
    withdrew, linked_withdrew = _left_out(person, as_of)
    return queryset.filter(~withdrew).filter(~linked_withdrew)


def excluded_person_ids(as_of: dt.datetime) -> QuerySet[Any, Any]:
    """Every case person left out at ``as_of``: those who withdrew, and every other record
    of the same linked person. A union, built from the few withdrawals rather than by
    testing every person: count it (``without_withdrawn`` is how tables leave them out)."""
    withdrawn = withdrawn_people(as_of)
    linked = PersonLink.objects.filter(person_id__in=withdrawn).values("linked_id")
    others = PersonLink.objects.filter(linked_id__in=linked).values("person_id")
    return withdrawn.order_by().union(others.order_by())


def _known_attributes() -> Case:
    # How much a record says about the person; the fullest record describes them.
    total: Case | None = None
    for name in _DESCRIPTIVE:
        known = Case(When(**{f"{name}__in": ["unknown", ""]}, then=Value(0)), default=Value(1),
                     output_field=IntegerField())
        total = known if total is None else total + known  # type: ignore[assignment]
    assert total is not None
    return total


def counted_people(role: str, as_of: dt.datetime, window_start: dt.date,
                   window_end: dt.date) -> QuerySet[Person]:
    """One representative record per linked person of ``role`` whose case opened in the
    window, people who withdrew consent left out.

    Count it by wrapping its SQL in a GROUP BY (``counting._count_by``): with
    ``annotate(Count)`` Django would group before the window ranks the records, and
    ``pk__in`` it costs a semi-join the planner misjudges (it cannot estimate how many
    records rank first; at a million records the nested loop it chose never finished)."""
    people = without_withdrawn(
        Person.objects.filter(role=role, case__opened_on__gte=window_start,
                              case__opened_on__lte=window_end), "", as_of)
    return people.annotate(
        known=_known_attributes(),
        rank=Window(RowNumber(), partition_by=[person_key()],
                    order_by=[F("known").desc(), F("created_at").asc(), F("pk").asc()]),
    ).filter(rank=1)


def incident_date() -> Coalesce:
    """When an incident happened; failing that, when it was reported or its case opened."""
    return Coalesce(F("occurred_on"), F("reported_on"), F("case__opened_on"))


def counted_incidents(window_start: dt.date, window_end: dt.date) -> QuerySet[Incident]:
    """One representative report per linked incident dated in the window: the earliest
    (annotated ``on``, its date). Read it as :func:`counted_people`."""
    dated = Incident.objects.annotate(on=incident_date()).filter(
        on__gte=window_start, on__lte=window_end)
    return dated.annotate(
        rank=Window(RowNumber(), partition_by=[incident_key()],
                    order_by=[F("on").asc(), F("pk").asc()]),
    ).filter(rank=1)


def linkage_notes(as_of: dt.datetime, window_start: dt.date,
                  window_end: dt.date) -> dict[str, int]:
    """How many records were counted, and how many of them had no linked id yet."""
    people = Person.objects.filter(
        case__opened_on__gte=window_start, case__opened_on__lte=window_end,
    ).aggregate(records=Count("pk"), unlinked=Count("pk", filter=Q(link__isnull=True)))
    incidents = Incident.objects.annotate(on=incident_date()).filter(
        on__gte=window_start, on__lte=window_end,
    ).aggregate(records=Count("pk"), unlinked=Count("pk", filter=Q(link__isnull=True)))
    return {
        "person_records": people["records"],
        "person_records_unlinked": people["unlinked"],
        "incident_records": incidents["records"],
        "incident_records_unlinked": incidents["unlinked"],
        "people_withdrawn": excluded_person_ids(as_of).count(),
    }
