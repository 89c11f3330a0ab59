"""What a steward does: start a run, decide on a pair."""

from __future__ import annotations

from django.db import transaction

from lantern.accounts.models import User
from lantern.audit.actions import record
from lantern.linkage import runs
from lantern.linkage.access import require_reviewer
from lantern.linkage.models import LinkageRun, LinkDecision, ReviewPair


def start_run(user: User, scope: str) -> tuple[LinkageRun, bool]:
    require_reviewer(user)
    return runs.start(user, scope, "steward")


def decide(user: User, pair: ReviewPair, verdict: str) -> LinkDecision:
    """Keep a steward's word on a pair; the next run (queued now, incremental) applies it."""
    require_reviewer(user)
    if verdict not in LinkDecision.Verdict.values:
        raise ValueError(f"unknown verdict {verdict!r}")
    with transaction.atomic():
        decision, _created = LinkDecision.objects.update_or_create(
            left=pair.left, right=pair.right,
            defaults={"verdict": verdict, "decided_by": user, "applied_by": None},
        )
        ReviewPair.objects.filter(pk=pair.pk).update(status=ReviewPair.Status.DECIDED)
        record(actor=user, action="linkage.pair.decide", target=decision,
               changes={"verdict": verdict, "pair": pair.pk})
    runs.start(user, LinkageRun.Scope.INCREMENTAL, "decision")
    return decision
