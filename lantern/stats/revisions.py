"""What a release revised: its cells beside the same cells of the previous published vintage.

Counts are revised between vintages as late records arrive, records are linked, consents are
withdrawn, and because every vintage has its own noise and rounding. A cell compares with the
cell of the same table, row and column in the previous vintage.
"""

from __future__ import annotations

from dataclasses import dataclass

from lantern.stats.models import Release, ReleasedCell


@dataclass(frozen=True)
class Revision:
    table: str
    row: str
    column: str
    before: int | None
    after: int | None
    # after - before, when both were released.
    change: int | None


def previous_vintage(release: Release) -> Release | None:
    """The last release published before this one (before now, for one not yet published)."""
    published = Release.objects.filter(status=Release.Status.PUBLISHED).exclude(pk=release.pk)
    if release.published_at:
        published = published.filter(published_at__lt=release.published_at)
    return published.order_by("-published_at").first()


def _cells(release: Release) -> dict[tuple[str, str, str], int | None]:
    cells = ReleasedCell.objects.filter(table__release=release, rate__isnull=True,
                                        table__epsilon__gt=0)
    return {(table, row, column): value for table, row, column, value in
            cells.values_list("table__key", "row", "column", "value")}


def revisions(release: Release, previous: Release) -> list[Revision]:
    """The cells whose released figure differs from the previous vintage's (a suppressed
    cell has none)."""
    before, after = _cells(previous), _cells(release)
    changed = []
    for key in sorted(before.keys() & after.keys()):
        old, new = before[key], after[key]
        if old != new:
            change = new - old if old is not None and new is not None else None
            changed.append(Revision(*key, before=old, after=new, change=change))
    return changed
