"""Every released cell is a multiple of 5 and not small; no suppressed cell can be worked
out from the totals of its table or of another table sharing a margin."""

from __future__ import annotations

import random

import pytest
from django.core.management import call_command
from django.test import override_settings

from lantern.stats import control
from lantern.stats.models import Release
from lantern.stats.periods import Window
from lantern.stats.tables import TABLES, fit
from lantern.stats.tests import checks, records

WINDOW = Window("2024", __import__("datetime").date(2015, 1, 1),
                __import__("datetime").date(2024, 12, 31))


def _inputs(rng: random.Random, small: float) -> list[control.TableInput]:
    """Every table of a release with counts drawn at random, a share of them small."""
    inputs = []
    for spec in TABLES:
        rows = spec.row_dimension(WINDOW)
        grid = fit({}, rows, spec.columns)
        for key in grid:
            grid[key] = rng.randint(1, 9) if rng.random() < small else rng.randint(0, 80)
        inputs.append(control.TableInput(spec.key, rows.codes,
                                         spec.columns.codes if spec.columns else (), grid,
                                         spec.shared_rows, spec.shared_columns,
                                         spec.shared_total))
    return inputs


@pytest.mark.parametrize("seed", range(12))
def test_it_protects_every_table_of_a_release(seed):
    rng = random.Random(seed)
    outcome = control.control(_inputs(rng, small=0.1 + seed / 20), epsilon=1.0, threshold=10,
                              rng=rng)
    checks.assert_protected(checks.from_outcome(outcome), threshold=10)


@pytest.mark.parametrize("threshold", [15, 25])
def test_it_follows_the_threshold_setting(threshold):
    rng = random.Random(threshold)
    outcome = control.control(_inputs(rng, small=0.3), epsilon=2.0, threshold=threshold,
                              rng=rng)
    tables = checks.from_outcome(outcome)
    checks.assert_protected(tables, threshold=threshold)


def test_a_lone_small_cell_takes_a_partner_in_its_row_and_column():
    counts = {(r, c): 40 for r in ("a", "b", "c") for c in ("x", "y", "z")}
    counts[("b", "y")] = 3
    table = control.TableInput("t", ("a", "b", "c"), ("x", "y", "z"), counts)
    # Huge epsilon: no noise, so only the small cell is under the threshold.
    outcome = control.control([table], epsilon=1e4, threshold=10, rng=random.Random(3))
    cells = checks.from_outcome(outcome)["t"]
    assert cells[("b", "y")][1] == "primary"
    hidden = {place for place, (_, why) in cells.items() if why}
    assert len(hidden) >= 4
    assert sum(1 for c in ("x", "y", "z", "_total") if ("b", c) in hidden) >= 2
    assert sum(1 for r in ("a", "b", "c", "_total") if (r, "y") in hidden) >= 2


@pytest.mark.django_db
def test_a_built_release_is_protected_across_tables_sharing_margins():
    police = records.police()
    # Victims spread thin over sexes and age groups: many small cells, shared margins.
    rng = random.Random(7)
    for sex in ("female", "male", "unknown"):
        for age in ("12_17", "18_24", "25_34", "unknown"):
            records.case_with_victims(police, rng.choice([1, 2, 3, 12, 14]), sex=sex,
                                      age_group=age)
    with override_settings(LANTERN_STATS_THRESHOLD=10):
        call_command("release", "build", "--period", "2024", "--epsilon", "50", "--quiet",
                     "--seed", "11")
    release = Release.objects.get()
    tables = checks.from_release(release)
    checks.assert_protected(tables, threshold=10)
    assert any(why for cells in tables.values() for _, why in cells.values())
