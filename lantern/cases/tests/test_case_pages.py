"""Case pages: the owner and a colleague work on their organization's cases; an outsider
from another organization cannot see that they exist."""

from __future__ import annotations

import pytest

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.audit.models import AuditEntry
from lantern.cases.models import Case

pytestmark = pytest.mark.django_db

CASE_PAGES = ["", "edit/", "people/new/", "incidents/new/", "charges/new/",
              "people/{p}/edit/", "people/{p}/identity/", "people/{p}/identity/edit/",
              "people/{p}/consents/new/", "people/{p}/permits/new/"]


def test_it_lists_only_the_organizations_cases(trio, signed_in):
    mine = testing.make_case(trio.owner)
    theirs = testing.make_case(trio.outsider)
    page = signed_in(trio.colleague).get("/en/cases/").content.decode()
    assert mine.reference in page
    assert theirs.reference not in page


def test_it_never_lists_names_only_pseudonyms(trio, signed_in):
    case = testing.make_case(trio.owner, given_name="Zéphirine", family_name="Quenneville")
    client = signed_in(trio.owner)
    for path in ("/en/cases/", f"/en/cases/{case.reference}/"):
        html = client.get(path).content.decode()
        assert "Zéphirine" not in html and "Quenneville" not in html
    detail = client.get(f"/en/cases/{case.reference}/").content.decode()
    assert case.people.get().pseudonym in detail


@pytest.mark.parametrize("suffix", CASE_PAGES)
def test_owner_and_colleague_reach_every_case_page(trio, signed_in, suffix):
    case = testing.make_case(trio.owner)
    path = suffix.format(p=case.people.get().pseudonym)
    for user in (trio.owner, trio.colleague):
        assert signed_in(user).get(f"/en/cases/{case.reference}/{path}").status_code == 200
    # Pages only: no GET reveals an identity.
    assert not AuditEntry.objects.filter(kind="read").exists()


@pytest.mark.parametrize("suffix", CASE_PAGES)
def test_outsider_gets_404_on_every_case_page_and_nothing_is_logged(trio, signed_in, suffix):
    case = testing.make_case(trio.owner)
    path = suffix.format(p=case.people.get().pseudonym)
    client = signed_in(trio.outsider)
    assert client.get(f"/en/cases/{case.reference}/{path}").status_code == 404
    assert not AuditEntry.objects.filter(actor=trio.outsider, object_id=str(case.pk)).exists()


def test_outsider_cannot_post_to_someone_elses_case(trio, signed_in):
    case = testing.make_case(trio.owner)
    client = signed_in(trio.outsider)
    response = client.post(f"/en/cases/{case.reference}/edit/",
                           {"status": "closed", "trafficking_status": "actual",
                            "opened_on": "2024-03-01", "closed_on": "2024-04-01"})
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.status == "open"


def test_a_policy_analyst_sees_no_case_at_all(trio, signed_in):
    analyst = testing.make_user(trio.org, Role.POLICY_ANALYST)
    case = testing.make_case(trio.owner)
    client = signed_in(analyst)
    assert client.get("/en/cases/").status_code == 403
    assert client.get(f"/en/cases/{case.reference}/").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(trio, client):
    case = testing.make_case(trio.owner)
    response = client.get(f"/en/cases/{case.reference}/")
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]


def test_it_opens_a_case_with_codes_and_logs_the_write(trio, signed_in):
    client = signed_in(trio.owner)
    response = client.post("/en/cases/new/", {
        "status": "open", "trafficking_status": "possible", "opened_on": "2025-01-15",
        "narrative": "Met at a bus terminal; promised work in a restaurant.",
        "exploitation_types": ["forced_labour"], "labour_industries": ["I"],
        "palermo_acts": ["recruitment"], "palermo_means": ["deception"],
        "ilo_indicators": ["withholding_of_wages", "excessive_overtime"],
    })
    assert response.status_code == 302
    case = Case.objects.get(organization=trio.org, opened_on="2025-01-15")
    assert case.pk.version == 7  # time-ordered (docs/decisions/0009)
    assert sorted(case.codes_of("ilo_indicator")) == ["excessive_overtime",
                                                       "withholding_of_wages"]
    entry = AuditEntry.objects.get(action="case.create", object_id=str(case.pk))
    assert entry.actor == trio.owner
    assert entry.changes["narrative"] == "[identifying value changed]"
    assert "bus terminal" not in str(entry.changes)


