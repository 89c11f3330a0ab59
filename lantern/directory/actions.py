"""Writes to the directory, each with its audit entry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from lantern.accounts.models import User
from lantern.audit.actions import diff, record
from lantern.directory.models import Provider, ProviderCode, Site
from lantern.organizations.models import Organization

ENTRY_FIELDS = (
    "description_en", "description_fr", "phone", "email", "website", "min_age", "max_age",
    "open_24_7", "hours_en", "hours_fr", "accessibility_en", "accessibility_fr", "fees_en",
    "fees_fr", "how_to_access_en", "how_to_access_fr", "documents_en", "documents_fr",
)
# Coded fields of an entry and their vocabularies.
ENTRY_CODES = {"services": "service_type", "populations": "population",
               "languages": "language", "genders": "gender"}
SITE_FIELDS = ("name_en", "name_fr", "address", "address_confidential", "city", "province",
               "latitude", "longitude")


def _state(provider: Provider) -> dict[str, Any]:
    state = {name: getattr(provider, name) for name in ENTRY_FIELDS}
    for field, vocabulary in ENTRY_CODES.items():
        state[field] = sorted(provider.codes_of(vocabulary))
    return state


def create_entry(actor: User | None, organization: Organization) -> Provider:
    """Start the directory entry of a provider organization (not yet verified)."""
    with transaction.atomic():
        provider = Provider.objects.create(organization=organization)
        record(actor=actor, action="directory.create", target=provider, owner=organization)
    return provider


def update_entry(actor: User | None, provider: Provider, fields: Mapping[str, Any],
                 codes: Mapping[str, Sequence[str]]) -> Provider:
    """Replace an entry's texts and coded lists. Saving an entry also verifies it: the
    provider has just looked at every field."""
    with transaction.atomic():
        before = _state(provider)
        for name in ENTRY_FIELDS:
            setattr(provider, name, fields.get(name, getattr(provider, name)))
        provider.last_verified_at = timezone.now()
        provider.save()
        provider.codes.all().delete()
        ProviderCode.objects.bulk_create(
            ProviderCode(provider=provider, vocabulary=ENTRY_CODES[field], code=code)
            for field, values in codes.items() for code in dict.fromkeys(values)
        )
        provider = Provider.objects.prefetch_related("codes").get(pk=provider.pk)
        record(actor=actor, action="directory.update", target=provider,
               owner=provider.organization, changes=diff(before, _state(provider)))
    return provider


def set_capacity(actor: User, provider: Provider, status: str) -> None:
    """The provider says whether it is accepting people now."""
    with transaction.atomic():
        before = provider.capacity_status
        provider.capacity_status = status
        provider.capacity_updated_at = timezone.now()
        provider.save(update_fields=["capacity_status", "capacity_updated_at"])
        record(actor=actor, action="directory.capacity", target=provider,
               owner=provider.organization,
               changes=diff({"capacity_status": before}, {"capacity_status": status}))


def verify_entry(actor: User, provider: Provider) -> None:
    """The provider confirms the entry is still accurate; it stays in the public search."""
    with transaction.atomic():
        provider.last_verified_at = timezone.now()
        provider.save(update_fields=["last_verified_at"])
        record(actor=actor, action="directory.verify", target=provider,
               owner=provider.organization)


def save_site(actor: User | None, provider: Provider, data: Mapping[str, Any],
              site: Site | None = None) -> Site:
    """Add a site to an entry, or change one."""
    with transaction.atomic():
        before = {name: getattr(site, name) for name in SITE_FIELDS} if site else {}
        site = site or Site(provider=provider)
        for name in SITE_FIELDS:
            setattr(site, name, data[name])
        site.save()
        record(actor=actor, action="directory.site.save", target=site,
               owner=provider.organization,
               changes=diff(before, {name: getattr(site, name) for name in SITE_FIELDS}))
    return site


def remove_site(actor: User, site: Site) -> None:
    """Take a site out of the directory."""
    with transaction.atomic():
        owner = site.provider.organization
        record(actor=actor, action="directory.site.remove", target=site, owner=owner,
               changes=diff({"name_en": site.name_en}, {}))
        site.delete()
