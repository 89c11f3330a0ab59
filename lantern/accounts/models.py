from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models

from lantern.accounts.permissions import (
    SECOND_FACTOR_PERMISSIONS,
    Permission,
    Role,
    permissions_of,
)
from lantern.organizations.models import Organization


class User(AbstractUser):
    """A person who signs in. Every user belongs to exactly one organization."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="users")
    # Role codes (see permissions.Role); a JSON list keeps one query per request.
    roles = models.JSONField(default=list, blank=True)
    preferred_language = models.CharField(max_length=2, default="en")

    def role_list(self) -> list[Role]:
        return [Role(code) for code in self.roles]

    @property
    def permissions(self) -> frozenset[Permission]:
        if not self.is_active:
            return frozenset()
        return permissions_of(self.roles)

    def has_lantern_permission(self, permission: Permission) -> bool:
        return permission in self.permissions and self.organization.active

    @property
    def needs_second_factor(self) -> bool:
        return bool(self.permissions & SECOND_FACTOR_PERMISSIONS) or self.is_superuser
