"""Police record identifiers on their own cases: sealed, indexed, shown masked, logged."""

from __future__ import annotations

import pytest

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.audit.models import AuditEntry
from lantern.core import crypto
from lantern.intelligence.models import CaseIdentifier
from lantern.intelligence.tests.helpers import record_identifier

pytestmark = pytest.mark.django_db

PAGE = "/en/intelligence/cases/{}/identifiers/"


def test_it_records_an_identifier_sealed_and_shows_it_masked(trio, forces, signed_in):
    client = signed_in(trio.owner)
    response = record_identifier(client, forces.north_case, "phone", "(416) 555-0142",
                                 source="fintrac_disclosure")
    assert response.status_code == 302
    identifier = CaseIdentifier.objects.get()
    assert identifier.case == forces.north_case and identifier.added_by == trio.owner
    assert "555" not in identifier.value_sealed
    assert crypto.decrypt(identifier.value_sealed, identifier.value_context) == "(416) 555-0142"
    page = client.get(PAGE.format(forces.north_case.reference)).content.decode()
    assert "…0142" in page and "FINTRAC disclosure" in page
    assert "555-0142" not in page and "4165550142" not in page


def test_the_write_is_logged_without_the_value(trio, forces, signed_in):
    record_identifier(signed_in(trio.owner), forces.north_case, "ad_handle", "@SweetNightsTO")
    entry = AuditEntry.objects.get(action="case.identifier.add")
    assert entry.owner_organization == trio.org and entry.actor == trio.owner
    assert entry.changes["kind"] == "ad_handle"
    assert entry.changes["case"] == forces.north_case.reference
    assert "sweetnights" not in str(entry.changes).casefold()


def test_a_colleague_records_on_the_same_case(trio, forces, signed_in):
    response = record_identifier(signed_in(trio.colleague), forces.north_case,
                                 "vehicle_plate", "CFKT 123")
    assert response.status_code == 302


def test_the_same_value_twice_on_one_case_is_refused(trio, forces, signed_in):
    client = signed_in(trio.owner)
    record_identifier(client, forces.north_case, "vehicle_plate", "CFKT 123")
    again = record_identifier(client, forces.north_case, "vehicle_plate", "cfkt-123")
    assert again.status_code == 200
    assert "already has this identifier" in again.content.decode()
    assert CaseIdentifier.objects.count() == 1


@pytest.mark.parametrize(("kind", "value", "message"), [
    ("phone", "555-01", "7 to 15 digits"),
    ("email", "not-an-email", "an @ and a domain"),
    ("ad_handle", "@x", "Too short"),
])
def test_a_value_that_cannot_be_matched_is_refused(trio, forces, signed_in, kind, value,
                                                    message):
    response = record_identifier(signed_in(trio.owner), forces.north_case, kind, value)
    assert response.status_code == 200 and message in response.content.decode()
    assert not CaseIdentifier.objects.exists()


def test_another_services_investigator_gets_404_and_records_nothing(trio, forces, signed_in):
    client = signed_in(trio.outsider)
    assert client.get(PAGE.format(forces.north_case.reference)).status_code == 404
    assert record_identifier(client, forces.north_case, "phone",
                             "416 555 0142").status_code == 404
    assert not CaseIdentifier.objects.exists()


def test_a_hotline_case_takes_no_identifier(signed_in):
    """A hotline's information reaches police by disclosure, never through a match."""
    advocate = testing.make_user(testing.make_org("hotline", "ON"), Role.HOTLINE_ADVOCATE)
    case = testing.make_case(advocate, victims=0)
    client = signed_in(advocate)
    assert client.get(PAGE.format(case.reference)).status_code == 403
    assert record_identifier(client, case, "phone", "416 555 0142").status_code == 403


def test_roles_without_case_edit_get_403(forces, analyst, signed_in):
    assert signed_in(analyst).get(
        PAGE.format(forces.north_case.reference)).status_code == 403
    policy = testing.make_user(testing.make_org("federal_department", ""), Role.POLICY_ANALYST)
    assert signed_in(policy).get(PAGE.format(forces.north_case.reference)).status_code == 403
