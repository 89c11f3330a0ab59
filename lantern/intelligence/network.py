"""The network of linked cases, drawn on the server as SVG.

A fixed layout, the same on every draw: cases on an outer ring, grouped by police service
(a gap between services, a colour each); the identifiers and linked persons on an inner
ring, each in the direction of its cases, so that lines stay short and cross little.
The template ``intelligence/network_svg.html`` draws it; the table under it says the same.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lantern.cases.models import Case
from lantern.intelligence.models import LinkAlert
from lantern.intelligence.sightings import Sighting

WIDTH, HEIGHT = 800, 650
CENTRE_X, CENTRE_Y = WIDTH / 2, HEIGHT / 2
OUTER, INNER, RING_STEP = 270.0, 175.0, 70.0
# Okabe and Ito's palette, told apart with the common colour-vision deficiencies; every
# shape also has a dark outline and a label, so colour is never the only cue.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442",
           "#000000")


@dataclass(frozen=True)
class Node:
    kind: str  # "case", "identifier" or "person"
    label: str
    title: str
    x: float
    y: float
    colour: str
    # The outline of a square (identifier) or diamond (person); cases are circles.
    points: str
    label_x: float
    label_y: float
    anchor: str


@dataclass(frozen=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    # Solid: recorded on the case as an identifier; dashed: found in a person's record.
    dashed: bool


@dataclass(frozen=True)
class Row:
    alert: LinkAlert
    entity: str
    sighting: Sighting


@dataclass(frozen=True)
class Service:
    name: str
    colour: str
    cases: int


@dataclass(frozen=True)
class Network:
    nodes: list[Node]
    edges: list[Edge]
    rows: list[Row]
    services: list[Service]
    cases: int
    entities: int
    width: int = WIDTH
    height: int = HEIGHT


# Short names on the drawing, where space is tight; the table and tooltips say it in full.
SHORT_KINDS: dict[str, Promise] = {
    "phone": _("Phone"),
    "email": _("Email"),
    "ad_handle": _("Handle"),
    "financial_account": _("Account"),
    "vehicle_plate": _("Plate"),
    "address": _("Address"),
}


def _short_label(alert: LinkAlert, sightings: Sequence[Sighting]) -> str:
    if alert.kind == LinkAlert.PERSON:
        return alert.key
    hint = next((s.hint for s in sightings if s.hint), "")
    return f"{SHORT_KINDS[alert.kind]} …{hint}" if hint else str(SHORT_KINDS[alert.kind])


def entity_label(alert: LinkAlert, sightings: Sequence[Sighting]) -> str:
    """What an alert's inner node is called: the linked-person id, or the identifier's
    kind and its last characters (never the value)."""
    if alert.kind == LinkAlert.PERSON:
        return alert.key
    hint = next((s.hint for s in sightings if s.hint), "")
    return f"{alert.get_kind_display()} …{hint}" if hint else str(alert.get_kind_display())


def _point(angle: float, radius: float) -> tuple[float, float]:
    return (round(CENTRE_X + radius * math.cos(angle), 1),
            round(CENTRE_Y + radius * math.sin(angle), 1))


def _outline(kind: str, x: float, y: float) -> str:
    if kind == "person":
        corners = [(x, y - 11), (x + 11, y), (x, y + 11), (x - 11, y)]
    else:
        corners = [(x - 9, y - 9), (x + 9, y - 9), (x + 9, y + 9), (x - 9, y + 9)]
    return " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in corners)


def _case_angles(cases: list[Case]) -> dict[uuid.UUID, float]:
    """Cases ordered by service then reference round the ring, one empty slot between
    services."""
    ordered = sorted(cases, key=lambda case: (case.organization.name, case.reference))
    services = len({case.organization_id for case in ordered})
    slots = len(ordered) + (services if services > 1 else 0)
    angles: dict[uuid.UUID, float] = {}
    slot, previous = 0, None
    for case in ordered:
        if previous is not None and case.organization_id != previous:
            slot += 1
        angles[case.pk] = -math.pi / 2 + 2 * math.pi * slot / max(slots, 1)
        previous = case.organization_id
        slot += 1
    return angles


def _case_label(angle: float, x: float, y: float) -> tuple[float, float, str]:
    cos, sin = math.cos(angle), math.sin(angle)
    if abs(cos) < 0.25:
        # Near the top or the bottom: the label above or below the node, centred.
        return x, round(y + (22 if sin > 0 else -14), 1), "middle"
    lx, ly = _point(angle, OUTER + 14)
    return lx, round(ly + 4, 1), "start" if cos > 0 else "end"


def _case_ids(sightings: list[Sighting]) -> list[uuid.UUID]:
    """The cases of an alert's sightings, each once, in order."""
    return list(dict.fromkeys(s.case.pk for s in sightings))


