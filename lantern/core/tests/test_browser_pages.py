"""Every page in a real browser: axe-core finds no accessibility violation (WCAG 2.1 AA
and best practices), in English and in French, and "Leave quickly" leaves no trace in the
history."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page

from lantern import testing
from lantern.accounts.permissions import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC = ["/{lang}/", "/{lang}/standard/", "/{lang}/standard/charge/",
          "/{lang}/accounts/sign-in/", "/{lang}/no-such-page/", "/{lang}/find-help/",
          "/{lang}/find-help/?city=Toronto&service=shelter", "/{lang}/find-help/?city=Atlantis",
          "/{lang}/report/", "/{lang}/report/follow-up/"]


def _violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [f"{page.url}: {v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
            f"{v['nodes'][0]['target']})" for v in results.response["violations"]]


def _sign_in(page: Page, base: str, user, lang: str = "en") -> None:
    """Sign in as an enrolled user: password, then the authenticator's current code."""
    device = None
    if user.needs_second_factor:
        device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True,
                                                     defaults={"name": "Test"})
    page.goto(f"{base}/{lang}/accounts/sign-in/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", testing.PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    if device is not None:
        page.wait_for_url("**/accounts/two-factor/?**")
        page.fill("#id_token", testing.current_code(device))
        with page.expect_navigation():
            page.click("main form button[type=submit]")
    assert "/accounts/" not in page.url, page.locator("main").inner_text()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_public_pages_have_no_accessibility_violations(browser, live_server, lang):
    testing.make_org("hotline", "ON")
    testing.make_provider(name="Harbour House", city="Toronto", province="ON")
    page = browser.new_page()
    problems: list[str] = []
    for path in PUBLIC:
        page.goto(live_server.url + path.format(lang=lang))
        problems += _violations(page)
    # A report with an error, a report received, and its follow-up.
    page.goto(f"{live_server.url}/{lang}/report/")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    problems += _violations(page)
    page.fill("#id_what", "Something I saw.")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    code = page.locator("#follow-up-code").inner_text()
    problems += _violations(page)
    page.goto(f"{live_server.url}/{lang}/report/follow-up/")
    page.fill("#id_code", code)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    problems += _violations(page)
    assert problems == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_staff_pages_have_no_accessibility_violations(browser, live_server, lang):
    org = testing.make_org()
    owner = testing.make_user(org, Role.POLICE_INVESTIGATOR)
    case = testing.make_case(owner, narrative="Fictional narrative.")
    person = case.people.get()
    page = browser.new_page()
    problems: list[str] = []
    # The second-factor page, before it is passed.
    page.goto(f"{live_server.url}/{lang}/accounts/sign-in/")
    page.fill("#id_username", owner.username)
    page.fill("#id_password", testing.PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.wait_for_url("**/two-factor/setup/**")
    problems += _violations(page)
    page.context.clear_cookies()
    _sign_in(page, live_server.url, owner, lang)
    base = f"{live_server.url}/{lang}/cases/{case.reference}"
    for url in [f"{live_server.url}/{lang}/workspace/", f"{live_server.url}/{lang}/cases/",
                f"{live_server.url}/{lang}/cases/new/", f"{base}/", f"{base}/edit/",
                f"{base}/people/new/", f"{base}/incidents/new/", f"{base}/charges/new/",
                f"{base}/people/{person.pseudonym}/edit/",
                f"{base}/people/{person.pseudonym}/consents/new/",
                f"{base}/people/{person.pseudonym}/permits/new/",
                f"{base}/people/{person.pseudonym}/identity/"]:
        page.goto(url)
        problems += _violations(page)
    # The revealed identity, the revealed narrative and a form with errors.
    page.goto(f"{base}/people/{person.pseudonym}/identity/")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "Amélie" in page.content()
    problems += _violations(page)
    page.goto(f"{base}/")
    with page.expect_navigation():
        page.click("main form[action$='/narrative/'] button")
    assert "Fictional narrative." in page.content()
    problems += _violations(page)
    page.goto(f"{live_server.url}/{lang}/cases/new/")
    page.select_option("#id_status", "closed")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator(".error-summary").count() == 1
    problems += _violations(page)
    page.goto(f"{live_server.url}/{lang}/accounts/password/")
    problems += _violations(page)
    page.goto(f"{live_server.url}/{lang}/audit/")  # 403 for an investigator
    problems += _violations(page)
    admin = testing.make_user(org, Role.ORG_ADMIN)
    page.context.clear_cookies()
    _sign_in(page, live_server.url, admin, lang)
    for path in ("audit/", "accounts/users/", "accounts/users/new/",
                 f"accounts/users/{owner.public_id}/"):
        page.goto(f"{live_server.url}/{lang}/{path}")
        problems += _violations(page)
    operator = testing.make_user(testing.make_org("federal_department", ""),
                                 Role.PLATFORM_ADMIN)
    page.context.clear_cookies()
    _sign_in(page, live_server.url, operator, lang)
    page.goto(f"{live_server.url}/{lang}/audit/")
    with page.expect_navigation():
        page.click("main form[action$='/verify/'] button")
    problems += _violations(page)
    for path in ("organizations/", "organizations/new/"):
        page.goto(f"{live_server.url}/{lang}/{path}")
        problems += _violations(page)
    assert problems == []


def test_the_second_factor_page_has_no_accessibility_violations(browser, live_server):
    owner = testing.make_user(testing.make_org(), Role.POLICE_INVESTIGATOR)
    TOTPDevice.objects.create(user=owner, name="phone", confirmed=True)
    page = browser.new_page()
    page.goto(f"{live_server.url}/fr/accounts/sign-in/")
    page.fill("#id_username", owner.username)
    page.fill("#id_password", testing.PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.wait_for_url("**/two-factor/?**")
    problems = _violations(page)
    page.fill("#id_token", "000000")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator(".error-summary").count() == 1
    assert _violations(page) + problems == []


def test_leave_quickly_replaces_the_page_in_history(browser, live_server, settings):
    # A neutral page on this server stands in for the weather site (no network here).
    settings.LANTERN_LEAVE_URL = f"{live_server.url}/en/standard/"
    page = browser.new_page()
    page.goto(f"{live_server.url}/en/")
    page.goto(f"{live_server.url}/en/accounts/sign-in/")
    page.click("#leave-quickly")
    page.wait_for_url(settings.LANTERN_LEAVE_URL)
    page.go_back()
    # Back goes to the page before the one left, not to the one the person was reading.
    assert page.url == f"{live_server.url}/en/"


def test_a_case_is_opened_and_a_person_added_through_the_browser(browser, live_server):
    org = testing.make_org()
    owner = testing.make_user(org, Role.POLICE_INVESTIGATOR)
    page = browser.new_page()
    _sign_in(page, live_server.url, owner)
    page.goto(f"{live_server.url}/en/cases/new/")
    page.fill("#id_opened_on", "2025-06-01")
    page.check("input[name=exploitation_types][value=forced_labour]")
    # Each click waits for the page it leads to: reading or clicking on the page being
    # left is a race the test would lose now and then.
    with page.expect_navigation(url="**/cases/C-*/"):
        page.click("main form button[type=submit]")
    with page.expect_navigation(url="**/people/new/"):
        page.click("text=Add a person")
    page.fill("#id_given_name", "Fictive")
    page.fill("#id_family_name", "Personne")
    with page.expect_navigation(url="**/cases/C-*/"):
        page.click("main form button[type=submit]")
    assert "Fictive" not in page.content()
    with page.expect_navigation(url="**/identity/"):
        page.click("main table a:has-text('Show identity')")
    with page.expect_navigation(url="**/identity/"):
        page.click("main form button[type=submit]")
    shown = page.locator("main").inner_text()
    assert "Fictive" in shown and "Personne" in shown
