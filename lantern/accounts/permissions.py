"""Roles and permissions.

A permission is named ``scope:resource:action``. The scope says whose records it reaches:
``org`` the user's own organization, ``national`` aggregates or intelligence across
organizations, ``platform`` the whole installation. Roles are bundles of permissions; the
bundles live here, in one place, and each app's ``access.py`` asks :func:`has_permission`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Permission(enum.StrEnum):
    CASE_VIEW = "org:case:view"
    CASE_EDIT = "org:case:edit"
    IDENTITY_REVEAL = "org:identity:reveal"
    CONTACT_LOG = "org:contact:log"
    REFERRAL_RECEIVE = "org:referral:receive"
    REFERRAL_OVERRIDE = "org:referral:override"
    DIRECTORY_EDIT = "org:directory:edit"
    SUBMISSION_MANAGE = "org:submission:manage"
    AUDIT_VIEW_ORG = "org:audit:view"
    USER_MANAGE_ORG = "org:user:manage"
    # Link alerts raised on this service's own cases.
    ALERT_VIEW = "org:alert:view"
    LINK_VIEW = "national:link:view"
    LINK_REVIEW = "national:link:review"
    # See both records' identities side by side while reviewing a pair (each view logged).
    LINK_IDENTITY = "national:link:identity"
    STATISTICS_VIEW = "national:statistics:view"
    RELEASE_APPROVE = "national:release:approve"
    AUDIT_VIEW_ALL = "platform:audit:view"
    ORGANIZATION_MANAGE = "platform:organization:manage"


class Role(enum.StrEnum):
    HOTLINE_ADVOCATE = "hotline_advocate"
    HOTLINE_SUPERVISOR = "hotline_supervisor"
    SERVICE_PROVIDER_STAFF = "service_provider_staff"
    POLICE_INVESTIGATOR = "police_investigator"
    NATIONAL_ANALYST = "national_analyst"
    POLICY_ANALYST = "policy_analyst"
    DATA_STEWARD = "data_steward"
    LINKAGE_STEWARD = "linkage_steward"
    STATISTICIAN = "statistician"
    ORG_ADMIN = "org_admin"
    PLATFORM_ADMIN = "platform_admin"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS: dict[Role, Promise] = {
    Role.HOTLINE_ADVOCATE: _("Hotline advocate"),
    Role.HOTLINE_SUPERVISOR: _("Hotline supervisor"),
    Role.SERVICE_PROVIDER_STAFF: _("Service-provider staff"),
    Role.POLICE_INVESTIGATOR: _("Police investigator"),
    Role.NATIONAL_ANALYST: _("National law-enforcement analyst"),
    Role.POLICY_ANALYST: _("Policy analyst"),
    Role.DATA_STEWARD: _("Data steward"),
    Role.LINKAGE_STEWARD: _("National linkage steward"),
    Role.STATISTICIAN: _("Statistician"),
    Role.ORG_ADMIN: _("Organization administrator"),
    Role.PLATFORM_ADMIN: _("Platform administrator"),
}

P = Permission
_CASEWORK = {P.CASE_VIEW, P.CASE_EDIT, P.IDENTITY_REVEAL}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.HOTLINE_ADVOCATE: frozenset(_CASEWORK | {P.CONTACT_LOG}),
    Role.HOTLINE_SUPERVISOR: frozenset(_CASEWORK | {P.CONTACT_LOG, P.REFERRAL_OVERRIDE}),
    Role.SERVICE_PROVIDER_STAFF: frozenset(_CASEWORK | {P.REFERRAL_RECEIVE, P.DIRECTORY_EDIT}),
    Role.POLICE_INVESTIGATOR: frozenset(_CASEWORK | {P.ALERT_VIEW}),
    Role.NATIONAL_ANALYST: frozenset({P.LINK_VIEW, P.CASE_VIEW, P.IDENTITY_REVEAL}),
    # Policy analysts and statisticians work on aggregates only: no case, no identity.
    Role.POLICY_ANALYST: frozenset({P.STATISTICS_VIEW}),
    # Statisticians own the counts: they review uncertain pairs by how their fields agree,
    # without the identities.
    Role.STATISTICIAN: frozenset({P.STATISTICS_VIEW, P.RELEASE_APPROVE, P.LINK_REVIEW}),
    Role.DATA_STEWARD: frozenset({P.SUBMISSION_MANAGE, P.CASE_VIEW}),
    # At the national hub: runs linkage and reviews pairs with both identities in view.
    Role.LINKAGE_STEWARD: frozenset({P.LINK_REVIEW, P.LINK_IDENTITY}),
    Role.ORG_ADMIN: frozenset({P.AUDIT_VIEW_ORG, P.USER_MANAGE_ORG}),
    Role.PLATFORM_ADMIN: frozenset({P.AUDIT_VIEW_ALL, P.AUDIT_VIEW_ORG, P.ORGANIZATION_MANAGE}),
}

# Holding any of these means the account can reach identifying data or other people's
# accounts, so it must sign in with a second factor.
SECOND_FACTOR_PERMISSIONS = frozenset(
    {P.IDENTITY_REVEAL, P.USER_MANAGE_ORG, P.AUDIT_VIEW_ALL, P.ORGANIZATION_MANAGE, P.LINK_VIEW,
     P.LINK_IDENTITY, P.ALERT_VIEW,
     # A linkage decision changes national counts and can raise alerts to police services.
     P.LINK_REVIEW,
     # Data stewards send identities in bulk and read rejected rows back.
     P.SUBMISSION_MANAGE}
)


def permissions_of(roles: Iterable[str]) -> frozenset[Permission]:
    granted: set[Permission] = set()
    for code in roles:
        granted |= ROLE_PERMISSIONS.get(Role(code), frozenset())
    return frozenset(granted)


def parse_roles(codes: Iterable[str]) -> list[Role]:
    """Role codes from user input; ValueError names the first unknown code."""
    roles = []
    for code in codes:
        try:
            roles.append(Role(code.strip()))
        except ValueError:
            raise ValueError(f"unknown role {code!r}") from None
    return roles
