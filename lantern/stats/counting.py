"""The true counts behind each table, by SQL aggregation (``values().annotate(Count)``).

Linked people and linked incidents are counted by their representatives, which come out of
a window query; each kind is counted once per build, by every combination of what its
tables show (``_profiles``), and each table adds up the combinations it needs.

Each function returns ``{(row code, column code): count}`` for one table, column code ""
for a one-way table. These counts never leave the release builder: disclosure control
(``control.py``) turns them into what may be released, and only that is stored.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Min,
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
    """What a release counts: the window of dates, and consents as they stood at ``as_of``.

    One build uses one scope; ``profiles`` keeps what several tables count (the
    victims, say) so that it is read once per build, not once per table."""

    as_of: dt.datetime
    start: dt.date
    end: dt.date
    profiles: dict[str, Counter[tuple[str, ...]]] = field(
        default_factory=dict, compare=False, repr=False)


def _fold(rows: QuerySet, row: str, column: str | None = None) -> Counts:
    counts: Counts = Counter()
    for item in rows:
        key = (str(item[row]), str(item[column]) if column else "")
        counts[key] += item["n"]
    return counts


def _profiles(scope: Scope, name: str, units_of: Callable[[], QuerySet],
              fields: tuple[str, ...]) -> Counter[tuple[str, ...]]:
    """How many units have each combination of ``fields``, counted once per scope; the
    tables that count the same units add up the combinations they show (``_margin``)."""
    if name not in scope.profiles:
        scope.profiles[name] = _count_by(units_of(), fields)
    return scope.profiles[name]


def _count_by(units_of: QuerySet, fields: tuple[str, ...]) -> Counter[tuple[str, ...]]:
    """``GROUP BY fields`` over a queryset of representatives.

    Django aggregates before a window ranks the rows, and ``pk__in`` the ranked rows costs
    a semi-join the planner misjudges (it cannot tell how many rows rank first), so the
    query Django writes for the representatives is wrapped in the aggregate here."""
    query = units_of.order_by().values_list(*fields)
    sql, params = query.query.sql_with_params()
    connection = connections[query.db]
    columns = ", ".join(connection.ops.quote_name(name) for name in fields)
    counts: Counter[tuple[str, ...]] = Counter()
    # The column names are ours; every value stays a parameter.
    aggregate = f"SELECT {columns}, COUNT(*) FROM ({sql}) units GROUP BY {columns}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(aggregate, params)
        for *values, n in cursor.fetchall():
            counts[tuple(str(value) for value in values)] += n
    return counts


def _margin(profiles: Counter[tuple[str, ...]], row: int, column: int | None = None
            ) -> Counts:
    counts: Counts = Counter()
    for profile, n in profiles.items():
        counts[(profile[row], profile[column] if column is not None else "")] += n
    return counts


_INCIDENT = ("year", "province", "cma", "kind")


def _incidents(scope: Scope) -> Counter[tuple[str, ...]]:
    return _profiles(scope, "incidents", lambda: units.counted_incidents(
        scope.start, scope.end).annotate(year=ExtractYear("on"), kind=_exploitation_kind()),
        _INCIDENT)


def incidents_by_year_and_province(scope: Scope) -> Counts:
    return _margin(_incidents(scope), 0, 1)


def incidents_by_year_and_exploitation(scope: Scope) -> Counts:
    """One category per incident: the type of exploitation of its case, "more than one
    type", or "not stated"."""
    return _margin(_incidents(scope), 0, 3)


def incidents_by_cma(scope: Scope) -> Counts:
    counts = _margin(_incidents(scope), 2)
    counts.pop(("", ""), None)
    return counts


# What the victim tables describe, in this order; one row per linked victim.
_VICTIM = ("sex", "age_group", "indigenous_identity", "birthplace", "relation", "kind")
_SEX, _AGE, _INDIGENOUS, _BIRTHPLACE, _RELATION, _KIND = range(len(_VICTIM))


