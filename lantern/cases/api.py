"""Case records over the API: the caller's own organization, identities masked."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from lantern.cases import access
from lantern.cases.models import Case
from lantern.standard.schemas import CASE_CODE_FIELDS

router = Router(tags=["cases"])


class PersonOut(Schema):
    pseudonym: str
    role: str
    sex: str
    gender: str
    age_group: str


class CaseOut(Schema):
    reference: str
    status: str
    trafficking_status: str
    opened_on: dt.date
    closed_on: dt.date | None


class CaseDetailOut(CaseOut):
    codes: dict[str, list[str]]
    people: list[PersonOut]


@router.get("/", response=list[CaseOut])
def list_cases(request: HttpRequest, limit: int = 100, offset: int = 0) -> Any:
    limit = max(1, min(limit, 500))
    return access.cases_visible_to(request.user)[offset : offset + limit]  # type: ignore[arg-type]


@router.get("/{reference}", response=CaseDetailOut)
def get_case(request: HttpRequest, reference: str) -> dict[str, Any]:
    case = access.case_for(request.user, reference)  # type: ignore[arg-type]
    case = Case.objects.prefetch_related("codes", "people").get(pk=case.pk)
    return {
        "reference": case.reference,
        "status": case.status,
        "trafficking_status": case.trafficking_status,
        "opened_on": case.opened_on,
        "closed_on": case.closed_on,
        "codes": {field: case.codes_of(voc) for field, voc in CASE_CODE_FIELDS.items()},
        "people": list(case.people.all()),
    }
