"""Two releases that differ by one person must not give that person away.

The attacker knows everything about everyone but the target, sees a release made before the
target could be in the data and one made after, and guesses whether the target was added
from the cells that would count them (their cell, its row, column and grand totals, in
both tables that would hold them). Without disclosure control the guess is always right;
with it, it must be no better than the epsilon of those tables allows, which is close to a
coin toss.

Rounding and tie-breaks are seeded; the noise is OpenDP's and cannot be. The bound allows
four standard deviations, so a correct engine fails this test about once in 30,000 runs.
"""

from __future__ import annotations

import math
import random
from collections import Counter

from lantern.stats import control
from lantern.stats.tables import SPECS, fit
from lantern.stats.tests import checks

TRIALS = 600
RELEASE_EPSILON = 1.0
TABLES_IN_A_RELEASE = 14
KEYS = ("victims_sex_age", "victims_indigenous_sex")
TARGET = {"sex": "female", "age_group": "12_17", "indigenous_identity": "inuit"}


def _crowd(rng: random.Random) -> list[dict[str, str]]:
    people = []
    for _ in range(300):
        people.append({"sex": rng.choice(["female"] * 6 + ["male"] * 3 + ["unknown"]),
                       "age_group": rng.choice(["12_17", "18_24", "18_24", "25_34", "35_44"]),
                       "indigenous_identity": rng.choice(
                           ["first_nations", "non_indigenous", "non_indigenous", "unknown"])})
    return people


def _inputs(people: list[dict[str, str]]) -> list[control.TableInput]:
    inputs = []
    for key, (row, column) in zip(KEYS, [("sex", "age_group"), ("indigenous_identity", "sex")],
                                  strict=True):
        spec = SPECS[key]
        counts = Counter((p[row], p[column]) for p in people)
        assert spec.rows is not None and spec.columns is not None
        inputs.append(control.TableInput(key, spec.rows.codes, spec.columns.codes,
                                         fit(counts, spec.rows, spec.columns),
                                         spec.shared_rows, spec.shared_columns,
                                         spec.shared_total))
    return inputs


def _release(people: list[dict[str, str]], rng: random.Random) -> checks.Tables:
    # These two tables get the share of epsilon they would have in a full release.
    epsilon = RELEASE_EPSILON * len(KEYS) / TABLES_IN_A_RELEASE
    return checks.from_outcome(control.control(_inputs(people), epsilon, 10, rng))


def _raw(people: list[dict[str, str]]) -> checks.Tables:
    tables: checks.Tables = {}
    for table in _inputs(people):
        cells = {key: (n, "") for key, n in table.counts.items()}
        for r in table.rows:
            cells[(r, "_total")] = (sum(table.counts[(r, c)] for c in table.columns), "")
        for c in table.columns:
            cells[(("_total"), c)] = (sum(table.counts[(r, c)] for r in table.rows), "")
        cells[("_total", "_total")] = (sum(table.counts.values()), "")
        tables[table.key] = cells
    return tables


def _target_places() -> list[tuple[str, str, str]]:
    sex, age, indigenous = TARGET["sex"], TARGET["age_group"], TARGET["indigenous_identity"]
    return [("victims_sex_age", sex, age), ("victims_sex_age", sex, "_total"),
            ("victims_sex_age", "_total", age), ("victims_sex_age", "_total", "_total"),
            ("victims_indigenous_sex", indigenous, sex),
            ("victims_indigenous_sex", indigenous, "_total"),
            ("victims_indigenous_sex", "_total", sex)]


def _guess(before: checks.Tables, after: checks.Tables) -> bool:
    """The attacker's best reading: did the figures that would count the target go up?"""
    change = 0
    for key, row, column in _target_places():
        old, new = before[key][(row, column)][0], after[key][(row, column)][0]
        if old is not None and new is not None:
            change += new - old
    return change > 0


def _accuracy(release, trials: int, seed: int) -> float:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    crowd = _crowd(rng)
    right = 0
    for _ in range(trials):
        added = rng.random() < 0.5
        before = release(crowd, rng)
        after = release([*crowd, TARGET] if added else crowd, rng)
        right += _guess(before, after) == added
    return right / trials


def test_without_disclosure_control_the_attack_always_wins():
    assert _accuracy(lambda people, rng: _raw(people), 50, seed=1) == 1.0


def test_with_disclosure_control_the_attack_is_no_better_than_epsilon_allows():
    # The target changes one cell of each table: a loss of at most 2 * epsilon / 14.
    loss = RELEASE_EPSILON * len(KEYS) / TABLES_IN_A_RELEASE
    best_possible = math.exp(loss) / (1 + math.exp(loss))
    accuracy = _accuracy(_release, TRIALS, seed=2)
    spread = math.sqrt(0.25 / TRIALS)
    assert accuracy <= best_possible + 4 * spread, accuracy
