from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from lantern.linkage import runs
from lantern.linkage.models import LinkageRun


class Command(BaseCommand):
    help = (
        "Link the people of every case now (without the worker): gives each a linked-person "
        "id, keeps the pairs a steward should review, links incidents. For a nightly job."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--incremental",
            action="store_true",
            help="only new records and steward decisions since the last run",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if runs.at_work():
            raise CommandError("A linkage run is already running; wait for it to end.")
        scope = LinkageRun.Scope.INCREMENTAL if options["incremental"] else LinkageRun.Scope.FULL
        # A run already waiting for the worker is carried out here instead.
        run, _queued = runs.start(None, scope, "command", enqueue=False)
        shown = runs.RunProgress(run)

        def progress(stage: str, done: float) -> None:
            before = shown.shown
            shown(stage, done)
            if shown.shown != before and shown.shown % 10 == 0:
                self.stderr.write(f"{stage}: {shown.shown}%")

        run = runs.execute(run, progress)
        if run.status == LinkageRun.Status.RUNNING:
            raise CommandError("A linkage run is already running; wait for it to end.")
        if run.status == LinkageRun.Status.FAILED:
            raise CommandError(f"Linkage failed: {run.failure}")
        self.stdout.write(
            f"{run.records} person records, {run.people} linked people, "
            f"{run.review_pairs} pairs waiting for review; "
            f"{run.incidents} incident reports, {run.linked_incidents} linked incidents."
        )