def test_a_form_error_keeps_what_was_typed(trio, signed_in):
    client = signed_in(trio.owner)
    response = client.post("/en/cases/new/", {
        "status": "closed", "trafficking_status": "possible", "opened_on": "2025-01-15",
        "source_record_id": "TPS-2025-0042",
    })
    assert response.status_code == 200
    html = response.content.decode()
    assert "a closed case needs the date it closed" in html
    assert 'value="TPS-2025-0042"' in html
    assert not Case.objects.filter(source_record_id="TPS-2025-0042").exists()


def test_it_rejects_a_code_outside_the_standard(trio, signed_in):
    client = signed_in(trio.owner)
    response = client.post("/en/cases/new/", {
        "status": "open", "trafficking_status": "maybe", "opened_on": "2025-01-15",
    })
    assert response.status_code == 200
    assert Case.objects.filter(organization=trio.org).count() == 0


def test_edit_keeps_the_narrative_unless_replaced(trio, signed_in):
    case = testing.make_case(trio.owner, narrative="First account of events.")
    sealed = case.narrative_sealed
    client = signed_in(trio.colleague)
    response = client.post(f"/en/cases/{case.reference}/edit/", {
        "status": "open", "trafficking_status": "actual", "status_decided_by": "law_enforcement",
        "opened_on": "2024-03-01", "exploitation_types": ["sexual_exploitation"],
    })
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.narrative_sealed == sealed
    assert case.trafficking_status == "actual"
    entry = AuditEntry.objects.get(action="case.update", object_id=str(case.pk))
    assert entry.changes["trafficking_status"] == ["possible", "actual"]
    assert "palermo_means" in entry.changes


def test_it_adds_a_person_incident_charge_consent_and_permit(trio, signed_in):
    case = testing.make_case(trio.owner)
    client = signed_in(trio.owner)
    base = f"/en/cases/{case.reference}"
    assert client.post(f"{base}/people/new/", {
        "role": "accused", "sex": "male", "gender": "man", "age_group": "25_34",
        "indigenous_identity": "unknown", "birthplace": "unknown", "disability": "unknown",
        "lgbtq": "unknown", "role_in_process": "recruiter", "given_name": "Fictif",
    }).status_code == 302
    accused = case.people.get(role="accused")
    assert client.post(f"{base}/charges/new/", {
        "code": "cc_279.01", "accused": accused.pseudonym, "laid_on": "2024-04-02",
        "outcome": "guilty", "outcome_on": "2025-02-03",
    }).status_code == 302
    assert client.post(f"{base}/incidents/new/", {
        "province": "QC", "cma": "462", "city": "Laval", "clearance_status": "cleared_by_charge",
    }).status_code == 302
    victim = case.people.get(role="victim")
    assert client.post(f"{base}/people/{victim.pseudonym}/consents/new/", {
        "purpose": "share", "shared_with": trio.other_org.code, "given_at": "2024-03-02T10:00",
    }).status_code == 302
    assert client.post(f"{base}/people/{victim.pseudonym}/permits/new/", {
        "permit_type": "initial", "issued_on": "2024-05-01",
    }).status_code == 302
    consent = victim.consents.get()
    assert consent.shared_with == trio.other_org
    assert client.post(f"{base}/consents/{consent.id}/withdraw/").status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    actions = set(AuditEntry.objects.filter(actor=trio.owner).values_list("action", flat=True))
    assert {"person.create", "charge.create", "incident.create", "consent.give",
            "consent.withdraw", "permit.create"} <= actions


