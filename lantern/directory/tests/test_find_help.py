"""The public "find help" search: by place, need, language, population and 24/7."""

from __future__ import annotations

import pytest

from lantern import testing

pytestmark = pytest.mark.django_db


@pytest.fixture
def providers():
    return {
        "toronto": testing.make_provider(name="Harbour House", city="Toronto", province="ON",
                                         services=("shelter", "counselling"),
                                         languages=("en", "es")),
        "hamilton": testing.make_provider(name="Escarpment Aid", city="Hamilton", province="ON",
                                          services=("legal_aid",), languages=("en", "fr"),
                                          open_24_7=True),
        "vancouver": testing.make_provider(name="Pacific Refuge", city="Vancouver",
                                           province="BC", services=("shelter",),
                                           populations=("migrants",), confidential=True),
        "stale": testing.make_provider(name="Forgotten Place", city="Toronto", province="ON",
                                       verified=False),
    }


def _names(client, **params) -> list[str]:
    html = client.get("/en/find-help/", params).content.decode()
    found = []
    for name in ("Harbour House", "Escarpment Aid", "Pacific Refuge", "Forgotten Place"):
        if name in html:
            found.append((html.index(name), name))
    return [name for _, name in sorted(found)]


def test_nearest_first_from_a_city(client, providers):
    assert _names(client, city="Mississauga") == ["Harbour House", "Escarpment Aid",
                                                  "Pacific Refuge"]
    # Hamilton lies west of Toronto, so it is the nearer of the two from British Columbia.
    assert _names(client, city="Burnaby") == ["Pacific Refuge", "Escarpment Aid",
                                              "Harbour House"]
    assert _names(client, city="Ottawa") == ["Harbour House", "Escarpment Aid",
                                             "Pacific Refuge"]


def test_accents_and_case_do_not_matter_for_the_city(client, providers):
    html = client.get("/fr/find-help/", {"city": "montreal"}).content.decode()
    assert "Montréal" in html


def test_filters_by_need_language_population_and_24_7(client, providers):
    assert _names(client, service="legal_aid") == ["Escarpment Aid"]
    assert _names(client, language="es") == ["Harbour House"]
    assert _names(client, population="migrants") == ["Pacific Refuge"]
    assert _names(client, open_24_7="on") == ["Escarpment Aid"]
    assert _names(client, province="BC") == ["Pacific Refuge"]


def test_entries_not_verified_for_a_year_are_hidden(client, providers):
    assert "Forgotten Place" not in _names(client, city="Toronto")


def test_a_confidential_address_is_never_published(client, providers):
    html = client.get("/en/find-help/", {"province": "BC"}).content.decode()
    assert "Pacific Refuge" in html and "confidential address" in html
    assert "1 Main Street" not in html


def test_an_unknown_city_says_so_and_suggests(client, providers):
    html = client.get("/en/find-help/", {"city": "Toront"}).content.decode()
    assert "We could not find" in html
    assert "Did you mean: Toronto (ON)" in html
    french = client.get("/fr/find-help/", {"city": "Toront"}).content.decode()
    # One translated sentence, spaced as French writes it.
    assert "Vouliez-vous dire\u00a0: Toronto (ON)" in french


def test_results_show_what_people_need_to_decide(client, providers):
    html = client.get("/en/find-help/", {"city": "Hamilton"}).content.decode()
    for text in ("km", "Legal aid", "Open 24 hours a day", "Call first", "Accepting"):
        assert text in html, text
    french = client.get("/fr/find-help/", {"city": "Hamilton"}).content.decode()
    assert "Appelez d'abord" in french or "Appelez d&#x27;abord" in french
