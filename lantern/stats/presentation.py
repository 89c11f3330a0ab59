"""Released tables laid out for a page: labels in the reader's language, Statistics Canada's
symbols ("x" suppressed, ".." not available)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from lantern.stats import dimensions as dims
from lantern.stats import revisions
from lantern.stats.figures import SUPPRESSED, figure_of
from lantern.stats.models import ReleasedCell, ReleaseTable
from lantern.stats.suppression import TOTAL
from lantern.stats.tables import RATES_KEY, RATES_SOURCE, SPECS, title


@dataclass
class ShownCell:
    text: str
    # "primary" or "complementary" in the statistician's preview; "" elsewhere.
    mark: str = ""
    total: bool = False


@dataclass
class ShownTable:
    key: str
    title: str
    unit: str
    corner: str
    columns: list[str]
    rows: list[tuple[str, list[ShownCell]]] = field(default_factory=list)
    epsilon: float = 0.0
    summary: dict[str, int] = field(default_factory=dict)


def _labeller(key: str) -> tuple[dims.Dimension | None, dims.Dimension | None, str]:
    """Row and column dimensions (rows None for years: a year is its own label), and unit."""
    spec = SPECS[RATES_SOURCE if key == RATES_KEY else key]
    unit = _("Rate per 100,000 population") if key == RATES_KEY else str(spec.unit)
    return (None if spec.year_rows else spec.rows), spec.columns, unit


def category_label(dimension: dims.Dimension | None, code: str, *, rates: bool = False) -> str:
    if code == TOTAL:
        return _("Canada") if rates else _("Total")
    return dimension.label(code) if dimension else code


def _text(cell: ReleasedCell | None) -> str:
    return figure_of(cell).text


def show(table: ReleaseTable, *, marks: bool = False) -> ShownTable:
    """One table; ``marks`` says which suppressions are primary (the preview only)."""
    rows_dim, columns_dim, unit = _labeller(table.key)
    rates = table.key == RATES_KEY
    by_place = {(cell.row, cell.column): cell for cell in table.cells.all()}
    columns = [*table.columns, *([] if rates else [TOTAL])] if table.columns else [""]
    shown = ShownTable(
        key=table.key, title=title(table.key), unit=unit,
        corner=str(rows_dim.title) if rows_dim else _("Year"),
        columns=[category_label(columns_dim, c, rates=rates) if c else unit for c in columns],
        epsilon=table.epsilon, summary=table.summary)
    for row in [*table.rows, *([] if rates else [TOTAL])]:
        cells = []
        for column in columns:
            cell = by_place.get((row, column))
            cells.append(ShownCell(text=_text(cell),
                                   mark=cell.suppressed if marks and cell else "",
                                   total=TOTAL in (row, column)))
        shown.rows.append((category_label(rows_dim, row), cells))
    return shown


@dataclass(frozen=True)
class ShownRevision:
    table: str
    row: str
    column: str
    before: str
    after: str
    change: str


def show_revisions(changed: list[revisions.Revision]) -> list[ShownRevision]:
    """Revisions with the tables' titles and the categories' labels."""
    shown = []
    for item in changed:
        rows_dim, columns_dim, _unit = _labeller(item.table)
        shown.append(ShownRevision(
            table=title(item.table), row=category_label(rows_dim, item.row),
            column=category_label(columns_dim, item.column) if item.column else "",
            before=SUPPRESSED if item.before is None else str(item.before),
            after=SUPPRESSED if item.after is None else str(item.after),
            change="" if item.change is None else f"{item.change:+d}"))
    return shown
