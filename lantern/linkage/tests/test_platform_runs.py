"""Linkage on the platform: runs from the pages, in the real worker, over case people."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections import defaultdict

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from unidecode import unidecode

from lantern import testing
from lantern.accounts.models import User
from lantern.accounts.permissions import Role
from lantern.audit.models import AuditEntry
from lantern.cases import actions as case_actions
from lantern.cases.identity import open_identity
from lantern.cases.models import Incident, Person
from lantern.linkage import synthetic
from lantern.linkage.models import IncidentLink, LinkageRun, LinkDecision, PersonLink, ReviewPair
from lantern.standard.schemas import CaseSchema, IncidentSchema, PersonSchema

pytestmark = pytest.mark.django_db(transaction=True)


def _report(owner: User, person: synthetic.TruePerson, rng: random.Random, day: dt.date) -> Person:
    """One organization's case about ``person``, written its own way."""
    given, family = person.given, person.family
    month, date = person.month, person.day
    style = rng.randrange(4)
    if style == 1:
        given, family = unidecode(given), unidecode(family).upper()
    elif style == 2 and date <= 12:
        month, date = date, month
    elif style == 3 and len(family) > 4:
        family = family[:2] + family[3] + family[2] + family[4:]
    phone = person.phone
    if rng.random() < 0.5:
        phone = f"({phone[:3]}) {phone[3:6]}-{phone[6:]}"
    case = case_actions.open_case(owner, CaseSchema(
        opened_on=day, exploitation_types=["sexual_exploitation"]))
    case_actions.add_incident(owner, case, IncidentSchema(
        province=person.province, city=person.city, occurred_on=day))
    return case_actions.add_person(owner, case, PersonSchema.model_validate({
        "role": "victim", "sex": "female" if person.sex == "f" else "male",
        "identity": {
            "given_name": given, "family_name": family,
            "birth_date": f"{person.year:04d}-{month:02d}-{date:02d}",
            "phone": phone if rng.random() < 0.8 else "",
            "email": person.email if rng.random() < 0.5 else "",
        },
    }))


class Population:
    """Three organizations' case people, with the truth of who is who."""

    def __init__(self, count: int = 90, seed: int = 5) -> None:
        self.owners = [
            testing.make_user(testing.make_org("police_service", "ON"), Role.POLICE_INVESTIGATOR),
            testing.make_user(testing.make_org("hotline", ""), Role.HOTLINE_ADVOCATE),
            testing.make_user(testing.make_org("service_provider", "QC"),
                              Role.SERVICE_PROVIDER_STAFF),
        ]
        self.rng = random.Random(seed)
        self.people = synthetic.people(count, seed)
        self.truth: dict[str, int] = {}
        for person in self.people:
            reports = 1 + (self.rng.random() < 0.6) + (self.rng.random() < 0.3)
            day = dt.date(2025, 1, 1) + dt.timedelta(days=self.rng.randrange(300))
            for owner in self.rng.sample(self.owners, reports):
                self.add(owner, person, day + dt.timedelta(days=self.rng.randrange(5)))

    def add(self, owner: User, person: synthetic.TruePerson, day: dt.date) -> Person:
        record = _report(owner, person, self.rng, day)
        self.truth[str(record.pk)] = person.person
        return record


def _linked() -> dict[str, str]:
    rows = PersonLink.objects.values_list("person_id", "linked_id")
    return {str(person): linked for person, linked in rows}


def _f1(truth: dict[str, int], linked: dict[str, str]) -> float:
    def pairs(assignment: dict[str, object]) -> set[tuple[str, str]]:
        groups: dict[object, list[str]] = defaultdict(list)
        for record, group in assignment.items():
            groups[group].append(record)
        return {pair for members in groups.values()
                for pair in itertools.combinations(sorted(members), 2)}

    true, found = pairs(dict(truth)), pairs(dict(linked))
    if not true and not found:
        return 1.0
    precision = len(true & found) / len(found) if found else 0.0
    recall = len(true & found) / len(true) if true else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _work() -> None:
    call_command("worker", "--batch", "--interval", "0.1", verbosity=0)


