"""The directory of service providers (fields after Open Referral HSDS and hotline practice).

Every text a provider writes has an English and a French column. Coded fields (services,
populations, languages, genders served) are rows of ``ProviderCode``, so a search filters
on an index instead of parsing lists.
"""

from __future__ import annotations

import uuid

from django.db import models

from lantern.core.i18n import pick
from lantern.organizations.models import Organization

STALE_AFTER_DAYS = 365


class Provider(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.OneToOneField(Organization, on_delete=models.PROTECT,
                                        related_name="directory_entry")
    description_en = models.TextField(blank=True)
    description_fr = models.TextField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(null=True, blank=True)
    open_24_7 = models.BooleanField(default=False)
    hours_en = models.CharField(max_length=300, blank=True)
    hours_fr = models.CharField(max_length=300, blank=True)
    accessibility_en = models.TextField(blank=True)
    accessibility_fr = models.TextField(blank=True)
    fees_en = models.CharField(max_length=300, blank=True)
    fees_fr = models.CharField(max_length=300, blank=True)
    how_to_access_en = models.TextField(blank=True)
    how_to_access_fr = models.TextField(blank=True)
    documents_en = models.TextField(blank=True)
    documents_fr = models.TextField(blank=True)
    capacity_status = models.CharField(max_length=20, default="accepting")
    capacity_updated_at = models.DateTimeField(null=True, blank=True)
    last_verified_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organization__name_en"]

    def __str__(self) -> str:
        return self.organization.name

    @property
    def name(self) -> str:
        return self.organization.name

    def text(self, field: str) -> str:
        """A provider-written text in the active language (the other one if empty)."""
        return pick(getattr(self, f"{field}_en"), getattr(self, f"{field}_fr"))

    def codes_of(self, vocabulary: str) -> list[str]:
        return [item.code for item in self.codes.all() if item.vocabulary == vocabulary]


class ProviderCode(models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="codes")
    vocabulary = models.CharField(max_length=40)
    code = models.CharField(max_length=40)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "vocabulary", "code"],
                                               name="provider_code_once")]
        indexes = [models.Index(fields=["vocabulary", "code", "provider"])]

    def __str__(self) -> str:
        return f"{self.vocabulary}:{self.code}"


class Site(models.Model):
    """A place where a provider serves people. Confidential sites (shelters) show the city
    only; their street address is never published."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="sites")
    name_en = models.CharField(max_length=200)
    name_fr = models.CharField(max_length=200)
    address = models.CharField(max_length=300, blank=True)
    address_confidential = models.BooleanField(default=False)
    city = models.CharField(max_length=100)
    province = models.CharField(max_length=2, db_index=True)
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_en, self.name_fr)


class DirectoryGeneration(models.Model):
    """One row added with every write to the directory, in the writer's transaction. Each
    server process keeps the public directory in memory (``lantern.directory.index``) and
    compares the number of rows and the newest row's random token to know when to reload
    it. Rows are only ever added: an insert waits for no other writer (one row updated by
    every writer would be a lock, taken in either order with the audit chain's), and the
    count grows as each write commits, whatever order their ids were drawn in. The token
    tells apart two states with as many rows (after a rolled-back write, say)."""

    token = models.UUIDField(default=uuid.uuid4)
    changed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.pk} {self.changed_at:%Y-%m-%d %H:%M:%S}"
