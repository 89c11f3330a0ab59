"""Platform administrators add and deactivate organizations; no one else can."""

from __future__ import annotations

import pytest

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.audit.models import AuditEntry
from lantern.organizations.models import Organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform_admin():
    return testing.make_user(testing.make_org("federal_department", ""), Role.PLATFORM_ADMIN)


def test_a_platform_admin_adds_an_organization(platform_admin, signed_in):
    client = signed_in(platform_admin)
    response = client.post("/en/organizations/new/", {
        "code": "nunavut-shelter", "name_en": "Nunavut shelter (test)",
        "name_fr": "Refuge du Nunavut (essai)", "kind": "service_provider", "province": "NU",
    })
    assert response.status_code == 302
    created = Organization.objects.get(code="nunavut-shelter")
    assert created.name_fr == "Refuge du Nunavut (essai)"
    assert AuditEntry.objects.filter(action="organization.create", actor=platform_admin).exists()
    assert "Nunavut shelter (test)" in client.get("/en/organizations/").content.decode()


def test_a_duplicate_code_is_refused_with_a_message(platform_admin, signed_in):
    existing = testing.make_org()
    response = signed_in(platform_admin).post("/en/organizations/new/", {
        "code": existing.code, "name_en": "X", "name_fr": "X", "kind": "hotline",
    })
    assert response.status_code == 200
    assert "is taken" in response.content.decode()


def test_deactivating_an_organization_cuts_its_people_off(trio, platform_admin, signed_in):
    investigator = signed_in(trio.owner)
    assert investigator.get("/en/cases/").status_code == 200
    signed_in(platform_admin).post(f"/en/organizations/{trio.org.code}/active/", {"active": "0"})
    assert investigator.get("/en/cases/").status_code == 403


def test_an_organization_admin_cannot_manage_organizations(trio, signed_in):
    admin = testing.make_user(trio.org, Role.ORG_ADMIN)
    client = signed_in(admin)
    assert client.get("/en/organizations/").status_code == 403
    response = client.post(f"/en/organizations/{trio.other_org.code}/active/", {"active": "0"})
    assert response.status_code == 403
    assert Organization.objects.get(pk=trio.other_org.pk).active
