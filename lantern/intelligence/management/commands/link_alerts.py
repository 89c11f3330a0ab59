from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from lantern.intelligence.detect import refresh_alerts


class Command(BaseCommand):
    help = (
        "Raise link alerts for identifiers and linked persons found in cases of two or more "
        "police services, and add newly found cases to existing alerts. Safe to re-run: "
        "nothing is raised twice. For a nightly job, or after a linkage run."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = refresh_alerts()
        self.stdout.write(
            f"Link alerts: {report.raised} raised, {report.updated} updated "
            f"({report.cases_added} cases added), {report.unchanged} unchanged."
        )
