"""Shared fixtures: an owner, a colleague in the same organization, and an outsider."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from lantern import testing
from lantern.accounts.models import User
from lantern.accounts.permissions import Role
from lantern.organizations.models import Organization


@dataclass
class Trio:
    org: Organization
    other_org: Organization
    owner: User
    colleague: User
    outsider: User


@pytest.fixture
def trio(db: None) -> Trio:
    org = testing.make_org("police_service", "ON")
    other = testing.make_org("police_service", "QC")
    return Trio(
        org=org,
        other_org=other,
        owner=testing.make_user(org, Role.POLICE_INVESTIGATOR, username="owner"),
        colleague=testing.make_user(org, Role.POLICE_INVESTIGATOR, username="colleague"),
        outsider=testing.make_user(other, Role.POLICE_INVESTIGATOR, username="outsider"),
    )


@pytest.fixture
def signed_in(db: None):
    """signed_in(user) -> a Client signed in through the real pages as ``user``."""

    def sign(user: User) -> Client:
        return testing.sign_in(Client(), user)

    return sign
