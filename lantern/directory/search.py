"""The public "find help" search: filters on codes, then orders by distance from a city.

The search runs on this process's copy of the public directory (``lantern.directory.index``),
with no query; ``matching_providers`` asks the database the same question for the pages of
signed-in staff (referrals).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.db.models import Exists, OuterRef, QuerySet

from lantern.directory import index as directory_index
from lantern.directory.access import public_providers
from lantern.directory.index import BoolArray, DirectoryIndex, FloatArray, IntArray
from lantern.directory.models import Provider, ProviderCode, Site
from lantern.directory.places import EARTH_RADIUS_KM, City, find_city, suggestions

PAGE_SIZE = 25
# A first pass looks within this box around the city (about 550 km); a sparse region
# falls back to the whole country.
BOX_LAT, BOX_LON = 5.0, 8.0


@dataclass(frozen=True)
class Query:
    city: str = ""
    province: str = ""
    service: str = ""
    language: str = ""
    population: str = ""
    open_24_7: bool = False

    @property
    def is_empty(self) -> bool:
        return not any((self.city, self.province, self.service, self.language,
                        self.population, self.open_24_7))


@dataclass
class Result:
    provider: Provider
    site: Site | None
    distance_km: float | None
    codes: dict[str, list[str]] = field(default_factory=dict)  # vocabulary -> codes


@dataclass
class Outcome:
    index: DirectoryIndex | None = None  # the copy searched (its cards are drawn once)
    results: list[Result] = field(default_factory=list)
    total: int = 0
    city: City | None = None
    city_not_found: bool = False
    suggestions: list[City] = field(default_factory=list)


def _with_code(providers: QuerySet[Provider], vocabulary: str, code: str) -> QuerySet[Provider]:
    return providers.filter(Exists(ProviderCode.objects.filter(
        provider=OuterRef("pk"), vocabulary=vocabulary, code=code)))


def matching_providers(query: Query) -> QuerySet[Provider]:
    """Public providers that match every filter of ``query`` (the city aside)."""
    providers = public_providers()
    for vocabulary, code in (("service_type", query.service), ("language", query.language),
                             ("population", query.population)):
        if code:
            providers = _with_code(providers, vocabulary, code)
    if query.open_24_7:
        providers = providers.filter(open_24_7=True)
    if query.province:
        providers = providers.filter(Exists(Site.objects.filter(
            provider=OuterRef("pk"), province=query.province)))
    return providers


def _matching(index: DirectoryIndex, query: Query) -> BoolArray:
    """Entries of the copy that match every filter of ``query`` (the city aside), as
    ``matching_providers`` does in the database."""
    matching = index.visible()
    for vocabulary, code in (("service_type", query.service), ("language", query.language),
                             ("population", query.population)):
        if code:
            matching &= index.code_masks.get((vocabulary, code), index.none())
    if query.open_24_7:
        matching &= index.open_24_7
    if query.province:
        matching &= index.province_masks.get(query.province, index.none())
    return matching


def _site_candidates(index: DirectoryIndex, matching: BoolArray, city: City,
                     province: str) -> IntArray:
    """Sites of the matching entries (in ``province`` if given): first within a box around
    the city (about 550 km); a sparse region falls back to the whole country."""
    sites = matching[index.site_entry]
    if province:
        sites &= index.site_province_masks.get(province, np.zeros_like(sites))
    latitude, longitude = index.site_latitude, index.site_longitude
    boxed = (sites & (latitude >= city.latitude - BOX_LAT) & (latitude <= city.latitude + BOX_LAT)
             & (longitude >= city.longitude - BOX_LON) & (longitude <= city.longitude + BOX_LON))
    in_box = np.flatnonzero(boxed)
    entries = index.site_entry[in_box]
    if len(in_box) and 1 + np.count_nonzero(entries[1:] != entries[:-1]) >= PAGE_SIZE:
        return in_box
    return np.flatnonzero(sites)


def _distances_km(index: DirectoryIndex, sites: IntArray, city: City) -> FloatArray:
    """Great-circle distances (haversine, as ``places.distance_km``) from the city."""
    phi1 = np.radians(city.latitude)
    phi2 = np.radians(index.site_latitude[sites])
    dlmb = np.radians(index.site_longitude[sites] - city.longitude)
    a = np.sin((phi2 - phi1) / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a))  # type: ignore[no-any-return]


def _nearest(index: DirectoryIndex, matching: BoolArray, city: City,
             province: str) -> tuple[int, list[Result]]:
    """How many entries have a candidate site, and the first page of them by the distance
    of their nearest site (then by name)."""
    sites = _site_candidates(index, matching, city, province)
    km = _distances_km(index, sites, city)
    entries = index.site_entry[sites]
    if not len(sites):
        return 0, []
    # Sites are grouped by entry: one group per entry, its nearest site is its distance.
    starts = np.flatnonzero(np.concatenate(([True], entries[1:] != entries[:-1])))
    nearest = np.minimum.reduceat(km, starts)
    groups = np.arange(len(starts))
    if len(starts) > PAGE_SIZE:  # only the groups that can be on the first page
        groups = np.flatnonzero(nearest <= np.partition(nearest, PAGE_SIZE - 1)[PAGE_SIZE - 1])
    # Entries are numbered in name order, so this ranks by distance, then by name.
    ranked = groups[np.lexsort((entries[starts[groups]], nearest[groups]))][:PAGE_SIZE]
    ends = np.append(starts[1:], len(sites))
    results = []
    for start, end, distance in zip(starts[ranked].tolist(), ends[ranked].tolist(),
                                    nearest[ranked].tolist(), strict=True):
        # The group's first site at that distance (sites are in name order within it).
        site = start if end - start == 1 else start + km[start:end].tolist().index(distance)
        entry = int(entries[start])
        results.append(Result(index.providers[entry], index.sites[int(sites[site])],
                              round(distance, 1), index.codes[entry]))
    return len(starts), results


def search(query: Query) -> Outcome:
    """Providers that match every filter, nearest first when a city is given."""
    index = directory_index.current()
    outcome = Outcome(index=index)
    matching = _matching(index, query)
    if query.city:
        outcome.city = find_city(query.city, query.province)
        if outcome.city is None:
            outcome.city_not_found = True
            outcome.suggestions = suggestions(query.city, query.province)
    if outcome.city is not None:
        outcome.total, outcome.results = _nearest(index, matching, outcome.city, query.province)
        return outcome
    found = np.flatnonzero(matching)
    outcome.total = len(found)
    outcome.results = [Result(index.providers[i], _first_site(index, i, query.province), None,
                              index.codes[i]) for i in found[:PAGE_SIZE].tolist()]
    return outcome


def _first_site(index: DirectoryIndex, entry: int, province: str) -> Site | None:
    sites = [index.sites[i] for i in index.sites_of[entry]
             if not province or index.sites[i].province == province]
    return sites[0] if sites else None
