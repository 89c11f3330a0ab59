"""A visitor without a session gets the find-help page by a shorter path (no session,
account or message middleware, the page drawn around a stored frame): the very page and
headers the full path gives, with the safety bar, in both languages."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from lantern import testing
from lantern.accounts.permissions import Role

pytestmark = pytest.mark.django_db

SEARCHES = [("en", {}), ("fr", {"city": "Toronto", "service": "shelter"}),
            ("en", {"city": "Mississauga", "language": "es", "open_24_7": "on"}),
            ("fr", {"province": "BC"}), ("en", {"city": "Toront"}),
            ("en", {"city": "<b>Ottawa</b>"}), ("en", {"service": "no-such-service"}),
            ("fr", {"city": "x" * 101})]


@pytest.fixture
def providers():
    testing.make_provider(name="Harbour House", city="Toronto", province="ON",
                          services=("shelter", "counselling"), languages=("en", "es"),
                          open_24_7=True)
    testing.make_provider(name="Pacific Refuge", city="Vancouver", province="BC",
                          confidential=True)


def _with_a_session_cookie() -> Client:
    """A visitor whose request carries a session cookie takes the full path."""
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
    return client


def test_it_is_the_page_and_the_headers_of_the_full_path(providers):
    for language, params in SEARCHES:
        lean = Client().get(f"/{language}/find-help/", params)
        full = _with_a_session_cookie().get(f"/{language}/find-help/", params)
        assert lean.status_code == full.status_code == 200
        assert lean.content.decode() == full.content.decode(), (language, params)
        assert dict(lean.headers) == dict(full.headers), (language, params)
        assert not lean.cookies


def test_it_keeps_the_safety_bar_and_the_language(providers):
    english = Client().get("/en/find-help/", {"city": "Toronto"}).content.decode()
    french = Client().get("/fr/find-help/", {"city": "Toronto"}).content.decode()
    assert 'id="leave-quickly"' in english and "In danger? Call 911." in english
    assert '<html lang="fr">' in french and 'id="leave-quickly"' in french
    assert "Du plus proche au plus éloigné" in french
    assert "&lt;b&gt;Ottawa" in Client().get("/en/find-help/",
                                             {"city": "<b>Ottawa</b>"}).content.decode()


def test_signed_in_staff_get_the_full_page(providers, signed_in):
    staff = testing.make_user(testing.make_org("hotline", "ON"), Role.HOTLINE_ADVOCATE)
    response = signed_in(staff).get("/en/find-help/", {"city": "Toronto"})
    assert "Sign out" in response.content.decode() and "Harbour House" in response.content.decode()
    assert response["Cache-Control"] == "no-store"
