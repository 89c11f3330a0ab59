"""Case records for the statistics tests, written through the real case actions."""

from __future__ import annotations

import datetime as dt
import itertools

from lantern import testing
from lantern.accounts.models import User
from lantern.accounts.permissions import Role
from lantern.cases import actions as case_actions
from lantern.cases.models import Case, Person
from lantern.linkage.models import PersonLink
from lantern.standard.schemas import CaseSchema, IncidentSchema, PersonSchema
from lantern.stats.models import Release

_linked = itertools.count(1)


def police(province: str = "ON") -> User:
    return testing.make_user(testing.make_org("police_service", province),
                             Role.POLICE_INVESTIGATOR)


def case_with_victims(owner: User, count: int, *, sex: str = "female", age_group: str = "18_24",
                      province: str = "ON", day: dt.date = dt.date(2024, 5, 1),
                      exploitation: tuple[str, ...] = ("sexual_exploitation",)) -> list[Person]:
    """One case, one incident, ``count`` victims alike."""
    case = case_actions.open_case(owner, CaseSchema(opened_on=day,
                                                    exploitation_types=list(exploitation)))
    case_actions.add_incident(owner, case, IncidentSchema(province=province, occurred_on=day))
    return [add_person(owner, case, "victim", sex=sex, age_group=age_group)
            for _ in range(count)]


def add_person(owner: User, case: Case, role: str, *, sex: str = "female",
               age_group: str = "18_24") -> Person:
    return case_actions.add_person(owner, case, PersonSchema.model_validate({
        "role": role, "sex": sex, "age_group": age_group,
        "identity": {"given_name": "Fictive", "family_name": "Person"}}))


def link(*people: Person) -> str:
    """Record linkage's verdict, as a run would store it: these records are one person."""
    linked_id = f"LP-TEST{next(_linked):04d}"
    for person in people:
        PersonLink.objects.update_or_create(person=person, defaults={"linked_id": linked_id})
    return linked_id


def statistician(username: str | None = None) -> User:
    return testing.make_user(testing.make_org("statistics_agency", ""), Role.STATISTICIAN,
                             username=username)


def publish(period: str = "2024", epsilon: str = "1", username: str = "stats") -> Release:
    """Build, approve and publish a release from the command line, as an operator would
    (with a fixed seed: the tests read the figures)."""
    from django.core.management import call_command

    if not User.objects.filter(username=username).exists():
        statistician(username)
    before = set(Release.objects.values_list("pk", flat=True))
    call_command("release", "build", "--period", period, "--epsilon", epsilon, "--seed", "7",
                 "--quiet")
    release = Release.objects.exclude(pk__in=before).get()
    call_command("release", "approve", str(release.pk), "--user", username)
    call_command("release", "publish", str(release.pk), "--user", username)
    release.refresh_from_db()
    return release


def some_cases() -> None:
    """Incidents in two provinces and two years, enough for cells above the threshold, and a
    province with too few to show."""
    ontario, quebec = police("ON"), police("QC")
    for _ in range(30):
        case_with_victims(ontario, 1, province="ON", day=dt.date(2024, 5, 1))
    for _ in range(20):
        case_with_victims(ontario, 1, province="ON", day=dt.date(2023, 3, 1))
    for _ in range(15):
        case_with_victims(quebec, 1, province="QC", day=dt.date(2024, 2, 1),
                          exploitation=("forced_labour",))
    case_with_victims(ontario, 2, province="NU", day=dt.date(2024, 7, 1))
