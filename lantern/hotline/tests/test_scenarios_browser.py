"""The six trafficking scenarios of the 2018 discussion paper ("Examples of Trafficking
Scenarios", seed 001), end to end in a real browser: the contact is logged, screened to the
right kind of trafficking, opened as a case, referred with consent, accepted and done."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Page

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.core.tests.test_browser_pages import _sign_in
from lantern.hotline.models import Contact
from lantern.referrals.models import Referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@dataclass(frozen=True)
class Scenario:
    title: str
    caller_type: str
    acts: list[str]
    means: list[str] = field(default_factory=list)
    purposes: list[str] = field(default_factory=list)
    ilo: list[str] = field(default_factory=list)
    sex: list[str] = field(default_factory=list)
    minor: str = "no"
    expected: str = "sex_trafficking"
    expected_label: str = "Possible sex trafficking"
    need: str = "counselling"
    age_group: str = "12_17"


SCENARIOS = [
    Scenario("Minor in the child welfare system lured by a trafficker offering affection",
             "service_provider", ["recruitment"], ["abuse_of_vulnerability"],
             sex=["romantic_recruiter", "earnings_taken"], minor="yes", need="youth"),
    Scenario("Inuit girl leaving her home community, befriended and sexually exploited",
             "family_friend", ["recruitment", "transportation"],
             ["deception", "abuse_of_vulnerability"],
             sex=["moved_between_cities", "isolated_from_family"], minor="yes",
             need="indigenous_cultural"),
    Scenario("Minor befriended over social media; sexting as a means of recruitment",
             "family_friend", ["recruitment"], ["deception"],
             sex=["romantic_recruiter"], minor="yes", need="counselling"),
    Scenario("Migrant construction worker: false promises, passport kept, threats and force",
             "victim_survivor", ["recruitment", "harbouring"],
             ["deception", "threat", "use_of_force"], purposes=["forced_labour"],
             ilo=["deception", "retention_of_documents", "intimidation_threats",
                  "physical_sexual_violence"],
             expected="labour_trafficking", expected_label="Possible labour trafficking",
             need="immigration", age_group="25_34"),
    Scenario("Youth leaving care, groomed by a 'romantic partner'", "victim_survivor",
             ["recruitment"], ["deception", "abuse_of_vulnerability"],
             sex=["romantic_recruiter", "controlled_by_other"], need="shelter",
             age_group="18_24"),
    Scenario("High-school girl manipulated by an older man into selling sex for him",
             "family_friend", ["recruitment"], ["deception"],
             sex=["earnings_taken", "romantic_recruiter"], minor="yes", need="counselling"),
]


def _submit(page: Page, selector: str = "main form.record-form button.button") -> None:
    with page.expect_navigation():
        page.click(selector)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.title[:40] for s in SCENARIOS])
def test_scenario_end_to_end(browser, live_server, scenario: Scenario):
    hotline = testing.make_org("hotline", "ON")
    advocate = testing.make_user(hotline, Role.HOTLINE_ADVOCATE)
    provider = testing.make_provider(name="Harbour House", city="Toronto", province="ON",
                                     services=(scenario.need,))
    staff = testing.make_user(provider.organization, Role.SERVICE_PROVIDER_STAFF)
    base = live_server.url

    page = browser.new_context().new_page()
    _sign_in(page, base, advocate)
    # 1. The contact.
    page.goto(f"{base}/en/hotline/contacts/new/")
    page.select_option("#id_channel", "phone")
    page.select_option("#id_caller_type", scenario.caller_type)
    page.select_option("#id_contact_type", "crisis")
    page.select_option("#id_province", "ON")
    page.fill("#id_notes", scenario.title)
    _submit(page)
    # 2. The screening: Lantern proposes, shows why; the advocate confirms.
    for name, codes in (("palermo_acts", scenario.acts), ("palermo_means", scenario.means),
                        ("palermo_purposes", scenario.purposes),
                        ("ilo_indicators", scenario.ilo), ("sex_indicators", scenario.sex)):
        for code in codes:
            page.check(f"input[name={name}][value={code}]")
    page.check(f"input[name=minor_involved][value={scenario.minor}]")
    _submit(page, "button[value=propose]")
    assert f"Lantern proposes: {scenario.expected_label}" in page.content()
    _submit(page, "button[value=confirm]")
    contact = Contact.objects.get(organization=hotline)
    assert contact.screening.confirmed == scenario.expected
    # 3. A case, and the person in it.
    _submit(page, "form[action$='/open-case/'] button")
    with page.expect_navigation():
        page.click("text=Add a person")
    page.select_option("#id_role", "victim")
    page.select_option("#id_sex", "female")
    page.select_option("#id_age_group", scenario.age_group)
    page.fill("#id_given_name", "Fictive")
    _submit(page)
    # 4. Consent to share with the provider, then the referral.
    with page.expect_navigation():
        page.click("main table a:has-text('Record consent')")
    page.select_option("#id_purpose", "share")
    page.select_option("#id_shared_with", provider.organization.code)
    page.fill("#id_given_at", "2026-01-02T10:00")
    _submit(page)
    with page.expect_navigation():
        page.click("main table a:has-text('Refer to a service')")
    page.select_option("#id_need", scenario.need)
    page.select_option("#id_province", "ON")
    _submit(page, "main form.filters button")
    page.check("input[name=provider]")
    page.fill("#id_summary", "First name Fictive; call the advocate to reach her safely.")
    _submit(page)
    assert "/referrals/R-" in page.url, page.locator("main").inner_text()[:800]
    referral = Referral.objects.get(sender_organization=hotline)
    # 5. The provider accepts, then closes the loop.
    provider_page = browser.new_context().new_page()
    _sign_in(provider_page, base, staff)
    provider_page.goto(f"{base}/en/referrals/{referral.reference}/")
    _submit(provider_page, "form[action$='/accept/'] button")
    _submit(provider_page, "form[action$='/done/'] button")
    referral.refresh_from_db()
    assert referral.status == "done" and referral.consent is not None
    page.goto(f"{base}/en/referrals/{referral.reference}/")
    assert "Completed" in page.content()
