"""Bilingual pages: /en/ and /fr/, the language toggle, and the safety bar on every page."""

from __future__ import annotations

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["", "standard/", "standard/charge/", "accounts/sign-in/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_has_leave_quickly_and_911_in_both_languages(client, path):
    english = client.get(f"/en/{path}").content.decode()
    french = client.get(f"/fr/{path}").content.decode()
    assert 'id="leave-quickly"' in english and 'id="leave-quickly"' in french
    assert "In danger? Call 911." in english
    assert "En danger? Composez le 911." in french
    assert '<html lang="fr">' in french and '<html lang="en">' in english


def test_the_language_toggle_points_to_the_same_page(client):
    html = client.get("/en/standard/charge/").content.decode()
    assert 'href="/fr/standard/charge/"' in html
    assert 'href="/en/standard/charge/"' in client.get("/fr/standard/charge/").content.decode()


def test_the_root_sends_visitors_to_a_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-CA,fr;q=0.9")
    assert response.status_code == 302 and response["Location"] == "/fr/"


def test_error_pages_say_nothing_about_the_record(client):
    response = client.get("/en/cases/C-NOPE-NOPE/")
    assert response.status_code == 302  # anonymous: sign in first, nothing disclosed
    missing = client.get("/fr/nowhere/")
    assert missing.status_code == 404
    assert "Page introuvable" in missing.content.decode()


def test_the_french_catalogue_is_complete():
    call_command("i18n_check")
