"""The CTDC export: the flat layout, consent to statistics respected, k-anonymity enforced."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from lantern import testing
from lantern.cases import actions as case_actions
from lantern.standard.schemas import ConsentSchema
from lantern.submissions.ctdc import QUASI_IDENTIFIERS

pytestmark = pytest.mark.django_db


def _export(tmp_path, k: int = 11) -> tuple[list[dict[str, str]], str]:
    out = io.StringIO()
    call_command("export", "ctdc", "--out", str(tmp_path / "ctdc.csv"), "--k", str(k),
                 stdout=out)
    with (tmp_path / "ctdc.csv").open() as handle:
        return list(csv.DictReader(handle)), out.getvalue()


def test_every_combination_is_shared_by_at_least_k_victims(trio, tmp_path):
    for _ in range(12):
        testing.make_case(trio.owner)  # 12 alike: born 2001, female, opened 2024
    odd = testing.make_case(trio.owner)
    odd.people.update(sex="male")  # one who stands out
    rows, report = _export(tmp_path)
    combos = Counter(tuple(r[q] for q in QUASI_IDENTIFIERS) for r in rows)
    assert min(combos.values()) >= 11
    assert len(rows) == 12 and "1 victims left out" in report
    row = rows[0]
    assert row["ageBroad"] == "21--23" and row["gender"] == "Female"
    assert row["isSexualExploitation"] == "1" and row["meansOfControlDebtBondage"] == "0"


def test_people_who_withdrew_from_statistics_are_left_out(trio, tmp_path):
    for _ in range(11):
        testing.make_case(trio.owner)
    withdrawn = testing.make_case(trio.owner).people.get()
    consent = case_actions.record_consent(trio.owner, withdrawn, ConsentSchema(
        purpose="statistics", given_at=timezone.now()), None)
    case_actions.withdraw_consent(trio.owner, consent)
    rows, report = _export(tmp_path)
    assert len(rows) == 11 and "11 of 11 victims" in report


def test_no_name_leaves_in_the_export(trio, tmp_path):
    for _ in range(11):
        testing.make_case(trio.owner, given_name="Zéphirine", family_name="Exportée")
    rows, _ = _export(tmp_path)
    dump = str(rows)
    assert len(rows) == 11
    assert "Zéphirine" not in dump and "Exportée" not in dump and "2001-05-17" not in dump


def test_htcds_export_carries_cases_without_identities(trio, tmp_path):
    import json

    case = testing.make_case(trio.owner, given_name="Zéphirine", narrative="Secret.")
    testing.make_case(trio.outsider)
    out = io.StringIO()
    call_command("export", "htcds", "--org", trio.org.code, "--out",
                 str(tmp_path / "h.jsonl"), stdout=out)
    lines = (tmp_path / "h.jsonl").read_text().splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert data["reference"] == case.reference
    assert data["people"][0]["pseudonym"] == case.people.get().pseudonym
    assert data["incidents"][0]["province"] == "ON"
    assert "Zéphirine" not in lines[0] and "Secret" not in lines[0]
