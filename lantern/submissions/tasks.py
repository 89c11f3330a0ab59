"""Background work: ingesting a submitted file, run by `lantern worker`."""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

from django_tasks import task

from lantern.submissions import ingest
from lantern.submissions.models import Submission
from lantern.submissions.readers import read_rows


@task()
def ingest_file(submission_id: str) -> dict[str, int | str]:
    """Ingest a stored file from its checkpoint to the end."""
    submission = Submission.objects.select_related("organization", "submitted_by").get(
        pk=submission_id)
    path = Path(submission.file_path)
    # Another run may be at work on it (`lantern import` of the same file, say).
    with suppress(ingest.ImportBusy):
        ingest.run(submission, lambda: read_rows(path))
    return {"status": submission.status, "stored": submission.rows_stored,
            "rejected": submission.rows_rejected}
