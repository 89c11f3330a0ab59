"""Linkage runs over the platform's case people, and the incidents they tie together.

A run reads every case person's sealed identity once (one logged system read), links victims
with victims and accused with accused through ``engine.link``, keeps each person's linked id
stable across runs, stores the pairs a steward should look at, and then links incidents:
two incidents of different cases are one event when they share a linked person, happened in
the same province and within ``INCIDENT_DAYS`` of each other.

An incremental run re-links only what changed: people with no linked id yet and people named
in a steward's decision since the last run, with every record the model's blocking rules
would compare with them and the whole of every person those records belong to. It reuses the
model the last full run trained.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import traceback
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lantern.accounts.models import User
from lantern.audit.actions import record
from lantern.cases.access import identities_for_linkage
from lantern.cases.models import Incident, Person
from lantern.core import runners
from lantern.intelligence.detect import refresh_alerts
from lantern.linkage import cluster, encodings, engine, model
from lantern.linkage.columns import IDENTITY_COLUMNS
from lantern.linkage.models import (
    IncidentLink,
    LinkageRun,
    LinkDecision,
    PersonLink,
    ReviewPair,
)
from lantern.linkage.standardize import standardize

log = logging.getLogger(__name__)

# Two reports of one incident are at most this many days apart.
INCIDENT_DAYS = 31
# How the saved models were trained, kept with them: an incremental run reuses only models
# trained the current way. 2: a failed training block no longer drops the names from the
# model, and the date of birth learns in blocks of shared identifiers (2026-11-25).
TRAINING_KEY, TRAINING = "training", 2
# Share of the progress bar each part of a run takes.
READ, LINK, SAVE = 0.10, 0.75, 0.15


class RunProgress:
    """Writes a run's stage and progress, at most once per percent."""

    def __init__(self, run: LinkageRun) -> None:
        self.run = run
        self.shown = -1

    def __call__(self, stage: str, done: float) -> None:
        percent = int(done * 100)
        if percent == self.shown and stage == self.run.stage:
            return
        self.shown = percent
        self.run.stage, self.run.progress = stage, min(1.0, done)
        LinkageRun.objects.filter(pk=self.run.pk).update(
            stage=stage, progress=self.run.progress, heartbeat_at=timezone.now())


def _still_held(run: LinkageRun) -> None:
    """Called first in each transaction that saves a run's results: raises
    ``runners.TakenOver`` if the run no longer holds the linkage (the transaction is then
    undone)."""
    runners.still_held(LinkageRun.objects.filter(
        pk=run.pk, status=LinkageRun.Status.RUNNING, runner=run.runner))


def _taken_over(run: LinkageRun) -> LinkageRun:
    log.warning("linkage run %s stopped: taken for stopped while at work", run.pk)
    run.refresh_from_db()
    return run


def _may_be_at_work(run: LinkageRun) -> bool:
    """Whether a running run may still be at work (see ``core.runners``): not if its process
    on this machine is gone, nor if it has shown no progress within
    ``LANTERN_LINKAGE_STALL_MINUTES``."""
    return runners.may_be_at_work(
        run.runner, run.heartbeat_at or run.started_at,
        dt.timedelta(minutes=settings.LANTERN_LINKAGE_STALL_MINUTES))


def at_work() -> bool:
    """Whether a linkage run may be at work now."""
    return any(_may_be_at_work(run) for run in
               LinkageRun.objects.filter(status=LinkageRun.Status.RUNNING).defer("model"))


def _stopped(run: LinkageRun, now: datetime) -> None:
    """Mark a running run whose process has stopped as failed: it holds nothing any more."""
    log.warning("linkage run %s taken for stopped (runner %s)", run.pk, run.runner)
    LinkageRun.objects.filter(pk=run.pk, status=LinkageRun.Status.RUNNING,
                              runner=run.runner).update(
        status=LinkageRun.Status.FAILED, finished_at=now,
        failure="Stopped before its end: its process ended or stopped showing progress "
                "(the worker's log may say why).")


