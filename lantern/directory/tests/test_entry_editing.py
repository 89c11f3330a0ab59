"""Providers edit their own entry; no one else can."""

from __future__ import annotations

import pytest

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.audit.models import AuditEntry
from lantern.directory.models import Provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider_staff():
    provider = testing.make_provider(name="Harbour House", city="Toronto", province="ON")
    staff = testing.make_user(provider.organization, Role.SERVICE_PROVIDER_STAFF)
    return provider, staff


ENTRY = {
    "description_en": "Emergency shelter for women.", "description_fr": "Refuge d'urgence.",
    "services": ["shelter", "case_management"], "languages": ["en", "fr", "tl"],
    "populations": ["women"], "min_age": "16", "max_age": "65", "open_24_7": "on",
    "how_to_access_en": "Call the intake line.", "how_to_access_fr": "Appelez la ligne.",
}


def test_staff_save_their_entry_and_it_is_audited(provider_staff, signed_in, client):
    provider, staff = provider_staff
    response = signed_in(staff).post("/en/directory/entry/", ENTRY)
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.open_24_7 and provider.min_age == 16
    assert sorted(provider.codes_of("language")) == ["en", "fr", "tl"]
    assert AuditEntry.objects.filter(action="directory.update", actor=staff).exists()
    assert "Harbour House" in client.get("/en/find-help/", {"language": "tl"}).content.decode()


def test_texts_must_be_written_in_both_languages(provider_staff, signed_in):
    _, staff = provider_staff
    response = signed_in(staff).post("/en/directory/entry/",
                                     {**ENTRY, "description_fr": ""})
    assert response.status_code == 200
    assert "both English and French" in response.content.decode()


def test_capacity_and_confirmation(provider_staff, signed_in):
    provider, staff = provider_staff
    client = signed_in(staff)
    Provider.objects.filter(pk=provider.pk).update(last_verified_at=None)
    assert "hidden from the public search" in client.get("/en/directory/entry/").content.decode()
    client.post("/en/directory/entry/capacity/", {"capacity_status": "full"})
    client.post("/en/directory/entry/verify/")
    provider.refresh_from_db()
    assert provider.capacity_status == "full" and provider.last_verified_at is not None
    assert "hidden from the public search" not in client.get(
        "/en/directory/entry/").content.decode()


def test_sites_are_placed_from_the_city_name(provider_staff, signed_in):
    provider, staff = provider_staff
    client = signed_in(staff)
    response = client.post("/en/directory/entry/sites/new/", {
        "name_en": "North site", "name_fr": "Site nord", "city": "Sudbury", "province": "ON"})
    assert response.status_code == 302
    site = provider.sites.get(name_en="North site")
    assert 46 < site.latitude < 47.5
    unknown = client.post("/en/directory/entry/sites/new/", {
        "name_en": "X", "name_fr": "X", "city": "Atlantis", "province": "ON"})
    assert "could not find this city" in unknown.content.decode()


def test_staff_of_another_provider_cannot_touch_this_entry(provider_staff, signed_in):
    provider, _ = provider_staff
    other, other_staff = (lambda p: (p, testing.make_user(p.organization,
                                                          Role.SERVICE_PROVIDER_STAFF)))(
        testing.make_provider(name="Other Place", city="Ottawa", province="ON"))
    client = signed_in(other_staff)
    site = provider.sites.get()
    assert client.get(f"/en/directory/entry/sites/{site.id}/").status_code == 404
    assert client.post(f"/en/directory/entry/sites/{site.id}/remove/").status_code == 404
    assert provider.sites.count() == 1
    assert "Harbour House" not in client.get("/en/directory/entry/").content.decode()
    assert other.sites.count() == 1


def test_roles_without_directory_rights_are_refused(trio, signed_in):
    assert signed_in(trio.owner).get("/en/directory/entry/").status_code == 403


def test_every_provider_text_needs_both_languages(provider_staff, signed_in):
    _, staff = provider_staff
    response = signed_in(staff).post("/en/directory/entry/", {**ENTRY, "fees_en": "Free"})
    assert response.status_code == 200
    assert "both English and French" in response.content.decode()
