"""Linkage on the platform: runs, the linked-person and linked-incident ids they give, the
pairs left for a steward, and the steward's decisions.

A linked id (``LP-…`` for people, ``LI-…`` for incidents) is what national figures count; it
survives re-runs (``cluster.stable_ids``). Nothing here holds an identifying value: pairs and
decisions point at case people, whose identities stay sealed in ``cases``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lantern.cases.models import Incident, Person


class LinkageRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Scope(models.TextChoices):
        FULL = "full", _("Every record")
        INCREMENTAL = "incremental", _("New records and decisions since the last run")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    scope = models.CharField(max_length=12, choices=Scope.choices, default=Scope.FULL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # What started it: "steward", "submission", "command".
    trigger = models.CharField(max_length=20)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    stage = models.CharField(max_length=20, blank=True)
    # 0 to 1, for the progress bar.
    progress = models.FloatField(default=0.0)
    records = models.PositiveIntegerField(default=0)
    records_linked = models.PositiveIntegerField(default=0)
    people = models.PositiveIntegerField(default=0)
    pairs_scored = models.PositiveIntegerField(default=0)
    review_pairs = models.PositiveIntegerField(default=0)
    incidents = models.PositiveIntegerField(default=0)
    linked_incidents = models.PositiveIntegerField(default=0)
    # The trained Splink model (settings and weights, no data), reused by incremental runs.
    model = models.JSONField(null=True, blank=True)
    failure = models.TextField(blank=True)
    # The run carrying it out ("host:pid:token"), and when it last showed progress: a run
    # whose process has stopped no longer holds the others back (see ``runs.execute``).
    runner = models.CharField(max_length=120, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # Its task came while another run was at work, and left it queued with no task to come.
    left_waiting = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.scope} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class PersonLink(models.Model):
    """The linked person a case person belongs to."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="link")
    linked_id = models.CharField(max_length=20, db_index=True)
    run = models.ForeignKey(LinkageRun, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.linked_id


class IncidentLink(models.Model):
    """The linked incident an incident belongs to: one event reported by several sources."""

    incident = models.OneToOneField(Incident, on_delete=models.CASCADE, related_name="link")
    linked_id = models.CharField(max_length=20, db_index=True)
    run = models.ForeignKey(LinkageRun, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.linked_id


class ReviewPair(models.Model):
    """Two records the model could not decide on, waiting for a steward."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for review")
        DECIDED = "decided", _("Decided")
        # A later run no longer finds the pair uncertain.
        SUPERSEDED = "superseded", _("No longer uncertain")

    run = models.ForeignKey(LinkageRun, on_delete=models.CASCADE, related_name="pairs")
    left = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField()
    # How each field agreed, by comparison: {"family_name": "same", "phone": "missing"}.
    levels = models.JSONField(default=dict)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["status", "-probability"]
        constraints = [
            models.UniqueConstraint(fields=["left", "right"], name="review_pair_once")
        ]

    def __str__(self) -> str:
        return f"{self.left_id} / {self.right_id}"


class LinkDecision(models.Model):
    """A steward's word on two records. Every later run respects it."""

    class Verdict(models.TextChoices):
        SAME = "same", _("The same person")
        DIFFERENT = "different", _("Different people")

    left = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)
    # Taken into account by a run that finished after it (None: not yet).
    applied_by = models.ForeignKey(
        LinkageRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-decided_at"]
        constraints = [
            models.UniqueConstraint(fields=["left", "right"], name="link_decision_once")
        ]

    def __str__(self) -> str:
        return f"{self.verdict}: {self.left_id} / {self.right_id}"
