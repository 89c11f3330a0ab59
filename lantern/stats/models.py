"""Statistical releases: vintages of disclosure-controlled tables, the privacy-loss ledger,
and figures published elsewhere (Juristat, the hotline's reports) loaded for comparison.

A release holds only what disclosure control let out: noisy, rounded counts and the mark of
a suppressed cell. The true counts are never stored. Once published, a release, its tables
and its cells never change; :class:`FrozenRelease` is raised by any attempt.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FrozenRelease(Exception):
    """A published release, its tables and cells cannot be changed or deleted."""


class FrozenQuerySet(models.QuerySet):
    """Bulk changes refuse to touch a published release (``status_path`` names the way to
    the release's status)."""

    status_path = "release__status"

    def _touches_published(self) -> bool:
        return self.filter(**{self.status_path: "published"}).exists()

    def update(self, **kwargs: Any) -> int:
        if self._touches_published():
            raise FrozenRelease("a published release cannot change")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self._touches_published():
            raise FrozenRelease("a published release cannot change")
        return super().delete()


class ReleaseQuerySet(FrozenQuerySet):
    status_path = "status"


class CellQuerySet(FrozenQuerySet):
    status_path = "table__release__status"


class Release(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    class Build(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The reference period: a year (2025) or a quarter (2025Q4); the tables cover the
    # years up to its end (window_start to window_end).
    period = models.CharField(max_length=7)
    window_start = models.DateField()
    window_end = models.DateField()
    epsilon = models.FloatField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The disclosure-control settings used: threshold, rounding base, mechanism, split of
    # epsilon, OpenDP version, population file, whether a test seed was given.
    controls = models.JSONField(default=dict)
    # What the statistician should know about the counting (records not yet linked, people
    # left out after withdrawing consent). Shown in the preview only.
    notes = models.JSONField(default=dict)
    build_status = models.CharField(max_length=10, choices=Build.choices, default=Build.QUEUED)
    stage = models.CharField(max_length=40, blank=True)
    progress = models.FloatField(default=0.0)
    failure = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    built_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.period} ({self.get_status_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding and _stored_status(self.pk) == self.Status.PUBLISHED:
            raise FrozenRelease(f"release {self.pk} is published")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if _stored_status(self.pk) == self.Status.PUBLISHED:
            raise FrozenRelease(f"release {self.pk} is published")
        return super().delete(*args, **kwargs)

    @property
    def building(self) -> bool:
        return self.build_status in (self.Build.QUEUED, self.Build.RUNNING)

    @property
    def published(self) -> bool:
        return self.status == self.Status.PUBLISHED


def _stored_status(release_id: Any) -> str | None:
    # The status in the database, not the one in memory: publishing is the last change.
    return Release.objects.filter(pk=release_id).values_list("status", flat=True).first()


class PartOfRelease(models.Model):
    """Something a release holds (a table, a cell, a bulletin): frozen with it."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._release_status() == Release.Status.PUBLISHED:
            raise FrozenRelease(f"{type(self).__name__} of a published release cannot change")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self._release_status() == Release.Status.PUBLISHED:
            raise FrozenRelease(f"{type(self).__name__} of a published release cannot change")
        return super().delete(*args, **kwargs)

    def _release_status(self) -> str | None:
        return _stored_status(self.release_id)  # type: ignore[attr-defined]


class ReleaseTable(PartOfRelease):
    """One table of a release, with its share of epsilon and what disclosure control did."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="tables")
    key = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField()
    # Row and column codes in order; no columns for a one-way table.
    rows = models.JSONField(default=list)
    columns = models.JSONField(default=list)
    epsilon = models.FloatField(default=0.0)
    # Counts of cells: {"cells", "noised", "rounded", "primary", "complementary", "released"}.
    summary = models.JSONField(default=dict)

    objects = FrozenQuerySet.as_manager()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["release", "key"], name="release_table_once")
        ]

    def __str__(self) -> str:
        return self.key


TOTAL = "_total"


class ReleasedCell(PartOfRelease):
    """A cell as released: a multiple of the rounding base, or suppressed (no value)."""

    class Suppressed(models.TextChoices):
        NO = "", _("Released")
        PRIMARY = "primary", _("Suppressed: under the threshold")
        COMPLEMENTARY = "complementary", _("Suppressed: protects another cell")

    table = models.ForeignKey(ReleaseTable, on_delete=models.CASCADE, related_name="cells")
    # A code of the table's row or column dimension, or "_total".
    row = models.CharField(max_length=40)
    column = models.CharField(max_length=40, blank=True)
    value = models.IntegerField(null=True, blank=True)
    # Rates per 100,000 (the rate tables only), from released counts.
    rate = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    suppressed = models.CharField(max_length=15, choices=Suppressed.choices, blank=True)

    objects = CellQuerySet.as_manager()

    class Meta:
        ordering = ["table", "id"]
        constraints = [
            models.UniqueConstraint(fields=["table", "row", "column"], name="released_cell_once")
        ]

    def __str__(self) -> str:
        return f"{self.row}/{self.column}"

    def _release_status(self) -> str | None:
        return (ReleaseTable.objects.filter(pk=self.table_id)
                .values_list("release__status", flat=True).first())


class Bulletin(PartOfRelease):
    """The Fast Facts PDF of a release in one language, made when the release is built and
    frozen with it."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="bulletins")
    language = models.CharField(max_length=2, choices=settings.LANGUAGES)
    pdf = models.BinaryField()
    pages = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FrozenQuerySet.as_manager()

    class Meta:
        ordering = ["release", "language"]
        constraints = [
            models.UniqueConstraint(fields=["release", "language"], name="bulletin_once")
        ]

    def __str__(self) -> str:
        return f"{self.release_id} ({self.language})"


class LedgerEntry(models.Model):
    """Privacy loss spent: one entry per noisy table of every release ever built.

    A draft spends its epsilon too (the statistician saw its noisy figures), so entries stay
    whatever becomes of the release.
    """

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="ledger")
    table_key = models.CharField(max_length=60)
    mechanism = models.CharField(max_length=60)
    # The L1 sensitivity the noise was scaled to, the noise scale, and the loss OpenDP's
    # privacy map reports for that sensitivity.
    sensitivity = models.PositiveIntegerField(default=1)
    scale = models.FloatField()
    epsilon = models.FloatField()
    spent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["spent_at", "id"]

    def __str__(self) -> str:
        return f"{self.table_key}: ε={self.epsilon:g}"


class ExternalSource(models.Model):
    """A publication outside Lantern (a Juristat edition, a hotline report)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    source = models.CharField(max_length=200)
    edition = models.CharField(max_length=200)
    citation = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)
    published_on = models.DateField(null=True, blank=True)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["source", "-published_on", "edition"]
        constraints = [
            models.UniqueConstraint(fields=["source", "edition"], name="external_edition_once")
        ]

    def __str__(self) -> str:
        return f"{self.source}, {self.edition}"


class ExternalFigure(models.Model):
    """One published figure, as printed, with the edition it comes from."""

    source = models.ForeignKey(ExternalSource, on_delete=models.CASCADE, related_name="figures")
    # What is measured, as a short code: "incidents", "incident_rate", "victims", "cases"…
    measure = models.CharField(max_length=60)
    period = models.CharField(max_length=20)
    # "CA" for Canada, or a province code.
    geography = models.CharField(max_length=10, default="CA")
    value = models.DecimalField(max_digits=14, decimal_places=2)
    unit = models.CharField(max_length=30, default="count")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["source", "measure", "period", "geography"]
        constraints = [
            models.UniqueConstraint(fields=["source", "measure", "period", "geography"],
                                    name="external_figure_once")
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.period} {self.geography}: {self.value}"
