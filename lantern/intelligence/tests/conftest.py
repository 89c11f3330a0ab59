"""Two police services with a case each, and a national analyst."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from lantern import testing
from lantern.accounts.models import User
from lantern.accounts.permissions import Role
from lantern.cases.models import Case


@dataclass
class Forces:
    north_case: Case
    south_case: Case


@pytest.fixture
def forces(trio) -> Forces:
    """trio.org and trio.other_org are police services; one case each, with no one in it
    yet (so no phone or email is shared by accident)."""
    return Forces(north_case=testing.make_case(trio.owner, victims=0),
                  south_case=testing.make_case(trio.outsider, victims=0))


@pytest.fixture
def analyst(db: None) -> User:
    hub = testing.make_org("law_enforcement_coordination", "")
    return testing.make_user(hub, Role.NATIONAL_ANALYST, username="analyst")
