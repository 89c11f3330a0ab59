"""Identifying data: encrypted at rest, revealed one person at a time, every read logged."""

from __future__ import annotations

import pytest
from django.db import connection

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

NAME, FAMILY = "Philomène", "Ouellette-Fictive"


def _all_text_in(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
        return " ".join(str(value) for row in cursor.fetchall() for value in row)


def test_raw_database_rows_hold_no_name_phone_email_or_narrative(trio):
    testing.make_case(trio.owner, given_name=NAME, family_name=FAMILY,
                      narrative="She was recruited at the Moncton bus depot.")
    dump = " ".join(_all_text_in(table) for table in connection.introspection.table_names())
    for secret in (NAME, FAMILY, "555 0199", "5550199", "fictional.person@example.org",
                   "2001-05-17", "Moncton bus depot"):
        assert secret not in dump, secret
    # The sealed value is there, just not readable.
    assert "v1." in _all_text_in("cases_person")


def test_owner_reveals_an_identity_and_the_read_is_logged(trio, signed_in):
    case = testing.make_case(trio.owner, given_name=NAME, family_name=FAMILY)
    person = case.people.get()
    url = f"/en/cases/{case.reference}/people/{person.pseudonym}/identity/"
    client = signed_in(trio.colleague)
    confirm = client.get(url).content.decode()
    assert NAME not in confirm, "a GET only asks for confirmation"
    html = client.post(url).content.decode()
    assert NAME in html and FAMILY in html and "2001-05-17" in html
    read = AuditEntry.objects.get(action="person.identity.reveal", object_id=str(person.pk))
    assert read.kind == "read"
    assert read.actor == trio.colleague
    assert read.owner_organization == trio.org


def test_outsider_cannot_reveal_and_no_read_is_logged(trio, signed_in):
    case = testing.make_case(trio.owner, given_name=NAME, family_name=FAMILY)
    person = case.people.get()
    response = signed_in(trio.outsider).post(
        f"/en/cases/{case.reference}/people/{person.pseudonym}/identity/"
    )
    assert response.status_code == 404
    assert NAME not in response.content.decode()
    assert not AuditEntry.objects.filter(action="person.identity.reveal").exists()


def test_a_data_steward_sees_cases_but_not_identities(trio, signed_in):
    steward = testing.make_user(trio.org, Role.DATA_STEWARD)
    case = testing.make_case(trio.owner, given_name=NAME, family_name=FAMILY)
    person = case.people.get()
    client = signed_in(steward)
    assert client.get(f"/en/cases/{case.reference}/").status_code == 200
    response = client.post(f"/en/cases/{case.reference}/people/{person.pseudonym}/identity/")
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="person.identity.reveal").exists()


def test_narrative_reveal_is_logged(trio, signed_in):
    case = testing.make_case(trio.owner, narrative="Advertised online as a nanny position.")
    client = signed_in(trio.owner)
    assert "nanny" not in client.get(f"/en/cases/{case.reference}/").content.decode()
    html = client.post(f"/en/cases/{case.reference}/narrative/").content.decode()
    assert "nanny position" in html
    assert AuditEntry.objects.filter(action="case.narrative.reveal", kind="read").count() == 1


def test_editing_an_identity_reveals_it_logged_and_reseals_it(trio, signed_in):
    case = testing.make_case(trio.owner, given_name=NAME, family_name=FAMILY)
    person = case.people.get()
    url = f"/en/cases/{case.reference}/people/{person.pseudonym}/identity/edit/"
    client = signed_in(trio.owner)
    assert NAME not in client.get(url).content.decode()  # GET only asks
    assert not AuditEntry.objects.filter(action="person.identity.reveal").exists()
    assert NAME in client.post(url, {"reveal": "1"}).content.decode()
    assert AuditEntry.objects.filter(action="person.identity.reveal").count() == 1
    old_index = person.name_index
    response = client.post(url, {"given_name": "Philomène", "family_name": "Nouveau-Nom",
                                 "birth_date": "2001-05"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name_index != old_index
    update = AuditEntry.objects.get(action="person.update", object_id=str(person.pk))
    assert update.changes == {"identity": "[identifying value changed]"}


def test_a_bad_partial_date_of_birth_is_refused(trio, signed_in):
    case = testing.make_case(trio.owner)
    person = case.people.get()
    url = f"/en/cases/{case.reference}/people/{person.pseudonym}/identity/edit/"
    response = signed_in(trio.owner).post(url, {"birth_date": "17/05/2001"})
    assert response.status_code == 200
    assert "YYYY" in response.content.decode()
