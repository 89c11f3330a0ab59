"""Background work: a linkage run, carried out by `lantern worker`."""

from __future__ import annotations

from django_tasks import task

from lantern.linkage import runs
from lantern.linkage.models import LinkageRun


@task()
def run_linkage(run_id: str) -> dict[str, int | str]:
    run = runs.execute(LinkageRun.objects.get(pk=run_id))
    return {"status": run.status, "records": run.records, "people": run.people}
