"""The public statistics pages in a real browser: charts load, filters work, print hides
the controls, and axe finds nothing, in English and French."""

from __future__ import annotations

import pytest

from lantern.core.tests.test_browser_pages import _violations
from lantern.stats.tests import records

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _charts_drawn(page) -> list[int]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all("figure.chart img",
                                     "images => images.map(i => i.complete ? i.naturalWidth : 0)")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_public_statistics_pages_work_and_have_no_accessibility_violations(browser, live_server,
                                                                             lang, tmp_path):
    records.some_cases()
    release = records.publish(epsilon="50")
    page = browser.new_page()
    base = f"{live_server.url}/{lang}/statistics"
    problems: list[str] = []

    page.goto(f"{base}/dashboard/")
    page.wait_for_load_state("networkidle")
    drawn = _charts_drawn(page)
    assert len(drawn) == 4 and all(width > 0 for width in drawn)
    problems += _violations(page)

    # Filters: a province and a year, through the form as a reader would.
    page.select_option("#f-province", "QC")
    page.select_option("#f-year", "2023")
    with page.expect_navigation():
        page.click("form.filters button")
    assert "province=QC" in page.url and "year=2023" in page.url
    page.wait_for_load_state("networkidle")
    assert all(width > 0 for width in _charts_drawn(page))
    problems += _violations(page)

    # Printed, the page keeps its charts and tables and drops the controls.
    page.emulate_media(media="print")
    assert not page.locator("form.filters").is_visible()
    assert page.locator("figure.chart img").first.is_visible()
    page.emulate_media(media="screen")

    for path in (f"dashboard/tables/?release={release.pk}", "open-data/"):
        page.goto(f"{base}/{path}")
        problems += _violations(page)
    page.goto(f"{base}/dashboard/")
    page.screenshot(path=str(tmp_path / f"dashboard-{lang}.png"), full_page=True)
    assert problems == []
