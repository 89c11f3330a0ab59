"""The privacy-loss ledger adds up, per release and in total, and a budget is kept."""

from __future__ import annotations

import math

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum
from django.test import override_settings

from lantern.stats.models import LedgerEntry, Release
from lantern.stats.tables import TABLES
from lantern.stats.tests import records

pytestmark = pytest.mark.django_db


def _build(epsilon: str) -> Release:
    call_command("release", "build", "--period", "2024", "--epsilon", epsilon, "--quiet")
    return Release.objects.latest("created_at")


def test_the_ledger_adds_up_per_release_and_in_total(signed_in):
    records.case_with_victims(records.police(), 12)
    releases = [_build("1.0"), _build("0.5")]
    for release in releases:
        entries = LedgerEntry.objects.filter(release=release)
        assert entries.count() == len(TABLES)
        assert {e.table_key for e in entries} == {t.key for t in TABLES}
        spent = sum(e.epsilon for e in entries)
        # OpenDP's certified loss, never more than the release's epsilon, and all of it used.
        assert spent <= release.epsilon * (1 + 1e-12)
        assert math.isclose(spent, release.epsilon, rel_tol=1e-9)
        for entry in entries:
            assert entry.sensitivity == 1
            assert math.isclose(entry.scale, 1 / entry.epsilon, rel_tol=1e-6)
            assert math.isclose(entry.epsilon, release.tables.get(key=entry.table_key).epsilon)
    total = LedgerEntry.objects.aggregate(total=Sum("epsilon"))["total"]
    assert math.isclose(total, 1.5, rel_tol=1e-9)
    page = signed_in(records.statistician()).get("/en/statistics/")
    assert "1.5" in page.content.decode()


@override_settings(LANTERN_STATS_EPSILON_BUDGET=2)
def test_a_release_over_the_budget_is_refused():
    _build("1.5")
    with pytest.raises(CommandError, match="privacy budget"):
        _build("1.0")
    assert Release.objects.count() == 1
