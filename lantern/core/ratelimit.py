"""Rate limits for public forms, counted in the database so every server process agrees.

The client address is never stored: buckets are keyed by an HMAC of (scope, address).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import connection
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
    count = _count(key, start)
    # Old windows are of no use; drop them now and then.
    if count == 1:
        RateLimitBucket.objects.filter(window_start__lt=start - dt.timedelta(days=1)).delete()
    return count <= limit


def _count(key: str, window_start: dt.datetime) -> int:
    """Add one to the bucket and read it back in one statement (PostgreSQL and SQLite both
    have INSERT … ON CONFLICT … RETURNING): one round trip instead of four, under load."""
    quote = connection.ops.quote_name
    table = quote(RateLimitBucket._meta.db_table)
    columns = {field.name: quote(field.column) for field in RateLimitBucket._meta.concrete_fields}
    key_column, start_column, count_column = (columns[name]
                                              for name in ("key", "window_start", "count"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key_column}, {start_column}, {count_column}) "  # noqa: S608
            f"VALUES (%s, %s, 1) ON CONFLICT ({key_column}, {start_column}) "
            f"DO UPDATE SET {count_column} = {table}.{count_column} + 1 RETURNING {count_column}",
            [key, connection.ops.adapt_datetimefield_value(window_start)])
        row = cursor.fetchone()
    return int(row[0])
