"""A published release never changes: every way of changing it fails."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from lantern.stats.models import FrozenRelease, Release, ReleasedCell, ReleaseTable
from lantern.stats.tests import records

pytestmark = pytest.mark.django_db


def _published() -> Release:
    records.case_with_victims(records.police(), 12)
    records.statistician("stats")
    call_command("release", "build", "--period", "2024", "--epsilon", "1", "--quiet")
    release = Release.objects.get()
    call_command("release", "approve", str(release.pk), "--user", "stats")
    call_command("release", "publish", str(release.pk), "--user", "stats")
    release.refresh_from_db()
    assert release.status == Release.Status.PUBLISHED
    return release


def test_a_published_release_cannot_change():
    release = _published()
    cell = ReleasedCell.objects.filter(table__release=release, suppressed="").first()
    assert cell is not None
    before = list(ReleasedCell.objects.filter(table__release=release)
                  .values_list("pk", "value", "suppressed"))
    release.epsilon = 99
    with pytest.raises(FrozenRelease):
        release.save()
    with pytest.raises(FrozenRelease):
        release.delete()
    cell.value = (cell.value or 0) + 5
    with pytest.raises(FrozenRelease):
        cell.save()
    with pytest.raises(FrozenRelease):
        cell.delete()
    with pytest.raises(FrozenRelease):
        Release.objects.filter(pk=release.pk).update(status="draft")
    with pytest.raises(FrozenRelease):
        ReleasedCell.objects.filter(table__release=release).update(value=0)
    with pytest.raises(FrozenRelease):
        ReleaseTable.objects.filter(release=release).delete()
    table = release.tables.first()
    assert table is not None
    table.summary = {}
    with pytest.raises(FrozenRelease):
        table.save()
    assert list(ReleasedCell.objects.filter(table__release=release)
                .values_list("pk", "value", "suppressed")) == before
    release.refresh_from_db()
    assert release.epsilon == 1

