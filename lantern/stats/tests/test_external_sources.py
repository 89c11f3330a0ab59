"""Figures published elsewhere are loaded with their source and edition, and shown."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.stats.models import ExternalFigure, ExternalSource

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).with_name("external_fixture.csv")


def test_it_loads_figures_under_their_edition_and_again_changes_nothing(signed_in):
    call_command("loadexternal", str(FIXTURE))
    call_command("loadexternal", str(FIXTURE))
    assert ExternalSource.objects.count() == 2
    assert ExternalFigure.objects.count() == 4
    edition = ExternalSource.objects.get(edition="Edition A")
    assert str(edition.published_on) == "2023-12-01"
    assert edition.figures.get(measure="incidents", geography="ON").value == Decimal("1234")
    analyst = testing.make_user(testing.make_org("federal_department", ""), Role.POLICY_ANALYST)
    page = signed_in(analyst).get("/en/statistics/sources/").content.decode()
    assert "Test fixture: not real figures, Edition A" in page
    assert "1.28" in page


def test_a_bad_file_is_refused_and_nothing_is_stored(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("source,edition,measure,value\nA,B,incidents,12\nA,B,incidents,lots\n",
                   encoding="utf-8")
    with pytest.raises(CommandError, match="row 3"):
        call_command("loadexternal", str(bad))
    assert not ExternalFigure.objects.exists()
    missing = tmp_path / "missing.csv"
    missing.write_text("source,value\nA,1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing columns"):
        call_command("loadexternal", str(missing))
