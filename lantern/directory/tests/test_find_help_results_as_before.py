"""The search on the in-memory copy gives the results the database search gave: the same
entries in the same order, the same distances and counts, for a sample of searches."""

from __future__ import annotations

import random
import re

import pytest

from lantern import testing
from lantern.directory import actions
from lantern.directory.models import Provider, Site
from lantern.directory.places import _cities, distance_km, find_city
from lantern.directory.search import BOX_LAT, BOX_LON, PAGE_SIZE, Query, matching_providers

pytestmark = pytest.mark.django_db

SERVICES = ("shelter", "legal_aid", "counselling")
LANGUAGES = ("en", "fr", "es")
POPULATIONS = ("women", "migrants", "youth")
CARD = re.compile(r"<h3>(?P<name>[^<]+)</h3>\s*<dl class=\"facts\">\s*"
                  r"(?:<dt>Distance</dt><dd>(?P<km>[\d.]+) km)?")
TOTAL = re.compile(r'<p role="status">(\d+) services? found')


def _reference(query: Query) -> tuple[int, list[tuple[str, float | None]]]:
    """The search as the database answered it before the copy in memory: matching entries,
    then, from a city, the nearest site of each within a box (or anywhere if fewer than a
    page), ordered by distance, then by name."""
    providers = matching_providers(query).select_related("organization")
    city = find_city(query.city, query.province) if query.city else None
    if city is None:
        return providers.count(), [(p.organization.name_en, None) for p in providers[:PAGE_SIZE]]
    nearest: dict[str, float] = {}
    for box in (True, False):
        sites = Site.objects.filter(provider__in=providers.values("pk")).select_related(
            "provider__organization")
        if query.province:
            sites = sites.filter(province=query.province)
        if box:
            sites = sites.filter(
                latitude__range=(city.latitude - BOX_LAT, city.latitude + BOX_LAT),
                longitude__range=(city.longitude - BOX_LON, city.longitude + BOX_LON))
        nearest = {}
        for site in sites:
            km = distance_km(city.latitude, city.longitude, site.latitude, site.longitude)
            name = site.provider.organization.name_en
            nearest[name] = min(km, nearest.get(name, km))
        if len(nearest) >= PAGE_SIZE:
            break
    ranked = sorted(nearest.items(), key=lambda item: (item[1], item[0]))[:PAGE_SIZE]
    return len(nearest), [(name, round(km, 1)) for name, km in ranked]


def _shown(client, query: Query) -> tuple[int, list[tuple[str, float | None]]]:
    params = {k: v for k, v in vars(query).items() if v}
    html = client.get("/en/find-help/", params).content.decode()
    total = TOTAL.search(html)
    cards = [(m["name"], float(m["km"]) if m["km"] else None) for m in CARD.finditer(html)]
    return (int(total.group(1)) if total else 0), cards


@pytest.fixture
def directory():
    """50 entries in towns of Ontario, Quebec and British Columbia, some with a second site,
    some in the same town (equal distances), one stale."""
    rng = random.Random(2026)
    towns = sorted({(c.name, c.province) for cities in _cities().values() for c in cities
                    if c.province in ("ON", "QC", "BC") and c.population > 20000})
    for i in range(50):
        town, province = rng.choice(towns[:8] if i % 5 == 0 else towns)
        provider = testing.make_provider(
            name=f"Provider {i:02d}", city=town, province=province,
            services=tuple(rng.sample(SERVICES, rng.randint(1, 2))),
            languages=tuple(rng.sample(LANGUAGES, rng.randint(1, 2))),
            populations=(rng.choice(POPULATIONS),), open_24_7=rng.random() < 0.3,
            verified=i != 7)
        if rng.random() < 0.3:
            other, other_province = rng.choice(towns)
            place = find_city(other, other_province)
            assert place is not None
            actions.save_site(None, provider, {
                "name_en": "Second site", "name_fr": "Second lieu", "address": "",
                "address_confidential": False, "city": place.name,
                "province": other_province, "latitude": place.latitude,
                "longitude": place.longitude})
    assert Provider.objects.count() == 50


def test_it_gives_the_results_of_the_database_search(client, directory):
    rng = random.Random(7)
    cities = ["Toronto", "Ottawa", "Montréal", "Vancouver", "Kelowna", "Thunder Bay",
              "Gatineau", "Whitehorse", "Halifax", "Atlantis", ""]
    queries = [Query()] + [Query(city=rng.choice(cities),
                                 province=rng.choice(["", "", "ON", "QC", "BC"]),
                                 service=rng.choice(["", *SERVICES]),
                                 language=rng.choice(["", "", *LANGUAGES]),
                                 population=rng.choice(["", "", *POPULATIONS]),
                                 open_24_7=rng.random() < 0.2)
                           for _ in range(60)]
    compared = 0
    for query in queries:
        if query.is_empty:
            continue
        expected_total, expected = _reference(query)
        total, shown = _shown(client, query)
        assert (total, shown) == (expected_total, expected), query
        compared += bool(shown)
    assert compared > 30
