"""Writes to accounts: creating users, enrolling and confirming a second factor."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.accounts.models import User
from lantern.accounts.permissions import Role
from lantern.audit.actions import diff, record
from lantern.audit.models import AuditEntry
from lantern.organizations.models import Organization


def create_user(
    actor: User | None,
    *,
    username: str,
    password: str,
    organization: Organization,
    roles: Iterable[Role],
    email: str = "",
    first_name: str = "",
    last_name: str = "",
) -> User:
    """Create an account in ``organization`` with ``roles``; the password is hashed (argon2)."""
    role_codes = sorted({str(role) for role in roles})
    with transaction.atomic():
        user = User(username=username, organization=organization, roles=role_codes,
                    email=email, first_name=first_name, last_name=last_name,
                    is_staff=Role.PLATFORM_ADMIN in role_codes,
                    is_superuser=Role.PLATFORM_ADMIN in role_codes)
        user.set_password(password)
        user.save()
        record(actor=actor, action="user.create", target=user, owner=organization,
               changes=diff({}, {"username": username, "roles": role_codes,
                                 "organization": organization.code}))
    return user


def start_totp_enrolment(user: User) -> TOTPDevice:
    """An unconfirmed authenticator for ``user``; replaces any earlier unconfirmed one."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
        record(actor=user, action="user.totp.start", kind=AuditEntry.Kind.AUTH, target=user,
               owner=user.organization)
    return device


def confirm_totp_device(user: User, device: TOTPDevice) -> None:
    """Mark ``device`` confirmed after the user typed a valid code from it."""
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        record(actor=user, action="user.totp.confirm", kind=AuditEntry.Kind.AUTH, target=user,
               owner=user.organization)


def record_sign_in(user: User, *, second_factor: bool) -> None:
    """Log a successful sign-in step."""
    with transaction.atomic():
        record(actor=user, action="auth.second_factor" if second_factor else "auth.sign_in",
               kind=AuditEntry.Kind.AUTH, target=user, owner=user.organization)
