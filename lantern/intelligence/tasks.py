"""Background work: refreshing the link alerts, run by `lantern worker`."""

from __future__ import annotations

from dataclasses import asdict

from django_tasks import task

from lantern.intelligence.detect import refresh_alerts


@task()
def refresh_link_alerts() -> dict[str, int]:
    """Queued after identifiers are added; idempotent, so a task queued twice does no harm."""
    return asdict(refresh_alerts())