def execute(run: LinkageRun, progress: engine.Progress | None = None) -> LinkageRun:
    """Carry out a queued run to the end; a failure is kept on the run, never raised.

    The run is claimed first: a run already taken (by ``lantern link_cases`` or another
    worker) is left alone, and so is any run while another one may still be at work; one
    whose process has stopped is marked failed, and no longer holds the others back. A run
    left waiting is queued again when the run at work ends; the results are saved only if
    the run still holds the linkage then."""
    now = timezone.now()
    runner = runners.name()
    with transaction.atomic():
        busy = False
        for other in LinkageRun.objects.select_for_update().filter(
                status=LinkageRun.Status.RUNNING).exclude(pk=run.pk):
            if _may_be_at_work(other):
                busy = True
            else:
                _stopped(other, now)
        claimed = not busy and LinkageRun.objects.filter(
            pk=run.pk, status=LinkageRun.Status.QUEUED
        ).update(status=LinkageRun.Status.RUNNING, started_at=now, runner=runner,
                 heartbeat_at=now)
    if not claimed:
        # Left waiting behind a run at work: that one queues it again when it ends.
        LinkageRun.objects.filter(pk=run.pk, status=LinkageRun.Status.QUEUED).update(
            left_waiting=True)
        run.refresh_from_db()
        return run
    run.status, run.started_at, run.runner = LinkageRun.Status.RUNNING, now, runner
    progress = progress or RunProgress(run)
    try:
        _execute(run, progress)
    except runners.TakenOver:
        return _taken_over(run)
    except engine.LinkageError as error:
        # Our own messages speak of columns and counts, never of a value.
        log.error("linkage run %s failed: %s", run.pk, error)
        run.status, run.failure = LinkageRun.Status.FAILED, str(error)
    except Exception as error:
        # A library's message may quote a value it could not read: only its type and where
        # it happened are kept.
        log.error("linkage run %s failed with %s at\n%s", run.pk, type(error).__name__,
                  "".join(traceback.format_tb(error.__traceback__)))
        run.status = LinkageRun.Status.FAILED
        run.failure = f"{type(error).__name__} (the worker's log says where)"
    else:
        run.status, run.progress = LinkageRun.Status.DONE, 1.0
    run.finished_at = timezone.now()
    try:
        with transaction.atomic():
            _still_held(run)
            run.save()
    except runners.TakenOver:
        return _taken_over(run)
    _queue_left_waiting()
    if run.status == LinkageRun.Status.DONE:
        # New linked people, and the phones and emails of new records, may tie cases of
        # different police services together.
        refresh_alerts()
    return run


def _queue_left_waiting() -> None:
    """Queue again the run whose task came while another run was at work, and left it
    waiting (a run whose task is still to come is left to it)."""
    from lantern.linkage.tasks import run_linkage

    for waiting in LinkageRun.objects.filter(status=LinkageRun.Status.QUEUED,
                                             left_waiting=True).defer("model"):
        if LinkageRun.objects.filter(pk=waiting.pk, left_waiting=True).update(
                left_waiting=False):
            run_linkage.enqueue(str(waiting.pk))


@dataclass
class _Group:
    """The people of one role, as the engine sees them: plain, or encoded at their source
    (privacy-preserving mode), which only link with each other."""

    role: str
    # For people sent encoded, the fingerprint of the key their encodings were made with
    # (encodings of different keys never agree); empty for people in clear.
    encoding_key: str
    rows: list[dict[str, str]]

    @property
    def encoded(self) -> bool:
        return bool(self.encoding_key)

    @property
    def key(self) -> str:
        """The group's name in ``LinkageRun.model``: its role, and its key when encoded."""
        return f"{self.role}:encoded:{self.encoding_key}" if self.encoded else self.role


