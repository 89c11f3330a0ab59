"""Drawing the "find help" page.

The page around the form and the results comes from ``directory/find_help.html`` (drawn once
per language for visitors without a session: ``core.middleware.render_public``). What varies
with the search is drawn here, and most of it only once per process: each filter of the form
for a given value, and each result card for a given entry and site, kept with the copy of the
directory the search ran on. Only the counts and the distances are new for each search.

The results are drawn in Python rather than by a template because the template engine took
about 0.3 ms a card, and a search shows 25 of them: as much as the rest of the request.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.forms import BoundField, Form, TextInput
from django.template.loader import get_template
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext, override
from django.utils.translation import gettext as _

from lantern.directory.models import Site
from lantern.directory.search import Outcome, Result
from lantern.standard.templatetags.standard import label
from lantern.standard.vocabularies import vocabulary

MAX_FILTERS_KEPT = 10_000  # a city's text is one of the values of a filter
MAX_DISTANCES_KEPT = 200_000  # to 0.1 km, 20,000 km in each language
DISTANCE = "\x00distance\x00"  # where a card's distance goes: the card is drawn around it
TYPED = "\ue000typed\ue000"  # where a filter's typed text goes (a valid value)

_filters: dict[tuple[Any, ...], list[str]] = {}
_distances: dict[tuple[str, float], str] = {}


def filters_html(form: Form) -> SafeString:
    """The form's fields, each drawn as ``directory/_filter.html``."""
    errors = form.errors if form.is_bound else {}
    return mark_safe("".join(_filter_html(form, field, field.name in errors)  # noqa: S308
                             for field in form))


def _filter_html(form: Form, field: BoundField, has_errors: bool) -> str:
    if has_errors:
        return str(get_template("directory/_filter.html").render({"field": field}))
    # A field without errors is drawn from its name and value alone; a text (the city) is
    # drawn once around a marker, as it can be anything.
    value = field.value()
    typed = isinstance(field.field.widget, TextInput) and value not in (None, "")
    key = (get_language(), form.is_bound, field.name, TYPED if typed else repr(value))
    parts = _filters.get(key)
    if parts is None:
        if len(_filters) >= MAX_FILTERS_KEPT:
            _filters.clear()
        if typed:
            field = type(form)({field.name: TYPED})[field.name]
        html = str(get_template("directory/_filter.html").render({"field": field}))
        parts = _filters[key] = html.split(TYPED)
    return escape(value).join(parts) if typed else parts[0]


@dataclass(frozen=True)
class Words:
    """What the results say in one language, translated and escaped once."""

    results: str
    distance: str
    where: str
    services: str
    languages: str
    hours: str
    how_to_get_in: str
    now: str
    phone: str
    open_24_7: str
    confidential: str
    no_match: str
    km: tuple[str, str]  # "%(km)s km" around the number
    labels: dict[tuple[str, str], str]  # (vocabulary, code) -> label

    def label(self, vocabulary_name: str, code: str) -> str:
        """The ``label`` template filter's answer, escaped."""
        found = self.labels.get((vocabulary_name, code))
        return found if found is not None else escape(label(code, vocabulary_name))


@cache
def words(language: str) -> Words:
    with override(language):
        km = _("%(km)s km") % {"km": DISTANCE}
        before, _sep, after = km.partition(DISTANCE)
        return Words(
            results=escape(_("Results")),
            distance=escape(_("Distance")), where=escape(_("Where")),
            services=escape(_("Services")), languages=escape(_("Languages")),
            hours=escape(_("Hours")), how_to_get_in=escape(_("How to get in")),
            now=escape(_("Now")), phone=escape(_("Phone")),
            open_24_7=escape(_("Open 24 hours a day, 7 days a week")),
            confidential=escape(_("confidential address, given when you call")),
            no_match=escape(_("No service matches all of your choices. Try fewer filters, "
                              "or call the hotline.")),
            km=(before, after),  # the translation is trusted, as {% blocktranslate %} does
            labels={(name, concept.code): escape(concept.label)
                    for name in ("service_type", "language", "capacity_status", "province")
                    for concept in vocabulary(name).concepts},
        )


