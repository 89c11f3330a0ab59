"""Case records in the shape of the data standard (HTCDS 2.0 with UCR2-style incidents).

Identifying values live only in the ``*_sealed`` columns, encrypted with AES-GCM; lists show
the pseudonym. Plain columns hold codes of the standard's vocabularies.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from lantern.core.codes import short_code
from lantern.core.ids import time_ordered_id
from lantern.organizations.models import Organization


def new_case_reference() -> str:
    return short_code("C")


def new_pseudonym() -> str:
    return short_code("P")


class Case(models.Model):
    id = models.UUIDField(primary_key=True, default=time_ordered_id, editable=False)
    reference = models.CharField(max_length=20, unique=True, default=new_case_reference)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="cases")
    # The submitting organization's own identifier, for later updates of the same record.
    source_record_id = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=20, default="open")
    trafficking_status = models.CharField(max_length=20, default="possible")
    status_decided_by = models.CharField(max_length=30, blank=True)
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    narrative_sealed = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opened_on", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "source_record_id"],
                condition=~models.Q(source_record_id=""),
                name="case_unique_source_record",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    def codes_of(self, vocabulary: str) -> list[str]:
        return [item.code for item in self.codes.all() if item.vocabulary == vocabulary]


class CaseCode(models.Model):
    """A code of a multi-valued vocabulary attached to a case (exploitation, means, …)."""

    # No index of its own: the unique constraint below starts with it.
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="codes",
                             db_index=False)
    vocabulary = models.CharField(max_length=40)
    code = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "vocabulary", "code"], name="case_code_once")
        ]
        indexes = [models.Index(fields=["vocabulary", "code"])]

    def __str__(self) -> str:
        return f"{self.vocabulary}:{self.code}"



class Incident(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="incidents")
    occurred_on = models.DateField(null=True, blank=True)
    reported_on = models.DateField(null=True, blank=True)
    city = models.CharField(max_length=100, blank=True)
    province = models.CharField(max_length=2)
    cma = models.CharField(max_length=5, blank=True)
    clearance_status = models.CharField(max_length=30, default="not_cleared")

    class Meta:
        ordering = ["occurred_on"]
        indexes = [models.Index(fields=["province", "occurred_on"])]

    def __str__(self) -> str:
        return f"{self.province} {self.occurred_on or ''}".strip()



class Person(models.Model):
    """A victim/survivor or an accused person within one case."""

    id = models.UUIDField(primary_key=True, default=time_ordered_id, editable=False)
    pseudonym = models.CharField(max_length=20, unique=True, default=new_pseudonym)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="people")
    role = models.CharField(max_length=10)
    # Names, date of birth, phone, email, address, document numbers: one sealed JSON object.
    identity_sealed = models.TextField(blank=True)
    # Instead of an identity, an organization that may not send names sends keyed Bloom
    # filters and tokens of it (``lantern encode``; see lantern.linkage.encodings), sealed too.
    encoding_sealed = models.TextField(blank=True)
    # Keyed HMACs for exact-match search; never reversible without the index key.
    name_index = models.CharField(max_length=64, blank=True, db_index=True)
    birth_date_index = models.CharField(max_length=64, blank=True, db_index=True)
    phone_index = models.CharField(max_length=64, blank=True, db_index=True)
    email_index = models.CharField(max_length=64, blank=True, db_index=True)
    sex = models.CharField(max_length=20, default="unknown")
    gender = models.CharField(max_length=20, default="unknown")
    age_group = models.CharField(max_length=20, default="unknown")
    indigenous_identity = models.CharField(max_length=20, default="unknown")
    birthplace = models.CharField(max_length=20, default="unknown")
    disability = models.CharField(max_length=20, default="unknown")
    lgbtq = models.CharField(max_length=20, default="unknown")
    # Victim context.
    relationship_to_trafficker = models.CharField(max_length=30, blank=True)
    relationship_to_accused = models.CharField(max_length=30, blank=True)
    # Accused context.
    role_in_process = models.CharField(max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["role", "pseudonym"]

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def owner(self) -> Organization:
        return self.case.organization


class Charge(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="charges")
    accused = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="charges"
    )
    code = models.CharField(max_length=20)
    laid_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=30, default="ongoing")
    outcome_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["laid_on", "code"]

    def __str__(self) -> str:
        return self.code



class TemporaryResidentPermit(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="permits")
    permit_type = models.CharField(max_length=20)
    issued_on = models.DateField()

    def __str__(self) -> str:
        return f"{self.permit_type} {self.issued_on}"



class Consent(models.Model):
    """What a person agreed to, with whom, and when it was given or withdrawn."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=20)
    # For consent to share: the organization the person agreed to share with.
    shared_with = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    given_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return self.purpose

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None
