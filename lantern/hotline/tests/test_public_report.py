"""The anonymous report form and its follow-up code: nothing lost, nothing leaked."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.audit.models import AuditEntry
from lantern.hotline.models import Tip

pytestmark = pytest.mark.django_db

REPORT = {"what": "A van drops workers at the farm at 5 a.m.; they look afraid.",
          "city": "Kelowna", "province": "BC", "when_text": "every morning this week",
          "who_at_risk": "About six young men", "contact": "reporter@example.org",
          "preferred_language": "fr", "consents": ["contact_me", "share_with_police"]}


@pytest.fixture
def hotline_org():
    return testing.make_org("hotline", "ON")


def _submit(client: Client, **changes) -> tuple[object, str]:
    response = client.post("/en/report/", {**REPORT, **changes})
    html = response.content.decode()
    match = re.search(r'id="follow-up-code">([0-9A-Z-]{14})<', html)
    return response, match.group(1) if match else ""


def test_a_report_returns_a_code_and_is_stored_sealed(client, hotline_org):
    response, code = _submit(client)
    assert response.status_code == 200 and code
    assert response["Cache-Control"].startswith("max-age=0")
    tip = Tip.objects.get()
    assert tip.organization == hotline_org and tip.consents == REPORT["consents"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM hotline_tip")
        raw = str(cursor.fetchall())
    for secret in ("van drops", "six young men", "reporter@example.org", code,
                   code.replace("-", "")):
        assert secret not in raw


def test_the_code_shows_status_and_replies_and_takes_more_information(hotline_org, signed_in):
    reporter = Client()
    _, code = _submit(reporter)
    advocate = testing.make_user(hotline_org, Role.HOTLINE_ADVOCATE)
    staff = signed_in(advocate)
    tip = Tip.objects.get()
    staff.post(f"/en/hotline/tips/{tip.id}/", {"action": "status", "status": "under_review"})
    staff.post(f"/en/hotline/tips/{tip.id}/", {"action": "reply",
                                               "body": "Thank you, we are looking into it."})
    status = reporter.post("/en/report/follow-up/", {"code": code.lower()}).content.decode()
    assert "Under review" in status or "under review" in status.lower()
    assert "we are looking into it" in status
    assert "van drops" not in status  # the report itself is never shown back
    added = reporter.post("/en/report/follow-up/", {"code": code, "more": "Plates: FAKE 123"})
    assert "was added to the report" in added.content.decode()
    opened = staff.post(f"/en/hotline/tips/{tip.id}/", {"action": "open"}).content.decode()
    assert "van drops" in opened and "Plates: FAKE 123" in opened
    assert AuditEntry.objects.filter(action="tip.reveal", actor=advocate).exists()


def test_a_wrong_code_finds_nothing(client, hotline_org):
    _submit(client)
    html = client.post("/en/report/follow-up/", {"code": "AAAA-BBBB-CCCC"}).content.decode()
    assert "We found no report with this code" in html


def test_a_validation_error_keeps_what_was_typed(client, hotline_org):
    response = client.post("/en/report/", {**REPORT, "what": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "not sent yet" in html
    assert "About six young men" in html and "reporter@example.org" in html
    assert Tip.objects.count() == 0


def test_the_honeypot_keeps_the_report_out_of_the_inbox(client, hotline_org, signed_in):
    response, code = _submit(client, website="http://spam.example")
    assert response.status_code == 200 and code  # a robot learns nothing
    tip = Tip.objects.get()
    assert tip.suspected_spam
    advocate = signed_in(testing.make_user(hotline_org, Role.HOTLINE_ADVOCATE))
    assert str(tip.id) not in advocate.get("/en/hotline/tips/").content.decode()
    assert str(tip.id) in advocate.get("/en/hotline/tips/", {"spam": "1"}).content.decode()


def test_floods_are_refused_and_the_text_is_kept(client, hotline_org, settings):
    settings.LANTERN_TIP_LIMIT_PER_HOUR = 2
    assert _submit(client)[0].status_code == 200
    assert _submit(client)[0].status_code == 200
    refused, code = _submit(client)
    assert refused.status_code == 429 and not code
    assert "About six young men" in refused.content.decode()
    assert Tip.objects.count() == 2
    # Another address is not affected.
    other = Client(REMOTE_ADDR="192.0.2.77")
    assert _submit(other)[0].status_code == 200


def test_another_hotline_cannot_open_the_tip(hotline_org, signed_in):
    _submit(Client())
    tip = Tip.objects.get()
    outsider = signed_in(testing.make_user(testing.make_org("hotline", "QC"),
                                           Role.HOTLINE_ADVOCATE))
    assert outsider.post(f"/en/hotline/tips/{tip.id}/", {"action": "open"}).status_code == 404
    assert str(tip.id) not in outsider.get("/en/hotline/tips/").content.decode()
