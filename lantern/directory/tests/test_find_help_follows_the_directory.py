"""Each server process searches a copy of the public directory held in memory: the search
still shows the directory as it is now, after every kind of change."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.utils import timezone

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.directory.models import DirectoryGeneration, Provider
from lantern.organizations.actions import set_organization_active

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider_staff():
    provider = testing.make_provider(name="Harbour House", city="Toronto", province="ON")
    return provider, testing.make_user(provider.organization, Role.SERVICE_PROVIDER_STAFF)


def _page(client, **params) -> str:
    return client.get("/en/find-help/", {"city": "Mississauga", **params}).content.decode()


def test_it_follows_an_edit_of_the_entry(client, provider_staff, signed_in):
    _, staff = provider_staff
    assert "Harbour House" not in _page(client, service="legal_aid")
    signed_in(staff).post("/en/directory/entry/", {
        "services": ["legal_aid"], "languages": ["en"], "populations": ["women"],
        "hours_en": "Mornings", "hours_fr": "Le matin"})
    page = _page(client, service="legal_aid")
    assert "Harbour House" in page and "Mornings" in page
    assert "Harbour House" not in _page(client, service="shelter")


def test_it_follows_capacity_and_sites(client, provider_staff, signed_in):
    provider, staff = provider_staff
    staff_client = signed_in(staff)
    assert "<dd>Accepting referrals</dd>" in _page(client)
    staff_client.post("/en/directory/entry/capacity/", {"capacity_status": "full"})
    assert "<dd>Full</dd>" in _page(client)
    staff_client.post("/en/directory/entry/sites/new/", {
        "name_en": "North site", "name_fr": "Site nord", "city": "Sudbury", "province": "ON"})
    # From Sudbury, the new site is the nearest one.
    from_sudbury = client.get("/en/find-help/", {"city": "Sudbury"}).content.decode()
    assert "km (Greater Sudbury)" in from_sudbury
    for site in provider.sites.all():
        staff_client.post(f"/en/directory/entry/sites/{site.id}/remove/")
    assert "Harbour House" not in _page(client)


def test_an_entry_leaves_the_search_when_it_goes_stale_without_any_write(
        client, provider_staff, monkeypatch):
    assert "Harbour House" in _page(client)
    a_year_later = timezone.now() + dt.timedelta(days=366)
    monkeypatch.setattr(timezone, "now", lambda: a_year_later)
    assert "Harbour House" not in _page(client)


def test_an_organization_deactivated_leaves_the_search(client, provider_staff):
    provider, _ = provider_staff
    assert "Harbour House" in _page(client)
    set_organization_active(None, provider.organization, False)
    assert "Harbour House" not in _page(client)


def test_a_change_made_by_another_process_is_seen_within_the_check_interval(
        client, provider_staff, settings):
    provider, _ = provider_staff
    settings.LANTERN_DIRECTORY_CHECK_SECONDS = 1
    assert "Harbour House" in _page(client)
    # What another server process's write looks like from here: the rows and the
    # generation changed, and this process was not told.
    Provider.objects.filter(pk=provider.pk).update(
        last_verified_at=timezone.now() - dt.timedelta(days=400))
    DirectoryGeneration.objects.create()
    time.sleep(1.1)
    assert "Harbour House" not in _page(client)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_markup_a_provider_types_is_shown_as_text(client, language, signed_in):
    # The result cards are drawn in Python, not by the template engine: every text a provider
    # enters must still be escaped.
    script = '<script>alert("x")</script>'
    provider = testing.make_provider(name=f"Harbour {script}", city="Toronto", province="ON")
    staff = testing.make_user(provider.organization, Role.SERVICE_PROVIDER_STAFF)
    signed_in(staff).post("/en/directory/entry/", {
        "services": ["shelter"], "languages": ["en"], "populations": ["women"],
        "hours_en": f"Mornings {script}", "hours_fr": f"Le matin {script}",
        "how_to_access_en": f"Call {script}", "how_to_access_fr": f"Appelez {script}"})
    page = client.get(f"/{language}/find-help/", {"city": "Toronto"}).content.decode()
    assert "Harbour" in page and ("Mornings" in page or "Le matin" in page)
    assert script not in page
    assert "&lt;script&gt;" in page
