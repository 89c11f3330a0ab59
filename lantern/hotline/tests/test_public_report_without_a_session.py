"""A reporter without a session gets the report form and sends it by a shorter path (no
session, account or message middleware; the form drawn around a stored frame): the same
page and headers as the full path, and CSRF protection as before."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from lantern import testing
from lantern.hotline.models import Tip

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REPORT = {"what": "Workers are driven to a farm at night.", "city": "Kelowna",
          "province": "BC", "preferred_language": "en", "consents": ["contact_me"]}


@pytest.fixture(autouse=True)
def hotline_org():
    return testing.make_org("hotline", "ON")


def _form(client: Client, language: str = "en") -> tuple[str, str]:
    response = client.get(f"/{language}/report/")
    match = TOKEN.search(response.content.decode())
    assert response.status_code == 200 and match
    return response.content.decode(), match.group(1)


def test_the_form_is_the_page_and_the_headers_of_the_full_path():
    for language in ("en", "fr"):
        lean = Client().get(f"/{language}/report/")
        full_client = Client()
        full_client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
        full = full_client.get(f"/{language}/report/")
        # Only the CSRF token differs, as it does between any two requests.
        assert (TOKEN.sub("", lean.content.decode()) == TOKEN.sub("", full.content.decode()))
        # Expires is "now" (never_cache): the two requests may fall in different seconds.
        assert lean.headers.pop("Expires") and full.headers.pop("Expires")
        assert dict(lean.headers) == dict(full.headers)
        assert lean.cookies[settings.CSRF_COOKIE_NAME].value
        assert 'id="leave-quickly"' in lean.content.decode()


def test_a_report_needs_the_csrf_token_and_cookie():
    reporter = Client(enforce_csrf_checks=True)
    _page, token = _form(reporter)
    sent = reporter.post("/en/report/", {**REPORT, "csrfmiddlewaretoken": token})
    assert sent.status_code == 200 and 'id="follow-up-code"' in sent.content.decode()
    assert reporter.post("/en/report/", REPORT).status_code == 403
    stranger = Client(enforce_csrf_checks=True)
    assert stranger.post("/en/report/", {**REPORT, "csrfmiddlewaretoken": token}).status_code \
        == 403
    assert Tip.objects.count() == 1


def test_the_received_page_is_drawn_in_the_reporter_s_language():
    reporter = Client(enforce_csrf_checks=True)
    _page, token = _form(reporter, "fr")
    sent = reporter.post("/fr/report/", {**REPORT, "csrfmiddlewaretoken": token})
    html = sent.content.decode()
    code = re.search(r'id="follow-up-code">([0-9A-Z-]{14})<', html)
    assert code and '<html lang="fr">' in html and "Signalement reçu" in html
    assert sent["Cache-Control"].startswith("max-age=0")
