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
    password: str | None,
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
        # None: an account that cannot sign in with a password (a system or intake account).
        user.set_password(password)
        user.save()
        record(actor=actor, action="user.create", target=user, owner=organization,
               changes=diff({}, {"username": username, "roles": role_codes,
                                 "organization": organization.code}))
    return user


def change_password(user: User, new_password: str) -> None:
    """Set a new password (already validated) for the signed-in user."""
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        record(actor=user, action="user.password", kind=AuditEntry.Kind.AUTH, target=user,
               owner=user.organization)


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


def set_user_roles(actor: User, target: User, roles: Iterable[Role]) -> None:
    """Replace an account's roles."""
    role_codes = sorted({str(role) for role in roles})
    with transaction.atomic():
        before = list(target.roles)
        target.roles = role_codes
        # The platform role is the only one that reaches Django's own flags.
        target.is_staff = target.is_superuser = Role.PLATFORM_ADMIN in role_codes
        target.save(update_fields=["roles", "is_staff", "is_superuser"])
        record(actor=actor, action="user.roles", target=target, owner=target.organization,
               changes=diff({"roles": before}, {"roles": role_codes}))


def set_user_active(actor: User, target: User, active: bool) -> None:
    """Suspend or restore an account; a suspended account cannot sign in."""
    with transaction.atomic():
        before = target.is_active
        target.is_active = active
        target.save(update_fields=["is_active"])
        record(actor=actor, action="user.active", target=target, owner=target.organization,
               changes=diff({"is_active": before}, {"is_active": active}))


def reset_second_factor(actor: User, target: User) -> None:
    """Remove an account's authenticators (a lost phone); it enrols a new one at sign-in."""
    with transaction.atomic():
        removed = TOTPDevice.objects.filter(user=target).delete()[0]
        record(actor=actor, action="user.totp.reset", target=target, owner=target.organization,
               changes={"authenticators_removed": removed})
