"""Writing to the audit log. Every action of every app calls :func:`record` in its transaction."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import UTC
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone

from lantern.audit.models import AuditChainHead, AuditEntry

if TYPE_CHECKING:
    from lantern.accounts.models import User
    from lantern.organizations.models import Organization

GENESIS_HASH = "0" * 64
IDENTIFYING = "[identifying value changed]"


def entry_hash(entry: AuditEntry) -> str:
    """The SHA-256 of an entry's content and the hash of the entry before it."""
    content = {
        "at": entry.at.astimezone(UTC).isoformat(),
        "actor": entry.actor_id,
        "actor_username": entry.actor_username,
        "actor_organization": str(entry.actor_organization_id or ""),
        "owner_organization": str(entry.owner_organization_id or ""),
        "kind": entry.kind,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "changes": entry.changes,
        "prev_hash": entry.prev_hash,
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def diff(
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    identifying: Iterable[str] = (),
) -> dict[str, Any]:
    """Old and new values of the fields that changed; identifying values are never written."""
    secret = set(identifying)
    changes: dict[str, Any] = {}
    for field in sorted(set(before) | set(after)):
        old, new = before.get(field), after.get(field)
        if old == new:
            continue
        changes[field] = IDENTIFYING if field in secret else [_plain(old), _plain(new)]
    return changes


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return str(value)


def record(
    *,
    actor: User | None,
    action: str,
    kind: str = AuditEntry.Kind.WRITE,
    target: models.Model | None = None,
    owner: Organization | None = None,
    changes: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the chain. Must run inside the caller's transaction."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record must run inside the action's transaction")
    actor_org = actor.organization if actor is not None else None
    entry = AuditEntry(
        at=timezone.now(),
        actor=actor,
        actor_username=actor.get_username() if actor is not None else "",
        actor_organization=actor_org,
        owner_organization=owner or actor_org,
        kind=kind,
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        changes=dict(changes or {}),
        prev_hash=_lock_head(connection),
    )
    # The id is not hashed: order is carried by each entry naming its predecessor's hash,
    # so the row is written once and never updated (a database trigger forbids updates).
    entry.hash = entry_hash(entry)
    entry.save()
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {_HEAD} SET last_id = %s, last_hash = %s WHERE id = 1",  # noqa: S608
                       [entry.id, entry.hash])
    return entry


_HEAD = AuditChainHead._meta.db_table


def _lock_head(connection: Any) -> str:
    """Lock the chain head until the transaction ends and return the newest hash: one plain
    statement, as every audited write runs it (on SQLite the transaction already holds the
    database's write lock, see ADR 0003)."""
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT last_hash FROM {_HEAD} WHERE id = 1{lock}")  # noqa: S608
        row = cursor.fetchone()
    if row is not None:
        return str(row[0])
    # The first entry of a database (get_or_create settles two first writers).
    AuditChainHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS_HASH})
    return _lock_head(connection)
