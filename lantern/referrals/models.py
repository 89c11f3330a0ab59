"""The closed-loop referral: sent with consent, accepted or declined with a reason, done.

What a referral shares is written by the sender and sealed; the receiving provider reads
it (logged) and sees nothing else of the sender's case.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from lantern.cases.models import Consent, Person
from lantern.core.codes import short_code
from lantern.directory.models import Provider
from lantern.organizations.models import Organization


def new_referral_reference() -> str:
    return short_code("R")


class Referral(models.Model):
    class Status(models.TextChoices):
        SENT = "sent"
        ACCEPTED = "accepted"
        DECLINED = "declined"
        DONE = "done"
        REVOKED = "revoked"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=20, unique=True, default=new_referral_reference)
    sender_organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                            related_name="referrals_sent")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="referrals")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="referrals")
    need = models.CharField(max_length=30)
    # Where the need is to be met: the province of the provider's site that serves it.
    province = models.CharField(max_length=2, blank=True)
    consent = models.ForeignKey(Consent, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="referrals")
    override_reason = models.TextField(blank=True)
    overridden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    summary_sealed = models.TextField(blank=True)
    warm_transfer = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENT)
    decline_reason = models.CharField(max_length=30, blank=True)
    sent_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["need", "province", "status"])]

    def __str__(self) -> str:
        return self.reference


class ReferralEvent(models.Model):
    """One step on a referral's timeline."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.referral} {self.status}"


class UnmetNeed(models.Model):
    """A need the sender could not place: no provider accepting in that province."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    need = models.CharField(max_length=30)
    province = models.CharField(max_length=2)
    recorded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.need} {self.province}"
