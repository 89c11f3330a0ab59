"""The released figures of one release, read once, for the pages, charts, open data, API and
the bulletin that all show them.

Only what disclosure control let out is here: a value (a multiple of the rounding base), a
rate, or the mark of a suppressed cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats

from lantern.stats.models import Release, ReleasedCell, ReleaseTable
from lantern.stats.suppression import TOTAL

Place = tuple[str, str]

# Statistics Canada's symbols.
SUPPRESSED = "x"
NOT_AVAILABLE = ".."


@dataclass(frozen=True)
class Figure:
    """One released cell: ``value`` or ``rate`` is None when it is suppressed or absent."""

    value: int | None = None
    rate: Decimal | None = None
    suppressed: bool = False
    available: bool = True

    @property
    def text(self) -> str:
        """The figure as a reader sees it, in the active language (0,12 in French)."""
        if self.status:
            return self.status
        if self.rate is not None:
            return formats.number_format(self.rate, decimal_pos=2, use_l10n=True)
        return formats.number_format(self.value or 0, use_l10n=True, force_grouping=True)

    @property
    def number(self) -> float | None:
        """The figure as a number for a chart (None leaves a gap)."""
        if self.rate is not None:
            return float(self.rate)
        return None if self.value is None else float(self.value)

    @property
    def status(self) -> str:
        """Statistics Canada's symbol when there is no figure ("" when there is one)."""
        if self.suppressed:
            return SUPPRESSED
        if not self.available or (self.value is None and self.rate is None):
            return NOT_AVAILABLE
        return ""


MISSING = Figure(available=False)


class Figures:
    """The tables and cells of a release, by table key and (row, column)."""

    def __init__(self, release: Release) -> None:
        self.release = release
        self.tables: dict[str, ReleaseTable] = {}
        self._cells: dict[str, dict[Place, Figure]] = {}
        for table in release.tables.prefetch_related("cells"):
            self.tables[table.key] = table
            self._cells[table.key] = {(c.row, c.column): _figure(c) for c in table.cells.all()}

    def get(self, key: str, row: str = TOTAL, column: str = "") -> Figure:
        return self._cells.get(key, {}).get((row, column), MISSING)

    def total(self, key: str) -> Figure:
        """The grand total of a table (one-way or two-way)."""
        table = self.tables.get(key)
        return self.get(key, TOTAL, TOTAL if table is not None and table.columns else "")

    def rows(self, key: str) -> list[str]:
        table = self.tables.get(key)
        return list(table.rows) if table is not None else []

    def columns(self, key: str) -> list[str]:
        table = self.tables.get(key)
        return list(table.columns) if table is not None else []

    def cells(self, key: str) -> dict[Place, Figure]:
        return self._cells.get(key, {})


def figure_of(cell: ReleasedCell | None) -> Figure:
    return MISSING if cell is None else _figure(cell)


def _figure(cell: ReleasedCell) -> Figure:
    return Figure(value=cell.value, rate=cell.rate, suppressed=bool(cell.suppressed))
