"""Identifiers of a police case, link alerts and the network. Views parse input, ask
``access``, call an action and render."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lantern.accounts.models import User
from lantern.intelligence import access, actions, network
from lantern.intelligence.forms import IdentifierForm
from lantern.intelligence.models import AlertCase, AlertService, CaseIdentifier, LinkAlert
from lantern.intelligence.sightings import sightings_of

# More would crowd the ring past reading; the table under the drawing is complete.
NETWORK_LIMIT = 40


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
@require_http_methods(["GET", "POST"])
def case_identifiers(request: HttpRequest, reference: str) -> HttpResponse:
    user = _user(request)
    case = access.police_case_for(user, reference)
    form = IdentifierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_identifier(user, case, **form.cleaned_data)
        except actions.AlreadyRecorded:
            form.add_error("value", _("This case already has this identifier."))
        else:
            messages.success(request, _(
                "Identifier recorded. If a case of another police service has it too, both "
                "services receive a link alert."))
            return redirect("intelligence:identifiers", reference=case.reference)
    return render(request, "intelligence/identifiers.html", {
        "case": case, "form": form,
        "identifiers": CaseIdentifier.objects.filter(case=case).select_related("added_by"),
    })


@dataclass
class AlertRow:
    alert: LinkAlert
    label: str
    services: list[str] = field(default_factory=list)
    own_cases: list[str] = field(default_factory=list)
    new: bool = False


def _analyst_rows(alerts: Sequence[LinkAlert]) -> list[AlertRow]:
    sightings = sightings_of(alerts)
    return [AlertRow(alert, network.entity_label(alert, sightings[alert.pk]),
                     services=sorted(s.organization.name for s in alert.services.all()))
            for alert in alerts]


def _service_rows(user: User, alerts: Sequence[LinkAlert]) -> list[AlertRow]:
    rows = []
    for alert in alerts:
        ours = [s for s in alert.services.all() if s.organization_id == user.organization_id]
        rows.append(AlertRow(
            alert, str(alert.get_kind_display()),
            services=sorted(s.organization.name for s in alert.services.all()
                            if s.organization_id != user.organization_id),
            own_cases=[link.case.reference for link in alert.own_links],  # type: ignore[attr-defined]
            new=any(s.is_new for s in ours)))
    return rows


@login_required
@require_safe
def alert_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    analyst = access.is_analyst(user)
    own_links = AlertCase.objects.filter(
        case__organization_id=user.organization_id).select_related("case")
    alerts = access.alerts_visible_to(user).annotate(
        case_count=Count("links", distinct=True)
    ).prefetch_related(
        Prefetch("services", queryset=AlertService.objects.select_related("organization")),
        Prefetch("links", queryset=own_links, to_attr="own_links"),
    ).order_by("-updated_at", "reference")  # Meta.ordering does not apply once annotated.
    status = request.GET.get("status", "")
    if analyst and status in LinkAlert.Status.values:
        alerts = alerts.filter(status=status)
    page = Paginator(alerts, 50).get_page(request.GET.get("page"))
    shown = list(page)
    access.log_alert_list(user, len(shown))
    return render(request, "intelligence/alert_list.html", {
        "page": page, "analyst": analyst, "status": status,
        "statuses": LinkAlert.Status.choices,
        "rows": _analyst_rows(shown) if analyst else _service_rows(user, shown),
    })


def _detail(request: HttpRequest, alert: LinkAlert, revealed: str | None = None) -> HttpResponse:
    user = _user(request)
    analyst = access.is_analyst(user)
    sightings = access.sightings_for(user, alert)
    services = AlertService.objects.filter(alert=alert).select_related("organization")
    context: dict[str, Any] = {
        "alert": alert, "analyst": analyst, "sightings": sightings, "revealed": revealed,
        # A service sees the last characters of its own identifier, never a linked-person id.
        "label": (alert.get_kind_display() if alert.kind == LinkAlert.PERSON and not analyst
                  else network.entity_label(alert, sightings)),
        "other_services": sorted(s.organization.name for s in services
                                 if analyst or s.organization_id != user.organization_id),
        "can_reveal": analyst and revealed is None and access.revealable(alert) is not None,
    }
    return render(request, "intelligence/alert_detail.html", context)


@login_required
@require_safe
def alert_detail(request: HttpRequest, reference: str) -> HttpResponse:
    return _detail(request, access.open_alert(_user(request), reference))


@login_required
@require_POST
def alert_reveal(request: HttpRequest, reference: str) -> HttpResponse:
    """The value, on the response to a POST only: never in a URL or the browser history."""
    user = _user(request)
    access.require_analyst(user)
    alert = access.alert_for(user, reference)
    return _detail(request, alert, revealed=access.reveal_value(user, alert))


@login_required
@require_POST
def alert_status(request: HttpRequest, reference: str) -> HttpResponse:
    user = _user(request)
    access.require_analyst(user)
    alert = access.alert_for(user, reference)
    try:
        actions.set_alert_status(user, alert, request.POST.get("status", ""))
    except ValueError:
        return HttpResponseBadRequest()
    return redirect("intelligence:alert", reference=alert.reference)


def _network_page(request: HttpRequest, alerts: list[LinkAlert], **extra: Any) -> HttpResponse:
    sightings = access.read_network(_user(request), alerts)
    return render(request, "intelligence/network.html", {
        "network": network.build(alerts, sightings), **extra})


@login_required
@require_safe
def network_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access.require_analyst(user)
    open_alerts = access.alerts_visible_to(user).exclude(status=LinkAlert.Status.CLOSED)
    alerts = list(open_alerts[:NETWORK_LIMIT])
    return _network_page(request, alerts, total=open_alerts.count(), limit=NETWORK_LIMIT)


@login_required
@require_safe
def alert_network(request: HttpRequest, reference: str) -> HttpResponse:
    user = _user(request)
    access.require_analyst(user)
    alert = access.alert_for(user, reference)
    return _network_page(request, [alert], alert=alert)