def results_html(outcome: Outcome | None, city: str) -> SafeString:
    """The results section, or nothing before a search."""
    if outcome is None:
        return mark_safe("")
    language = get_language()
    said = words(language)
    shown = len(outcome.results)
    parts = ['<section aria-labelledby="results-heading">\n',
             f'  <h2 id="results-heading">{said.results}</h2>\n']
    if outcome.city_not_found:
        notice = _("We could not find “%(city)s”. The results are not ordered by "
                   "distance.") % {"city": escape(city)}
        if outcome.suggestions:
            places = ", ".join(f"{escape(c.name)} ({escape(c.province)})"
                               for c in outcome.suggestions)
            # One sentence for the translator, who places the punctuation (the places are
            # escaped above).
            notice += "\n    " + _("Did you mean: %(places)s?") % {"places": places}
        parts.append(f'  <p class="notice">{notice}</p>\n')
    elif outcome.city is not None:
        nearest = _("Nearest first, from %(city)s (%(province)s).") % {
            "city": escape(outcome.city.name), "province": escape(outcome.city.province)}
        parts.append(f"  <p>{nearest}</p>\n")
    found = ngettext("%(counter)s service found.", "%(counter)s services found.",
                     outcome.total) % {"counter": localize(outcome.total)}
    if outcome.total > shown:
        found += " " + _("Showing the first %(shown)s.") % {"shown": localize(shown)}
    parts.append(f'  <p role="status">{found}</p>\n  <ol class="results">\n')
    drawn = outcome.index.cards if outcome.index is not None else {}
    parts += [_card_html(drawn, language, said, result) for result in outcome.results]
    if not shown:
        parts.append(f"    <li>{said.no_match}</li>\n")
    parts.append("  </ol>\n</section>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


def _card_html(drawn: dict[tuple[Any, ...], Any], language: str, said: Words,
               result: Result) -> str:
    """A result card, drawn once per entry, site and language (the entry's part once per
    entry) and kept with the copy of the directory it comes from; only the distance is new.
    (The copy holds its entries and sites, so their id() names them while it lives.)"""
    key = (id(result.provider), id(result.site), language, result.distance_km is None)
    card = drawn.get(key)
    if card is None:
        entry_key = (id(result.provider), language)
        entry = drawn.get(entry_key)
        if entry is None:
            entry = drawn[entry_key] = _draw_entry(result, said)
        # The card split where its distance goes (a card without one is a single part).
        parts = _draw_site(result.site, result.distance_km, said)
        parts[0] = entry[0] + parts[0]
        parts[-1] += entry[1]
        card = drawn[key] = tuple(parts)
    if result.distance_km is None:
        return card[0]
    return _distance(language, result.distance_km).join(card)


def _distance(language: str, km: float) -> str:
    """``localize(km)``, kept: distances are rounded to 0.1 km, so they repeat."""
    key = (language, km)
    text = _distances.get(key)
    if text is None:
        if len(_distances) >= MAX_DISTANCES_KEPT:
            _distances.clear()
        text = _distances[key] = escape(localize(km))
    return text


def _fact(term: str, value: str) -> str:
    return f"        <dt>{term}</dt><dd>{value}</dd>\n"


def _draw_entry(result: Result, said: Words) -> tuple[str, str]:
    """The card's head (the name), and its facts after the site's."""
    provider = result.provider
    services = "; ".join(said.label("service_type", code)
                         for code in result.codes.get("service_type", []))
    languages = "; ".join(said.label("language", code)
                          for code in result.codes.get("language", []))
    hours = said.open_24_7 if provider.open_24_7 else escape(provider.text("hours") or "—")
    facts = [
        _fact(said.services, services),
        _fact(said.languages, languages or "—"),
        _fact(said.hours, hours),
        _fact(said.how_to_get_in, escape(provider.text("how_to_access") or "—")),
        _fact(said.now, said.label("capacity_status", provider.capacity_status)),
    ]
    if provider.phone:
        phone = escape(provider.phone)
        facts.append(_fact(said.phone, f'<a href="tel:{phone}">{phone}</a>'))
    head = (f'    <li class="result">\n      <h3>{escape(provider.name)}</h3>\n'
            '      <dl class="facts">\n')
    return head, "".join(facts) + "      </dl>\n    </li>\n"


def _draw_site(site: Site | None, distance: float | None, said: Words) -> list[str]:
    """The card's distance and place: split where the distance goes (if it has one)."""
    facts = []
    if distance is not None:
        city = f" ({escape(site.city)})" if site else ""
        facts.append(_fact(said.distance, said.km[0] + DISTANCE + said.km[1] + city))
    if site:
        facts.append(_fact(said.where, _where(site, said)))
    return "".join(facts).split(DISTANCE)


def _where(site: Site, said: Words) -> str:
    place = f"{escape(site.city)}, {said.label('province', site.province)}"
    if site.address_confidential:
        return f"{place} — {said.confidential}"
    return f"{escape(site.address)}, {place}" if site.address else place