def _mean_angle(angles: list[float]) -> float:
    return math.atan2(sum(map(math.sin, angles)), sum(map(math.cos, angles)))


def _inner_angles(directions: list[float]) -> list[float]:
    """Evenly spaced angles in the order of ``directions`` (sorted), turned as a whole to sit
    closest to them."""
    step = 2 * math.pi / len(directions)
    turn = _mean_angle([direction - step * i for i, direction in enumerate(directions)])
    return [turn + step * i for i in range(len(directions))]


def build(alerts: Sequence[LinkAlert], sightings: dict[uuid.UUID, list[Sighting]],
          colours: Sequence[str] = PALETTE) -> Network:
    """The network of ``alerts``: their cases, the identifiers and linked persons, and a
    line for each case an alert was sighted in."""
    cases = {s.case.pk: s.case for alert in alerts for s in sightings.get(alert.pk, [])}
    angles = _case_angles(list(cases.values()))
    service_names = sorted({case.organization.name for case in cases.values()})
    colour_of = {name: colours[i % len(colours)] for i, name in enumerate(service_names)}
    nodes: list[Node] = []
    position: dict[uuid.UUID, tuple[float, float]] = {}
    for case_id, angle in angles.items():
        case = cases[case_id]
        x, y = position[case_id] = _point(angle, OUTER)
        lx, ly, anchor = _case_label(angle, x, y)
        nodes.append(Node("case", case.reference, f"{case.reference}, {case.organization.name}",
                          x, y, colour_of[case.organization.name], "", lx, ly, anchor))
    # Identifiers and linked persons on an inner ring, in the direction of their cases (two
    # rings, alternately, when there are many, so that labels do not run into each other).
    drawn = [alert for alert in alerts if sightings.get(alert.pk)]
    direction = {alert.pk: _mean_angle([angles[c] for c in _case_ids(sightings[alert.pk])])
                 for alert in drawn}
    drawn.sort(key=lambda alert: (direction[alert.pk], alert.reference))
    inner = _inner_angles([direction[alert.pk] for alert in drawn]) if drawn else []
    edges: list[Edge] = []
    rows: list[Row] = []
    for i, alert in enumerate(drawn):
        alert_sightings = sightings[alert.pk]
        radius = 0.0 if len(drawn) == 1 else INNER - (RING_STEP if len(drawn) > 10 and i % 2
                                                      else 0.0)
        x, y = _point(inner[i], radius)
        kind = "person" if alert.kind == LinkAlert.PERSON else "identifier"
        label = entity_label(alert, alert_sightings)
        nodes.append(Node(kind, _short_label(alert, alert_sightings),
                          f"{label} ({alert.reference})", x, y, "#ffffff",
                          _outline(kind, x, y), x, round(y + 26, 1), "middle"))
        typed = {s.case.pk for s in alert_sightings if s.how == "identifier"}
        for case_id in _case_ids(alert_sightings):
            cx, cy = position[case_id]
            edges.append(Edge(cx, cy, x, y, dashed=case_id not in typed))
        rows += [Row(alert, label, sighting) for sighting in alert_sightings]
    services = [Service(name, colour_of[name],
                        sum(1 for case in cases.values() if case.organization.name == name))
                for name in service_names]
    return Network(nodes=nodes, edges=edges, rows=rows, services=services, cases=len(cases),
                   entities=len(drawn))
