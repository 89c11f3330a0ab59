"""Data sent to the national collection: API tokens, submissions (an API batch or a file),
the answer for every row, and the link from each source record to the record it became."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lantern.organizations.models import Organization


class ApiToken(models.Model):
    """A per-organization token. Only a SHA-256 of its secret is stored; the token itself
    is shown once, when it is made."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    secret_hash = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"


class Submission(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        # The file was refused (``failure`` says why): sending it again does not help.
        FAILED = "failed", _("Failed")
        # Stopped by an error of Lantern's, not of the file: whole batches are stored, up
        # to the checkpoint, and the import can be resumed after it.
        INTERRUPTED = "interrupted", _("Interrupted")

    class Mode(models.TextChoices):
        # Nothing is stored unless every row is valid.
        ALL_OR_NOTHING = "all_or_nothing"
        # Valid rows are stored; the others wait, quarantined, for correction.
        STORE_VALID = "store_valid"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="submissions")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    token = models.ForeignKey(ApiToken, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="submissions")
    channel = models.CharField(max_length=10)  # api, upload, cli
    entity = models.CharField(max_length=20)
    mode = models.CharField(max_length=20, choices=Mode.choices)
    filename = models.CharField(max_length=255, blank=True)
    file_path = models.CharField(max_length=500, blank=True)
    # SHA-256 of the file: the same file sent again is recognized.
    checksum = models.CharField(max_length=64, blank=True, db_index=True)
    language = models.CharField(max_length=2, default="en")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    # Counted from the file when it is queued, for the progress bar.
    rows_total = models.PositiveIntegerField(default=0)
    rows_read = models.PositiveIntegerField(default=0)
    rows_stored = models.PositiveIntegerField(default=0)
    rows_unchanged = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    # Rows already decided: an interrupted import resumes after this row.
    checkpoint = models.PositiveIntegerField(default=0)
    failure = models.TextField(blank=True)
    # The run that holds the import ("host:pid:token"), and when it last committed a batch:
    # only that run may commit the next one; another may take over once it has stopped.
    runner = models.CharField(max_length=120, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    mapping = models.ForeignKey("Mapping", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="submissions")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.entity} {self.created_at:%Y-%m-%d %H:%M}"


class RowError(models.Model):
    """Why one row was not stored. Message parameters never hold identifying values."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="errors")
    row_number = models.PositiveIntegerField()
    source_record_id = models.CharField(max_length=100, blank=True)
    field = models.CharField(max_length=100, blank=True)
    code = models.CharField(max_length=40)
    message = models.TextField()

    class Meta:
        ordering = ["row_number", "id"]

    def __str__(self) -> str:
        return f"row {self.row_number}: {self.code}"


class SourceRecord(models.Model):
    """One record of a source organization (its own id), and the Lantern record it became.
    A later submission of the same source id updates that record and adds a version."""

    # No index of its own: the unique constraint below starts with it.
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="source_records", db_index=False)
    entity = models.CharField(max_length=20)
    source_record_id = models.CharField(max_length=100)
    target_id = models.UUIDField()
    version = models.PositiveIntegerField(default=1)
    content_hash = models.CharField(max_length=64)
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["organization", "entity", "source_record_id"], name="source_record_once")]

    def __str__(self) -> str:
        return f"{self.entity}:{self.source_record_id}"


class SourceRecordVersion(models.Model):
    """Each version of a source record as it arrived (sealed: it may hold identities)."""

    # No index of its own: the unique constraint below starts with it.
    record = models.ForeignKey(SourceRecord, on_delete=models.CASCADE, related_name="versions",
                               db_index=False)
    version = models.PositiveIntegerField()
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="+")
    data_sealed = models.TextField()
    content_hash = models.CharField(max_length=64)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["record", "version"]
        constraints = [models.UniqueConstraint(fields=["record", "version"],
                                               name="source_version_once")]

    def __str__(self) -> str:
        return f"{self.record} v{self.version}"


class IdempotencyKey(models.Model):
    """The answer given to a request with this key, replayed if the request is retried."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    request_hash = models.CharField(max_length=64)
    response = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "key"],
                                               name="idempotency_key_once")]

    def __str__(self) -> str:
        return self.key


class Mapping(models.Model):
    """How an organization's own columns and codes translate to the standard, for one
    entity. Saving makes a new version; submissions record the version they used."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="mappings")
    entity = models.CharField(max_length=20)
    version = models.PositiveIntegerField()
    # {"their column": "standard field"}
    columns = models.JSONField(default=dict)
    # {"standard field": {"their code": "standard code"}}
    codes = models.JSONField(default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization", "entity", "-version"]
        constraints = [models.UniqueConstraint(fields=["organization", "entity", "version"],
                                               name="mapping_version_once")]

    def __str__(self) -> str:
        return f"{self.entity} v{self.version}"


class QuarantinedRow(models.Model):
    """A rejected row as it arrived, sealed (it may hold identities), kept so the steward
    can download the rejected rows, correct them and send them again."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE,
                                   related_name="quarantined")
    row_number = models.PositiveIntegerField()
    values_sealed = models.TextField()

    class Meta:
        ordering = ["row_number"]
        constraints = [models.UniqueConstraint(fields=["submission", "row_number"],
                                               name="quarantined_row_once")]

    def __str__(self) -> str:
        return f"row {self.row_number}"
