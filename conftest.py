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


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request to a /fr/ page leaves French active in the thread; each test starts in
    English, as a command run from a shell does."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: drawn pages of another test's data must not
    answer this one's requests."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _audit_triggers(request: pytest.FixtureRequest):
    """Keep the append-only triggers in place for every database test.

    A transactional test (live server, browser) ends with a flush that deletes every row,
    which the triggers refuse; so such a test drops them at its end, and each test puts
    them back at its start (inside its transaction for ordinary tests).
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is None and "db" not in request.fixturenames:
        yield
        return
    transactional = bool(marker and marker.kwargs.get("transaction")) or (
        "live_server" in request.fixturenames
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    from django.db import connection

    from lantern.audit import triggers

    triggers.install(connection)
    yield
    if transactional:
        triggers.remove(connection)


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


@pytest.fixture(scope="session")
def browser():
    """A real headless Chromium; skipped where none is installed, unless CI requires it."""
    import os

    from lantern.browser import chromium, chromium_available

    if not chromium_available():
        if os.environ.get("LANTERN_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required (LANTERN_REQUIRE_BROWSER) but not installed")
        pytest.skip("Debian's chromium is not installed (make browser)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are ordinary synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with chromium() as instance:
            yield instance
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
