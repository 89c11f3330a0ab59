"""Population estimates for rates per 100,000, read from the file shipped with the app.

``data/population.csv`` names its source table and vintage in its header; the release keeps
both, so every rate says which population it was divided by. Nothing is downloaded.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from lantern.standard.vocabularies import vocabulary

PATH = Path(__file__).resolve().parent / "data" / "population.csv"
SOURCE = "Statistics Canada, Table 17-10-0005-01 (population estimates on July 1)"


@dataclass(frozen=True)
class Populations:
    by_year: dict[tuple[str, str], int]
    vintage: str

    def of(self, year: str, province: str) -> int | None:
        """Persons in a province (or "CA", Canada: every province and territory) that year."""
        if province != "CA":
            return self.by_year.get((year, province))
        parts = [self.by_year.get((year, code)) for code in vocabulary("province").codes()]
        if any(part is None for part in parts):
            return None
        return sum(part for part in parts if part is not None)


@cache
def load(path: Path = PATH) -> Populations:
    vintage = ""
    lines = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                if line.startswith("# vintage:"):
                    vintage = line.split(":", 1)[1].strip()
                continue
            lines.append(line)
    by_year = {(row["year"], row["province"]): int(row["population_thousands"]) * 1000
               for row in csv.DictReader(lines)}
    return Populations(by_year=by_year, vintage=vintage)


def rate(count: int, population: int) -> Decimal:
    """Per 100,000 persons, to two decimals."""
    value = Decimal(count) * Decimal(100_000) / Decimal(population)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
