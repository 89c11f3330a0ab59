"""Reference periods of releases: a year (``2025``) or a quarter (``2025Q4``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone

_PERIOD = re.compile(r"^(?P<year>\d{4})(?:Q(?P<quarter>[1-4]))?$")


@dataclass(frozen=True)
class Window:
    """The dates a release covers: whole years up to the end of its reference period."""

    period: str
    start: dt.date
    end: dt.date

    @property
    def years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))


def parse(period: str, years: int) -> Window:
    """The window of ``years`` calendar years ending with ``period``; ValueError if the
    period is not ``YYYY`` or ``YYYYQn``, or not over."""
    match = _PERIOD.match(period.strip().upper())
    if match is None:
        raise ValueError(f"not a period: {period!r} (write 2025 or 2025Q4)")
    year = int(match["year"])
    quarter = int(match["quarter"] or 4)
    end = _quarter_end(year, quarter)
    if end >= timezone.localdate():
        raise ValueError(f"the period {period} is not over yet")
    return Window(period=match.group(0), start=dt.date(year - years + 1, 1, 1), end=end)


def _quarter_end(year: int, quarter: int) -> dt.date:
    if quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, 3 * quarter + 1, 1) - dt.timedelta(days=1)
