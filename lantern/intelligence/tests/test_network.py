"""The network drawn on the server, its table, and the analyst's logged reveal of a value."""

from __future__ import annotations

import re

import pytest

from lantern import testing
from lantern.audit.models import AuditEntry
from lantern.intelligence import actions
from lantern.intelligence.models import LinkAlert
from lantern.intelligence.tests.helpers import refresh
from lantern.linkage.models import PersonLink

pytestmark = pytest.mark.django_db

PLATE = "CFKT 123"


@pytest.fixture
def alerts(trio, forces) -> dict[str, LinkAlert]:
    """A plate typed on both cases; a phone only in people's identities; a linked person."""
    for user, case in ((trio.owner, forces.north_case), (trio.outsider, forces.south_case)):
        actions.add_identifier(user, case, kind="vehicle_plate", value=PLATE, source="tip")
    north = testing.add_victim(trio.owner, forces.north_case, given_name="Ana",
                               family_name="Fictive", phone="416 555 0142")
    south = testing.add_victim(trio.outsider, forces.south_case, given_name="Eva",
                               family_name="Other", phone="416-555-0142")
    PersonLink.objects.create(person=north, linked_id="LP-X")
    PersonLink.objects.create(person=south, linked_id="LP-X")
    refresh()
    return {alert.kind: alert for alert in LinkAlert.objects.all()}


def test_the_network_is_an_accessible_svg_with_the_same_content_as_a_table(
        forces, analyst, alerts, signed_in):
    html = signed_in(analyst).get("/en/intelligence/network/").content.decode()
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="network-title network-desc"' in svg
    assert '<title id="network-title">Network of the open link alerts</title>' in svg
    assert "2 cases of 2 police services linked through 4 identifiers or persons" in svg
    assert svg.count("<circle") == 2 and svg.count("<polygon") == 4 and svg.count("<line") == 8
    for text in (forces.north_case.reference, forces.south_case.reference, "LP-X",
                 "Vehicle plate …23", "Email address"):
        assert text in svg and text in html[html.index("</svg>"):], text
    assert "Phone number …" not in svg  # only in identities: nothing to show of it
    table = html[html.index("<table"):]
    assert table.count("<tr>") == 1 + 8
    assert "In the identity of person" in table and "Recorded on the case (from: Tip)" in table
    assert "found by linkage to be the same person" in table
    assert "CFKT" not in html and "555" not in html


def test_coordinates_stay_numbers_in_french(analyst, alerts, signed_in):
    html = signed_in(analyst).get("/fr/intelligence/network/").content.decode()
    coordinates = re.findall(r' c[xy]="([^"]*)"', html)
    assert coordinates and all(re.fullmatch(r"\d+(\.\d+)?", value) for value in coordinates)


def test_the_network_of_one_alert(forces, analyst, alerts, signed_in):
    plate = alerts["vehicle_plate"]
    html = signed_in(analyst).get(
        f"/en/intelligence/alerts/{plate.reference}/network/").content.decode()
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert f"Network of link alert {plate.reference}" in svg
    assert svg.count("<polygon") == 1 and svg.count("<line") == 2
    assert "stroke-dasharray" not in svg  # typed on both cases: solid lines
    entry = AuditEntry.objects.get(action="alert.network.view")
    assert entry.changes == {"alerts": [plate.reference]} and entry.kind == "read"


def test_a_closed_alert_leaves_the_network(analyst, alerts, signed_in):
    client = signed_in(analyst)
    plate = alerts["vehicle_plate"]
    client.post(f"/en/intelligence/alerts/{plate.reference}/status/", {"status": "closed"})
    assert AuditEntry.objects.get(action="alert.status").changes == {"status": ["new", "closed"]}
    assert "Vehicle plate" not in client.get("/en/intelligence/network/").content.decode()
    assert client.post(f"/en/intelligence/alerts/{plate.reference}/status/",
                       {"status": "new"}).status_code == 400


def test_an_analyst_reveals_a_value_and_the_read_is_logged(analyst, alerts, signed_in):
    client = signed_in(analyst)
    plate = alerts["vehicle_plate"]
    path = f"/en/intelligence/alerts/{plate.reference}/"
    assert "Show the value (recorded)" in client.get(path).content.decode()
    assert client.get(f"{path}reveal/").status_code == 405
    html = client.post(f"{path}reveal/").content.decode()
    assert PLATE in html and "recorded in the audit log" in html
    entry = AuditEntry.objects.get(action="alert.identifier.reveal")
    assert entry.actor == analyst and entry.kind == "read"
    assert entry.object_id == str(plate.pk) and "CFKT" not in str(entry.changes)


def test_a_value_found_only_in_identities_cannot_be_revealed_here(analyst, alerts, signed_in):
    client = signed_in(analyst)
    phone = alerts["phone"]
    path = f"/en/intelligence/alerts/{phone.reference}/"
    assert "Show the value" not in client.get(path).content.decode()
    assert client.post(f"{path}reveal/").status_code == 404
    assert not AuditEntry.objects.filter(action="alert.identifier.reveal").exists()
