"""What raises a link alert: a value found in cases of two or more police services."""

from __future__ import annotations

import pytest

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.audit.models import AuditEntry
from lantern.cases import actions as case_actions
from lantern.intelligence import actions
from lantern.intelligence.models import AlertService, LinkAlert
from lantern.intelligence.tests.helpers import record_identifier, refresh
from lantern.linkage.models import PersonLink
from lantern.standard.schemas import PersonSchema

pytestmark = pytest.mark.django_db


def _identifier(user, case, kind, value):
    return actions.add_identifier(user, case, kind=kind, value=value, source="investigation")


def _nameless_person(owner, case, given_name="Fictive"):
    """A person with a name and nothing else: no phone or email to match."""
    return case_actions.add_person(owner, case, PersonSchema.model_validate({
        "role": "accused", "identity": {"given_name": given_name, "family_name": "Person"}}))


def test_a_phone_typed_on_one_case_matches_a_persons_phone_in_another(trio, forces, signed_in):
    record_identifier(signed_in(trio.owner), forces.north_case, "phone", "(416) 555-0142")
    testing.add_victim(trio.outsider, forces.south_case, given_name="Zoé", family_name="Fictive",
                       phone="+1 416-555-0142")
    assert refresh() == "Link alerts: 1 raised, 0 updated (2 cases added), 0 unchanged.\n"
    alert = LinkAlert.objects.get()
    assert alert.kind == "phone" and alert.status == LinkAlert.Status.NEW
    assert {link.case for link in alert.links.all()} == {forces.north_case, forces.south_case}
    assert {s.organization for s in alert.services.all()} == {trio.org, trio.other_org}
    entry = AuditEntry.objects.get(action="alert.raise")
    assert entry.changes == {"kind": "phone", "cases_added": 2, "cases": 2, "services": 2}


def test_people_of_two_services_with_the_same_phone_and_email(trio, forces):
    testing.add_victim(trio.owner, forces.north_case, given_name="Ana", family_name="Fictive")
    testing.add_victim(trio.outsider, forces.south_case, given_name="Eva", family_name="Other")
    refresh()
    assert sorted(LinkAlert.objects.values_list("kind", flat=True)) == ["email", "phone"]


SAME_VALUE_TWO_WAYS = [
    ("ad_handle", "@SweetNightsTO", "sweetnightsto"),
    ("vehicle_plate", "CFKT 123", "cfkt-123"),
    ("email", "Bookings@Example.org ", "bookings@example.org"),
    ("financial_account", "CA12 3456 7890", "CA1234567890"),
    ("address", "12 Rue Saint-Jean, app. 4", "12 rue saint jean app 4"),
]


def test_the_same_value_written_two_ways_raises_an_alert(trio, forces):
    for kind, north, south in SAME_VALUE_TWO_WAYS:
        _identifier(trio.owner, forces.north_case, kind, north)
        _identifier(trio.outsider, forces.south_case, kind, south)
    assert "5 raised" in refresh()
    assert sorted(LinkAlert.objects.values_list("kind", flat=True)) == sorted(
        kind for kind, _, _ in SAME_VALUE_TWO_WAYS)


def test_different_kinds_with_the_same_text_do_not_match(trio, forces):
    _identifier(trio.owner, forces.north_case, "ad_handle", "cfkt123")
    _identifier(trio.outsider, forces.south_case, "vehicle_plate", "CFKT123")
    refresh()
    assert not LinkAlert.objects.exists()


def test_two_cases_of_one_service_raise_nothing(trio, forces):
    second = testing.make_case(trio.colleague, victims=0)
    _identifier(trio.owner, forces.north_case, "ad_handle", "@SweetNightsTO")
    _identifier(trio.colleague, second, "ad_handle", "@SweetNightsTO")
    assert "0 raised" in refresh()
    assert not LinkAlert.objects.exists()


def test_a_case_of_an_organization_that_is_not_police_raises_nothing(trio, forces):
    advocate = testing.make_user(testing.make_org("hotline", "QC"), Role.HOTLINE_ADVOCATE)
    hotline_case = testing.make_case(advocate, victims=0)
    testing.add_victim(advocate, hotline_case, given_name="Zoé", family_name="Fictive",
                       phone="416 555 0142")
    _identifier(trio.owner, forces.north_case, "phone", "416 555 0142")
    refresh()
    assert not LinkAlert.objects.exists()


