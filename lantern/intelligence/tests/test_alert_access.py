"""Who sees an alert, and what: analysts everything, the services involved their own side,
everyone else nothing. Every view is logged; the value appears nowhere."""

from __future__ import annotations

import pytest

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.audit.models import AuditEntry
from lantern.intelligence import actions
from lantern.intelligence.models import LinkAlert
from lantern.intelligence.tests.helpers import refresh

pytestmark = pytest.mark.django_db

VALUE = "@SweetNightsTO"


@pytest.fixture
def alert(trio, forces) -> LinkAlert:
    for user, case in ((trio.owner, forces.north_case), (trio.outsider, forces.south_case)):
        actions.add_identifier(user, case, kind="ad_handle", value=VALUE, source="tip")
    refresh()
    return LinkAlert.objects.get()


def _pages(alert: LinkAlert) -> list[str]:
    base = "/en/intelligence/"
    return [f"{base}alerts/", f"{base}alerts/{alert.reference}/", f"{base}network/",
            f"{base}alerts/{alert.reference}/network/"]


def _assert_value_nowhere(html: str) -> None:
    assert "sweetnights" not in html.casefold()
    for entry in AuditEntry.objects.all():
        assert "sweetnights" not in str(entry.changes).casefold(), entry.action


def test_an_analyst_sees_every_case_and_service(trio, forces, analyst, alert, signed_in):
    client = signed_in(analyst)
    listing = client.get("/en/intelligence/alerts/").content.decode()
    assert alert.reference in listing and trio.other_org.name in listing
    _assert_value_nowhere(listing)
    for path in _pages(alert)[1:]:
        html = client.get(path).content.decode()
        assert forces.north_case.reference in html and forces.south_case.reference in html, path
        _assert_value_nowhere(html)
    detail = client.get(f"/en/intelligence/alerts/{alert.reference}/").content.decode()
    assert trio.org.name in detail and trio.other_org.name in detail
    assert "Online advertisement handle …tsto" in detail
    alert.refresh_from_db()
    assert alert.status == LinkAlert.Status.SEEN


def test_a_service_involved_sees_its_own_cases_and_whom_to_contact(trio, forces, alert,
                                                                   signed_in):
    client = signed_in(trio.owner)
    listing = client.get("/en/intelligence/alerts/").content.decode()
    detail = client.get(f"/en/intelligence/alerts/{alert.reference}/").content.decode()
    for html in (listing, detail):
        assert alert.reference in html and forces.north_case.reference in html
        assert trio.other_org.name in html
        assert forces.south_case.reference not in html
        _assert_value_nowhere(html)
    assert "Online advertisement handle" in detail


def test_a_service_sees_an_alert_as_new_until_it_opens_it(trio, alert, signed_in):
    client = signed_in(trio.owner)
    assert "<strong>New</strong>" in client.get("/en/intelligence/alerts/").content.decode()
    client.get(f"/en/intelligence/alerts/{alert.reference}/")
    assert "<strong>New</strong>" not in client.get("/en/intelligence/alerts/").content.decode()
    # The other service has not opened it yet, and the analysts' status is untouched.
    assert alert.services.get(organization=trio.other_org).is_new
    alert.refresh_from_db()
    assert alert.status == LinkAlert.Status.NEW


def test_a_service_involved_has_no_network_reveal_or_status(trio, alert, signed_in):
    client = signed_in(trio.owner)
    base = f"/en/intelligence/alerts/{alert.reference}/"
    assert client.get("/en/intelligence/network/").status_code == 403
    assert client.get(f"{base}network/").status_code == 403
    assert client.post(f"{base}reveal/").status_code == 403
    assert client.post(f"{base}status/", {"status": "closed"}).status_code == 403


def test_a_police_service_not_involved_sees_nothing(alert, signed_in):
    stranger = testing.make_user(testing.make_org("police_service", "BC"),
                                 Role.POLICE_INVESTIGATOR)
    client = signed_in(stranger)
    listing = client.get("/en/intelligence/alerts/")
    assert listing.status_code == 200 and alert.reference not in listing.content.decode()
    assert client.get(f"/en/intelligence/alerts/{alert.reference}/").status_code == 404
    assert client.get("/en/intelligence/network/").status_code == 403
    assert client.get(f"/en/intelligence/alerts/{alert.reference}/network/").status_code == 403
    assert client.post(f"/en/intelligence/alerts/{alert.reference}/reveal/").status_code == 403


@pytest.mark.parametrize(("kind", "role"), [
    ("hotline", Role.HOTLINE_ADVOCATE),
    ("federal_department", Role.POLICY_ANALYST),
])
def test_other_roles_get_403_everywhere(alert, signed_in, kind, role):
    client = signed_in(testing.make_user(testing.make_org(kind, "ON"), role))
    for path in _pages(alert):
        assert client.get(path).status_code == 403, path
    assert client.post(f"/en/intelligence/alerts/{alert.reference}/reveal/").status_code == 403
    assert not AuditEntry.objects.filter(action__startswith="alert.", kind="read").exists()


def test_anonymous_visitors_are_sent_to_sign_in(alert, client):
    for path in _pages(alert):
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_every_view_is_logged(trio, analyst, alert, signed_in):
    for user in (analyst, trio.owner):
        client = signed_in(user)
        client.get("/en/intelligence/alerts/")
        client.get(f"/en/intelligence/alerts/{alert.reference}/")
    client = signed_in(analyst)
    client.get("/en/intelligence/network/")
    client.get(f"/en/intelligence/alerts/{alert.reference}/network/")
    reads = AuditEntry.objects.filter(kind="read", action__startswith="alert.")
    assert reads.filter(action="alert.list.view", actor=analyst).get().changes == {"alerts": 1}
    assert reads.filter(action="alert.list.view", actor=trio.owner).exists()
    views = reads.filter(action="alert.view")
    assert {entry.actor for entry in views} == {analyst, trio.owner}
    assert {entry.object_id for entry in views} == {str(alert.pk)}
    networks = reads.filter(action="alert.network.view", actor=analyst)
    assert [entry.changes["alerts"] for entry in networks] == [[alert.reference]] * 2
    _assert_value_nowhere("")
