"""A later vintage shows which figures were revised and by how much."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from lantern.stats.models import Release
from lantern.stats.tests import records

pytestmark = pytest.mark.django_db


def _publish(epsilon: str = "10000") -> Release:
    call_command("release", "build", "--period", "2024", "--epsilon", epsilon, "--quiet",
                 "--seed", "5")
    release = Release.objects.latest("created_at")
    call_command("release", "approve", str(release.pk), "--user", "stats")
    call_command("release", "publish", str(release.pk), "--user", "stats")
    return release


def test_a_later_vintage_shows_what_was_revised(signed_in):
    statistician = records.statistician("stats")
    police = records.police()
    records.case_with_victims(police, 20)
    first = _publish()
    # Late records arrive: ten more victims.
    records.case_with_victims(police, 10)
    second = _publish()
    page = signed_in(statistician).get(f"/en/statistics/releases/{second.pk}/")
    text = page.content.decode()
    assert f"previous vintage ({first.period}" in text
    assert "Victims, by sex and age group" in text and "+10" in text
    first_page = signed_in(statistician).get(f"/en/statistics/releases/{first.pk}/")
    assert "No earlier vintage has been published." in first_page.content.decode()
