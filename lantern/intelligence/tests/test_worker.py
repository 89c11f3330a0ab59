"""An identifier recorded on the page queues a refresh; the real worker raises the alert."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from lantern import testing
from lantern.intelligence.models import LinkAlert
from lantern.intelligence.tests.helpers import record_identifier

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_worker_raises_the_alert_after_an_identifier_is_recorded(trio, signed_in):
    north_case = testing.make_case(trio.owner, victims=0)
    south_case = testing.make_case(trio.outsider, victims=0)
    testing.add_victim(trio.outsider, south_case, given_name="Zoé", family_name="Fictive",
                       phone="416 555 0142")
    client = signed_in(trio.owner)
    assert record_identifier(client, north_case, "phone", "+1 (416) 555-0142").status_code == 302
    assert not LinkAlert.objects.exists()
    call_command("worker", "--batch", "--interval", "0.1", verbosity=0)
    alert = LinkAlert.objects.get()
    assert alert.kind == "phone"
    assert alert.reference in client.get("/en/intelligence/alerts/").content.decode()
