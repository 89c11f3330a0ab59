from __future__ import annotations

from django.db import models


class RateLimitBucket(models.Model):
    """Requests counted per keyed hash of a client address and a window; no address kept."""

    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window_start"],
                                               name="rate_bucket_once")]

    def __str__(self) -> str:
        return f"{self.key[:8]} {self.window_start}"
