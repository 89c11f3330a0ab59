"""Tables count linked people and incidents once, whatever number of records they have."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from lantern.stats.models import Release, ReleasedCell
from lantern.stats.tests import records

pytestmark = pytest.mark.django_db

# With this much epsilon the noise is zero but for odds of about e^-500 (tests of counting
# only; a real release spends about 1).
NO_NOISE = "10000"


def _cell(release: Release, table: str, row: str, column: str = "") -> int | None:
    return ReleasedCell.objects.get(table__release=release, table__key=table, row=row,
                                    column=column).value


def _build() -> Release:
    call_command("release", "build", "--period", "2024", "--epsilon", NO_NOISE, "--quiet",
                 "--seed", "1", stdout=None)
    return Release.objects.latest("created_at")


def test_it_counts_a_person_reported_by_two_organizations_once():
    police, hotline = records.police("ON"), records.police("QC")
    first = records.case_with_victims(police, 20)
    second = records.case_with_victims(hotline, 20)
    for one, other in zip(first, second, strict=True):
        records.link(one, other)
    release = _build()
    # 40 records, 20 people: a multiple of 5, so rounding keeps it.
    assert _cell(release, "victims_sex_age", "female", "18_24") == 20
    assert _cell(release, "victims_birthplace", "_total") == 20
    assert release.notes["person_records"] == 40
    assert release.notes["person_records_unlinked"] == 0


def test_it_counts_a_record_not_linked_yet_as_a_person_and_says_so():
    police = records.police()
    records.case_with_victims(police, 15)
    release = _build()
    assert _cell(release, "victims_sex_age", "female", "18_24") == 15
    assert release.notes["person_records_unlinked"] == 15


def test_it_describes_a_linked_person_by_their_fullest_record():
    police = records.police()
    known = records.case_with_victims(police, 10, sex="female", age_group="25_34")
    vague = records.case_with_victims(police, 10, sex="unknown", age_group="unknown")
    for one, other in zip(known, vague, strict=True):
        records.link(other, one)
    release = _build()
    assert _cell(release, "victims_sex_age", "female", "25_34") == 10
    assert _cell(release, "victims_sex_age", "unknown", "unknown") == 0
