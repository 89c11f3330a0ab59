"""Disclosures to police: the only way information of a hotline or service provider case
reaches a police service. Each one names its legal basis and what it shared."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from lantern.cases.models import Case, Consent, Person
from lantern.core.codes import short_code
from lantern.organizations.models import Organization


def new_disclosure_reference() -> str:
    return short_code("D")


class Disclosure(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=20, unique=True, default=new_disclosure_reference)
    from_organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                          related_name="disclosures_made")
    disclosed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    police_organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                            related_name="disclosures_received")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="disclosures")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="disclosures")
    basis = models.CharField(max_length=20)
    consent = models.ForeignKey(Consent, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="disclosures")
    court_order_reference = models.CharField(max_length=100, blank=True)
    justification = models.TextField(blank=True)
    shared_sealed = models.TextField()
    disclosed_at = models.DateTimeField()

    class Meta:
        ordering = ["-disclosed_at"]

    def __str__(self) -> str:
        return self.reference