def test_a_cma_must_lie_in_the_incidents_province(trio, signed_in):
    case = testing.make_case(trio.owner)
    response = signed_in(trio.owner).post(f"/en/cases/{case.reference}/incidents/new/", {
        "province": "BC", "cma": "462", "clearance_status": "not_cleared",
    })
    assert response.status_code == 200
    assert case.incidents.count() == 1


def test_find_earlier_records_by_phone_through_the_blind_index(trio, signed_in):
    case = testing.make_case(trio.owner)
    other = testing.make_case(trio.owner)
    testing.add_victim(trio.owner, other, given_name="Jo", family_name="Fictif",
                       phone="(613) 555-0142")
    foreign = testing.make_case(trio.outsider)
    testing.add_victim(trio.outsider, foreign, given_name="Jo", family_name="Fictif",
                       phone="613-555-0142")
    html = signed_in(trio.owner).post("/en/cases/", {"by": "phone",
                                                     "value": "+1 613 555 0142"}).content.decode()
    assert other.reference in html
    assert case.reference not in html
    assert foreign.reference not in html
    search = AuditEntry.objects.get(action="person.search.phone", actor=trio.owner)
    assert search.kind == "read" and "613" not in str(search.changes)


def test_a_role_without_identity_access_cannot_search_by_phone(trio, signed_in):
    steward = testing.make_user(trio.org, Role.DATA_STEWARD)
    testing.make_case(trio.owner)
    client = signed_in(steward)
    assert "Find people by" not in client.get("/en/cases/").content.decode()
    assert client.post("/en/cases/", {"by": "phone", "value": "416 555 0199"}).status_code == 403


def test_outsider_posts_to_every_case_action_get_404_and_change_nothing(trio, signed_in):
    case = testing.make_case(trio.owner, narrative="Fictional narrative.")
    victim = case.people.get()
    consent = testing.give_consent(trio.owner, victim)
    before = AuditEntry.objects.count()
    client = signed_in(trio.outsider)
    after_sign_in = AuditEntry.objects.count()
    base = f"/en/cases/{case.reference}"
    for path, data in [
        ("narrative/", {}),
        (f"people/{victim.pseudonym}/identity/", {}),
        (f"people/{victim.pseudonym}/identity/edit/", {"given_name": "Changed"}),
        (f"people/{victim.pseudonym}/edit/", {"role": "victim", "sex": "male"}),
        (f"consents/{consent.id}/withdraw/", {}),
        ("people/new/", {"role": "victim"}),
        ("incidents/new/", {"province": "ON"}),
        ("charges/new/", {"code": "cc_279.01"}),
        (f"people/{victim.pseudonym}/consents/new/", {"purpose": "services"}),
        (f"people/{victim.pseudonym}/permits/new/", {"permit_type": "initial"}),
    ]:
        assert client.post(f"{base}/{path}", data).status_code == 404, path
    # Signing in wrote its own entries; the refused requests wrote none and changed nothing.
    assert AuditEntry.objects.count() == after_sign_in >= before
    consent.refresh_from_db()
    assert consent.withdrawn_at is None
    assert case.people.count() == 1 and case.incidents.count() == 1


@pytest.mark.parametrize(("by", "value"), [
    ("email", "  Fictional.Person@EXAMPLE.org "),
    ("name", "amelie  TREMBLAY-fictive"),
    ("birth_date", "2001-05-17"),
])
def test_exact_search_by_email_name_or_date_of_birth(trio, signed_in, by, value):
    case = testing.make_case(trio.owner)
    other = testing.make_case(trio.owner, given_name="Jo", family_name="Autre")
    other.people.update(email_index="", birth_date_index="")
    html = signed_in(trio.owner).post("/en/cases/", {"by": by, "value": value}).content.decode()
    assert case.reference in html
    assert other.reference not in html
    assert AuditEntry.objects.filter(action=f"person.search.{by}").count() == 1
