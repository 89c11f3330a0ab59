"""Suppression of small cells, and complementary suppression so none can be worked out.

Primary suppression hides every cell whose rounded value is under the threshold (after base-5
rounding, that is 5 when the threshold is 10; zeros stay). It acts on the noisy, rounded
figure, never on the true count, so it is post-processing of the differentially private
counts and spends no privacy.

Complementary suppression. A table's totals are additive relations: a row total is the sum of
the row, a column total the sum of the column, the grand total the sum of either margin; a
margin shared by two tables is one cell in the relations of both. A suppressed cell could be
worked out when it is the only unknown of a relation, or, more subtly, when the relations
together pin it down (a suppressed cell joining two otherwise protected groups). So:

1. every relation holding exactly one suppressed cell gets a second one, the cheapest of its
   released cells (a small interior cell before a total, a table's own total before a shared
   margin, ties broken at random);
2. then an exact audit: a suppressed cell is derivable iff its coordinate is fixed by the
   linear system of all relations restricted to the suppressed cells, that is, iff it has
   no component in the system's null space (computed by SVD). Each derivable cell is put on a
   rectangle (two more rows and columns of its table, suppressed where needed), which gives it
   a free direction, and step 1 runs again. The cells only ever grow in number, so this ends;
   suppressing whole tables is the last resort.

The audit is exact for equalities. It does not compute intervals from non-negativity; with
noisy, independently rounded figures, an equality gives at best a noisy figure anyway.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

PRIMARY = "primary"
COMPLEMENTARY = "complementary"
TOTAL = "_total"

Cost = Callable[[str], tuple[int, int, float]]
Hide = Callable[[str], None]


@dataclass
class Cell:
    id: str
    value: int
    margin: bool = False
    shared: bool = False
    suppressed: str = ""


@dataclass(frozen=True)
class Relation:
    """``total`` is the sum of ``parts``."""

    total: str
    parts: tuple[str, ...]

    @property
    def members(self) -> tuple[str, ...]:
        return (self.total, *self.parts)


@dataclass
class Grid:
    """A two-way table's cells with its totals, by (row, column); TOTAL names the margins."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    at: dict[tuple[str, str], str] = field(default_factory=dict)


def protect(cells: dict[str, Cell], relations: list[Relation], grids: list[Grid],
            threshold: int, rng: random.Random) -> None:
    """Mark primary and complementary suppressions on ``cells`` (in place)."""
    for cell in cells.values():
        if 0 < cell.value < threshold:
            cell.suppressed = PRIMARY
    tiebreak = {cell_id: rng.random() for cell_id in sorted(cells)}

    def cost(cell_id: str) -> tuple[int, int, float]:
        cell = cells[cell_id]
        return (2 if cell.shared else 1 if cell.margin else 0, cell.value, tiebreak[cell_id])

    def hide(cell_id: str) -> None:
        if not cells[cell_id].suppressed:
            cells[cell_id].suppressed = COMPLEMENTARY

    while True:
        if _close_relations(cells, relations, cost, hide):
            continue
        determined = derivable(cells, relations)
        if not determined:
            return
        before = _suppressed_count(cells)
        _free(determined[0], cells, relations, grids, cost, hide)
        if _suppressed_count(cells) == before:
            # Nothing cheaper left: hide every table the cell is in (cannot loop forever,
            # since the set only grows and is finite).
            for relation in relations:
                if determined[0] in relation.members:
                    for member in relation.members:
                        hide(member)
            if _suppressed_count(cells) == before:
                return


def _suppressed_count(cells: dict[str, Cell]) -> int:
    return sum(1 for cell in cells.values() if cell.suppressed)


def _close_relations(cells: dict[str, Cell], relations: list[Relation], cost: Cost,
                     hide: Hide) -> bool:
    changed = False
    for relation in relations:
        hidden = [m for m in relation.members if cells[m].suppressed]
        if len(hidden) == 1:
            candidates = [m for m in relation.members if not cells[m].suppressed]
            if candidates:
                hide(min(candidates, key=cost))
                changed = True
    return changed


def derivable(cells: dict[str, Cell], relations: list[Relation]) -> list[str]:
    """The suppressed cells the released cells and the relations determine exactly."""
    found: list[str] = []
    for group in _components(cells, relations):
        found += _derivable_in(cells, group)
    return sorted(found)


def _components(cells: dict[str, Cell], relations: list[Relation]) -> list[list[Relation]]:
    """Relations that share suppressed cells, grouped (tables apart are solved apart)."""
    parent: dict[str, str] = {}

    def root(cell_id: str) -> str:
        while parent.setdefault(cell_id, cell_id) != cell_id:
            parent[cell_id] = parent[parent[cell_id]]
            cell_id = parent[cell_id]
        return cell_id

    involved = [r for r in relations if any(cells[m].suppressed for m in r.members)]
    for relation in involved:
        first = root(relation.members[0])
        for member in relation.members[1:]:
            parent[root(member)] = first
    groups: dict[str, list[Relation]] = {}
    for relation in involved:
        groups.setdefault(root(relation.total), []).append(relation)
    return list(groups.values())


def _derivable_in(cells: dict[str, Cell], relations: list[Relation]) -> list[str]:
    hidden = sorted({m for r in relations for m in r.members if cells[m].suppressed})
    index = {cell_id: i for i, cell_id in enumerate(hidden)}
    matrix = np.zeros((len(relations), len(hidden)))
    for i, relation in enumerate(relations):
        if relation.total in index:
            matrix[i, index[relation.total]] -= 1.0
        for part in relation.parts:
            if part in index:
                matrix[i, index[part]] += 1.0
    _, singular, vt = np.linalg.svd(matrix, full_matrices=True)
    rank = int((singular > 1e-9).sum())
    null_space = vt[rank:]
    freedom = (null_space**2).sum(axis=0) if len(null_space) else np.zeros(len(hidden))
    return [cell_id for cell_id, free in zip(hidden, freedom, strict=True) if free < 1e-12]


def _free(cell_id: str, cells: dict[str, Cell], relations: list[Relation], grids: list[Grid],
          cost: Cost, hide: Hide) -> None:
    """Put a derivable cell on a rectangle of its table, as cheaply as can be."""
    for grid in grids:
        where = [key for key, value in grid.at.items() if value == cell_id]
        if not where:
            continue
        row, column = where[0]
        best: tuple[float, list[str]] | None = None
        for other_row in grid.rows:
            for other_column in grid.columns:
                if other_row == row or other_column == column:
                    continue
                corners = [grid.at[(row, other_column)], grid.at[(other_row, column)],
                           grid.at[(other_row, other_column)]]
                new = [c for c in corners if not cells[c].suppressed]
                price = sum(cost(c)[0] * 1e6 + cost(c)[1] + cost(c)[2] for c in new)
                if new and (best is None or price < best[0]):
                    best = (price, new)
        if best is not None:
            for corner in best[1]:
                hide(corner)
            return
    # A one-way table: a second unknown in each relation of the cell.
    for relation in relations:
        if cell_id in relation.members:
            candidates = [m for m in relation.members if not cells[m].suppressed]
            if candidates:
                hide(min(candidates, key=cost))
                return