def _execute(run: LinkageRun, progress: engine.Progress) -> None:
    progress("read", 0.0)
    people = list(
        Person.objects.select_related("case__organization")
        .prefetch_related("case__incidents")
        .order_by("id")
    )
    identities = identities_for_linkage(people, run.pk)
    groups: dict[str, _Group] = {}
    unreadable = 0
    for person, (identity, encoding) in zip(people, identities, strict=True):
        case = person.case
        if encoding:
            try:
                encoded = encodings.parse(encoding)
            except encodings.EncodingError:
                # Checked on arrival; only a change of the encoding's form could get here.
                unreadable += 1
                continue
            group = _Group(person.role, encodings.key_of(encoded), [])
            groups.setdefault(group.key, group).rows.append(
                {"record_id": str(person.id), "source": case.organization.code, **encoded}
            )
            continue
        incident = next(iter(case.incidents.all()), None)
        group = _Group(person.role, "", [])
        groups.setdefault(group.key, group).rows.append(
            {
                "record_id": str(person.id),
                "source": case.organization.code,
                **{column: getattr(identity, field) for field, column in IDENTITY_COLUMNS.items()},
                "sex": person.sex if person.sex != "unknown" else "",
                "city": incident.city if incident else "",
                "province": (incident.province if incident else "") or case.organization.province,
            }
        )
    if unreadable:
        log.warning(
            "linkage run %s: %d encodings could not be read and were left out", run.pk, unreadable
        )
    del identities
    run.records = len(people)
    progress("read", READ)

    previous = dict(
        (str(person), linked)
        for person, linked in PersonLink.objects.values_list("person_id", "linked_id")
    )
    read_at = timezone.now()
    decisions = list(LinkDecision.objects.values_list("left_id", "right_id", "verdict"))
    # The models of the last full run, one per role (an incremental run trains none).
    trained = _last_models() if run.scope == LinkageRun.Scope.INCREMENTAL else {}
    if not trained or not previous:
        run.scope = LinkageRun.Scope.FULL
    changed = (
        _changed_since_last_run(trained_at=_last_done_start())
        if run.scope == LinkageRun.Scope.INCREMENTAL else None
    )
    # A new id must not be one a person outside an incremental run's part already has.
    taken = set(previous.values())
    # An earlier id stays in one group (see ``_owners``). Records that moved to another group
    # (a person sent again encoded, or in clear) get a new id there, since the two groups are
    # never compared.
    owner = _owners(previous, groups, changed)
    models: dict[str, dict] = {}

    assignment: dict[str, str] = {}
    uncertain: list[engine.Uncertain] = []
    linked_records: set[str] = set()
    total = max(1, len(people))
    done = 0
    for group in groups.values():
        share = LINK * len(group.rows) / total
        start = READ + LINK * done / total

        def report(stage: str, fraction: float, start: float = start, share: float = share) -> None:
            progress(stage, start + share * fraction)

        last_model = trained.get(group.key)
        result, records = _link_group(
            group, previous, decisions, last_model, changed if last_model else None, report
        )
        done += len(group.rows)
        if result is None:
            continue
        if last_model is None and result.model is not None:
            models[group.key] = result.model
        part_previous = {
            record: previous[record]
            for record in records
            if record in previous and owner.get(previous[record]) == group.key
        }
        outside = taken - set(part_previous.values())
        assignment.update(cluster.stable_ids(
            result.clusters, part_previous, functools.partial(_fresh_id, outside=outside)))
        uncertain.extend(result.uncertain)
        linked_records |= records
        run.pairs_scored += result.pairs_scored

    if models:
        # Roles this run did not train keep the model of the run that did.
        run.model = {**trained, **models, TRAINING_KEY: TRAINING}
    progress("save", READ + LINK)
    _save_people(run, assignment, uncertain, linked_records, read_at)
    progress("incidents", READ + LINK + SAVE * 0.5)
    _link_incidents(run)
    run.people = PersonLink.objects.values("linked_id").distinct().count()
    run.records_linked = len(linked_records)
    run.review_pairs = ReviewPair.objects.filter(status=ReviewPair.Status.OPEN).count()


def _owners(previous: dict[str, str], groups: dict[str, _Group],
            changed: set[str] | None) -> dict[str, str]:
    """For each earlier linked id, the group that keeps it: the one holding most of its
    records that did not change since the last run (an incremental run leaves those as they
    are), or else most of its records."""
    group_of = {row["record_id"]: key for key, group in groups.items() for row in group.rows}
    steady: dict[str, Counter[str]] = defaultdict(Counter)
    every: dict[str, Counter[str]] = defaultdict(Counter)
    for person_id, linked in previous.items():
        if person_id in group_of:
            every[linked][group_of[person_id]] += 1
            if changed is None or person_id not in changed:
                steady[linked][group_of[person_id]] += 1
    return {linked: (steady.get(linked) or counts).most_common(1)[0][0]
            for linked, counts in every.items()}


