"""`lantern release build` shows its progress on stderr; seeds are for tests only."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from lantern.stats.models import Release
from lantern.stats.tests import records

pytestmark = pytest.mark.django_db


def test_build_reports_progress_and_makes_a_draft():
    records.case_with_victims(records.police(), 12)
    out, err = io.StringIO(), io.StringIO()
    call_command("release", "build", "--period", "2024Q4", "--epsilon", "1.0", stdout=out,
                 stderr=err)
    release = Release.objects.get()
    assert release.status == Release.Status.DRAFT
    assert release.build_status == Release.Build.DONE
    assert str(release.window_start) == "2015-01-01" and str(release.window_end) == "2024-12-31"
    assert release.controls["threshold"] == 10 and release.controls["rounding_base"] == 5
    assert release.controls["seeded"] is False
    assert "built as a draft" in out.getvalue()
    assert "counting" in err.getvalue() and "100.0 %" in err.getvalue()


def test_build_refuses_a_bad_period_or_epsilon():
    with pytest.raises(CommandError, match="period"):
        call_command("release", "build", "--period", "2024Q5", "--epsilon", "1")
    with pytest.raises(CommandError, match="positive"):
        call_command("release", "build", "--period", "2024", "--epsilon", "0")
    assert not Release.objects.exists()


@override_settings(PRODUCTION=True)
def test_a_fixed_seed_is_refused_in_production():
    with pytest.raises(CommandError, match="production"):
        call_command("release", "build", "--period", "2024", "--epsilon", "1", "--seed", "4")