def test_refreshing_again_raises_nothing_new_and_later_cases_join(trio, forces, analyst,
                                                                   signed_in):
    _identifier(trio.owner, forces.north_case, "vehicle_plate", "CFKT 123")
    _identifier(trio.outsider, forces.south_case, "vehicle_plate", "CFKT-123")
    refresh()
    alert = LinkAlert.objects.get()
    entries = AuditEntry.objects.count()
    assert refresh() == "Link alerts: 0 raised, 0 updated (0 cases added), 1 unchanged.\n"
    assert AuditEntry.objects.count() == entries
    signed_in(analyst).post(f"/en/intelligence/alerts/{alert.reference}/status/",
                            {"status": "closed"})
    alert.refresh_from_db()
    assert alert.status == LinkAlert.Status.CLOSED

    third = testing.make_org("police_service", "BC")
    third_case = testing.make_case(testing.make_user(third), victims=0)
    _identifier(third_case.created_by, third_case, "vehicle_plate", "cfkt123")
    assert refresh() == "Link alerts: 0 raised, 1 updated (1 cases added), 0 unchanged.\n"
    alert.refresh_from_db()
    assert alert.status == LinkAlert.Status.NEW and alert.updated_at > alert.raised_at
    assert alert.links.count() == 3
    assert AlertService.objects.filter(alert=alert).count() == 3
    assert AuditEntry.objects.get(action="alert.update").changes["cases_added"] == 1
    assert LinkAlert.objects.count() == 1


def test_the_same_linked_person_in_two_services_raises_a_person_alert(trio, forces):
    north = _nameless_person(trio.owner, forces.north_case)
    south = _nameless_person(trio.outsider, forces.south_case)
    PersonLink.objects.create(person=north, linked_id="LP-X")
    PersonLink.objects.create(person=south, linked_id="LP-X")
    # The same linked person twice in one service is no news.
    colleague_case = testing.make_case(trio.colleague, victims=0)
    PersonLink.objects.create(person=_nameless_person(trio.owner, forces.north_case, "Other"),
                              linked_id="LP-Y")
    PersonLink.objects.create(person=_nameless_person(trio.colleague, colleague_case, "Other"),
                              linked_id="LP-Y")
    refresh()
    alert = LinkAlert.objects.get()
    assert (alert.kind, alert.key) == ("person", "LP-X")
    assert {link.case for link in alert.links.all()} == {forces.north_case, forces.south_case}


def test_a_new_index_key_and_reindex_keep_identifiers_matching_and_alerts_whole(
        trio, forces, signed_in, settings):
    import base64
    import io
    import os

    from django.core.management import call_command

    north, south = signed_in(trio.owner), signed_in(trio.outsider)
    record_identifier(north, forces.north_case, "ad_handle", "@Fictive_Ads")
    record_identifier(north, forces.north_case, "phone", "(416) 555-0142")
    testing.add_victim(trio.outsider, forces.south_case, given_name="Zoé", family_name="Fictive",
                       phone="+1 416-555-0142")
    record_identifier(south, forces.south_case, "ad_handle", "fictive_ads")
    refresh()
    before = dict(LinkAlert.objects.values_list("kind", "reference"))
    assert set(before) == {"phone", "ad_handle"}

    settings.LANTERN_INDEX_KEY = base64.b64encode(os.urandom(32)).decode()
    call_command("rotatekeys", "--reindex", stdout=io.StringIO())
    # The same values under the new key: nothing new is raised, the alerts keep their
    # references (and history), and a value typed now still finds its alert.
    assert refresh() == "Link alerts: 0 raised, 0 updated (0 cases added), 2 unchanged.\n"
    assert dict(LinkAlert.objects.values_list("kind", "reference")) == before
    third = testing.make_case(trio.owner)
    record_identifier(north, third, "ad_handle", "FICTIVE_ADS")
    refresh()
    handle = LinkAlert.objects.get(kind="ad_handle")
    assert handle.reference == before["ad_handle"]
    assert {link.case for link in handle.links.all()} == {
        forces.north_case, forces.south_case, third}
