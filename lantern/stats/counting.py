"""The true counts behind each table, by SQL aggregation (``values().annotate(Count)``).

Each function returns ``{(row code, column code): count}`` for one table, column code ""
for a one-way table. These counts never leave the release builder: disclosure control
(``control.py``) turns them into what may be released, and only that is stored.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import Window
from django.db.models.functions import (
    Cast,
    Coalesce,
    Concat,
    ExtractYear,
    RowNumber,
)

from lantern.cases.models import CaseCode, Charge, TemporaryResidentPermit
from lantern.hotline.models import Contact
from lantern.referrals.models import Referral, UnmetNeed
from lantern.standard.vocabularies import vocabulary
from lantern.stats import dimensions as dims
from lantern.stats import units

Counts = Counter[tuple[str, str]]


@dataclass(frozen=True)
class Scope:
    """What a release counts: the window of dates, and consents as they stood at ``as_of``."""

    as_of: dt.datetime
    start: dt.date
    end: dt.date


def _fold(rows: QuerySet, row: str, column: str | None = None) -> Counts:
    counts: Counts = Counter()
    for item in rows:
        key = (str(item[row]), str(item[column]) if column else "")
        counts[key] += item["n"]
    return counts


def incidents_by_year_and_province(scope: Scope) -> Counts:
    incidents = units.counted_incidents(scope.start, scope.end)
    return _fold(incidents.annotate(year=ExtractYear("on")).values("year", "province")
                 .annotate(n=Count("pk")), "year", "province")


def incidents_by_cma(scope: Scope) -> Counts:
    incidents = units.counted_incidents(scope.start, scope.end).exclude(cma="")
    return _fold(incidents.values("cma").annotate(n=Count("pk")), "cma")


def _people(role: str, scope: Scope) -> QuerySet:
    return units.counted_people(role, scope.as_of, scope.start, scope.end)


def victims_by_sex_and_age(scope: Scope) -> Counts:
    return _fold(_people("victim", scope).values("sex", "age_group").annotate(n=Count("pk")),
                 "sex", "age_group")


def accused_by_sex_and_age(scope: Scope) -> Counts:
    return _fold(_people("accused", scope).values("sex", "age_group").annotate(n=Count("pk")),
                 "sex", "age_group")


def victims_by_indigenous_identity_and_sex(scope: Scope) -> Counts:
    people = _people("victim", scope)
    return _fold(people.values("indigenous_identity", "sex").annotate(n=Count("pk")),
                 "indigenous_identity", "sex")


def victims_by_birthplace(scope: Scope) -> Counts:
    return _fold(_people("victim", scope).values("birthplace").annotate(n=Count("pk")),
                 "birthplace")


def victims_by_relationship(scope: Scope) -> Counts:
    people = _people("victim", scope).annotate(
        relation=Case(When(relationship_to_accused="", then=Value("unknown")),
                      default=F("relationship_to_accused"), output_field=CharField()))
    return _fold(people.values("relation").annotate(n=Count("pk")), "relation")


def victims_by_exploitation(scope: Scope) -> Counts:
    """One category per victim: the type of exploitation of their case, "more than one
    type", or "not stated"."""
    codes = CaseCode.objects.filter(case=OuterRef("case"), vocabulary="exploitation_type")
    people = _people("victim", scope).annotate(
        types=Coalesce(Subquery(codes.values("case").annotate(c=Count("pk")).values("c")[:1],
                                output_field=IntegerField()), 0),
        first=Subquery(codes.order_by("code").values("code")[:1]),
    ).annotate(kind=Case(
        When(types=0, then=Value(dims.NOT_STATED)),
        When(types=1, then=F("first")),
        default=Value(dims.MULTIPLE), output_field=CharField()))
    return _fold(people.values("kind").annotate(n=Count("pk")), "kind")