def _last_models() -> dict[str, dict]:
    """The models the last full run trained, per group; none if they were trained the way
    of an earlier version (the next run is then a full one, and trains them again)."""
    last = (
        LinkageRun.objects.filter(status=LinkageRun.Status.DONE, model__isnull=False)
        .order_by("-finished_at")
        .first()
    )
    if last is None or not last.model or last.model.get(TRAINING_KEY) != TRAINING:
        return {}
    return {key: value for key, value in last.model.items() if key != TRAINING_KEY}


def _last_done_start() -> datetime | None:
    last = (
        LinkageRun.objects.filter(status=LinkageRun.Status.DONE)
        .order_by("-started_at").values_list("started_at", flat=True).first()
    )
    return last


def _fresh_id(members: list[str], outside: set[str]) -> str:
    candidate = cluster.default_person_id(members)
    while candidate in outside:
        candidate = cluster.default_person_id([candidate, *members])
    return candidate


def _changed_since_last_run(trained_at: datetime | None) -> set[str]:
    """People to re-link: those with no linked id yet, those changed since the last run began
    (a corrected name or date) and those in unapplied decisions."""
    recent = Q(link__isnull=True)
    if trained_at is not None:
        recent |= Q(updated_at__gte=trained_at)
    changed = set(str(pk) for pk in Person.objects.filter(recent).values_list("id", flat=True))
    for left, right in LinkDecision.objects.filter(applied_by__isnull=True).values_list(
        "left_id", "right_id"
    ):
        changed |= {str(left), str(right)}
    return changed


def _link_group(
    group: _Group,
    previous: dict[str, str],
    decisions: Sequence[tuple[object, object, str]],
    trained: dict | None,
    changed: set[str] | None,
    report: engine.Progress,
) -> tuple[engine.Result | None, set[str]]:
    """Link one role's people; with ``changed``, only the part of them a change can reach."""
    if changed is not None and not changed:
        return None, set()
    options = engine.Options(
        same_person=[(str(a), str(b)) for a, b, verdict in decisions if verdict == "same"],
        different_people=[
            (str(a), str(b)) for a, b, verdict in decisions if verdict == "different"
        ],
    )
    comparisons = model.encoded_comparisons if group.encoded else model.plain_comparisons
    with duckdb.connect() as con:
        # Standardized once (encodings arrive standardized by their sender); the part within
        # reach of a change is linked with the trained model, and values are as common as
        # they are among everyone.
        if group.encoded:
            encodings.load_rows(con, group.rows, "lantern_all")
        else:
            engine.load_rows(con, group.rows)
            standardize(con, "raw_people", "lantern_all")
        if changed is None:
            return engine.link(con, "lantern_all", options, report, prepared=True,
                               comparisons=comparisons), {
                row["record_id"] for row in group.rows}
        records = _reach(con, changed, previous, trained or {})
        if not records:
            return None, set()
        con.execute("CREATE TEMP TABLE lantern_reach (record_id VARCHAR)")
        con.executemany("INSERT INTO lantern_reach VALUES (?)", [[r] for r in records])
        con.execute(
            "CREATE OR REPLACE TABLE lantern_part AS SELECT * FROM lantern_all "
            "WHERE record_id IN (SELECT record_id FROM lantern_reach)"
        )
        options.trained_model, options.frequencies_table = trained, "lantern_all"
        return engine.link(con, "lantern_part", options, report, prepared=True,
                           comparisons=comparisons), records


