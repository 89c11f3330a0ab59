"""Writes of the referral mechanism. Each step is one transaction with its audit entry
and its timeline event."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone

from lantern.accounts.models import User
from lantern.accounts.permissions import Permission
from lantern.audit.actions import diff, record
from lantern.cases.models import Consent, Person
from lantern.core import crypto
from lantern.directory.models import Provider
from lantern.referrals.models import Referral, ReferralEvent, UnmetNeed

S = Referral.Status
# Which step may follow which.
TRANSITIONS: dict[str, set[str]] = {
    S.SENT: {S.ACCEPTED, S.DECLINED, S.REVOKED},
    S.ACCEPTED: {S.DONE, S.REVOKED},
}


class ReferralRefused(Exception):
    """The referral cannot be sent or moved this way; the message says why."""


def active_share_consent(person: Person, organization_id: uuid.UUID) -> Consent | None:
    """The person's current consent to share with that organization, if any."""
    return (person.consents.filter(purpose="share", shared_with_id=organization_id,
                                   withdrawn_at__isnull=True)
            .order_by("-given_at").first())


def _event(referral: Referral, actor: User, status: str, note: str = "") -> None:
    ReferralEvent.objects.create(referral=referral, at=timezone.now(), actor=actor,
                                 organization=actor.organization, status=status, note=note)


def refer_person_to_provider(
    actor: User, person: Person, provider: Provider, *, need: str, summary: str,
    warm_transfer: bool = False, override_reason: str = "", province: str = "",
) -> Referral:
    """Send a referral. It needs the person's consent to share with the provider, unless a
    supervisor overrides with a reason, which is kept and logged."""
    consent = active_share_consent(person, provider.organization_id)
    # A reason typed while consent exists is no override: nothing is kept of it.
    override = "" if consent is not None else override_reason.strip()
    if consent is None:
        if not override:
            raise ReferralRefused("no consent to share with this provider")
        if not actor.has_lantern_permission(Permission.REFERRAL_OVERRIDE):
            raise ReferralRefused("only a supervisor may send a referral without consent")
    sites = list(provider.sites.all())
    site = next((s for s in sites if s.province == province), sites[0] if sites else None)
    with transaction.atomic():
        referral = Referral(sender_organization=actor.organization, sender=actor,
                            person=person, provider=provider, need=need,
                            province=site.province if site else "", consent=consent,
                            warm_transfer=warm_transfer, sent_at=timezone.now())
        if consent is None:
            referral.override_reason, referral.overridden_by = override, actor
        referral.summary_sealed = crypto.encrypt(summary, f"referrals:{referral.id}:summary")
        referral.save()
        # The reason stays with the sender (and the audit log): the timeline is shared.
        _event(referral, actor, S.SENT, "consent override" if override else "")
        record(actor=actor, action="referral.send", target=referral,
               owner=actor.organization, changes={
                   "provider": provider.organization.code, "need": need,
                   "consent": str(consent.pk) if consent else "",
                   "override_reason": override, "warm_transfer": warm_transfer})
    return referral


def _move(actor: User, referral: Referral, status: str, note: str = "",
          decline_reason: str = "") -> Referral:
    with transaction.atomic():
        # Locked and read again: a revoke and an accept arriving together cannot both win.
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        if status not in TRANSITIONS.get(referral.status, set()):
            raise ReferralRefused(f"a {referral.status} referral cannot become {status}")
        before = referral.status
        referral.status = status
        now = timezone.now()
        if status == S.ACCEPTED:
            referral.accepted_at = now
        else:
            referral.closed_at = now
        referral.decline_reason = decline_reason
        referral.save(update_fields=["status", "accepted_at", "closed_at", "decline_reason"])
        _event(referral, actor, status, note)
        record(actor=actor, action=f"referral.{status}", target=referral,
               owner=referral.sender_organization,
               changes=diff({"status": before}, {"status": status, "reason": decline_reason}))
    return referral


def accept_referral(actor: User, referral: Referral, note: str = "") -> Referral:
    """The provider takes the person on."""
    return _move(actor, referral, S.ACCEPTED, note)


def decline_referral(actor: User, referral: Referral, reason: str, note: str = "") -> Referral:
    """The provider cannot take the person on, and says why."""
    return _move(actor, referral, S.DECLINED, note, decline_reason=reason)


def complete_referral(actor: User, referral: Referral, note: str = "") -> Referral:
    """The service was given: the loop is closed."""
    return _move(actor, referral, S.DONE, note)


def revoke_referral(actor: User, referral: Referral, note: str = "") -> Referral:
    """The sender withdraws the referral; the provider can no longer read what it shared."""
    return _move(actor, referral, S.REVOKED, note)


def revoke_referrals_of_consent(actor: User, consent: Consent) -> int:
    """A withdrawn consent revokes the open referrals that were sent under it."""
    revoked = 0
    for referral in Referral.objects.filter(consent=consent, status__in=[S.SENT, S.ACCEPTED]):
        _move(actor, referral, S.REVOKED, "consent withdrawn")
        revoked += 1
    return revoked


def record_unmet_need(actor: User, need: str, province: str) -> UnmetNeed:
    """Note a need no provider could take, for the measures."""
    with transaction.atomic():
        unmet = UnmetNeed.objects.create(organization=actor.organization, recorded_by=actor,
                                         need=need, province=province,
                                         recorded_at=timezone.now())
        record(actor=actor, action="referral.unmet_need", target=unmet,
               changes={"need": need, "province": province})
    return unmet
