"""Who sees link alerts, and every logged read of them.

National law-enforcement analysts (``national:link:view``) see every alert, every case on
it, the network, and may reveal an identifier's value. Police investigators
(``org:alert:view``) see the alerts on their own service's cases: their own cases, the kind
of identifier and which other services to contact, never those services' cases, people or
the value. Both need a session verified by the second factor. Every view is logged.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from lantern.accounts.models import User
from lantern.accounts.permissions import Permission
from lantern.audit.actions import record
from lantern.audit.models import AuditEntry
from lantern.cases.access import case_for
from lantern.cases.models import Case
from lantern.core import crypto
from lantern.intelligence.models import POLICE_SERVICE, AlertService, CaseIdentifier, LinkAlert
from lantern.intelligence.sightings import Sighting, sightings_of
from lantern.organizations.models import Organization


def _holds(user: User, permission: Permission) -> bool:
    return (user.is_authenticated and user.has_lantern_permission(permission)
            and user.is_verified())  # type: ignore[attr-defined]  # set by django-otp


def is_analyst(user: User) -> bool:
    """A national analyst in a session verified by the second factor."""
    return _holds(user, Permission.LINK_VIEW)


def require_analyst(user: User) -> None:
    """PermissionDenied unless ``user`` is a verified national analyst."""
    if not is_analyst(user):
        raise PermissionDenied


def require_alert_reader(user: User) -> None:
    """PermissionDenied unless ``user`` is a verified national analyst or police
    investigator."""
    if not (is_analyst(user) or _holds(user, Permission.ALERT_VIEW)):
        raise PermissionDenied


def police_case_for(user: User, reference: str) -> Case:
    """A case of the user's own organization to record identifiers on (``org:case:edit``;
    404 for another organization's case).

    Only police cases take part in alerts: a hotline's or a provider's information reaches
    police through a disclosure, never through a match, so their staff get 403 here."""
    case = case_for(user, reference, Permission.CASE_EDIT)
    if case.organization.kind != POLICE_SERVICE:
        raise PermissionDenied
    return case


def alerts_visible_to(user: User) -> QuerySet[LinkAlert]:
    """Every alert for an analyst; for a police investigator, those on their service's
    cases."""
    require_alert_reader(user)
    if is_analyst(user):
        return LinkAlert.objects.all()
    return LinkAlert.objects.filter(services__organization_id=user.organization_id)


def alert_for(user: User, reference: str) -> LinkAlert:
    """The alert with ``reference`` if ``user`` may see it; 404 otherwise, so that a service
    not involved cannot learn that an alert exists."""
    try:
        return alerts_visible_to(user).get(reference=reference)
    except LinkAlert.DoesNotExist:
        raise Http404 from None


def sightings_for(user: User, alert: LinkAlert) -> list[Sighting]:
    """What ``user`` may see of an alert's cases: all for an analyst, the user's own
    service's for a police investigator."""
    sightings = sightings_of([alert])[alert.pk]
    if is_analyst(user):
        return sightings
    return [s for s in sightings if s.case.organization_id == user.organization_id]


def _log_read(user: User, action: str, target: models.Model | None = None,
              changes: Mapping[str, Any] | None = None,
              owner: Organization | None = None) -> None:
    record(actor=user, action=action, kind=AuditEntry.Kind.READ, target=target,
           changes=changes, owner=owner)


def open_alert(user: User, reference: str) -> LinkAlert:
    """An alert for its page: the view is logged, and the alert marked seen by the
    analysts or by the user's service, in the same transaction."""
    alert = alert_for(user, reference)
    with transaction.atomic():
        if is_analyst(user):
            if alert.status == LinkAlert.Status.NEW:
                alert.status = LinkAlert.Status.SEEN
                alert.save(update_fields=["status"])
        else:
            AlertService.objects.filter(alert=alert, organization_id=user.organization_id
                                        ).update(seen_at=timezone.now())
        _log_read(user, "alert.view", alert, {"kind": alert.kind})
    return alert


def log_alert_list(user: User, shown: int) -> None:
    """Log a view of the alert list (how many alerts it showed)."""
    require_alert_reader(user)
    with transaction.atomic():
        _log_read(user, "alert.list.view", changes={"alerts": shown})


def read_network(user: User, alerts: list[LinkAlert]) -> dict[uuid.UUID, list[Sighting]]:
    """The sightings of ``alerts`` for the network (analysts only); the view is logged with
    the alerts it drew."""
    require_analyst(user)
    sightings = sightings_of(alerts)
    with transaction.atomic():
        _log_read(user, "alert.network.view",
                  changes={"alerts": [alert.reference for alert in alerts]})
    return sightings


def revealable(alert: LinkAlert) -> CaseIdentifier | None:
    """An identifier recorded on one of the alert's cases that holds its value; None when
    the value was met only in people's identities, or for a linked person."""
    if alert.kind == LinkAlert.PERSON:
        return None
    return CaseIdentifier.objects.filter(
        kind=alert.kind, value_index=alert.key, case__alert_links__alert=alert
    ).order_by("added_at").first()


def reveal_value(user: User, alert: LinkAlert) -> str:
    """The identifier's value as a police service typed it, for an analyst; logged (without
    the value) in the same transaction. 404 when no identifier holds it."""
    require_analyst(user)
    identifier = revealable(alert)
    if identifier is None:
        raise Http404
    with transaction.atomic():
        value = crypto.decrypt(identifier.value_sealed, identifier.value_context)
        # Logged against the service that recorded it, so its own audit log shows the read.
        _log_read(user, "alert.identifier.reveal", alert,
                  {"kind": alert.kind, "identifier": str(identifier.pk)},
                  owner=identifier.case.organization)
    return value
