"""The public "find help" search: filters on codes, then orders by distance from a city."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet

from lantern.directory.access import public_providers
from lantern.directory.models import Provider, ProviderCode, Site
from lantern.directory.places import City, distance_km, find_city, suggestions

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


@dataclass
class Outcome:
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


def _nearest(providers: QuerySet[Provider], city: City, province: str,
             box: bool) -> dict[uuid.UUID, tuple[float, uuid.UUID]]:
    sites = Site.objects.filter(provider__in=providers.values("pk"))
    if province:
        sites = sites.filter(province=province)
    if box:
        sites = sites.filter(latitude__range=(city.latitude - BOX_LAT, city.latitude + BOX_LAT),
                             longitude__range=(city.longitude - BOX_LON,
                                               city.longitude + BOX_LON))
    nearest: dict[uuid.UUID, tuple[float, uuid.UUID]] = {}
    for provider_id, site_id, lat, lon in sites.values_list("provider_id", "id", "latitude",
                                                             "longitude"):
        km = distance_km(city.latitude, city.longitude, lat, lon)
        if provider_id not in nearest or km < nearest[provider_id][0]:
            nearest[provider_id] = (km, site_id)
    return nearest


def search(query: Query) -> Outcome:
    """Providers that match every filter, nearest first when a city is given."""
    outcome = Outcome()
    providers = matching_providers(query)
    if query.city:
        outcome.city = find_city(query.city, query.province)
        if outcome.city is None:
            outcome.city_not_found = True
            outcome.suggestions = suggestions(query.city, query.province)
    if outcome.city is None:
        outcome.total = providers.count()
        page = list(providers.select_related("organization")
                    .prefetch_related("codes", "sites")[:PAGE_SIZE])
        outcome.results = [Result(p, _first_site(p, query.province), None) for p in page]
        return outcome
    nearest = _nearest(providers, outcome.city, query.province, box=True)
    if len(nearest) < PAGE_SIZE:
        nearest = _nearest(providers, outcome.city, query.province, box=False)
    ranked = sorted(nearest.items(), key=lambda item: item[1][0])[:PAGE_SIZE]
    by_id = {p.pk: p for p in Provider.objects.filter(pk__in=[pid for pid, _ in ranked])
             .select_related("organization").prefetch_related("codes", "sites")}
    outcome.total = len(nearest)
    for provider_id, (km, site_id) in ranked:
        provider = by_id[provider_id]
        site = next((s for s in provider.sites.all() if s.pk == site_id), None)
        outcome.results.append(Result(provider, site, round(km, 1)))
    return outcome


def _first_site(provider: Provider, province: str) -> Site | None:
    sites = [s for s in provider.sites.all() if not province or s.province == province]
    return sites[0] if sites else None
