from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from lantern.organizations.models import Organization
from lantern.submissions import actions, ingest
from lantern.submissions.models import Submission
from lantern.submissions.readers import read_rows
from lantern.submissions.records import RECORDS


class Command(BaseCommand):
    help = ("Import a CSV, XLSX or JSON Lines file of one entity for an organization. "
            "Every row is stored or reported with its reason; running the same file again "
            "resumes an interrupted import and never stores a row twice.")
    # Django's system checks load every app's pages, the statistics and their libraries
    # (1.7 s and 180 MB before the first row); ``lantern check`` runs them at deployment.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        parser.add_argument("--org", required=True, help="organization code")
        parser.add_argument("--entity", required=True, choices=sorted(RECORDS))
        parser.add_argument("--mode", default=Submission.Mode.STORE_VALID,
                            choices=Submission.Mode.values)
        parser.add_argument("--language", default="en", choices=["en", "fr"])
        parser.add_argument("--errors", help="write the rejected rows' reasons to this CSV")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        organization = Organization.objects.filter(code=options["org"], active=True).first()
        if organization is None:
            raise CommandError(f"No active organization with code {options['org']!r}.")
        submission, created = actions.start_file_submission(
            None, organization, path, entity=options["entity"], mode=options["mode"],
            channel="cli", language=options["language"])
        if not created:
            # The same file, unfinished: if it stopped, resuming it is recorded as on the
            # pages; if it is queued, this command runs it; if a run is at work, ``run``
            # says so.
            actions.resume_submission(None, submission)
        stored = Path(submission.file_path)
        try:
            ingest.run(submission, lambda: read_rows(stored))
        except ingest.ImportBusy as busy:
            held = busy.submission
            raise CommandError(
                f"This file is being imported now by another run (submission {held.pk}: "
                f"{held.checkpoint} of about {held.rows_total} rows done). It goes on there; "
                f"if that run has stopped, run this command again.") from None
        if options["errors"]:
            from lantern.submissions.exports import write_error_report

            with open(options["errors"], "w", encoding="utf-8", newline="") as handle:
                write_error_report(submission, handle)
        if submission.status == Submission.Status.FAILED:
            raise CommandError(submission.failure)
        if submission.status == Submission.Status.INTERRUPTED:
            done = submission.checkpoint
            raise CommandError(
                f"The import stopped after row {done}, because of an error in Lantern, not "
                f"in the file (the log above says which). Every row up to row {done} has "
                f"its answer (stored, unchanged or rejected), none after. Run the same "
                f"command again to go on from row {done + 1}." if done else
                "The import stopped before anything of the file was stored, because of an "
                "error in Lantern, not in the file (the log above says which). Run the same "
                "command again to import it from its first row.")
        if submission.status == Submission.Status.RUNNING:
            raise CommandError(
                f"Another run took this import over after row {submission.checkpoint}; it "
                f"goes on there (submission {submission.pk}).")
        self.stdout.write(f"Submission {submission.pk}: {submission.rows_stored} stored, "
                          f"{submission.rows_unchanged} unchanged, "
                          f"{submission.rows_rejected} rejected of {submission.rows_read} rows.")
