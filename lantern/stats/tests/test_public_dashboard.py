"""The public dashboard: anyone reads the newest published release, filtered; drafts are
never shown; charts are SVG drawn on the server with their table beside them."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from lantern.stats.models import Release
from lantern.stats.tests import records

pytestmark = pytest.mark.django_db


def _chart_urls(page: str) -> list[str]:
    return re.findall(r'<img src="([^"]+\.svg[^"]*)"', page.replace("&amp;", "&"))


def test_it_says_nothing_is_published_yet(client):
    page = client.get("/en/statistics/dashboard/")
    assert page.status_code == 200
    assert "No national statistics have been published yet" in page.content.decode()


def _headline(release: Release, row: str, column: str = "_total") -> str:
    cell = release.tables.get(key="incidents_year_province").cells.get(row=row, column=column)
    return f"{cell.value:,}"


def test_anyone_reads_the_newest_published_release_with_charts_and_tables(client):
    records.some_cases()
    release = records.publish(epsilon="50")
    page = client.get("/en/statistics/dashboard/").content.decode()
    assert f"Release {release.period}" in page
    # The headline is the released cell, beside its label.
    assert (f'<span class="headline-figure">{_headline(release, "2024")}</span> '
            '<span class="headline-label">Incidents in 2024, Canada</span>') in page
    charts = _chart_urls(page)
    assert len(charts) == 4
    for url in charts:
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("image/svg+xml")
        svg = response.content.decode()
        assert svg.startswith("<svg") and "<text" in svg
    # Every chart has its table and its source beside it.
    assert page.count("<figure class=\"chart\">") == 4
    assert page.count("Source: Lantern, national statistics release 2024") >= 4


def test_a_draft_is_never_shown(client):
    records.some_cases()
    published = records.publish(epsilon="50")
    call_command("release", "build", "--period", "2024", "--epsilon", "50", "--quiet")
    draft = Release.objects.exclude(pk=published.pk).get()
    page = client.get("/en/statistics/dashboard/").content.decode()
    assert str(published.pk) in page and str(draft.pk) not in page
    assert client.get(f"/en/statistics/dashboard/?release={draft.pk}").status_code == 404
    assert client.get(f"/en/statistics/dashboard/{draft.pk}/charts/trend.svg").status_code == 404
    assert client.get(f"/en/statistics/dashboard/tables/?release={draft.pk}").status_code == 404


def test_filters_change_the_figures_and_say_what_they_do_not_apply_to(client):
    records.some_cases()
    release = records.publish(epsilon="50")
    page = client.get("/en/statistics/dashboard/?year=2023&province=ON"
                      "&exploitation=forced_labour").content.decode()
    assert (f'<span class="headline-figure">{_headline(release, "2023", "ON")}</span> '
            '<span class="headline-label">Incidents in 2023, Ontario</span>') in page
    assert "Victims of forced labour" in page
    assert "not broken down by province" in page
    assert "Only the victims and the incidents by year are broken down" in page
    # The trend shows the incidents of that type (for Canada, and says so).
    assert "Lantern (linked incidents): Forced labour" in page
    assert "Incidents by type of exploitation are for Canada" in page
    assert '<option value="ON" selected>' in page and '<option value="2023" selected>' in page
    # Charts follow the filters: the tile map marks the province asked for.
    canada = client.get(f"/en/statistics/dashboard/{release.pk}/charts/map.svg?year=2024")
    ontario = client.get(f"/en/statistics/dashboard/{release.pk}/charts/map.svg"
                         "?year=2024&province=ON")
    assert canada.content != ontario.content
    # A value the release does not have falls back to the default, never an error.
    page = client.get("/en/statistics/dashboard/?year=1900&province=ZZ&exploitation=<b>")
    assert page.status_code == 200 and "Incidents in 2024, Canada" in page.content.decode()


def test_an_unknown_chart_is_not_found(client):
    records.some_cases()
    release = records.publish(epsilon="50")
    assert client.get(f"/en/statistics/dashboard/{release.pk}/charts/nothing.svg"
                      ).status_code == 404


def test_it_is_in_french_too(client):
    records.some_cases()
    release = records.publish(epsilon="50")
    page = client.get("/fr/statistics/dashboard/").content.decode()
    assert 'lang="fr"' in page and "Incidents en 2024, Canada" in page
    svg = client.get(f"/fr/statistics/dashboard/{release.pk}/charts/victims.svg"
                     ).content.decode()
    assert "Féminin" in svg or "Femme" in svg


def test_every_table_of_the_release_is_public(client):
    records.some_cases()
    release = records.publish(epsilon="50")
    page = client.get(f"/en/statistics/dashboard/tables/?release={release.pk}")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Victims, by sex and age group" in text and "per 100,000 population" in text
    # Only what was released: no marks of which suppression is primary.
    assert "Suppressed: under the threshold" not in text


def test_figures_published_elsewhere_are_shown_beside_lantern_s(client, tmp_path):
    records.some_cases()
    records.publish(epsilon="50")
    external = tmp_path / "juristat.csv"
    external.write_text(
        "source,edition,published_on,url,citation,measure,period,geography,value,unit,note\n"
        "Test fixture: not real figures,Edition B,2025-01-01,,,incidents,2023,CA,480,count,\n"
        "Test fixture: not real figures,Edition B,2025-01-01,,,incidents,2024,CA,510,count,\n",
        encoding="utf-8")
    call_command("loadexternal", str(external))
    page = client.get("/en/statistics/dashboard/").content.decode()
    assert "Test fixture: not real figures, Edition B" in page
    assert "<td>480</td>" in page and "<td>510</td>" in page


def test_a_suppressed_headline_says_x_and_why(client, settings):
    settings.LANTERN_STATS_THRESHOLD = 500  # every count here is under it
    records.some_cases()
    records.publish(epsilon="50")
    page = client.get("/en/statistics/dashboard/").content.decode()
    assert ('<span class="headline-figure"><abbr title="Suppressed to meet the '
            'confidentiality requirements">x</abbr></span> '
            '<span class="headline-label">Incidents in 2024, Canada</span>') in page


def test_the_drawn_page_follows_language_new_releases_and_outside_figures(client, tmp_path,
                                                                          settings):
    settings.LANTERN_PUBLIC_PAGE_SECONDS = 0  # the drawn body's own keys, under test here
    records.some_cases()
    first = records.publish(epsilon="50")
    assert "Incidents in 2024, Canada" in client.get("/en/statistics/dashboard/").content.decode()
    assert "Incidents en 2024, Canada" in client.get("/fr/statistics/dashboard/").content.decode()
    # Figures loaded from elsewhere after the page was drawn appear at once.
    external = tmp_path / "juristat.csv"
    external.write_text(
        "source,edition,published_on,url,citation,measure,period,geography,value,unit,note\n"
        "Test fixture: not real figures,Edition C,,,,incidents,2024,CA,515,count,\n",
        encoding="utf-8")
    call_command("loadexternal", str(external))
    page = client.get("/en/statistics/dashboard/").content.decode()
    assert "Edition C" in page and "<td>515</td>" in page
    # A release published later becomes the page's, and the first stays one choice away.
    second = records.publish(period="2024", epsilon="50")
    page = client.get("/en/statistics/dashboard/").content.decode()
    assert f'<option value="{second.pk}" selected>' in page
    assert f'<option value="{first.pk}">' in page
    older = client.get(f"/en/statistics/dashboard/?release={first.pk}").content.decode()
    assert f'<option value="{first.pk}" selected>' in older


def test_readers_without_a_session_share_a_stored_page_and_staff_get_a_fresh_one(
        client, signed_in, settings):
    records.some_cases()
    release = records.publish(epsilon="50")
    first = client.get("/en/statistics/dashboard/")
    # A release published now is not in the stored page until it expires…
    records.publish(period="2024", epsilon="50")
    again = client.get("/en/statistics/dashboard/")
    assert again.content == first.content
    assert f'<option value="{release.pk}" selected>' in again.content.decode()
    # …but staff, signed in, see it at once, with their own header.
    staff = signed_in(records.statistician("stats2")).get("/en/statistics/dashboard/")
    page = staff.content.decode()
    assert f'<option value="{release.pk}" selected>' not in page and "Sign out" in page
    assert "Sign out" not in again.content.decode()
    # With the store switched off, every reader gets a fresh page.
    settings.LANTERN_PUBLIC_PAGE_SECONDS = 0
    fresh = client.get("/en/statistics/dashboard/").content.decode()
    assert f'<option value="{release.pk}" selected>' not in fresh
