"""Hotline contacts, their screening, and anonymous tips from the public.

Free text (notes, what a reporter wrote) and contact details are sealed with AES-GCM and
opened only through ``hotline.access``, which logs the read.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from lantern.cases.models import Case
from lantern.core.codes import short_code
from lantern.organizations.models import Organization


def new_contact_reference() -> str:
    return short_code("H")


class Contact(models.Model):
    """One call, text, chat, email or web form handled by an advocate."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=20, unique=True, default=new_contact_reference)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="contacts")
    advocate = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                 related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    channel = models.CharField(max_length=20)
    caller_type = models.CharField(max_length=30)
    contact_type = models.CharField(max_length=20)
    language = models.CharField(max_length=10, default="en")
    interpreter_used = models.BooleanField(default=False)
    city = models.CharField(max_length=100, blank=True)
    province = models.CharField(max_length=2, blank=True)
    notes_sealed = models.TextField(blank=True)
    caller_phone_sealed = models.TextField(blank=True)
    caller_phone_index = models.CharField(max_length=64, blank=True, db_index=True)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="contacts")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["organization", "-started_at"])]

    def __str__(self) -> str:
        return self.reference


class Screening(models.Model):
    """What the caller said, read against the Palermo elements and the indicators; the
    classification Lantern proposed and the one the advocate confirmed are both kept."""

    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="screening")
    palermo_acts = models.JSONField(default=list)
    palermo_means = models.JSONField(default=list)
    palermo_purposes = models.JSONField(default=list)
    ilo_indicators = models.JSONField(default=list)
    sex_indicators = models.JSONField(default=list)
    minor_involved = models.CharField(max_length=10, default="unknown")
    imminent_danger = models.BooleanField(default=False)
    proposed = models.CharField(max_length=30)
    proposed_reasons = models.JSONField(default=list)
    confirmed = models.CharField(max_length=30)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.contact} {self.confirmed}"

    @property
    def changed_by_advocate(self) -> bool:
        return self.confirmed != self.proposed


class Tip(models.Model):
    """An anonymous report from the public. The follow-up code is shown once to the
    reporter; only its keyed hash is stored."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="tips")
    code_index = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=20, default="received")
    what_sealed = models.TextField()
    who_at_risk_sealed = models.TextField(blank=True)
    contact_sealed = models.TextField(blank=True)
    city = models.CharField(max_length=100, blank=True)
    province = models.CharField(max_length=2, blank=True)
    when_text = models.CharField(max_length=200, blank=True)
    preferred_language = models.CharField(max_length=10, default="en")
    consents = models.JSONField(default=list)
    # Filled honeypot: kept (nothing is thrown away) but out of the inbox.
    suspected_spam = models.BooleanField(default=False)
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="tips")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"tip {self.created_at:%Y-%m-%d}"


class TipMessage(models.Model):
    """More information from the reporter, or a reply from the hotline to the reporter."""

    class Author(models.TextChoices):
        REPORTER = "reporter"
        HOTLINE = "hotline"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=10, choices=Author.choices)
    advocate = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    body_sealed = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.author} {self.created_at:%Y-%m-%d}"
