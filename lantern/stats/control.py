"""Disclosure control of a release's tables, in order: noise, totals, rounding, suppression.

1. **Noise** (``noise.py``): each table's cells get discrete Laplace noise through OpenDP,
   with the table's share of the release's epsilon (an equal share each: sequential
   composition over the tables; the cells of one table are disjoint, so within a table they
   compose in parallel and each gets the whole share).
2. **Totals** are sums of the noisy cells (post-processing: no further privacy spent). A
   margin shared by several tables is computed once, from the first table that has it.
3. **Rounding** (``rounding.py``): every cell and total, independently, at random to base 5.
4. **Suppression** (``suppression.py``): cells under the threshold, then complementary
   suppression over every relation of every table of the release.

Only the outcome leaves this module; the true counts are used for nothing but the noise and
the statistician's summary of how many cells each step changed.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from lantern.stats import noise, rounding, suppression
from lantern.stats.suppression import TOTAL, Cell, Grid, Relation


@dataclass(frozen=True)
class TableInput:
    key: str
    rows: tuple[str, ...]
    # Empty for a one-way table.
    columns: tuple[str, ...]
    counts: dict[tuple[str, str], int]
    shared_rows: str = ""
    shared_columns: str = ""
    shared_total: str = ""

    @property
    def two_way(self) -> bool:
        return bool(self.columns)

    def interior(self) -> list[tuple[str, str]]:
        return [(r, c) for r in self.rows for c in (self.columns or ("",))]

    def row_total_id(self, row: str) -> str:
        return f"{self.shared_rows}|{row}" if self.shared_rows else f"{self.key}|{row}|{TOTAL}"

    def column_total_id(self, column: str) -> str:
        if self.shared_columns:
            return f"{self.shared_columns}|{column}"
        return f"{self.key}|{TOTAL}|{column}"

    def total_id(self) -> str:
        return self.shared_total or f"{self.key}|{TOTAL}|{TOTAL}"


@dataclass
class TableOutcome:
    key: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    epsilon: float
    scale: float
    # (row, column) -> cell, totals included (row or column TOTAL; column "" if one-way).
    positions: dict[tuple[str, str], Cell] = field(default_factory=dict)
    summary: dict[str, int] = field(default_factory=dict)


@dataclass
class Outcome:
    tables: list[TableOutcome]
    epsilon: float
    threshold: int
    base: int


Progress = Callable[[str, float], None]


def _positions(table: TableInput) -> dict[tuple[str, str], str]:
    """Where each cell of the table sits, and its id (shared margins share ids)."""
    at = {(r, c): f"{table.key}|{r}|{c}" for r, c in table.interior()}
    if table.two_way:
        for r in table.rows:
            at[(r, TOTAL)] = table.row_total_id(r)
        for c in table.columns:
            at[(TOTAL, c)] = table.column_total_id(c)
        at[(TOTAL, TOTAL)] = table.total_id()
    else:
        at[(TOTAL, "")] = table.total_id()
    return at


def _relations(table: TableInput, at: dict[tuple[str, str], str]) -> list[Relation]:
    if not table.two_way:
        return [Relation(at[(TOTAL, "")], tuple(at[(r, "")] for r in table.rows))]
    relations = [Relation(at[(r, TOTAL)], tuple(at[(r, c)] for c in table.columns))
                 for r in table.rows]
    relations += [Relation(at[(TOTAL, c)], tuple(at[(r, c)] for r in table.rows))
                  for c in table.columns]
    relations.append(Relation(at[(TOTAL, TOTAL)], tuple(at[(r, TOTAL)] for r in table.rows)))
    relations.append(Relation(at[(TOTAL, TOTAL)],
                              tuple(at[(TOTAL, c)] for c in table.columns)))
    return relations


def _noisy_totals(table: TableInput, at: dict[tuple[str, str], str],
                  noisy: dict[str, int]) -> dict[str, int]:
    sums: dict[str, int] = defaultdict(int)
    for r, c in table.interior():
        value = noisy[at[(r, c)]]
        if table.two_way:
            sums[at[(r, TOTAL)]] += value
            sums[at[(TOTAL, c)]] += value
            sums[at[(TOTAL, TOTAL)]] += value
        else:
            sums[at[(TOTAL, "")]] += value
    return sums


def _shared(table: TableInput, at: dict[tuple[str, str], str]) -> set[str]:
    ids = set()
    for (r, c), cell_id in at.items():
        if ((table.shared_rows and c == TOTAL and r != TOTAL)
                or (table.shared_columns and r == TOTAL and c != TOTAL)
                or (table.shared_total and r == TOTAL and c in (TOTAL, ""))):
            ids.add(cell_id)
    return ids


def control(inputs: list[TableInput], epsilon: float, threshold: int, rng: random.Random,
            base: int = 5, progress: Progress | None = None) -> Outcome:
    """Noisy, rounded and suppressed versions of the tables; see the module's docstring."""
    share = epsilon / len(inputs)
    noisy: dict[str, int] = {}
    outcomes: list[TableOutcome] = []
    layouts: list[tuple[TableInput, dict[tuple[str, str], str]]] = []
    changed_by_noise: dict[str, int] = {}
    for number, table in enumerate(inputs):
        at = _positions(table)
        interior = table.interior()
        noised = noise.add_noise([table.counts[key] for key in interior], share)
        for key, value in zip(interior, noised.values, strict=True):
            noisy[at[key]] = value
        changed_by_noise[table.key] = sum(
            1 for key, value in zip(interior, noised.values, strict=True)
            if value != table.counts[key])
        for cell_id, value in _noisy_totals(table, at, noisy).items():
            # A shared margin keeps the value of the first table that has it.
            noisy.setdefault(cell_id, value)
        outcomes.append(TableOutcome(table.key, table.rows, table.columns, noised.epsilon,
                                     noised.scale))
        layouts.append((table, at))
        if progress:
            progress("noise", (number + 1) / len(inputs))
    cells: dict[str, Cell] = {}
    shared_ids = set().union(*(_shared(table, at) for table, at in layouts))
    margins = {cell_id for table, at in layouts for (r, c), cell_id in at.items()
               if TOTAL in (r, c)}
    for cell_id in sorted(noisy):
        cells[cell_id] = Cell(id=cell_id, value=rounding.random_round(noisy[cell_id], base, rng),
                              margin=cell_id in margins,
                              shared=cell_id in shared_ids)
    if progress:
        progress("rounding", 1.0)
    relations = [relation for table, at in layouts for relation in _relations(table, at)]
    grids = [_grid(table, at) for table, at in layouts if table.two_way]
    suppression.protect(cells, relations, grids, threshold, rng)
    if progress:
        progress("suppression", 1.0)
    for outcome, (table, at) in zip(outcomes, layouts, strict=True):
        outcome.positions = {key: cells[cell_id] for key, cell_id in at.items()}
        outcome.summary = _summary(outcome, noisy, changed_by_noise[table.key], len(at),
                                   len(table.interior()))
    return Outcome(tables=outcomes, epsilon=sum(o.epsilon for o in outcomes),
                   threshold=threshold, base=base)


def _grid(table: TableInput, at: dict[tuple[str, str], str]) -> Grid:
    return Grid(rows=(*table.rows, TOTAL), columns=(*table.columns, TOTAL), at=dict(at))


def _summary(outcome: TableOutcome, noisy: dict[str, int], noise_changed: int, cells: int,
             interior: int) -> dict[str, int]:
    positions = outcome.positions.values()
    return {
        "cells": cells,
        "noised": interior,
        "changed_by_noise": noise_changed,
        "changed_by_rounding": sum(1 for c in positions if c.value != max(0, noisy[c.id])),
        "primary": sum(1 for c in positions if c.suppressed == suppression.PRIMARY),
        "complementary": sum(1 for c in positions if c.suppressed == suppression.COMPLEMENTARY),
        "released": sum(1 for c in positions if not c.suppressed),
    }
