"""Background work of the audit app, run by `lantern worker`."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_tasks import task

from lantern.accounts.models import User
from lantern.audit.actions import record
from lantern.audit.models import AuditEntry
from lantern.audit.verify import verify_chain


@task()
def verify_audit_chain(requested_by: int | None = None) -> dict[str, Any]:
    """Walk the whole chain, then append the outcome to it (verification is itself audited)."""
    report = verify_chain()
    outcome = {"checked": report.checked, "ok": report.ok,
               "broken_entry_id": report.broken_entry_id, "reason": report.reason}
    actor = User.objects.filter(pk=requested_by).first() if requested_by else None
    with transaction.atomic():
        record(actor=actor, action="audit.verify", kind=AuditEntry.Kind.SYSTEM,
               changes={"checked": report.checked, "ok": report.ok})
    return outcome