def _reach(
    con: duckdb.DuckDBPyConnection, changed: set[str], previous: dict[str, str], model: dict
) -> set[str]:
    """The changed records of ``lantern_all``, every record the model's blocking rules pair
    with them, and all the records of the people any of these belong to."""
    con.execute("CREATE TEMP TABLE lantern_changed (record_id VARCHAR)")
    con.executemany("INSERT INTO lantern_changed VALUES (?)", [[r] for r in changed])
    mine = {
        row[0]
        for row in con.execute(
            "SELECT record_id FROM lantern_all WHERE record_id IN "
            "(SELECT record_id FROM lantern_changed)"
        ).fetchall()
    }
    if not mine:
        return set()
    reached = set(mine)
    for rule in model.get("blocking_rules_to_generate_predictions", []):
        sql = rule["blocking_rule"] if isinstance(rule, dict) else str(rule)
        reached |= {
            row[0]
            for row in con.execute(
                f"SELECT r.record_id FROM lantern_all l JOIN lantern_all r ON {sql} "
                "WHERE l.record_id IN (SELECT record_id FROM lantern_changed)"
            ).fetchall()
        }
    people = {previous[r] for r in reached if r in previous}
    reached |= {record for record, linked in previous.items() if linked in people}
    known = {row[0] for row in con.execute("SELECT record_id FROM lantern_all").fetchall()}
    return reached & known


def _save_people(
    run: LinkageRun,
    assignment: dict[str, str],
    uncertain: list[engine.Uncertain],
    linked_records: set[str],
    read_at: datetime,
) -> None:
    decided = {
        _ordered(str(left), str(right))
        for left, right in LinkDecision.objects.values_list("left_id", "right_id")
    }
    with transaction.atomic():
        _still_held(run)
        existing = {
            str(person): (pk, linked)
            for pk, person, linked in PersonLink.objects.values_list("pk", "person_id", "linked_id")
        }
        changed, created = [], []
        for person_id, linked_id in assignment.items():
            known = existing.get(person_id)
            if known is None:
                created.append(PersonLink(person_id=person_id, linked_id=linked_id, run=run))
            elif known[1] != linked_id:
                changed.append(PersonLink(pk=known[0], person_id=person_id, linked_id=linked_id,
                                          run=run))
        PersonLink.objects.bulk_create(created, batch_size=2000)
        PersonLink.objects.bulk_update(changed, ["linked_id", "run"], batch_size=2000)

        # Pairs of the records this run looked at: kept open if still uncertain.
        found = {}
        for pair in uncertain:
            key = _ordered(pair.left, pair.right)
            if key not in decided:
                found[key] = pair
        pairs = {
            (str(left), str(right)): (pk, status)
            for pk, left, right, status in ReviewPair.objects.values_list(
                "pk", "left_id", "right_id", "status")
        }
        # Open pairs among the records looked at, and no longer uncertain.
        stale = [
            pk for key, (pk, status) in pairs.items()
            if status == ReviewPair.Status.OPEN and key not in found
            and key[0] in linked_records and key[1] in linked_records
        ]
        for first in range(0, len(stale), 2000):
            ReviewPair.objects.filter(pk__in=stale[first:first + 2000]).update(
                status=ReviewPair.Status.SUPERSEDED)
        pair_pks = {key: pk for key, (pk, _status) in pairs.items()}
        fresh, refreshed = [], []
        for key, pair in found.items():
            values = {"run": run, "probability": pair.probability, "levels": pair.levels,
                      "status": ReviewPair.Status.OPEN}
            if key in pair_pks:
                refreshed.append(ReviewPair(pk=pair_pks[key], left_id=key[0], right_id=key[1],
                                            **values))
            else:
                fresh.append(ReviewPair(left_id=key[0], right_id=key[1], **values))
        ReviewPair.objects.bulk_create(fresh, batch_size=2000)
        ReviewPair.objects.bulk_update(
            refreshed, ["run", "probability", "levels", "status"], batch_size=2000
        )
        # Only the decisions this run read: one taken (or changed) while it ran waits for
        # the next run.
        LinkDecision.objects.filter(applied_by__isnull=True, decided_at__lte=read_at).update(
            applied_by=run)
        record(
            actor=run.requested_by,
            action="linkage.run.finish",
            target=run,
            changes={"records": run.records, "linked": len(assignment),
                     "people_changed": len(changed) + len(created)},
        )


def _ordered(left: str, right: str) -> tuple[str, str]:
    return (left, right) if left < right else (right, left)


def incident_id(members: list[str]) -> str:
    digest = hashlib.sha256(members[0].encode("utf-8")).hexdigest()
    return f"LI-{digest[:12].upper()}"