@pytest.fixture
def population(transactional_db: None) -> Population:
    return Population()


def test_a_steward_runs_linkage_in_the_worker_and_follows_its_progress(signed_in, population):
    steward = testing.make_user(testing.make_org("law_enforcement_coordination", ""),
                                Role.LINKAGE_STEWARD)
    client = signed_in(steward)
    response = client.post("/en/linkage/runs/", {"scope": "full"})
    run = LinkageRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/linkage/runs/{run.pk}/"
    page = client.get(f"/en/linkage/runs/{run.pk}/").content.decode()
    assert 'data-running="1"' in page and "<progress" in page
    assert client.get(f"/en/linkage/runs/{run.pk}/progress/").json()["done"] is False

    _work()
    progress = client.get(f"/en/linkage/runs/{run.pk}/progress/").json()
    assert progress["done"] is True and progress["read"] == 100 and progress["status"] == "Done"
    run.refresh_from_db()
    assert run.status == "done", run.failure
    linked = _linked()
    assert set(linked) == set(population.truth)
    assert _f1(population.truth, linked) >= 0.9
    assert run.people == len(set(linked.values()))
    assert abs(run.people - len(population.people)) <= 0.1 * len(population.people)
    # The identities were read once, by the system, and logged as such.
    reads = AuditEntry.objects.filter(action="linkage.identities.read")
    assert reads.count() == 1 and reads.get().actor is None
    home = client.get("/en/linkage/").content.decode()
    assert f"<dd>{run.people}</dd>" in home
    # Incidents of one person reported within days of each other are one incident.
    assert run.linked_incidents < run.incidents == Incident.objects.count()
    assert IncidentLink.objects.count() == Incident.objects.count()


def test_a_second_run_starts_no_second_job_while_one_waits(signed_in, population):
    client = signed_in(testing.make_user(testing.make_org(), Role.LINKAGE_STEWARD))
    client.post("/en/linkage/runs/", {"scope": "full"})
    response = client.post("/en/linkage/runs/", {"scope": "full"}, follow=True)
    assert LinkageRun.objects.count() == 1
    assert "already under way" in response.content.decode()


def test_ids_survive_a_rerun_and_new_records_join_their_person_incrementally(population):
    call_command("link_cases", verbosity=0)
    before = _linked()
    call_command("link_cases", verbosity=0)
    assert _linked() == before

    # A new report of someone already known, and a new person.
    known = next(p for p in population.people
                 if sum(1 for v in population.truth.values() if v == p.person) >= 2)
    newcomer = synthetic.people(200, 99)[-1]
    again = population.add(population.owners[0], known, dt.date(2025, 12, 1))
    fresh = population.add(population.owners[1], newcomer, dt.date(2025, 12, 2))
    call_command("link_cases", "--incremental", verbosity=0)
    run = LinkageRun.objects.order_by("-created_at").first()
    assert run is not None and run.scope == "incremental" and run.status == "done"
    after = _linked()
    others = [record for record, person in population.truth.items() if person == known.person
              and record != str(again.pk)]
    assert after[str(again.pk)] == before[others[0]]
    assert after[str(fresh.pk)] not in before.values()
    assert {record: after[record] for record in before} == before
    # Only the reach of the new records was linked again, not everyone.
    assert 2 <= run.records_linked < run.records


def test_models_trained_by_an_earlier_version_are_trained_again(population):
    from lantern.linkage import runs

    call_command("link_cases", verbosity=0)
    first = LinkageRun.objects.get()
    assert first.model[runs.TRAINING_KEY] == runs.TRAINING
    # As saved before the training changed: no version with the models.
    models = {key: value for key, value in first.model.items() if key != runs.TRAINING_KEY}
    LinkageRun.objects.filter(pk=first.pk).update(model=models)
    call_command("link_cases", "--incremental", verbosity=0)
    second = LinkageRun.objects.exclude(pk=first.pk).get()
    assert second.status == "done" and second.scope == "full"
    assert second.model[runs.TRAINING_KEY] == runs.TRAINING
    # And an incremental run after it reuses what it trained.
    call_command("link_cases", "--incremental", verbosity=0)
    assert LinkageRun.objects.order_by("-created_at").first().scope == "incremental"


