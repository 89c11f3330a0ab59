"""Writes to organizations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from lantern.audit.actions import diff, record
from lantern.organizations.models import Organization
from lantern.standard.vocabularies import vocabulary

if TYPE_CHECKING:
    from lantern.accounts.models import User

FIELDS = ("code", "name_en", "name_fr", "kind", "province", "active")


def create_organization(
    actor: User | None, *, code: str, name_en: str, name_fr: str, kind: str, province: str = ""
) -> Organization:
    """Create an organization; ValueError explains any field that is not valid."""
    if vocabulary("organization_type").get(kind) is None:
        raise ValueError(f"unknown organization type {kind!r}")
    if province and vocabulary("province").get(province) is None:
        raise ValueError(f"unknown province or territory {province!r}")
    if not name_en.strip() or not name_fr.strip():
        raise ValueError("an organization needs a name in English and in French")
    if Organization.objects.filter(code=code).exists():
        raise ValueError(f"the code {code!r} is taken")
    with transaction.atomic():
        organization = Organization.objects.create(
            code=code, name_en=name_en.strip(), name_fr=name_fr.strip(), kind=kind,
            province=province,
        )
        record(actor=actor, action="organization.create", target=organization,
               owner=organization,
               changes=diff({}, {name: getattr(organization, name) for name in FIELDS}))
    return organization


def set_organization_active(actor: User, organization: Organization, active: bool) -> None:
    """Activate or deactivate an organization; its users lose their permissions meanwhile."""
    with transaction.atomic():
        before = organization.active
        organization.active = active
        organization.save(update_fields=["active"])
        record(actor=actor, action="organization.update", target=organization,
               owner=organization, changes=diff({"active": before}, {"active": active}))
