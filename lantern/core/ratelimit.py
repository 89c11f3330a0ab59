"""Rate limits for public forms, counted in the database so every server process agrees.

The client address is never stored: buckets are keyed by an HMAC of (scope, address).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from lantern.core.crypto import blind_index
from lantern.core.models import RateLimitBucket


def client_address(request: HttpRequest) -> str:
    """The caller's address. Behind a trusted proxy, the last X-Forwarded-For entry: the one
    the proxy itself appended (earlier entries come from the client and can be forged)."""
    if settings.LANTERN_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


def allow(request: HttpRequest, scope: str, limit: int, window_seconds: int) -> bool:
    """Count one request of this client in ``scope``; False once ``limit`` is passed."""
    now = timezone.now()
    start = dt.datetime.fromtimestamp(
        int(now.timestamp()) // window_seconds * window_seconds, tz=dt.UTC)
    key = blind_index(f"{scope}:{client_address(request)}", "ratelimit")
    with transaction.atomic():
        updated = RateLimitBucket.objects.filter(key=key, window_start=start).update(
            count=F("count") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    RateLimitBucket.objects.create(key=key, window_start=start, count=1)
            except IntegrityError:  # another process created it first
                RateLimitBucket.objects.filter(key=key, window_start=start).update(
                    count=F("count") + 1)
        count = RateLimitBucket.objects.get(key=key, window_start=start).count
    # Old windows are of no use; drop them now and then.
    if count == 1:
        RateLimitBucket.objects.filter(window_start__lt=start - dt.timedelta(days=1)).delete()
    return count <= limit
