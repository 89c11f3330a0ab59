"""The demo's published statistics: the demo records linked, a release of the last year the
demo covers built, approved and published, and the approximate published incident counts
the demo is shaped on loaded beside it (labelled as approximations, not to be quoted)."""

from __future__ import annotations

from lantern.accounts.models import User
from lantern.demo import figures
from lantern.linkage import runs
from lantern.linkage.models import LinkageRun
from lantern.stats import actions, builder
from lantern.stats.models import Release

# Enough privacy budget that the demo's small counts stay readable.
EPSILON = 3.0
SOURCE = "Demo only: approximate Statistics Canada Juristat counts, not for quotation"
EDITION = "Trafficking in persons in Canada, 2022"


def link_records() -> LinkageRun:
    run, _queued = runs.start(None, LinkageRun.Scope.FULL, "demo", enqueue=False)
    return runs.execute(run)


def load_published_counts() -> None:
    rows = [{"source": SOURCE, "edition": EDITION,
             "citation": "Rounded approximations of the police-reported incidents in the "
                         "Juristat series; for the demonstration only.",
             "measure": "incidents", "period": str(year), "geography": "CA",
             "value": str(count), "unit": "count"}
            for year, count in figures.INCIDENTS_BY_YEAR.items()]
    actions.load_external_figures(None, rows)


def publish_release(statistician: User) -> Release:
    period = str(max(figures.INCIDENTS_BY_YEAR))
    release = actions.create_release(statistician, period, EPSILON)
    builder.build(release)
    if release.build_status != Release.Build.DONE:
        raise RuntimeError(f"the demo release failed: {release.failure}")
    actions.approve_release(statistician, release)
    return actions.publish_release(statistician, release)

