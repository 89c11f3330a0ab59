"""Incidents, charges, permits, hotline contacts and situations, referrals and unmet needs
reach their tables, each unit once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.cases import actions as case_actions
from lantern.hotline import actions as hotline_actions
from lantern.hotline.screening import Answers
from lantern.linkage.models import IncidentLink
from lantern.referrals import actions as referral_actions
from lantern.referrals.models import Referral, UnmetNeed
from lantern.standard.schemas import CaseSchema, ChargeSchema, ConsentSchema, PermitSchema
from lantern.stats.models import Release, ReleasedCell
from lantern.stats.tests import records

pytestmark = pytest.mark.django_db

IN_2024 = dt.datetime(2024, 6, 1, 16, tzinfo=dt.UTC)


def _cell(release: Release, table: str, row: str, column: str = "") -> int | None:
    return ReleasedCell.objects.get(table__release=release, table__key=table, row=row,
                                    column=column).value


def _contacts(advocate, count: int, contact_type: str = "crisis") -> list:  # type: ignore[no-untyped-def]
    return [hotline_actions.log_contact(advocate, {
        "started_at": IN_2024, "channel": "phone", "caller_type": "victim_survivor",
        "contact_type": contact_type, "language": "en", "interpreter_used": False,
        "city": "Toronto", "province": "ON"}) for _ in range(count)]


def test_the_other_tables_count_each_unit_once():
    police, other = records.police("ON"), records.police("QC")
    # Ten incidents, each reported by two forces and linked as one.
    for n in range(10):
        mine = records.case_with_victims(police, 1, province="MB")[0].case.incidents.get()
        theirs = records.case_with_victims(other, 1, province="MB")[0].case.incidents.get()
        for incident in (mine, theirs):
            IncidentLink.objects.create(incident=incident, linked_id=f"LI-TEST{n:04d}")
    # Charges: ten trafficking (guilty), ten alternate (acquitted).
    case = records.case_with_victims(police, 1)[0].case
    accused = records.add_person(police, case, "accused", sex="male", age_group="25_34")
    for code, outcome in [("cc_279.01", "guilty")] * 10 + [("cc_264", "acquitted")] * 10:
        case_actions.add_charge(police, case, ChargeSchema(
            code=code, laid_on=dt.date(2024, 2, 1), outcome=outcome,
            outcome_on=dt.date(2024, 9, 1)), accused)
    # Permits: ten victims, each known to two organizations, each permit reported by both.
    for _ in range(10):
        one, two = records.case_with_victims(police, 1)[0], records.case_with_victims(other, 1)[0]
        records.link(one, two)
        for person in (one, two):
            case_actions.add_permit(police, person, PermitSchema(
                permit_type="initial", issued_on=dt.date(2024, 7, 1)))
    # Hotline: ten crisis contacts (five silent calls are not counted); twenty contacts about
    # ten situations of sex trafficking, two contacts each.
    advocate = testing.make_user(testing.make_org("hotline", "ON"), Role.HOTLINE_ADVOCATE)
    _contacts(advocate, 10)
    _contacts(advocate, 5, "silent")
    situations = _contacts(advocate, 20, "tip")
    for first, second in zip(situations[::2], situations[1::2], strict=True):
        situation = case_actions.open_case(advocate, CaseSchema(opened_on=dt.date(2024, 6, 1)))
        for contact in (first, second):
            hotline_actions.screen_contact(advocate, contact, Answers(), "sex_trafficking", False)
            hotline_actions.link_contact_to_case(advocate, contact, situation)
    # Referrals and unmet needs, dated in 2024.
    provider = testing.make_provider(name="Safe Haven", city="Toronto", province="ON")
    for person in records.case_with_victims(advocate, 10):
        consent = case_actions.record_consent(advocate, person, ConsentSchema(
            purpose="share", shared_with=provider.organization.code, given_at=timezone.now()),
            provider.organization)
        assert consent.pk
        referral_actions.refer_person_to_provider(advocate, person, provider, need="shelter",
                                                  summary="Needs a bed tonight.")
    for _ in range(10):
        referral_actions.record_unmet_need(advocate, "legal_aid", "QC")
    Referral.objects.update(sent_at=IN_2024)
    UnmetNeed.objects.update(recorded_at=IN_2024)

    call_command("release", "build", "--period", "2024", "--epsilon", "10000", "--quiet",
                 "--seed", "9")
    release = Release.objects.get()
    # Twenty reports, ten incidents.
    assert _cell(release, "incidents_year_province", "2024", "MB") == 10
    assert release.notes["incident_records_unlinked"] > 0
    assert _cell(release, "charges_offence_outcome", "trafficking", "guilty") == 10
    assert _cell(release, "charges_offence_outcome", "alternate", "acquitted") == 10
    assert _cell(release, "permits_year_type", "2024", "initial") == 10
    assert _cell(release, "hotline_contacts_type_province", "crisis", "ON") == 10
    assert _cell(release, "hotline_contacts_type_province", "tip", "ON") == 20
    assert _cell(release, "hotline_cases_situation_province", "sex_trafficking", "ON") == 10
    assert _cell(release, "referrals_service_outcome", "shelter", "sent") == 10
    assert _cell(release, "unmet_needs_service_province", "legal_aid", "QC") == 10
