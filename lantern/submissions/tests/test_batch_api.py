"""The batch API: tokens of an organization, idempotent retries, an answer for every record."""

from __future__ import annotations

import pytest
from django.test import Client

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.cases.models import Case, Person
from lantern.submissions import actions
from lantern.submissions.models import ApiToken, Submission

pytestmark = pytest.mark.django_db

CASES = [{"source_record_id": "API-1", "opened_on": "2024-01-05",
          "exploitation_types": ["sexual_exploitation"]},
         {"source_record_id": "API-2", "opened_on": "2024-02-01", "trafficking_status": "actual"}]


@pytest.fixture
def steward():
    org = testing.make_org()
    return testing.make_user(org, Role.DATA_STEWARD)


def _token(user, scopes=("org:submission:manage",)) -> str:
    return actions.create_token(user, "test", list(scopes))[1]


def _post(token: str, entity: str, records, key: str = "", mode: str = "store_valid"):
    headers = {"Authorization": f"Bearer {token}"}
    if key:
        headers["Idempotency-Key"] = key
    return Client().post(f"/api/v1/submissions/{entity}", {"mode": mode, "records": records},
                         content_type="application/json", headers=headers)


def test_records_are_stored_and_people_attach_to_their_case(steward):
    token = _token(steward)
    answer = _post(token, "case", CASES).json()
    assert (answer["stored"], answer["rejected"], answer["status"]) == (2, 0, "done")
    people = _post(token, "person", [{"source_record_id": "P-1", "case_source_record_id": "API-1",
                                      "role": "victim", "given_name": "Fictive"}]).json()
    assert people["stored"] == 1
    assert Person.objects.get().case.source_record_id == "API-1"


def test_a_retry_with_the_same_key_changes_nothing(steward):
    token = _token(steward)
    first = _post(token, "case", CASES, key="batch-42").json()
    second = _post(token, "case", CASES, key="batch-42").json()
    assert first == second
    assert Submission.objects.count() == 1
    assert Case.objects.filter(organization=steward.organization).count() == 2
    conflict = _post(token, "case", CASES[:1], key="batch-42")
    assert conflict.status_code == 409


def test_without_a_key_a_resend_stores_nothing_twice(steward):
    token = _token(steward)
    _post(token, "case", CASES)
    again = _post(token, "case", CASES).json()
    assert (again["stored"], again["unchanged"]) == (0, 2)
    assert Case.objects.filter(organization=steward.organization).count() == 2


def test_every_rejected_record_comes_back_with_its_reason(steward):
    token = _token(steward)
    answer = _post(token, "case", [CASES[0], {"source_record_id": "X", "opened_on": "soon"}],
                   mode="all_or_nothing").json()
    assert answer["stored"] == 0
    assert answer["errors"][0]["row"] == 2 and answer["errors"][0]["field"] == "opened_on"
    assert not Case.objects.filter(organization=steward.organization).exists()


def test_tokens_are_stored_hashed_and_can_be_revoked(steward):
    token = _token(steward)
    stored = ApiToken.objects.get()
    assert token.split("_", 2)[2] not in stored.secret_hash
    actions.revoke_token(steward, stored)
    assert _post(token, "case", CASES).status_code == 401
    assert _post(token[:-2] + "xx", "case", CASES).status_code == 401


def test_a_token_without_the_scope_cannot_submit(steward):
    assert _post(_token(steward, ("org:case:view",)), "case", CASES).status_code == 403


def test_another_organizations_token_cannot_read_the_submission(steward):
    answer = _post(_token(steward), "case", CASES).json()
    other = testing.make_user(testing.make_org(), Role.DATA_STEWARD)
    response = Client().get(f"/api/v1/submissions/status/{answer['submission']}",
                            headers={"Authorization": f"Bearer {_token(other)}"})
    assert response.status_code == 404


def test_the_openapi_document_lists_the_batch_endpoint(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/submissions/{entity}" in spec["paths"]