def _charge_groups() -> dict[str, str]:
    groups: dict[str, str] = {}
    for concept in vocabulary("charge").concepts:
        for group in dims.CHARGE_GROUP.codes:
            if group in concept.tags:
                groups[concept.code] = group
    return groups


def charges_by_offence_and_outcome(scope: Scope) -> Counts:
    """Charges laid in the window, trafficking beside the alternate offences."""
    charges = (Charge.objects.annotate(on=Coalesce("laid_on", "case__opened_on"))
               .filter(on__gte=scope.start, on__lte=scope.end)
               .exclude(accused_id__in=units.excluded_person_ids(scope.as_of)))
    by_code = _fold(charges.values("code", "outcome").annotate(n=Count("pk")), "code", "outcome")
    groups = _charge_groups()
    counts: Counts = Counter()
    for (code, outcome), n in by_code.items():
        counts[(groups.get(code, "alternate"), outcome)] += n
    return counts


def permits_by_year_and_type(scope: Scope) -> Counts:
    """Permits issued in the window; the same permit reported for two records of one linked
    person counts once."""
    permits = (TemporaryResidentPermit.objects
               .filter(issued_on__gte=scope.start, issued_on__lte=scope.end)
               .exclude(person_id__in=units.excluded_person_ids(scope.as_of))
               .annotate(year=ExtractYear("issued_on"),
                         same=Concat(Coalesce(F("person__link__linked_id"),
                                              Cast("person_id", CharField())),
                                     Value("|"), Cast("issued_on", CharField()),
                                     output_field=CharField())))
    return _fold(permits.values("year", "permit_type").annotate(n=Count("same", distinct=True)),
                 "year", "permit_type")


def _contacts(scope: Scope) -> QuerySet[Contact]:
    return Contact.objects.filter(started_at__date__gte=scope.start,
                                  started_at__date__lte=scope.end,
                                  contact_type__in=dims.CONTACT_TYPE.codes)


def _province_or_not_stated() -> Case:
    return Case(When(province="", then=Value(dims.NOT_STATED)), default=F("province"),
                output_field=CharField())


def hotline_contacts_by_type_and_province(scope: Scope) -> Counts:
    contacts = _contacts(scope).annotate(place=_province_or_not_stated())
    return _fold(contacts.values("contact_type", "place").annotate(n=Count("pk")),
                 "contact_type", "place")


def hotline_cases_by_situation_and_province(scope: Scope) -> Counts:
    """Situations of trafficking the hotline identified: screened contacts whose confirmed
    classification is not "not trafficking", the contacts of one case counted once (by its
    first contact)."""
    situation = Coalesce(Cast("case_id", CharField()), Cast("pk", CharField()),
                         output_field=CharField())
    screened = _contacts(scope).filter(screening__confirmed__in=dims.CLASSIFICATION.codes)
    first = screened.annotate(rank=Window(RowNumber(), partition_by=[situation],
                                          order_by=[F("started_at").asc(), F("pk").asc()])
                              ).filter(rank=1)
    contacts = Contact.objects.filter(pk__in=first.values("pk")).annotate(
        place=_province_or_not_stated(), situation=F("screening__confirmed"))
    return _fold(contacts.values("situation", "place").annotate(n=Count("pk")),
                 "situation", "place")


def referrals_by_service_and_outcome(scope: Scope) -> Counts:
    referrals = (Referral.objects.filter(sent_at__date__gte=scope.start,
                                         sent_at__date__lte=scope.end)
                 .exclude(person_id__in=units.excluded_person_ids(scope.as_of)))
    return _fold(referrals.values("need", "status").annotate(n=Count("pk")), "need", "status")


def unmet_needs_by_service_and_province(scope: Scope) -> Counts:
    needs = UnmetNeed.objects.filter(recorded_at__date__gte=scope.start,
                                     recorded_at__date__lte=scope.end)
    return _fold(needs.values("need", "province").annotate(n=Count("pk")), "need", "province")
