"""Independent checks of released tables: what an outsider could compute from them.

Written apart from the engine (``suppression.py``) on purpose: the tests should not trust
the code they test to say whether a suppressed cell can be worked out.
"""

from __future__ import annotations

import numpy as np

from lantern.stats.tables import SPECS

TOTAL = "_total"
# (value or None, suppressed reason or "") by (row, column), per table key.
Tables = dict[str, dict[tuple[str, str], tuple[int | None, str]]]


def from_release(release) -> Tables:  # type: ignore[no-untyped-def]
    tables: Tables = {}
    for table in release.tables.prefetch_related("cells"):
        if table.key not in SPECS:
            continue  # rates: derived, not additive
        tables[table.key] = {(c.row, c.column): (c.value, c.suppressed)
                             for c in table.cells.all()}
    return tables


def from_outcome(outcome) -> Tables:  # type: ignore[no-untyped-def]
    return {table.key: {key: (None if cell.suppressed else cell.value, cell.suppressed)
                        for key, cell in table.positions.items()}
            for table in outcome.tables}


Place = tuple[str, str]


def lines(cells: dict[Place, tuple[int | None, str]]) -> list[tuple[Place, list[Place]]]:
    """Each additive relation of a table: (its total, its members, the total included)."""
    rows = sorted({r for r, _ in cells})
    columns = sorted({c for _, c in cells})
    if columns == [""]:
        return [((TOTAL, ""), [(r, "") for r in rows])]
    return ([((r, TOTAL), [(r, c) for c in columns]) for r in rows]
            + [((TOTAL, c), [(r, c) for r in rows]) for c in columns])


def shared_id(key: str, row: str, column: str) -> str:
    """The one identity of a cell that several tables show (a shared margin)."""
    spec = SPECS[key]
    if spec.shared_total and row == TOTAL and column in (TOTAL, ""):
        return spec.shared_total
    if spec.shared_rows and column == TOTAL:
        return f"{spec.shared_rows}|{row}"
    if spec.shared_columns and row == TOTAL:
        return f"{spec.shared_columns}|{column}"
    return f"{key}|{row}|{column}"


def assert_released_values(tables: Tables, threshold: int) -> None:
    for key, cells in tables.items():
        for place, (value, suppressed) in cells.items():
            if suppressed:
                assert value is None, (key, place)
                continue
            assert value is not None and value % 5 == 0, (key, place, value)
            assert not 0 < value < threshold, (key, place, value)


def assert_each_line_hides_two_or_none(tables: Tables) -> None:
    for key, cells in tables.items():
        for _total, line in lines(cells):
            hidden = [place for place in line if cells[place][1]]
            assert len(hidden) != 1, (key, hidden)


def assert_shared_margins_agree(tables: Tables) -> None:
    seen: dict[str, tuple[int | None, bool]] = {}
    for key, cells in tables.items():
        for (row, column), (value, suppressed) in cells.items():
            ident = shared_id(key, row, column)
            if ident.startswith(f"{key}|"):
                continue
            state = (value, bool(suppressed))
            assert seen.setdefault(ident, state) == state, (key, row, column)


def derivable_cells(tables: Tables) -> list[str]:
    """Suppressed cells some combination of the released figures gives exactly: those whose
    unit vector lies in the row space of the relations restricted to suppressed cells, that
    is, where the orthogonal projector on that row space, pinv(A) A, has a diagonal of 1."""
    hidden = sorted({shared_id(key, r, c) for key, cells in tables.items()
                     for (r, c), (_, suppressed) in cells.items() if suppressed})
    index = {ident: i for i, ident in enumerate(hidden)}
    found = []
    for group in _groups(tables):
        rows = []
        for key in group:
            cells = tables[key]
            for total, line in lines(cells):
                vector = np.zeros(len(hidden))
                for place in line:
                    ident = shared_id(key, *place)
                    if ident in index:
                        vector[index[ident]] += -1.0 if place == total else 1.0
                if vector.any():
                    rows.append(vector)
        if not rows:
            continue
        system = np.array(rows)
        used = np.flatnonzero(np.abs(system).sum(axis=0))
        system = system[:, used]
        projector = np.linalg.pinv(system) @ system
        found += [hidden[used[i]] for i in range(len(used)) if projector[i, i] > 1 - 1e-9]
    return found


def _groups(tables: Tables) -> list[list[str]]:
    """Tables that share a margin go together."""
    shared = [key for key in tables if any(
        (SPECS[key].shared_rows, SPECS[key].shared_columns, SPECS[key].shared_total))]
    return [shared, *([key] for key in tables if key not in shared)]


def assert_protected(tables: Tables, threshold: int) -> None:
    assert_released_values(tables, threshold)
    assert_each_line_hides_two_or_none(tables)
    assert_shared_margins_agree(tables)
    assert derivable_cells(tables) == []
