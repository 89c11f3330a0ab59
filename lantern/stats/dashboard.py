"""The public dashboard: headline figures, trends, a tile map and breakdowns of one published
release, filtered by year, province or territory and type of exploitation.

Each panel holds the rows of its table; its chart is drawn from the same rows
(``charts.py``). Filters a table is not broken down by are said, never silently ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max
from django.utils.translation import gettext as _

from lantern.stats import charts
from lantern.stats import dimensions as dims
from lantern.stats.figures import Figure, Figures
from lantern.stats.models import ExternalFigure, ExternalSource, Release
from lantern.stats.suppression import TOTAL
from lantern.stats.tables import RATES_KEY

INCIDENTS = "incidents_year_province"
INCIDENTS_BY_EXPLOITATION = "incidents_year_exploitation"
VICTIMS = "victims_sex_age"
VICTIMS_BY_EXPLOITATION = "victims_exploitation"


@dataclass(frozen=True)
class Filters:
    year: str
    province: str = ""
    exploitation: str = ""

    @property
    def key(self) -> str:
        return f"{self.year}|{self.province}|{self.exploitation}"

    @property
    def geography(self) -> str:
        return self.province or TOTAL

    def query(self) -> str:
        parts = [("year", self.year), ("province", self.province),
                 ("exploitation", self.exploitation)]
        return "&".join(f"{name}={value}" for name, value in parts if value)


def years(figures: Figures) -> list[str]:
    return figures.rows(INCIDENTS)


def view_key(release: Release, query: Mapping[str, str]) -> str:
    """The filters asked for, as a cache key: only values the release could have take part
    (a year of its window, a known code), so the number of keys stays small whatever is
    asked for."""
    first, last = release.window_start.year, release.window_end.year
    year = query.get("year", "")
    if not (year.isascii() and year.isdigit() and first <= int(year) <= last):
        year = ""
    return "|".join([year, _known(query.get("province", ""), dims.PROVINCE.codes),
                     _known(query.get("exploitation", ""), dims.EXPLOITATION.codes)])


def _known(value: str, codes: tuple[str, ...]) -> str:
    return value if value in codes else ""


def external_version() -> str:
    """Changes whenever figures published elsewhere are loaded (the trend shows them)."""
    latest = ExternalSource.objects.aggregate(at=Max("loaded_at"), figures=Count("figures"))
    stamp = int(latest["at"].timestamp()) if latest["at"] else 0
    return f"{stamp}-{latest['figures']}"


def read_filters(figures: Figures, query: Mapping[str, str]) -> Filters:
    """The filters asked for; a value the release does not have falls back to the default
    (the latest year, all of Canada, every type)."""
    known_years = years(figures)
    year = query.get("year", "")
    province = query.get("province", "")
    exploitation = query.get("exploitation", "")
    return Filters(
        year=year if year in known_years else (known_years[-1] if known_years else ""),
        province=province if province in dims.PROVINCE.codes else "",
        exploitation=exploitation if exploitation in dims.EXPLOITATION.codes else "")


@dataclass(frozen=True)
class Headline:
    label: str
    figure: Figure
    detail: str = ""


@dataclass
class Panel:
    """A chart and the table it is drawn from."""

    name: str
    title: str
    corner: str
    columns: list[str]
    rows: list[tuple[str, list[Figure]]]
    draw: Callable[[], dict[str, Any]]
    notes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    @property
    def alt(self) -> str:
        return _("Chart: %(title)s. Its figures are in the table beside it.") % {
            "title": self.title}


def _place(filters: Filters) -> str:
    return dims.PROVINCE.label(filters.province) if filters.province else _("Canada")


def headlines(figures: Figures, filters: Filters) -> list[Headline]:
    release = figures.release
    span = f"{release.window_start.year}\u2013{release.window_end.year}"  # an en dash
    place = _place(filters)
    geo = filters.geography
    previous = str(int(filters.year) - 1) if filters.year else ""
    incidents_before = figures.get(INCIDENTS, previous, geo) if previous in years(figures) \
        else None
    victims_label = _("Victims, %(span)s") % {"span": span}
    victims = figures.total(VICTIMS)
    if filters.exploitation:
        victims = figures.get(VICTIMS_BY_EXPLOITATION, filters.exploitation, "")
        victims_label = _("Victims of %(type)s, %(span)s") % {
            "type": dims.EXPLOITATION.label(filters.exploitation).lower(), "span": span}
    return [
        Headline(_("Incidents in %(year)s, %(place)s") % {"year": filters.year, "place": place},
                 figures.get(INCIDENTS, filters.year, geo),
                 _("%(count)s in %(year)s") % {"count": incidents_before.text, "year": previous}
                 if incidents_before else ""),
        Headline(_("Incidents per 100,000 population in %(year)s, %(place)s") % {
            "year": filters.year, "place": place}, figures.get(RATES_KEY, filters.year, geo)),
        Headline(victims_label, victims),
        Headline(_("Accused persons, %(span)s") % {"span": span}, figures.total("accused_sex_age")),
        Headline(_("Trafficking charges laid, %(span)s") % {"span": span},
                 figures.get("charges_offence_outcome", "trafficking", TOTAL)),
        Headline(_("Hotline contacts, %(span)s, %(place)s") % {"span": span, "place": place},
                 figures.get("hotline_contacts_type_province", TOTAL, geo)),
    ]


def filter_notes(figures: Figures, filters: Filters) -> list[str]:
    notes = []
    if filters.province:
        notes.append(_("Victims, accused persons and charges are not broken down by province "
                       "or territory; their figures are for Canada."))
    if filters.exploitation and INCIDENTS_BY_EXPLOITATION in figures.tables:
        notes.append(_("Only the victims and the incidents by year are broken down by type of "
                       "exploitation; the other figures count every type."))
    elif filters.exploitation:
        notes.append(_("Only the victims are broken down by type of exploitation in this "
                       "release; the other figures count every type."))
    return notes


def _source(release: Release) -> str:
    if not release.published_at:
        return _("Source: Lantern, national statistics release %(period)s (draft).") % {
            "period": release.period}
    return _("Source: Lantern, national statistics release %(period)s, published "
             "%(published)s.") % {"period": release.period,
                                  "published": release.published_at.date().isoformat()}


def trend(figures: Figures, filters: Filters) -> Panel:
    """Incidents by year, beside the same measure published elsewhere for the same place."""
    release = figures.release
    geo = filters.geography
    place = _place(filters)
    own = _("Lantern (linked incidents)")
    series: list[tuple[str, dict[str, Figure]]] = []
    notes = []
    if filters.exploitation and INCIDENTS_BY_EXPLOITATION in figures.tables:
        kind = dims.EXPLOITATION.label(filters.exploitation)
        series.append((f"{own}: {kind}", {
            year: figures.get(INCIDENTS_BY_EXPLOITATION, year, filters.exploitation)
            for year in years(figures)}))
        if filters.province:
            notes.append(_("Incidents by type of exploitation are for Canada: the tables do not "
                           "cross the type with the province or territory."))
        place, geo = _("Canada"), TOTAL
    else:
        series.append((own, {year: figures.get(INCIDENTS, year, geo)
                             for year in years(figures)}))
    sources = [_source(release)]
    # Figures published elsewhere count every type: not beside one type.
    elsewhere = [] if notes or filters.exploitation else _external(
        years(figures), "CA" if geo == TOTAL else geo)
    for name, by_year in elsewhere:
        series.append((name, by_year))
        sources.append(_("Also shown: %(source)s.") % {"source": name})
    title = _("Incidents of trafficking in persons by year, %(place)s") % {"place": place}
    rows = [(year, [values.get(year, Figure(available=False)) for _name, values in series])
            for year in years(figures)]
    points = [{"x": year, "y": values[year].number, "series": name}
              for name, values in series for year in years(figures) if year in values]

    def draw() -> dict[str, Any]:
        return charts.line(points, x_title=_("Year"), y_title=_("Incidents"),
                           series_title=_("Source"), description=title)

    return Panel("trend", title, _("Year"), [name for name, _values in series], rows, draw,
                 notes=notes, sources=sources)


def _external(known_years: list[str], geography: str) -> list[tuple[str, dict[str, Figure]]]:
    """Incidents published elsewhere (each edition its own series) for these years."""
    figures = (ExternalFigure.objects.filter(measure="incidents", geography=geography,
                                             period__in=known_years, unit="count")
               .select_related("source").order_by("source__source", "source__edition"))
    editions: dict[str, dict[str, Figure]] = {}
    for figure in figures:
        name = f"{figure.source.source}, {figure.source.edition}"
        editions.setdefault(name, {})[figure.period] = Figure(value=int(figure.value))
    return list(editions.items())


def tile_map(figures: Figures, filters: Filters) -> Panel:
    title = _("Incidents per 100,000 population by province and territory, %(year)s") % {
        "year": filters.year}
    rows = []
    points = []
    for code in dims.PROVINCE.codes:
        rate = figures.get(RATES_KEY, filters.year, code)
        count = figures.get(INCIDENTS, filters.year, code)
        rows.append((dims.PROVINCE.label(code), [rate, count]))
        points.append({"code": code, "y": rate.number, "text": rate.text})
    rows.append((_("Canada"), [figures.get(RATES_KEY, filters.year, TOTAL),
                               figures.get(INCIDENTS, filters.year, TOTAL)]))

    def draw() -> dict[str, Any]:
        return charts.tile_map(points, legend_title=_("Rate per 100,000"), description=title,
                               highlight=filters.province)

    return Panel("map", title, _("Province or territory"),
                 [_("Rate per 100,000 population"), _("Incidents")], rows, draw,
                 sources=[_source(figures.release),
                          _("Population: %(source)s (%(vintage)s).") % {
                              "source": figures.release.controls.get("population_source", ""),
                              "vintage": figures.release.controls.get("population_vintage",
                                                                      "")}])


def victims_by_sex_and_age(figures: Figures, filters: Filters) -> Panel:
    title = _("Victims by sex and age group")
    sexes = figures.rows(VICTIMS)
    ages = figures.columns(VICTIMS)
    rows = [(dims.AGE_GROUP.label(age), [figures.get(VICTIMS, sex, age) for sex in sexes])
            for age in ages]
    points = [{"x": dims.AGE_GROUP.label(age), "y": figures.get(VICTIMS, sex, age).number,
               "series": dims.SEX.label(sex)} for age in ages for sex in sexes]

    def draw() -> dict[str, Any]:
        return charts.bars(points, x_title=_("Age group"), y_title=_("Victims"),
                           series_title=_("Sex"), description=title)

    notes = [_("This table counts victims of every type of exploitation.")
             ] if filters.exploitation else []
    return Panel("victims", title, _("Age group"), [dims.SEX.label(s) for s in sexes], rows,
                 draw, notes=notes, sources=[_source(figures.release)])


def victims_by_exploitation(figures: Figures, filters: Filters) -> Panel:
    title = _("Victims by type of exploitation")
    kinds = figures.rows(VICTIMS_BY_EXPLOITATION)
    rows = [(dims.EXPLOITATION.label(kind), [figures.get(VICTIMS_BY_EXPLOITATION, kind, "")])
            for kind in kinds]
    points = [{"x": dims.EXPLOITATION.label(kind), "code": kind,
               "y": figures.get(VICTIMS_BY_EXPLOITATION, kind, "").number} for kind in kinds]

    def draw() -> dict[str, Any]:
        return charts.bars(points, x_title=_("Type of exploitation"), y_title=_("Victims"),
                           description=title, highlight=filters.exploitation)

    return Panel("exploitation", title, _("Type of exploitation"), [_("Victims")], rows, draw,
                 sources=[_source(figures.release)])


PANELS: dict[str, Callable[[Figures, Filters], Panel]] = {
    "trend": trend,
    "map": tile_map,
    "victims": victims_by_sex_and_age,
    "exploitation": victims_by_exploitation,
}


def panels(figures: Figures, filters: Filters) -> list[Panel]:
    return [make(figures, filters) for make in PANELS.values()]
