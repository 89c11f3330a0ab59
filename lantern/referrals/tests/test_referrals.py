"""The closed loop: consent first (or a supervisor's logged override), the provider sees
only what is shared, accepts or declines with a reason, marks done; the sender can revoke."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.utils import timezone

from lantern import testing
from lantern.accounts.models import User
from lantern.accounts.permissions import Role
from lantern.audit.models import AuditEntry
from lantern.cases import actions as case_actions
from lantern.cases.models import Case, Person
from lantern.directory.models import Provider
from lantern.referrals.models import Referral
from lantern.standard.schemas import ConsentSchema

pytestmark = pytest.mark.django_db


@dataclass
class Loop:
    advocate: User
    supervisor: User
    staff: User
    outsider_staff: User
    provider: Provider
    case: Case
    victim: Person


@pytest.fixture
def loop() -> Loop:
    hotline = testing.make_org("hotline", "ON")
    advocate = testing.make_user(hotline, Role.HOTLINE_ADVOCATE, username="advocate")
    supervisor = testing.make_user(hotline, Role.HOTLINE_SUPERVISOR, username="supervisor")
    provider = testing.make_provider(name="Harbour House", city="Toronto", province="ON",
                                     services=("shelter",))
    other = testing.make_provider(name="Other Shelter", city="Ottawa", province="ON")
    case = testing.make_case(advocate, given_name="Zéphirine", family_name="Fictive")
    return Loop(advocate, supervisor,
                testing.make_user(provider.organization, Role.SERVICE_PROVIDER_STAFF,
                                  username="staff"),
                testing.make_user(other.organization, Role.SERVICE_PROVIDER_STAFF,
                                  username="other-staff"),
                provider, case, case.people.get())


def _consent(loop: Loop) -> None:
    case_actions.record_consent(loop.advocate, loop.victim, ConsentSchema(
        purpose="share", shared_with=loop.provider.organization.code,
        given_at=timezone.now()), loop.provider.organization)


def _send(client, loop: Loop, **extra) -> object:
    url = (f"/en/referrals/new/{loop.case.reference}/{loop.victim.pseudonym}/"
           "?need=shelter&province=ON")
    return client.post(url, {"provider": loop.provider.pk, "summary": "Z., Spanish, needs a "
                             "bed tonight; call 416-555-0123 after 6 p.m.", **extra})


def test_without_consent_an_advocate_cannot_send(loop, signed_in):
    response = _send(signed_in(loop.advocate), loop)
    assert response.status_code == 200
    assert "has not consented" in response.content.decode()
    assert not Referral.objects.exists()


def test_a_supervisor_overrides_with_a_reason_that_is_logged(loop, signed_in):
    client = signed_in(loop.supervisor)
    assert _send(client, loop, override_reason="").status_code == 200  # a reason is required
    response = _send(client, loop, override_reason="Imminent danger; cannot ask now.")
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.consent is None and referral.overridden_by == loop.supervisor
    entry = AuditEntry.objects.get(action="referral.send")
    assert entry.changes["override_reason"] == "Imminent danger; cannot ask now."
    assert referral.events.get().note.startswith("consent override")


def test_the_whole_loop_with_consent(loop, signed_in):
    _consent(loop)
    sender = signed_in(loop.advocate)
    response = _send(sender, loop, warm_transfer="on")
    referral = Referral.objects.get()
    assert response["Location"] == f"/en/referrals/{referral.reference}/"
    assert referral.consent is not None and referral.warm_transfer
    staff = signed_in(loop.staff)
    page = staff.get(f"/en/referrals/{referral.reference}/").content.decode()
    assert "Zéphirine" not in page and loop.case.reference not in page
    shared = staff.post(f"/en/referrals/{referral.reference}/summary/").content.decode()
    assert "needs a bed tonight" in shared and "Zéphirine" not in shared
    assert staff.get(f"/en/cases/{loop.case.reference}/").status_code == 404
    assert staff.post(f"/en/referrals/{referral.reference}/accept/").status_code == 302
    assert staff.post(f"/en/referrals/{referral.reference}/done/").status_code == 302
    referral.refresh_from_db()
    assert referral.status == "done" and referral.accepted_at and referral.closed_at
    assert list(referral.events.values_list("status", flat=True)) == ["sent", "accepted",
                                                                      "done"]
    timeline = sender.get(f"/en/referrals/{referral.reference}/").content.decode()
    assert "Completed" in timeline or "completed" in timeline.lower()


def test_decline_needs_a_reason(loop, signed_in):
    _consent(loop)
    _send(signed_in(loop.advocate), loop)
    referral = Referral.objects.get()
    staff = signed_in(loop.staff)
    assert staff.post(f"/en/referrals/{referral.reference}/decline/").status_code == 200
    staff.post(f"/en/referrals/{referral.reference}/decline/", {"reason": "full"})
    referral.refresh_from_db()
    assert (referral.status, referral.decline_reason) == ("declined", "full")


def test_revoking_cuts_the_provider_off(loop, signed_in):
    _consent(loop)
    sender = signed_in(loop.advocate)
    _send(sender, loop)
    referral = Referral.objects.get()
    sender.post(f"/en/referrals/{referral.reference}/revoke/")
    staff = signed_in(loop.staff)
    assert staff.post(f"/en/referrals/{referral.reference}/summary/").status_code == 403
    assert staff.post(f"/en/referrals/{referral.reference}/accept/").status_code == 200
    referral.refresh_from_db()
    assert referral.status == "revoked"


def test_only_each_side_takes_its_own_steps(loop, signed_in):
    _consent(loop)
    sender = signed_in(loop.advocate)
    _send(sender, loop)
    referral = Referral.objects.get()
    assert sender.post(f"/en/referrals/{referral.reference}/accept/").status_code == 403
    staff = signed_in(loop.staff)
    assert staff.post(f"/en/referrals/{referral.reference}/revoke/").status_code == 403


def test_an_outsider_provider_sees_nothing(loop, signed_in):
    _consent(loop)
    _send(signed_in(loop.advocate), loop)
    referral = Referral.objects.get()
    outsider = signed_in(loop.outsider_staff)
    assert referral.reference not in outsider.get("/en/referrals/").content.decode()
    for path in ("", "summary/", "accept/", "decline/"):
        method = outsider.get if not path else outsider.post
        assert method(f"/en/referrals/{referral.reference}/{path}").status_code == 404
    assert not AuditEntry.objects.filter(actor=loop.outsider_staff,
                                         action__startswith="referral").exists()


def test_withdrawn_consent_stops_new_referrals(loop, signed_in):
    _consent(loop)
    case_actions.withdraw_consent(loop.advocate, loop.victim.consents.get())
    response = _send(signed_in(loop.advocate), loop)
    assert response.status_code == 200 and not Referral.objects.exists()


def test_measures_and_unmet_needs(loop, signed_in):
    _consent(loop)
    sender = signed_in(loop.advocate)
    _send(sender, loop)
    referral = Referral.objects.get()
    signed_in(loop.staff).post(f"/en/referrals/{referral.reference}/accept/")
    sender.post("/en/referrals/unmet-need/", {"need": "labour_trafficking", "province": "NU"})
    policy = testing.make_user(testing.make_org("provincial_government", "ON"),
                               Role.POLICY_ANALYST)
    html = signed_in(policy).get("/en/referrals/measures/").content.decode()
    assert "Safe housing" in html or "shelter" in html.lower()
    assert "100 %" in html
    assert "Nunavut" in html
    assert signed_in(loop.staff).get("/en/referrals/measures/").status_code == 403


def test_withdrawing_consent_revokes_open_referrals(loop, signed_in):
    _consent(loop)
    _send(signed_in(loop.advocate), loop)
    referral = Referral.objects.get()
    case_actions.withdraw_consent(loop.advocate, loop.victim.consents.get())
    referral.refresh_from_db()
    assert referral.status == "revoked"
    assert referral.events.last().note == "consent withdrawn"


def test_an_override_reason_with_consent_is_not_an_override(loop, signed_in):
    _consent(loop)
    _send(signed_in(loop.supervisor), loop, override_reason="Not needed.")
    referral = Referral.objects.get()
    assert referral.override_reason == "" and referral.overridden_by is None


def test_unmet_need_never_redirects_elsewhere(loop, signed_in):
    response = signed_in(loop.advocate).post("/en/referrals/unmet-need/", {
        "need": "shelter", "province": "NU", "back": "https://evil.example/"})
    assert response["Location"] == "/en/referrals/"
