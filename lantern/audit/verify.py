"""Checking the audit chain end to end."""

from __future__ import annotations

from dataclasses import dataclass

from lantern.audit.actions import GENESIS_HASH, entry_hash
from lantern.audit.models import AuditChainHead, AuditEntry


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_entry_id: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_entry_id is None and not self.reason


def verify_chain() -> ChainReport:
    """Recompute every hash in order; name the first entry whose content or link is wrong."""
    previous = GENESIS_HASH
    checked = 0
    last_id = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.prev_hash != previous:
            return ChainReport(
                checked, entry.id, "its link to the entry before it is broken "
                "(an entry was removed, inserted or reordered)"
            )
        if entry_hash(entry) != entry.hash:
            return ChainReport(checked, entry.id, "its content does not match its hash (edited)")
        previous = entry.hash
        last_id = entry.id
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None and checked:
        return ChainReport(checked, None, "the chain head is missing")
    if head is not None and (head.last_hash != previous or head.last_id != last_id):
        return ChainReport(
            checked, None, f"the newest entries after {last_id} were removed (chain head differs)"
        )
    return ChainReport(checked)
