"""Intelligence for law enforcement: identifiers recorded on police cases, and the link
alerts raised when cases of two or more police services share one.

An identifier's value is sealed; matching uses its blind index. An alert names what it
matched by kind and blind index (or linked-person id), never by the value itself.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lantern.cases.models import Case
from lantern.core.codes import short_code
from lantern.organizations.models import Organization

# Only cases of these organizations take part in link alerts.
POLICE_SERVICE = "police_service"


class IdentifierKind(models.TextChoices):
    PHONE = "phone", _("Phone number")
    EMAIL = "email", _("Email address")
    AD_HANDLE = "ad_handle", _("Online advertisement handle")
    FINANCIAL_ACCOUNT = "financial_account", _("Financial account token")
    VEHICLE_PLATE = "vehicle_plate", _("Vehicle plate")
    ADDRESS = "address", _("Address")


class CaseIdentifier(models.Model):
    """A phone, email, handle, account token, plate or address met in a police case."""

    Kind = IdentifierKind

    class Source(models.TextChoices):
        INVESTIGATION = "investigation", _("Investigation")
        FINTRAC_DISCLOSURE = "fintrac_disclosure", _("FINTRAC disclosure")
        TIP = "tip", _("Tip")
        OTHER = "other", _("Other")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="identifiers")
    kind = models.CharField(max_length=20, choices=IdentifierKind.choices)
    # The value as typed, encrypted (context ``intelligence.identifier:<id>:value``).
    value_sealed = models.TextField()
    # Keyed HMAC of the normalized value (``identifiers.index_of``); phones and emails
    # share the index of a person's identity, so the two match.
    value_index = models.CharField(max_length=64)
    # The last characters of the normalized value, to tell identifiers apart on a page
    # without opening the sealed value (as a card's last four digits are shown).
    hint = models.CharField(max_length=4, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.INVESTIGATION)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "added_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "value_index"],
                                    name="case_identifier_once")
        ]
        indexes = [models.Index(fields=["kind", "value_index"])]

    def __str__(self) -> str:
        return f"{self.kind} …{self.hint}"

    @property
    def value_context(self) -> str:
        """The associated data that binds the sealed value to this row."""
        return f"intelligence.identifier:{self.id}:value"


def new_alert_reference() -> str:
    return short_code("A")


class LinkAlert(models.Model):
    """One identifier or linked person found in cases of two or more police services."""

    PERSON = "person"
    KINDS = [*IdentifierKind.choices, (PERSON, _("Linked person"))]

    class Status(models.TextChoices):
        NEW = "new", _("New")
        SEEN = "seen", _("Seen")
        CLOSED = "closed", _("Closed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=20, unique=True, default=new_alert_reference)
    kind = models.CharField(max_length=20, choices=KINDS)
    # The blind index the cases share, or the linked-person id (``LP-…``) for kind person.
    key = models.CharField(max_length=64)
    # The national analysts' status; each service's own is on ``AlertService``.
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    raised_at = models.DateTimeField()
    # When cases last joined the alert (not when its status changed).
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-updated_at", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="link_alert_once")
        ]

    def __str__(self) -> str:
        return self.reference


class AlertCase(models.Model):
    """A case an alert found the identifier or linked person in."""

    alert = models.ForeignKey(LinkAlert, on_delete=models.CASCADE, related_name="links")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="alert_links")
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["added_at"]
        constraints = [
            models.UniqueConstraint(fields=["alert", "case"], name="alert_case_once")
        ]

    def __str__(self) -> str:
        return f"{self.alert_id} {self.case_id}"


class AlertService(models.Model):
    """A police service an alert involves, and when its people last opened the alert."""

    alert = models.ForeignKey(LinkAlert, on_delete=models.CASCADE, related_name="services")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["alert", "organization"], name="alert_service_once")
        ]

    def __str__(self) -> str:
        return f"{self.alert_id} {self.organization_id}"

    @property
    def is_new(self) -> bool:
        """Not opened by the service since cases last joined the alert."""
        return self.seen_at is None or self.seen_at < self.alert.updated_at
