"""People who withdraw consent to statistics are left out of every release made after."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lantern import testing
from lantern.cases import actions as case_actions
from lantern.stats.models import Release, ReleasedCell
from lantern.stats.tests import records

pytestmark = pytest.mark.django_db


def _build() -> Release:
    call_command("release", "build", "--period", "2024", "--epsilon", "10000", "--quiet",
                 "--seed", "3")
    return Release.objects.latest("created_at")


def _victims(release: Release) -> int | None:
    return ReleasedCell.objects.get(table__release=release, table__key="victims_sex_age",
                                    row="female", column="18_24").value


def test_a_withdrawal_leaves_the_person_and_their_linked_records_out_of_later_releases():
    police, shelter = records.police("ON"), records.police("QC")
    people = records.case_with_victims(police, 20)
    consents = [testing.give_consent(police, person, "statistics") for person in people]
    elsewhere = records.case_with_victims(shelter, 5)
    for person, record in zip(people[:5], elsewhere, strict=True):
        records.link(person, record)
    first = _build()
    assert _victims(first) == 20
    for consent in consents[:5]:
        case_actions.withdraw_consent(police, consent)
    second = _build()
    # The five, and their records at the other organization, are gone.
    assert _victims(second) == 15
    assert second.notes["people_withdrawn"] == 10
    # The release made before the withdrawal does not change.
    assert _victims(first) == 20


def test_a_draft_built_before_a_withdrawal_cannot_be_approved():
    police = records.police()
    people = records.case_with_victims(police, 10)
    consent = testing.give_consent(police, people[0], "statistics")
    draft = _build()
    case_actions.withdraw_consent(police, consent)
    statistician = records.statistician("stats")
    with pytest.raises(CommandError, match="withdrew their consent"):
        call_command("release", "approve", str(draft.pk), "--user", "stats")
    draft.refresh_from_db()
    assert draft.status == Release.Status.DRAFT and statistician.pk
