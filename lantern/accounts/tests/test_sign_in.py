"""Sign-in: argon2 passwords, TOTP for roles that reach identities, lockout, headers."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern import testing
from lantern.accounts.models import User
from lantern.accounts.permissions import Role
from lantern.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def _password_step(client: Client, user: User, password: str = testing.PASSWORD):
    return client.post("/en/accounts/sign-in/", {"username": user.username,
                                                 "password": password})


def test_passwords_are_hashed_with_argon2(trio):
    stored = User.objects.get(pk=trio.owner.pk).password
    assert stored.startswith("argon2$")
    assert testing.PASSWORD not in stored


def test_an_investigator_must_pass_the_second_factor_before_any_case(trio):
    device = TOTPDevice.objects.create(user=trio.owner, name="phone", confirmed=True)
    client = Client()
    assert _password_step(client, trio.owner).status_code == 302
    blocked = client.get("/en/cases/")
    assert blocked.status_code == 302
    assert blocked["Location"].startswith("/en/accounts/two-factor/")
    wrong = client.post("/en/accounts/two-factor/", {"token": "000000"})
    assert wrong.status_code == 200
    assert client.get("/en/cases/").status_code == 302
    throttled = client.post("/en/accounts/two-factor/", {"token": testing.current_code(device)})
    assert b"Too many wrong codes" in throttled.content
    time.sleep(1.1)  # django-otp makes the device wait 1 s after one failure
    assert client.post("/en/accounts/two-factor/",
                       {"token": testing.current_code(device)}).status_code == 302
    assert client.get("/en/cases/").status_code == 200
    actions = list(AuditEntry.objects.filter(actor=trio.owner).values_list("action", flat=True))
    assert "auth.sign_in" in actions and "auth.second_factor" in actions


def test_first_sign_in_enrols_an_authenticator(trio):
    client = Client()
    _password_step(client, trio.owner)
    response = client.get("/en/accounts/two-factor/", follow=True)
    assert response.redirect_chain[-1][0] == "/en/accounts/two-factor/setup/"
    assert b"data:image/svg+xml;base64," in response.content
    device = TOTPDevice.objects.get(user=trio.owner, confirmed=False)
    assert client.post("/en/accounts/two-factor/setup/",
                       {"token": testing.current_code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/en/cases/").status_code == 200


def test_a_policy_analyst_signs_in_with_a_password_alone(trio):
    analyst = testing.make_user(trio.org, Role.POLICY_ANALYST)
    client = Client()
    _password_step(client, analyst)
    assert client.get("/en/workspace/").status_code == 200


def test_repeated_failures_lock_the_account(trio, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _password_step(client, trio.owner, "wrong password here")
    locked = _password_step(client, trio.owner)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_deactivated_organization_loses_its_permissions(trio, signed_in):
    from lantern.organizations.actions import set_organization_active

    client = signed_in(trio.owner)
    assert client.get("/en/cases/").status_code == 200
    set_organization_active(trio.owner, trio.org, False)
    assert client.get("/en/cases/").status_code == 403


def test_security_headers_on_every_page(client):
    response = client.get("/en/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_signed_in_pages_are_not_cached(trio, signed_in):
    assert signed_in(trio.owner).get("/en/cases/")["Cache-Control"] == "no-store"


def test_next_cannot_send_the_user_to_another_site(trio):
    TOTPDevice.objects.create(user=trio.owner, name="phone", confirmed=True)
    client = Client()
    _password_step(client, trio.owner)
    device = TOTPDevice.objects.get(user=trio.owner)
    response = client.post("/en/accounts/two-factor/?next=https://evil.example/",
                           {"token": testing.current_code(device)})
    assert response["Location"] == "/en/workspace/"
