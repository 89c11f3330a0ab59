"""The intelligence pages in a real browser: the network's SVG draws, and axe-core finds no
accessibility violation on them (English; the French labels come from the catalogue)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page

from lantern import testing
from lantern.accounts.models import User
from lantern.accounts.permissions import Role
from lantern.intelligence import actions
from lantern.intelligence.models import LinkAlert
from lantern.intelligence.tests.helpers import refresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page: Page, base: str, user: User) -> None:
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True,
                                                 defaults={"name": "Test"})
    page.goto(f"{base}/en/accounts/sign-in/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", testing.PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.fill("#id_token", testing.current_code(device))
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def _violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [f"{page.url}: {v['id']}: {v['help']}" for v in results.response["violations"]]


def test_the_network_draws_and_the_pages_are_accessible(browser, live_server):
    north, south = testing.make_org("police_service", "ON"), testing.make_org("police_service")
    investigator = testing.make_user(north, Role.POLICE_INVESTIGATOR)
    cases = []
    for user in (investigator, testing.make_user(south, Role.POLICE_INVESTIGATOR)):
        cases.append(testing.make_case(user, victims=0))
        actions.add_identifier(user, cases[-1], kind="vehicle_plate", value="CFKT 123",
                               source="investigation")
    refresh()
    alert = LinkAlert.objects.get()
    analyst = testing.make_user(testing.make_org("law_enforcement_coordination", ""),
                                Role.NATIONAL_ANALYST)
    page = browser.new_page()
    _sign_in(page, live_server.url, analyst)
    page.goto(f"{live_server.url}/en/intelligence/network/")
    svg = page.locator("svg[role=img]")
    assert svg.locator("#network-title").text_content() == "Network of the open link alerts"
    box = svg.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 200
    assert svg.locator("circle").count() == 2
    problems = _violations(page)
    for path in ("alerts/", f"alerts/{alert.reference}/", f"alerts/{alert.reference}/network/"):
        page.goto(f"{live_server.url}/en/intelligence/{path}")
        problems += _violations(page)
    page.context.clear_cookies()
    _sign_in(page, live_server.url, investigator)
    for path in ("alerts/", f"alerts/{alert.reference}/",
                 f"cases/{cases[0].reference}/identifiers/"):
        page.goto(f"{live_server.url}/en/intelligence/{path}")
        problems += _violations(page)
    assert problems == []