def test_an_import_of_people_queues_an_incremental_run(signed_in, population):
    call_command("link_cases", verbosity=0)
    steward = testing.make_user(population.owners[0].organization, Role.DATA_STEWARD)
    client = signed_in(steward)
    files = (
        ("case", "source_record_id,opened_on\nK-1,2025-03-01\n"),
        ("person", "source_record_id,case_source_record_id,role,sex,given_name,family_name,"
                   "birth_date\nP-1,K-1,victim,female,Fictive,Personne-Nouvelle,1990-01-02\n"),
    )
    for entity, content in files:
        client.post("/en/submissions/", {
            "entity": entity, "mode": "store_valid",
            "file": SimpleUploadedFile(f"{entity}.csv", content.encode(), "text/csv")})
    _work()
    runs = list(LinkageRun.objects.order_by("created_at"))
    assert [r.trigger for r in runs] == ["command", "submission"]
    assert runs[-1].status == "done" and runs[-1].scope == "incremental"
    assert Person.objects.filter(link__isnull=True).count() == 0


def _a_pair(population: Population) -> ReviewPair:
    call_command("link_cases", verbosity=0)
    return pair_for_review(population, LinkageRun.objects.get())


def pair_for_review(population: Population, run: LinkageRun) -> ReviewPair:
    """A pair waiting for review as a run leaves it: two reports of one person.

    (How many pairs the model leaves undecided varies with the sample it trains on; the
    pages are tested on a pair of known truth.)"""
    by_person: dict[int, list[str]] = defaultdict(list)
    for record, person in sorted(population.truth.items()):
        by_person[person].append(record)
    left, right = sorted(next(records for records in by_person.values() if len(records) > 1))[:2]
    pair, _ = ReviewPair.objects.update_or_create(left_id=left, right_id=right, defaults={
        "run": run, "probability": 0.87, "status": "open",
        "levels": {"given_name": "same", "family_name": "Jaro-Winkler distance of family >= 0.92",
                   "date_of_birth": "day and month swapped", "phone": "missing"}})
    return pair


def _names(person: Person) -> list[str]:
    identity = open_identity(person)
    return [identity.given_name, identity.family_name]


def test_identities_in_a_pair_only_for_linkage_stewards_each_view_logged(signed_in, population):
    pair = _a_pair(population)
    names = _names(pair.left) + _names(pair.right)
    url = f"/en/linkage/review/{pair.pk}/"

    statistician = signed_in(testing.make_user(testing.make_org("federal_department", ""),
                                               Role.STATISTICIAN))
    assert f'href="{url}"' in statistician.get("/en/linkage/review/").content.decode()
    for response in (statistician.get(url), statistician.post(url, {"reveal": "1"})):
        page = response.content.decode()
        assert response.status_code == 200 and "Agreement" in page
        assert not any(name in page for name in names)
        assert "Show both identities" not in page
    assert not AuditEntry.objects.filter(action="person.identity.reveal").exists()

    steward = signed_in(testing.make_user(testing.make_org("federal_department", ""),
                                          Role.LINKAGE_STEWARD))
    page = steward.get(url).content.decode()
    assert not any(name in page for name in names) and "Show both identities" in page
    page = steward.post(url, {"reveal": "1"}).content.decode()
    assert all(name in page for name in names)
    reveals = AuditEntry.objects.filter(action="person.identity.reveal")
    assert {entry.object_id for entry in reveals} == {str(pair.left_id), str(pair.right_id)}
    assert all(entry.changes == {"purpose": "linkage review"} for entry in reveals)


