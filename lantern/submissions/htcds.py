"""Export of an organization's records in the HTCDS 2.0 shape, one case per JSON line.

Identities never leave: people appear by pseudonym with their non-identifying attributes,
and the narrative is left out. Each case carries its incidents, people and charges.
"""

from __future__ import annotations

import json
from typing import IO, Any

from django.db import transaction

from lantern.audit.actions import record
from lantern.cases.actions import CASE_FIELDS, CHARGE_FIELDS, INCIDENT_FIELDS, PERSON_FIELDS
from lantern.cases.models import Case
from lantern.organizations.models import Organization
from lantern.standard.schemas import CASE_CODE_FIELDS


def _case(case: Case) -> dict[str, Any]:
    data: dict[str, Any] = {"reference": case.reference}
    data |= {name: getattr(case, name) for name in CASE_FIELDS}
    for field, vocabulary in CASE_CODE_FIELDS.items():
        data[field] = case.codes_of(vocabulary)
    data["incidents"] = [{name: getattr(i, name) for name in INCIDENT_FIELDS}
                         for i in case.incidents.all()]
    data["people"] = [{"pseudonym": p.pseudonym, **{n: getattr(p, n) for n in PERSON_FIELDS}}
                      for p in case.people.all()]
    data["charges"] = [{"accused": c.accused.pseudonym if c.accused else "",
                        **{n: getattr(c, n) for n in CHARGE_FIELDS}} for c in case.charges.all()]
    return data


def export(organization: Organization, handle: IO[str]) -> int:
    """Write every case of ``organization``; returns how many."""
    cases = (Case.objects.filter(organization=organization)
             .prefetch_related("codes", "incidents", "people", "charges__accused")
             .order_by("opened_on", "reference"))
    count = 0
    for case in cases.iterator(chunk_size=500):
        handle.write(json.dumps({"organization": organization.code, **_case(case)},
                                default=str, ensure_ascii=False) + "\n")
        count += 1
    with transaction.atomic():
        record(actor=None, action="export.htcds", owner=organization,
               changes={"cases": count})
    return count


