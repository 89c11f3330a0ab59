from __future__ import annotations

import uuid

from django.db import models

from lantern.core.i18n import pick


class Organization(models.Model):
    """An organization that uses Lantern or sends it data; every record belongs to one."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.SlugField(max_length=40, unique=True)
    name_en = models.CharField(max_length=200)
    name_fr = models.CharField(max_length=200)
    # Codes of the standard's "organization_type" and "province" vocabularies; an empty
    # province means the organization works nationally.
    kind = models.CharField(max_length=40)
    province = models.CharField(max_length=2, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_en, self.name_fr)
