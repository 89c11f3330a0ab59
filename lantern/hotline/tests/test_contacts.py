"""Advocates log, screen and link contacts; another hotline sees none of it."""

from __future__ import annotations

import pytest
from django.db import connection

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.audit.models import AuditEntry
from lantern.hotline.models import Contact

pytestmark = pytest.mark.django_db

CONTACT = {"started_at": "2026-01-05T21:30", "channel": "phone", "caller_type": "victim_survivor",
           "contact_type": "crisis", "language": "es", "interpreter_used": "on",
           "city": "Leamington", "province": "ON", "caller_phone": "519-555-0107",
           "notes": "Works in a greenhouse; passport kept by the employer."}


@pytest.fixture
def hotline():
    org = testing.make_org("hotline", "ON")
    other = testing.make_org("hotline", "QC")
    return (testing.make_user(org, Role.HOTLINE_ADVOCATE, username="advocate"),
            testing.make_user(org, Role.HOTLINE_ADVOCATE, username="colleague-advocate"),
            testing.make_user(other, Role.HOTLINE_ADVOCATE, username="other-advocate"))


def _log(client, **changes) -> Contact:
    response = client.post("/en/hotline/contacts/new/", {**CONTACT, **changes})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Contact.objects.order_by("-created_at").first()


def test_a_contact_is_logged_with_its_notes_sealed(hotline, signed_in):
    advocate, colleague, _ = hotline
    contact = _log(signed_in(advocate))
    assert contact.interpreter_used and contact.language == "es"
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM hotline_contact")
        raw = str(cursor.fetchall())
    assert "greenhouse" not in raw and "555-0107" not in raw and "5550107" not in raw
    client = signed_in(colleague)
    page = client.get(f"/en/hotline/contacts/{contact.reference}/").content.decode()
    assert "greenhouse" not in page
    revealed = client.post(f"/en/hotline/contacts/{contact.reference}/reveal/").content.decode()
    assert "greenhouse" in revealed and "519-555-0107" in revealed
    assert AuditEntry.objects.filter(action="contact.reveal", actor=colleague).count() == 1


def test_another_hotline_cannot_see_or_reveal_the_contact(hotline, signed_in):
    advocate, _, outsider = hotline
    contact = _log(signed_in(advocate))
    client = signed_in(outsider)
    base = f"/en/hotline/contacts/{contact.reference}"
    assert contact.reference not in client.get("/en/hotline/").content.decode()
    assert client.get(f"{base}/").status_code == 404
    assert client.post(f"{base}/reveal/").status_code == 404
    assert client.get(f"{base}/screening/").status_code == 404
    assert not AuditEntry.objects.filter(actor=outsider, action="contact.reveal").exists()


def test_screening_proposes_shows_why_and_keeps_both(hotline, signed_in):
    advocate, _, _ = hotline
    client = signed_in(advocate)
    contact = _log(client)
    url = f"/en/hotline/contacts/{contact.reference}/screening/"
    answers = {"palermo_acts": ["recruitment"], "palermo_means": ["deception"],
               "ilo_indicators": ["retention_of_documents", "withholding_of_wages"],
               "minor_involved": "no"}
    proposed = client.post(url, {**answers, "step": "propose"}).content.decode()
    assert "Lantern proposes: Possible labour trafficking" in proposed
    assert "2 ILO indicators of forced labour" in proposed
    assert client.post(url, {**answers, "step": "confirm",
                             "confirmed": "both"}).status_code == 302
    screening = Contact.objects.get(pk=contact.pk).screening
    assert (screening.proposed, screening.confirmed) == ("labour_trafficking", "both")
    detail = client.get(f"/en/hotline/contacts/{contact.reference}/").content.decode()
    assert "changed by the advocate" in detail


def test_earlier_contacts_from_the_same_number_are_found(hotline, signed_in):
    advocate, _, outsider = hotline
    client = signed_in(advocate)
    first = _log(client)
    second = _log(client, caller_phone="+1 (519) 555 0107", notes="")
    foreign = _log(signed_in(outsider))
    page = client.get(f"/en/hotline/contacts/{second.reference}/").content.decode()
    assert first.reference in page and foreign.reference not in page
    search = client.post("/en/hotline/", {"phone": "5195550107"}).content.decode()
    assert first.reference in search and second.reference in search


def test_a_contact_opens_a_case_or_links_to_one_of_its_own_organization(hotline, signed_in,
                                                                          trio):
    advocate, _, _ = hotline
    client = signed_in(advocate)
    contact = _log(client)
    client.post(f"/en/hotline/contacts/{contact.reference}/screening/", {
        "palermo_acts": ["recruitment"], "palermo_means": ["deception"],
        "palermo_purposes": ["forced_labour"], "minor_involved": "no", "step": "confirm",
        "confirmed": "labour_trafficking"})
    response = client.post(f"/en/hotline/contacts/{contact.reference}/open-case/")
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.case.organization == advocate.organization
    assert contact.case.codes_of("exploitation_type") == ["forced_labour"]
    other = _log(client)
    police_case = testing.make_case(trio.owner)
    refused = client.post(f"/en/hotline/contacts/{other.reference}/link/",
                          {"reference": police_case.reference})
    assert refused.status_code == 404
    assert client.post(f"/en/hotline/contacts/{other.reference}/link/",
                       {"reference": contact.case.reference}).status_code == 302
    other.refresh_from_db()
    assert other.case == contact.case


def test_investigators_have_no_hotline_workspace(trio, signed_in):
    assert signed_in(trio.owner).get("/en/hotline/").status_code == 403
