"""The cases API answers for the caller's organization only."""

from __future__ import annotations

import pytest

from lantern import testing

pytestmark = pytest.mark.django_db


def test_owner_lists_and_reads_cases_without_identities(trio, signed_in):
    case = testing.make_case(trio.owner, given_name="Zéphirine")
    client = signed_in(trio.colleague)
    listing = client.get("/api/v1/cases/").json()
    assert [item["reference"] for item in listing] == [case.reference]
    detail = client.get(f"/api/v1/cases/{case.reference}").json()
    assert detail["codes"]["exploitation_types"] == ["sexual_exploitation"]
    assert detail["people"][0]["pseudonym"] == case.people.get().pseudonym
    assert "Zéphirine" not in str(detail)


def test_outsider_gets_an_empty_list_and_404(trio, signed_in):
    case = testing.make_case(trio.owner)
    client = signed_in(trio.outsider)
    assert client.get("/api/v1/cases/").json() == []
    assert client.get(f"/api/v1/cases/{case.reference}").status_code == 404


def test_anonymous_callers_are_refused(trio, client):
    testing.make_case(trio.owner)
    assert client.get("/api/v1/cases/").status_code == 401