@pytest.mark.parametrize("role", [Role.POLICE_INVESTIGATOR, Role.POLICY_ANALYST,
                                  Role.DATA_STEWARD, Role.NATIONAL_ANALYST])
def test_other_roles_cannot_see_linkage(signed_in, population, role):
    pair = _a_pair(population)
    run = LinkageRun.objects.get()
    client = signed_in(testing.make_user(population.owners[0].organization, role))
    for url in ("/en/linkage/", "/en/linkage/review/", f"/en/linkage/review/{pair.pk}/",
                f"/en/linkage/runs/{run.pk}/", f"/en/linkage/runs/{run.pk}/progress/"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/en/linkage/review/{pair.pk}/", {"verdict": "same"}).status_code == 403
    assert client.post("/en/linkage/runs/", {"scope": "full"}).status_code == 403
    assert not LinkDecision.objects.exists() and LinkageRun.objects.count() == 1


def test_a_decision_is_applied_at_once_and_kept_by_later_runs(signed_in, population):
    pair = _a_pair(population)
    linked = _linked()
    together = linked[str(pair.left_id)] == linked[str(pair.right_id)]
    verdict = "different" if together else "same"
    client = signed_in(testing.make_user(testing.make_org("federal_department", ""),
                                         Role.LINKAGE_STEWARD))
    response = client.post(f"/en/linkage/review/{pair.pk}/", {"verdict": verdict})
    assert response.status_code == 302
    decision = LinkDecision.objects.get()
    assert decision.verdict == verdict and decision.applied_by is None
    _work()  # the incremental run the decision queued
    decision.refresh_from_db()
    assert decision.applied_by is not None
    for command in ((), ("--incremental",), ()):
        linked = _linked()
        assert (linked[str(pair.left_id)] == linked[str(pair.right_id)]) is (not together)
        call_command("link_cases", *command, verbosity=0)
    pair.refresh_from_db()
    assert pair.status == "decided"
    assert AuditEntry.objects.filter(action="linkage.pair.decide").count() == 1


def test_a_person_linked_across_two_police_services_raises_a_link_alert(population):
    from lantern.intelligence.models import LinkAlert

    other_police = testing.make_user(testing.make_org("police_service", "QC"),
                                     Role.POLICE_INVESTIGATOR)
    person = population.people[0]
    population.add(population.owners[0], person, dt.date(2025, 6, 1))
    population.add(other_police, person, dt.date(2025, 6, 3))
    call_command("link_cases", verbosity=0)
    linked = _linked()
    ids = {linked[record] for record, who in population.truth.items() if who == person.person}
    assert len(ids) == 1
    alert = LinkAlert.objects.get(kind="person", key=ids.pop())
    services = set(alert.links.values_list("case__organization_id", flat=True))
    assert {population.owners[0].organization_id, other_police.organization_id} <= services


def test_a_run_queued_while_another_runs_waits_for_it_and_is_not_taken_twice(population):
    from lantern.linkage import runs

    running, _ = runs.start(None, "full", "steward", enqueue=False)
    _running_in(running, "this process")
    waiting, queued = runs.start(None, "incremental", "decision", enqueue=False)
    assert queued and waiting.pk != running.pk
    assert runs.start(None, "incremental", "submission", enqueue=False) == (waiting, False)
    # The worker leaves the waiting run alone while the other one runs.
    assert runs.execute(waiting).status == "queued"


def _running_in(run: LinkageRun, holder: str, minutes_ago: int = 0) -> None:
    """Mark ``run`` as running, held by ``holder`` (see ``testing.runner_name``), last at
    work ``minutes_ago``."""
    LinkageRun.objects.filter(pk=run.pk).update(
        status="running", runner=testing.runner_name(holder), started_at=timezone.now(),
        heartbeat_at=timezone.now() - dt.timedelta(minutes=minutes_ago))


@pytest.mark.parametrize(("holder", "minutes_ago"), [
    ("a finished process", 0), ("a later process", 0), ("another machine", 300)])
def test_a_run_whose_process_stopped_holds_no_run_back(signed_in, population, holder,
                                                       minutes_ago):
    from lantern.linkage import runs

    stopped, _ = runs.start(None, "full", "steward", enqueue=False)
    _running_in(stopped, holder, minutes_ago)
    client = signed_in(testing.make_user(testing.make_org(), Role.LINKAGE_STEWARD))
    client.post("/en/linkage/runs/", {"scope": "full"})
    _work()
    stopped.refresh_from_db()
    assert stopped.status == "failed" and "Stopped before its end" in stopped.failure
    assert LinkageRun.objects.exclude(pk=stopped.pk).get().status == "done"
    assert set(_linked()) == set(population.truth)
    assert "Failed" in client.get("/en/linkage/").content.decode()


@pytest.mark.parametrize(("holder", "minutes_ago"), [
    ("this process", 300), ("another machine", 0)])
def test_a_run_at_work_holds_the_next_one_back(population, holder, minutes_ago):
    from lantern.linkage import runs

    running, _ = runs.start(None, "full", "steward", enqueue=False)
    _running_in(running, holder, minutes_ago)
    waiting, _ = runs.start(None, "incremental", "submission")
    _work()
    assert LinkageRun.objects.get(pk=waiting.pk).status == "queued"
    assert LinkageRun.objects.get(pk=running.pk).status == "running"


def test_a_run_left_waiting_by_one_that_stopped_is_queued_again(signed_in, population):
    from lantern.linkage import runs

    stopped, _ = runs.start(None, "full", "steward", enqueue=False)
    _running_in(stopped, "this process")
    client = signed_in(testing.make_user(testing.make_org(), Role.LINKAGE_STEWARD))
    client.post("/en/linkage/runs/", {"scope": "full"})
    _work()  # its task comes while the other one runs: it is left waiting
    waiting = LinkageRun.objects.exclude(pk=stopped.pk).get()
    assert waiting.status == "queued"
    # The process of the first run is gone. A steward asking again queues the waiting run.
    _running_in(stopped, "a finished process")
    response = client.post("/en/linkage/runs/", {"scope": "full"}, follow=True)
    assert "already under way" in response.content.decode()
    _work()
    waiting.refresh_from_db()
    assert waiting.status == "done" and LinkageRun.objects.count() == 2


def test_a_run_waiting_behind_another_is_queued_again_when_that_one_ends(population):
    from lantern.linkage import runs

    first, _ = runs.start(None, "full", "steward", enqueue=False)
    _running_in(first, "this process")
    second, _ = runs.start(None, "incremental", "submission")
    _work()  # the second run's task comes while the first runs: it is left waiting
    assert LinkageRun.objects.get(pk=second.pk).status == "queued"
    LinkageRun.objects.filter(pk=first.pk).update(status="queued")
    assert runs.execute(first).status == "done"
    _work()
    assert LinkageRun.objects.get(pk=second.pk).status == "done"


def test_a_run_taken_for_stopped_while_at_work_saves_nothing(population):
    from lantern.linkage import runs

    run, _ = runs.start(None, "full", "command", enqueue=False)

    def progress(stage: str, done: float) -> None:
        if stage == "save":
            # Another run took it for stopped, and marked it failed, while it linked.
            LinkageRun.objects.filter(pk=run.pk).update(status="failed", failure="taken")

    assert runs.execute(run, progress).status == "failed"
    assert not PersonLink.objects.exists() and not IncidentLink.objects.exists()


def test_a_corrected_identity_is_linked_again_by_an_incremental_run(population):
    call_command("link_cases", verbosity=0)
    person = Person.objects.order_by("pk").first()
    assert person is not None
    Person.objects.filter(pk=person.pk).update(updated_at=timezone.now())
    call_command("link_cases", "--incremental", verbosity=0)
    run = LinkageRun.objects.order_by("-created_at").first()
    assert run is not None and run.scope == "incremental"
    assert 1 <= run.records_linked < run.records