def _exploitation_kind() -> Coalesce:
    """The type of exploitation of the person's case, "more than one type" or "not
    stated", in one correlated subquery per person."""
    codes = (CaseCode.objects.filter(case=OuterRef("case"), vocabulary="exploitation_type")
             .values("case").annotate(types=Count("pk"), first=Min("code"))
             .annotate(kind=Case(When(types=1, then=F("first")), default=Value(dims.MULTIPLE),
                                 output_field=CharField()))
             .values("kind"))
    return Coalesce(Subquery(codes, output_field=CharField()), Value(dims.NOT_STATED),
                    output_field=CharField())


def _victims(scope: Scope) -> Counter[tuple[str, ...]]:
    return _profiles(scope, "victims", lambda: _people("victim", scope).annotate(
        relation=Case(When(relationship_to_accused="", then=Value("unknown")),
                      default=F("relationship_to_accused"), output_field=CharField()),
        kind=_exploitation_kind()), _VICTIM)


def _people(role: str, scope: Scope) -> QuerySet:
    return units.counted_people(role, scope.as_of, scope.start, scope.end)


def victims_by_sex_and_age(scope: Scope) -> Counts:
    return _margin(_victims(scope), _SEX, _AGE)


def accused_by_sex_and_age(scope: Scope) -> Counts:
    return _margin(_profiles(scope, "accused", lambda: _people("accused", scope),
                             ("sex", "age_group")), 0, 1)


def victims_by_indigenous_identity_and_sex(scope: Scope) -> Counts:
    return _margin(_victims(scope), _INDIGENOUS, _SEX)


def victims_by_birthplace(scope: Scope) -> Counts:
    return _margin(_victims(scope), _BIRTHPLACE)


def victims_by_relationship(scope: Scope) -> Counts:
    return _margin(_victims(scope), _RELATION)


def victims_by_exploitation(scope: Scope) -> Counts:
    """One category per victim: the type of exploitation of their case, "more than one
    type", or "not stated"."""
    return _margin(_victims(scope), _KIND)


def _charge_groups() -> dict[str, str]:
    groups: dict[str, str] = {}
    for concept in vocabulary("charge").concepts:
        for group in dims.CHARGE_GROUP.codes:
            if group in concept.tags:
                groups[concept.code] = group
    return groups


def charges_by_offence_and_outcome(scope: Scope) -> Counts:
    """Charges laid in the window, trafficking beside the alternate offences."""
    charges = units.without_withdrawn(
        Charge.objects.annotate(on=Coalesce("laid_on", "case__opened_on"))
        .filter(on__gte=scope.start, on__lte=scope.end), "accused", scope.as_of)
    by_code = _fold(charges.values("code", "outcome").annotate(n=Count("pk")), "code", "outcome")
    groups = _charge_groups()
    counts: Counts = Counter()
    for (code, outcome), n in by_code.items():
        counts[(groups.get(code, "alternate"), outcome)] += n
    return counts


def permits_by_year_and_type(scope: Scope) -> Counts:
    """Permits issued in the window; the same permit reported for two records of one linked
    person counts once."""
    permits = units.without_withdrawn(
        TemporaryResidentPermit.objects.filter(issued_on__gte=scope.start,
                                               issued_on__lte=scope.end),
        "person", scope.as_of)
    permits = permits.annotate(
        year=ExtractYear("issued_on"),
        same=Concat(Coalesce(F("person__link__linked_id"), Cast("person_id", CharField())),
                    Value("|"), Cast("issued_on", CharField()), output_field=CharField()))
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
    first = screened.annotate(
        place=_province_or_not_stated(), situation=F("screening__confirmed"),
        rank=Window(RowNumber(), partition_by=[situation],
                    order_by=[F("started_at").asc(), F("pk").asc()]),
    ).filter(rank=1)
    return _margin(_count_by(first, ("situation", "place")), 0, 1)


def referrals_by_service_and_outcome(scope: Scope) -> Counts:
    referrals = units.without_withdrawn(
        Referral.objects.filter(sent_at__date__gte=scope.start, sent_at__date__lte=scope.end),
        "person", scope.as_of)
    return _fold(referrals.values("need", "status").annotate(n=Count("pk")), "need", "status")


def unmet_needs_by_service_and_province(scope: Scope) -> Counts:
    needs = UnmetNeed.objects.filter(recorded_at__date__gte=scope.start,
                                     recorded_at__date__lte=scope.end)
    return _fold(needs.values("need", "province").annotate(n=Count("pk")), "need", "province")
