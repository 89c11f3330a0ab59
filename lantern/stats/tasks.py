"""Background work: building a release, run by `lantern worker`."""

from __future__ import annotations

from django_tasks import task

from lantern.stats import builder
from lantern.stats.models import Release


@task()
def build_release(release_id: str) -> dict[str, str]:
    release = builder.build(Release.objects.select_related("created_by").get(pk=release_id))
    return {"status": release.build_status}
