"""Staff pages of the hotline, directory, referrals and disclosures: axe finds nothing,
in English and in French."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.cases import actions as case_actions
from lantern.core.tests.test_browser_pages import _sign_in, _violations
from lantern.hotline import actions as hotline_actions
from lantern.referrals import actions as referral_actions
from lantern.standard.schemas import ConsentSchema

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_service_pages_have_no_accessibility_violations(browser, live_server, lang):
    hotline = testing.make_org("hotline", "ON")
    supervisor = testing.make_user(hotline, Role.HOTLINE_SUPERVISOR)
    provider = testing.make_provider(name="Harbour House", city="Toronto", province="ON")
    staff = testing.make_user(provider.organization, Role.SERVICE_PROVIDER_STAFF)
    police = testing.make_org("police_service", "ON")
    contact = hotline_actions.log_contact(supervisor, {
        "started_at": timezone.now(), "channel": "phone", "caller_type": "victim_survivor",
        "contact_type": "crisis", "language": "en", "interpreter_used": False, "city": "",
        "province": "ON", "caller_phone": "416 555 0100", "notes": "Fictional."})
    case = testing.make_case(supervisor)
    victim = case.people.get()
    case_actions.record_consent(supervisor, victim, ConsentSchema(
        purpose="share", shared_with=provider.organization.code, given_at=timezone.now()),
        provider.organization)
    referral = referral_actions.refer_person_to_provider(
        supervisor, victim, provider, need="shelter", summary="Fictional summary.")
    Client().post("/en/report/", {"what": "Fictional report."})
    base = f"{live_server.url}/{lang}"
    page = browser.new_page()
    problems: list[str] = []
    _sign_in(page, live_server.url, supervisor, lang)
    from lantern.hotline.models import Tip

    tip = Tip.objects.get()
    for path in ("hotline/", "hotline/contacts/new/", f"hotline/contacts/{contact.reference}/",
                 f"hotline/contacts/{contact.reference}/screening/", "hotline/tips/",
                 f"hotline/tips/{tip.id}/", "referrals/", "referrals/measures/",
                 f"referrals/{referral.reference}/",
                 f"referrals/new/{case.reference}/{victim.pseudonym}/?need=shelter&province=ON",
                 f"disclosures/new/{case.reference}/", "disclosures/"):
        page.goto(f"{base}/{path}")
        problems += _violations(page)
    page.goto(f"{base}/hotline/contacts/{contact.reference}/screening/")
    page.check("input[name=palermo_acts][value=recruitment]")
    with page.expect_navigation():
        page.click("button[value=propose]")
    problems += _violations(page)
    page.goto(f"{base}/disclosures/new/{case.reference}/")
    page.select_option("#id_police", str(police.pk))
    page.check("input[name=basis][value=imminent_danger]")
    page.fill("#id_justification", "Fictional.")
    page.fill("#id_shared", "Fictional.")
    with page.expect_navigation():
        page.click("main form.record-form button.button")
    problems += _violations(page)
    page.context.clear_cookies()
    _sign_in(page, live_server.url, staff, lang)
    for path in ("directory/entry/", "directory/entry/sites/new/",
                 f"referrals/{referral.reference}/"):
        page.goto(f"{base}/{path}")
        problems += _violations(page)
    assert problems == []
