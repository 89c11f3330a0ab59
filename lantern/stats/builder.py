"""Building a release: count every table, apply disclosure control, store what may be released.

The true counts exist only in memory while a release is built. The released cells, the
ledger entries of the epsilon spent and the release's notes are written in one transaction
with the audit entry: a build that fails before it commits spends nothing, since nobody saw
its noise.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from lantern.audit.actions import record
from lantern.stats import conf, control, population, randomness, units
from lantern.stats.counting import Scope
from lantern.stats.models import LedgerEntry, Release, ReleasedCell, ReleaseTable
from lantern.stats.noise import MECHANISM, SENSITIVITY
from lantern.stats.periods import Window
from lantern.stats.suppression import TOTAL
from lantern.stats.tables import RATES_KEY, RATES_SOURCE, TABLES, fit

log = logging.getLogger(__name__)

# Share of the progress bar each part of a build takes.
COUNT, CONTROL, STORE, BULLETIN = 0.55, 0.25, 0.05, 0.15

Report = Callable[[str, float], None]


class BudgetExceeded(Exception):
    """The release would take the total epsilon spent over LANTERN_STATS_EPSILON_BUDGET."""


def epsilon_spent() -> float:
    """Every epsilon any release has spent, drafts included."""
    return float(LedgerEntry.objects.aggregate(total=Sum("epsilon"))["total"] or 0.0)


def check_budget(epsilon: float) -> None:
    budget = conf.epsilon_budget()
    if budget and epsilon_spent() + epsilon > budget * (1 + 1e-9):
        raise BudgetExceeded(
            f"epsilon {epsilon:g} would take the total spent to "
            f"{epsilon_spent() + epsilon:g}, over the budget of {budget:g}")


class BuildProgress:
    """Writes a build's stage and progress on the release, at most once per percent, and
    passes it on (to the command's stderr)."""

    def __init__(self, release: Release, echo: Report | None = None) -> None:
        self.release = release
        self.echo = echo
        self.shown = -1

    def __call__(self, stage: str, done: float) -> None:
        percent = int(done * 100)
        if percent == self.shown and stage == self.release.stage:
            return
        self.shown = percent
        self.release.stage, self.release.progress = stage, min(1.0, done)
        Release.objects.filter(pk=self.release.pk).update(stage=stage,
                                                          progress=self.release.progress)
        if self.echo:
            self.echo(stage, done)


def build(release: Release, *, seed: int | None = None, echo: Report | None = None) -> Release:
    """Build a queued release to the end; a failure is kept on the release, never raised."""
    release.build_status = Release.Build.RUNNING
    release.save(update_fields=["build_status"])
    progress = BuildProgress(release, echo)
    try:
        _build(release, seed, progress)
    except Exception as error:
        # Messages name tables and settings, never a person.
        log.exception("release %s failed", release.pk)
        release.build_status, release.failure = (Release.Build.FAILED,
                                                 f"{type(error).__name__}: {error}")
        release.save(update_fields=["build_status", "failure"])
    return release


def _build(release: Release, seed: int | None, progress: BuildProgress) -> None:
    as_of = timezone.now()
    window = Window(release.period, release.window_start, release.window_end)
    scope = Scope(as_of=as_of, start=window.start, end=window.end)
    inputs = []
    for number, spec in enumerate(TABLES):
        rows = spec.row_dimension(window)
        grid = fit(spec.count(scope), rows, spec.columns)
        inputs.append(control.TableInput(
            spec.key, rows.codes, spec.columns.codes if spec.columns else (), grid,
            spec.shared_rows, spec.shared_columns, spec.shared_total))
        progress("counting", COUNT * (number + 1) / len(TABLES))
    notes = units.linkage_notes(as_of, window.start, window.end)
    check_budget(release.epsilon)
    rng = randomness.generator(seed)
    outcome = control.control(
        inputs, release.epsilon, int(release.controls["threshold"]), rng,
        base=int(release.controls["rounding_base"]),
        progress=lambda stage, done: progress(stage, COUNT + CONTROL * done))
    with transaction.atomic():
        for position, table in enumerate(outcome.tables):
            _store(release, position, table)
        _store_rates(release, len(outcome.tables), outcome)
        release.notes = notes
        release.controls = {**release.controls, "consents_as_of": as_of.isoformat(),
                            "seeded": seed is not None}
        release.built_at = timezone.now()
        release.save(update_fields=["notes", "controls", "built_at"])
        record(actor=release.created_by, action="release.build", target=release,
               changes={"period": release.period, "epsilon": release.epsilon,
                        "epsilon_spent": outcome.epsilon, "tables": len(outcome.tables)})
    _make_bulletins(release, progress)
    release.build_status, release.stage, release.progress = Release.Build.DONE, "done", 1.0
    release.save(update_fields=["build_status", "stage", "progress"])
    progress("done", 1.0)


def _make_bulletins(release: Release, progress: BuildProgress) -> None:
    """The Fast Facts bulletins, from the figures just stored. The figures are kept if this
    fails (their epsilon is spent): the release is built, and says the bulletin is missing;
    ``lantern release bulletin`` makes it again."""
    from lantern.stats import bulletin

    start = COUNT + CONTROL + STORE
    progress("bulletin", start)
    try:
        bulletin.make_bulletins(release, lambda done: progress("bulletin", start + BULLETIN * done))
    except Exception as error:
        log.exception("the bulletin of release %s failed", release.pk)
        release.failure = f"bulletin: {type(error).__name__}: {error}"
        release.save(update_fields=["failure"])


def _store(release: Release, position: int, table: control.TableOutcome) -> None:
    stored = ReleaseTable.objects.create(
        release=release, key=table.key, position=position, rows=list(table.rows),
        columns=list(table.columns), epsilon=table.epsilon, summary=table.summary)
    ReleasedCell.objects.bulk_create([
        ReleasedCell(table=stored, row=row, column=column,
                     value=None if cell.suppressed else cell.value,
                     suppressed=cell.suppressed)
        for (row, column), cell in table.positions.items()])
    LedgerEntry.objects.create(release=release, table_key=table.key, mechanism=MECHANISM,
                               sensitivity=SENSITIVITY, scale=table.scale,
                               epsilon=table.epsilon)


def _store_rates(release: Release, position: int, outcome: control.Outcome) -> None:
    """Incidents per 100,000 from the released counts: a suppressed count has no rate, nor
    a year without a population estimate. Derived, so no epsilon."""
    source = next(t for t in outcome.tables if t.key == RATES_SOURCE)
    people = population.load()
    stored = ReleaseTable.objects.create(
        release=release, key=RATES_KEY, position=position, rows=list(source.rows),
        columns=[*source.columns, TOTAL], epsilon=0.0)
    cells = []
    for row in source.rows:
        for column in (*source.columns, TOTAL):
            cell = source.positions[(row, column)]
            size = people.of(row, "CA" if column == TOTAL else column)
            rate = None
            if not cell.suppressed and size:
                rate = population.rate(cell.value, size)
            cells.append(ReleasedCell(table=stored, row=row, column=column, rate=rate,
                                      suppressed=cell.suppressed))
    ReleasedCell.objects.bulk_create(cells)
    stored.summary = {"cells": len(cells),
                      "released": sum(1 for c in cells if c.rate is not None),
                      "primary": 0, "complementary": 0, "noised": 0,
                      "changed_by_noise": 0, "changed_by_rounding": 0}
    stored.save(update_fields=["summary"])
