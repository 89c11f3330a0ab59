"""Where each alert was sighted: for every case of an alert, what in it carries the value."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from lantern.cases.models import Case, Person
from lantern.intelligence.models import AlertCase, CaseIdentifier, LinkAlert
from lantern.linkage.models import PersonLink


@dataclass(frozen=True)
class Sighting:
    """One case of an alert and what in it matched.

    how: "identifier" (recorded on the case: ``source`` and ``hint`` say which), "identity"
    (the phone or email of person ``pseudonym``), "linked_person" (person ``pseudonym``
    belongs to the linked person), or "" (no longer found: the value was removed since).
    """

    case: Case
    how: str
    pseudonym: str = ""
    source: str = ""
    hint: str = ""

    @property
    def source_label(self) -> str:
        return str(CaseIdentifier.Source(self.source).label) if self.source else ""


def _cases_of(alerts: list[LinkAlert]) -> dict[uuid.UUID, dict[uuid.UUID, Case]]:
    cases: dict[uuid.UUID, dict[uuid.UUID, Case]] = defaultdict(dict)
    links = AlertCase.objects.filter(alert__in=alerts).select_related("case__organization")
    for link in links:
        cases[link.alert_id][link.case_id] = link.case
    return cases


def sightings_of(alerts: Iterable[LinkAlert]) -> dict[uuid.UUID, list[Sighting]]:
    """Each alert's sightings, ordered by service and case; a few queries for any number."""
    alerts = list(alerts)
    cases = _cases_of(alerts)
    alert_of = {(alert.kind, alert.key): alert.id for alert in alerts}
    case_ids = {case_id for members in cases.values() for case_id in members}
    found: dict[uuid.UUID, list[Sighting]] = defaultdict(list)

    def keep(key: tuple[str, str], case_id: uuid.UUID, **how: str) -> None:
        alert_id = alert_of.get(key)
        if alert_id is not None and case_id in cases[alert_id]:
            found[alert_id].append(Sighting(case=cases[alert_id][case_id], **how))

    keys_of = defaultdict(list)
    for kind, key in alert_of:
        keys_of[kind].append(key)
    for identifier in CaseIdentifier.objects.filter(
            case_id__in=case_ids, value_index__in=[k for _, k in alert_of]):
        keep((identifier.kind, identifier.value_index), identifier.case_id, how="identifier",
             source=identifier.source, hint=identifier.hint)
    for kind in ("phone", "email"):
        column = f"{kind}_index"
        for pseudonym, key, case_id in Person.objects.filter(
                case_id__in=case_ids, **{f"{column}__in": keys_of[kind]}).values_list(
                "pseudonym", column, "case_id"):
            keep((kind, key), case_id, how="identity", pseudonym=pseudonym)
    for pseudonym, key, case_id in PersonLink.objects.filter(
            person__case_id__in=case_ids, linked_id__in=keys_of[LinkAlert.PERSON]).values_list(
            "person__pseudonym", "linked_id", "person__case_id"):
        keep((LinkAlert.PERSON, key), case_id, how="linked_person", pseudonym=pseudonym)
    for alert_id, members in cases.items():
        seen = {sighting.case.pk for sighting in found[alert_id]}
        found[alert_id] += [Sighting(case=case, how="") for case_id, case in members.items()
                            if case_id not in seen]
        found[alert_id].sort(key=lambda s: (s.case.organization.name, s.case.reference,
                                            s.how, s.pseudonym))
    return found
