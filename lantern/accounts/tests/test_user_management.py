"""Organization admins manage the people of their own organization, and no one else's."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern import testing
from lantern.accounts.models import User
from lantern.accounts.permissions import Role
from lantern.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def admins(trio):
    return (testing.make_user(trio.org, Role.ORG_ADMIN, username="admin"),
            testing.make_user(trio.other_org, Role.ORG_ADMIN, username="other-admin"))


def test_an_admin_lists_only_their_organizations_people(trio, admins, signed_in):
    html = signed_in(admins[0]).get("/en/accounts/users/").content.decode()
    assert "owner" in html and "colleague" in html
    assert "outsider" not in html


def test_an_admin_adds_a_person_with_roles_and_it_is_audited(trio, admins, signed_in):
    client = signed_in(admins[0])
    response = client.post("/en/accounts/users/new/", {
        "username": "new-advocate", "email": "new@example.org",
        "password": "a temporary passphrase", "roles": ["hotline_advocate", "data_steward"],
    })
    assert response.status_code == 302
    created = User.objects.get(username="new-advocate")
    assert created.organization == trio.org
    assert set(created.roles) == {"hotline_advocate", "data_steward"}
    assert AuditEntry.objects.filter(action="user.create", actor=admins[0]).exists()
    # The new person signs in with the temporary password and must enrol a second factor.
    fresh = Client()
    fresh.post("/en/accounts/sign-in/", {"username": "new-advocate",
                                         "password": "a temporary passphrase"})
    assert fresh.get("/en/cases/")["Location"].startswith("/en/accounts/two-factor/")


def test_an_admin_cannot_grant_the_platform_role(trio, admins, signed_in):
    response = signed_in(admins[0]).post("/en/accounts/users/new/", {
        "username": "sneaky", "password": "a temporary passphrase", "roles": ["platform_admin"],
    })
    assert response.status_code == 200
    assert not User.objects.filter(username="sneaky").exists()


def test_an_admin_changes_roles_suspends_and_resets_the_second_factor(trio, admins, signed_in):
    TOTPDevice.objects.create(user=trio.colleague, name="phone", confirmed=True)
    client = signed_in(admins[0])
    base = f"/en/accounts/users/{trio.colleague.public_id}"
    assert client.post(f"{base}/", {"roles": ["data_steward"]}).status_code == 302
    assert client.post(f"{base}/reset-second-factor/").status_code == 302
    assert client.post(f"{base}/active/", {"active": "0"}).status_code == 302
    colleague = User.objects.get(pk=trio.colleague.pk)
    assert colleague.roles == ["data_steward"]
    assert not colleague.is_active
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    actions = set(AuditEntry.objects.filter(actor=admins[0]).values_list("action", flat=True))
    assert {"user.roles", "user.active", "user.totp.reset"} <= actions
    denied = Client().post("/en/accounts/sign-in/", {"username": "colleague",
                                                     "password": testing.PASSWORD})
    assert denied.status_code == 200  # a suspended account cannot sign in


@pytest.mark.parametrize("suffix", ["", "active/", "reset-second-factor/"])
def test_an_admin_of_another_organization_gets_404(trio, admins, signed_in, suffix):
    client = signed_in(admins[1])
    url = f"/en/accounts/users/{trio.colleague.public_id}/{suffix}"
    response = client.post(url, {"active": "0", "roles": []}) if suffix else client.get(url)
    assert response.status_code == 404
    assert User.objects.get(pk=trio.colleague.pk).is_active
    assert not AuditEntry.objects.filter(actor=admins[1], object_id=str(trio.colleague.pk))


def test_people_without_the_admin_role_cannot_manage_accounts(trio, signed_in):
    client = signed_in(trio.owner)
    assert client.get("/en/accounts/users/").status_code == 403
    assert client.get(f"/en/accounts/users/{trio.colleague.public_id}/").status_code == 403


def test_account_pages_wait_for_the_second_factor(trio, admins):
    TOTPDevice.objects.create(user=admins[0], name="phone", confirmed=True)
    client = Client()
    client.post("/en/accounts/sign-in/", {"username": "admin", "password": testing.PASSWORD})
    response = client.get("/en/accounts/users/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/two-factor/")


def test_an_admin_cannot_change_their_own_roles(trio, admins, signed_in):
    client = signed_in(admins[0])
    response = client.post(f"/en/accounts/users/{admins[0].public_id}/",
                           {"roles": ["org_admin", "police_investigator"]})
    assert response.status_code == 403
    assert User.objects.get(pk=admins[0].pk).roles == ["org_admin"]


def test_removing_the_platform_role_removes_djangos_flags(trio):
    from lantern.accounts.actions import set_user_roles

    operator = testing.make_user(trio.org, Role.PLATFORM_ADMIN)
    assert operator.is_superuser and operator.is_staff
    set_user_roles(operator, operator, [Role.DATA_STEWARD])
    operator.refresh_from_db()
    assert not operator.is_superuser and not operator.is_staff


def test_a_password_change_is_audited(trio, signed_in):
    client = signed_in(trio.owner)
    response = client.post("/en/accounts/password/", {
        "old_password": testing.PASSWORD, "new_password1": "another long passphrase",
        "new_password2": "another long passphrase"})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="user.password", actor=trio.owner).exists()
    assert User.objects.get(pk=trio.owner.pk).check_password("another long passphrase")


def test_an_admin_cannot_suspend_a_platform_admin(trio, admins, signed_in):
    operator = testing.make_user(trio.org, Role.PLATFORM_ADMIN)
    response = signed_in(admins[0]).post(f"/en/accounts/users/{operator.public_id}/active/",
                                         {"active": "0"})
    assert response.status_code == 403
    assert User.objects.get(pk=operator.pk).is_active