def _link_incidents(run: LinkageRun) -> None:
    """Group incidents reported by several cases, through the people they share."""
    incidents = list(
        Incident.objects.values_list("id", "case_id", "province", "occurred_on", "reported_on")
    )
    by_case: dict[object, list[int]] = defaultdict(list)
    for index, (_pk, case_id, *_rest) in enumerate(incidents):
        by_case[case_id].append(index)
    cases_of_person: dict[str, set[object]] = defaultdict(set)
    for linked_id, case_id in PersonLink.objects.values_list("linked_id", "person__case_id"):
        cases_of_person[linked_id].add(case_id)

    union = cluster.UnionFind()
    for index in range(len(incidents)):
        union.find(index)
    for cases in cases_of_person.values():
        if len(cases) < 2:
            continue
        members = [index for case_id in cases for index in by_case.get(case_id, [])]
        for position, left in enumerate(members):
            for right in members[position + 1:]:
                if _same_incident(incidents[left], incidents[right]):
                    union.union(left, right)
    groups = [[str(incidents[i][0]) for i in members] for members in union.groups().values()]
    previous = {
        str(incident): linked
        for incident, linked in IncidentLink.objects.values_list("incident_id", "linked_id")
    }
    assignment = cluster.stable_ids(groups, previous, incident_id)
    _save_incidents(run, assignment, previous)
    run.incidents = len(incidents)
    run.linked_incidents = len(set(assignment.values()))


def _same_incident(left: tuple, right: tuple) -> bool:
    if left[1] == right[1] or left[2] != right[2]:
        return False
    day_left, day_right = left[3] or left[4], right[3] or right[4]
    if day_left is None or day_right is None:
        return False
    return abs((day_left - day_right).days) <= INCIDENT_DAYS


def _save_incidents(run: LinkageRun, assignment: dict[str, str], previous: dict[str, str]) -> None:
    created = [
        IncidentLink(incident_id=incident, linked_id=linked, run=run)
        for incident, linked in assignment.items()
        if incident not in previous
    ]
    changed: dict[str, list[str]] = defaultdict(list)
    for incident, linked in assignment.items():
        if incident in previous and previous[incident] != linked:
            changed[linked].append(incident)
    with transaction.atomic():
        _still_held(run)
        IncidentLink.objects.bulk_create(created, batch_size=2000)
        for linked, members in changed.items():
            for first in range(0, len(members), 2000):
                IncidentLink.objects.filter(incident_id__in=members[first:first + 2000]).update(
                    linked_id=linked, run=run
                )


def start(
    user: User | None, scope: str, trigger: str, *, enqueue: bool = True
) -> tuple[LinkageRun, bool]:
    """Queue a run unless one is waiting already; returns (run, queued now).

    A run that is running read its records when it began, so a new one queues behind it and
    picks up what came since. ``enqueue=False`` leaves the run for the caller to execute."""
    from lantern.linkage.tasks import run_linkage

    with transaction.atomic():
        waiting = (
            LinkageRun.objects.select_for_update()
            .filter(status=LinkageRun.Status.QUEUED)
            .first()
        )
        if waiting is not None:
            if scope == LinkageRun.Scope.FULL and waiting.scope != scope:
                waiting.scope = scope
                waiting.save(update_fields=["scope"])
            if enqueue and waiting.left_waiting and not at_work():
                # Its task came while a run that has since stopped held it back.
                transaction.on_commit(_queue_left_waiting)
            return waiting, False
        run = LinkageRun.objects.create(
            scope=scope, trigger=trigger,
            requested_by=user,
        )
        record(actor=run.requested_by, action="linkage.run.start", target=run,
               changes={"scope": scope, "trigger": trigger})
    if enqueue:
        transaction.on_commit(lambda: run_linkage.enqueue(str(run.pk)))
    return run, True


def counts() -> dict[str, int]:
    """People and incidents as reports and once linked, for pages and statistics."""
    return {
        "records": Person.objects.count(),
        "people": PersonLink.objects.values("linked_id").distinct().count(),
        "unlinked": Person.objects.filter(link__isnull=True).count(),
        "incidents": Incident.objects.count(),
        "linked_incidents": IncidentLink.objects.values("linked_id").distinct().count(),
    }
