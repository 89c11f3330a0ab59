"""Linkage pages in a real browser: the progress bar follows the run; axe finds nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.core.tests.test_browser_pages import _sign_in, _violations
from lantern.linkage.models import LinkageRun
from lantern.linkage.tests.test_platform_runs import Population, pair_for_review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_linkage_pages_have_no_accessibility_violations(browser, live_server, lang):
    population = Population(count=30, seed=11)
    steward = testing.make_user(testing.make_org("federal_department", ""),
                                Role.LINKAGE_STEWARD)
    page = browser.new_page()
    _sign_in(page, live_server.url, steward, lang)
    base = f"{live_server.url}/{lang}/linkage"
    problems: list[str] = []
    page.goto(f"{base}/")
    problems += _violations(page)
    with page.expect_navigation():
        page.click("main form button.button")
    run = LinkageRun.objects.get()
    assert page.url.endswith(f"/linkage/runs/{run.pk}/")
    problems += _violations(page)  # queued, with its progress bar
    # The page follows the worker by itself and reloads when the run ends.
    call_command("worker", "--batch", "--interval", "0.1", verbosity=0)
    page.wait_for_selector("#run-status:not([data-running='1'])", timeout=20_000)
    page.wait_for_load_state()  # the reloaded page whole, before it is checked
    assert page.locator("progress").get_attribute("value") == "100"
    problems += _violations(page)

    pair = pair_for_review(population, run)
    page.goto(f"{base}/review/")
    problems += _violations(page)
    page.goto(f"{base}/review/{pair.pk}/")
    problems += _violations(page)
    with page.expect_navigation():
        page.click("main form button.secondary")
    assert page.locator("main table thead th").count() == 4  # both records' columns
    problems += _violations(page)
    assert problems == []
