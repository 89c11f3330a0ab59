"""Disclosures to police: a legal basis every time; police see what was disclosed, nothing else."""

from __future__ import annotations

import pytest
from django.utils import timezone

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.audit.models import AuditEntry
from lantern.cases import actions as case_actions
from lantern.disclosures.models import Disclosure
from lantern.standard.schemas import ConsentSchema

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    shelter = testing.make_org("service_provider", "ON")
    staff = testing.make_user(shelter, Role.SERVICE_PROVIDER_STAFF, username="staff")
    police = testing.make_org("police_service", "ON")
    investigator = testing.make_user(police, Role.POLICE_INVESTIGATOR, username="detective")
    other_police = testing.make_org("police_service", "QC")
    other_investigator = testing.make_user(other_police, Role.POLICE_INVESTIGATOR,
                                           username="other-detective")
    case = testing.make_case(staff, given_name="Zéphirine", narrative="Private narrative.")
    return staff, police, investigator, other_investigator, case


def _disclose(client, case, police, **data):
    return client.post(f"/en/disclosures/new/{case.reference}/", {
        "police": police.pk, "shared": "Vehicle plate FAKE-123 seen at the motel.", **data})


def test_consent_basis_needs_a_recorded_consent(setting, signed_in):
    staff, police, _investigator, _, case = setting
    victim = case.people.get()
    client = signed_in(staff)
    refused = _disclose(client, case, police, basis="consent", person=victim.pseudonym)
    assert "has not consented" in refused.content.decode()
    case_actions.record_consent(staff, victim, ConsentSchema(
        purpose="share", shared_with=police.code, given_at=timezone.now()), police)
    assert _disclose(client, case, police, basis="consent",
                     person=victim.pseudonym).status_code == 302
    disclosure = Disclosure.objects.get()
    assert disclosure.consent is not None
    assert AuditEntry.objects.filter(action="disclosure.make",
                                     changes__basis="consent").exists()


def test_other_bases_need_their_justification(setting, signed_in):
    staff, police, _, _, case = setting
    client = signed_in(staff)
    assert "court order" in _disclose(client, case, police,
                                      basis="court_order").content.decode()
    assert _disclose(client, case, police, basis="court_order",
                     court_order_reference="ONCJ 2026-1234").status_code == 302
    assert _disclose(client, case, police, basis="imminent_danger").status_code == 200
    assert _disclose(client, case, police, basis="imminent_danger",
                     justification="Threat to kill tonight.").status_code == 302
    assert Disclosure.objects.count() == 2


def test_police_see_what_was_disclosed_and_nothing_else(setting, signed_in):
    staff, police, investigator, other_investigator, case = setting
    _disclose(signed_in(staff), case, police, basis="minor_at_risk",
              justification="A 15-year-old is being advertised.")
    disclosure = Disclosure.objects.get()
    detective = signed_in(investigator)
    assert disclosure.reference in detective.get("/en/disclosures/").content.decode()
    shared = detective.post(f"/en/disclosures/{disclosure.reference}/reveal/").content.decode()
    assert "FAKE-123" in shared
    assert "Zéphirine" not in shared and "Private narrative" not in shared
    assert detective.get(f"/en/cases/{case.reference}/").status_code == 404
    assert AuditEntry.objects.filter(action="disclosure.reveal", actor=investigator).exists()
    other = signed_in(other_investigator)
    assert other.get(f"/en/disclosures/{disclosure.reference}/").status_code == 404
    assert other.post(f"/en/disclosures/{disclosure.reference}/reveal/").status_code == 404


def test_only_police_services_can_receive(setting, signed_in):
    staff, _, _, _, case = setting
    not_police = testing.make_org("service_provider", "ON")
    response = _disclose(signed_in(staff), case, not_police, basis="imminent_danger",
                         justification="x")
    assert response.status_code == 200 and not Disclosure.objects.exists()
