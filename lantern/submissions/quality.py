"""Data quality of an organization's records, for its data steward: how complete each
field is, why rows were rejected, codes outside the standard, records left unchanged for
a year."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from lantern.cases.models import Case, Person
from lantern.submissions.models import RowError, SourceRecord

PERSON_FIELDS = ("sex", "gender", "age_group", "indigenous_identity", "birthplace",
                 "disability", "lgbtq")


@dataclass(frozen=True)
class Completeness:
    entity: str
    field: str
    filled: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.filled / self.total) if self.total else 0


def completeness(organization_id: uuid.UUID) -> list[Completeness]:
    rows: list[Completeness] = []
    cases = Case.objects.filter(organization_id=organization_id)
    total = cases.count()
    checks = {
        "status_decided_by": ~Q(status_decided_by=""),
        "closed_on (closed cases)": Q(status="open") | Q(closed_on__isnull=False),
        "narrative": ~Q(narrative_sealed=""),
        "exploitation_types": Q(codes__vocabulary="exploitation_type"),
        "incidents": Q(incidents__isnull=False),
        "people": Q(people__isnull=False),
    }
    for field, condition in checks.items():
        filled = cases.filter(condition).distinct().count()
        rows.append(Completeness("case", field, filled, total))
    people = Person.objects.filter(case__organization_id=organization_id)
    people_total = people.count()
    known = people.aggregate(**{name: Count("pk", filter=~Q(**{name: "unknown"}))
                                for name in PERSON_FIELDS})
    rows += [Completeness("person", name, known[name], people_total) for name in PERSON_FIELDS]
    return rows


def rejection_reasons(errors: QuerySet[RowError]) -> list[dict[str, object]]:
    return list(errors.values("code", "field").annotate(rows=Count("id")).order_by("-rows")[:50])


def unknown_codes(errors: QuerySet[RowError]) -> list[dict[str, object]]:
    return list(errors.filter(code="unknown_code").values("field", "message")
                .annotate(rows=Count("id")).order_by("-rows")[:50])


def stale_records(organization_id: uuid.UUID) -> int:
    year_ago = timezone.now() - dt.timedelta(days=365)
    return SourceRecord.objects.filter(organization_id=organization_id,
                                       updated_at__lt=year_ago).count()
