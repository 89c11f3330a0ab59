"""Writes of the intelligence app: identifiers added to a case, an alert's status.

Raising alerts is ``detect.refresh_alerts``, run by the worker after identifiers are added
and by ``lantern link_alerts``.
"""

from __future__ import annotations

from django.db import transaction

from lantern.accounts.models import User
from lantern.audit.actions import IDENTIFYING, record
from lantern.cases.models import Case
from lantern.core import crypto
from lantern.intelligence import identifiers
from lantern.intelligence.access import require_analyst
from lantern.intelligence.models import CaseIdentifier, LinkAlert


class AlreadyRecorded(Exception):
    """The case already has this identifier."""


def add_identifier(actor: User, case: Case, *, kind: str, value: str,
                   source: str) -> CaseIdentifier:
    """Record an identifier met in ``case``, sealed and indexed, then queue a refresh of the
    link alerts. The caller reached the case through ``access.police_case_for``.

    ValueError when the value cannot be indexed (forms check ``identifiers.problem``
    first); AlreadyRecorded when the case holds the same value of the same kind.
    """
    from lantern.intelligence.tasks import refresh_link_alerts

    normalized = identifiers.normalize(kind, value)
    if identifiers.problem(kind, normalized) is not None:
        raise ValueError(f"not a usable {kind}")
    index = identifiers.index_of(kind, value)
    with transaction.atomic():
        if CaseIdentifier.objects.filter(case=case, kind=kind, value_index=index).exists():
            raise AlreadyRecorded
        identifier = CaseIdentifier(case=case, kind=kind, source=source, added_by=actor,
                                    value_index=index, hint=identifiers.hint(normalized))
        identifier.value_sealed = crypto.encrypt(value.strip(), identifier.value_context)
        identifier.save()
        record(actor=actor, action="case.identifier.add", target=identifier,
               owner=case.organization,
               changes={"case": case.reference, "kind": kind, "source": source,
                        "value": IDENTIFYING})
    transaction.on_commit(lambda: refresh_link_alerts.enqueue())
    return identifier


def set_alert_status(actor: User, alert: LinkAlert, status: str) -> LinkAlert:
    """A national analyst closes an alert, or opens it again (seen)."""
    require_analyst(actor)
    if status not in (LinkAlert.Status.SEEN, LinkAlert.Status.CLOSED):
        raise ValueError(f"an analyst cannot set status {status!r}")
    with transaction.atomic():
        before = alert.status
        alert.status = status
        alert.save(update_fields=["status"])
        record(actor=actor, action="alert.status", target=alert,
               changes={"status": [before, status]})
    return alert
