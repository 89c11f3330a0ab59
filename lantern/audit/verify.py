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
    """Recompute every hash in order, up to the chain head read at the start (entries
    appended meanwhile are left for the next run); name the first entry that is wrong."""
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None:
        if AuditEntry.objects.exists():
            return ChainReport(0, None, "the chain head is missing")
        return ChainReport(0)
    previous = GENESIS_HASH
    checked = 0
    last_id = 0
    entries = AuditEntry.objects.filter(id__lte=head.last_id).order_by("id")
    for entry in entries.iterator(chunk_size=2000):
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
    if head.last_hash != previous or head.last_id != last_id:
        return ChainReport(
            checked, None, f"the newest entries after {last_id} were removed (chain head differs)"
        )
    return ChainReport(checked)
