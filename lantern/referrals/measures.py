"""Referral measures per service type and province: time to accept, share accepted, share
done, and unmet needs (recorded, and needs with no provider accepting there now)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass

from lantern.directory.search import Query, matching_providers
from lantern.referrals.models import Referral, UnmetNeed


@dataclass
class Row:
    need: str
    province: str
    sent: int = 0
    accepted: int = 0
    done: int = 0
    declined: int = 0
    median_hours_to_accept: float | None = None
    unmet_recorded: int = 0
    accepting_providers: int = 0

    @property
    def share_accepted(self) -> float | None:
        return self.accepted / self.sent if self.sent else None

    @property
    def share_done(self) -> float | None:
        return self.done / self.sent if self.sent else None


def _accepting_providers(need: str, province: str) -> int:
    providers = matching_providers(Query(service=need, province=province))
    return providers.filter(capacity_status="accepting").count()


def referral_measures() -> list[Row]:
    rows: dict[tuple[str, str], Row] = {}
    hours: dict[tuple[str, str], list[float]] = defaultdict(list)
    for need, province, status, sent_at, accepted_at in Referral.objects.values_list(
            "need", "province", "status", "sent_at", "accepted_at").iterator():
        row = rows.setdefault((need, province), Row(need, province))
        row.sent += 1
        # A referral that was accepted counts as accepted even once it is done.
        row.accepted += accepted_at is not None
        row.done += status == Referral.Status.DONE
        row.declined += status == Referral.Status.DECLINED
        if accepted_at is not None:
            hours[(need, province)].append((accepted_at - sent_at).total_seconds() / 3600)
    for need, province in UnmetNeed.objects.values_list("need", "province").iterator():
        rows.setdefault((need, province), Row(need, province)).unmet_recorded += 1
    for key, row in rows.items():
        if hours[key]:
            row.median_hours_to_accept = round(statistics.median(hours[key]), 1)
        row.accepting_providers = _accepting_providers(row.need, row.province)
    return sorted(rows.values(), key=lambda r: (r.province, r.need))
