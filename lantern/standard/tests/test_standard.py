"""The data standard: bilingual vocabularies, schemas that validate, JSON Schema served."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from pydantic import ValidationError

from lantern.standard.schemas import (
    CaseSchema,
    ChargeSchema,
    ConsentSchema,
    PersonSchema,
    dates_checked_against,
)
from lantern.standard.vocabularies import VOCABULARIES, vocabulary

REQUIRED_VOCABULARIES = {
    "exploitation_type", "sexual_exploitation_type", "labour_industry", "method_of_control",
    "relationship_to_trafficker", "trafficking_status", "status_decided_by", "role_in_process",
    "palermo_act", "palermo_means", "palermo_purpose", "ilo_indicator", "charge",
    "accused_victim_relationship", "court_outcome", "sex", "gender", "age_group",
    "indigenous_identity", "birthplace", "disability", "lgbtq", "organization_type",
    "province", "cma",
}


def test_every_required_vocabulary_exists():
    assert set(VOCABULARIES) >= REQUIRED_VOCABULARIES


def test_every_code_has_both_labels_and_definitions():
    for voc in VOCABULARIES.values():
        assert voc.title_en and voc.title_fr and voc.source
        for concept in voc.concepts:
            assert concept.en and concept.fr and concept.definition_en and concept.definition_fr


def test_the_ilo_list_has_its_eleven_indicators():
    assert len(vocabulary("ilo_indicator").concepts) == 11


def test_charges_separate_trafficking_from_alternate_offences():
    charges = vocabulary("charge")
    trafficking = {c.code for c in charges.with_tag("trafficking")}
    assert {"cc_279.01", "cc_279.011", "cc_279.02", "cc_279.03", "irpa_118"} <= trafficking
    assert {c.code for c in charges.with_tag("sexual_services")} >= {
        "cc_286.1", "cc_286.2", "cc_286.3", "cc_286.4"}
    assert not trafficking & {c.code for c in charges.with_tag("alternate")}


def test_indigenous_identity_names_the_three_peoples():
    assert {"first_nations", "metis", "inuit"} <= set(vocabulary("indigenous_identity").codes())


def test_schemas_refuse_codes_outside_the_standard():
    with pytest.raises(ValidationError, match="not a code of the vocabulary 'sex'"):
        PersonSchema.model_validate({"role": "victim", "sex": "F"})


def test_schemas_check_consistency_between_fields():
    with pytest.raises(ValidationError, match="describe victims only"):
        PersonSchema.model_validate({"role": "accused", "relationship_to_trafficker": "friend"})
    with pytest.raises(ValidationError, match="must name the organization"):
        ConsentSchema.model_validate({"purpose": "share", "given_at": "2024-01-01T00:00Z"})
    with pytest.raises(ValidationError, match="ongoing charge has no outcome date"):
        ChargeSchema.model_validate({"code": "cc_279.01", "outcome_on": "2024-01-01"})
    with pytest.raises(ValidationError, match="future"):
        CaseSchema.model_validate({"opened_on": "2999-01-01"})


def test_json_schema_of_each_entity_is_served_publicly(client):
    names = client.get("/api/v1/standard/schemas").json()
    assert {"case", "person", "incident", "charge", "consent", "permit"} <= set(names)
    for name in names:
        schema = client.get(f"/api/v1/standard/schemas/{name}").json()
        assert schema["type"] == "object" and schema["properties"]
    person = client.get("/api/v1/standard/schemas/person").json()
    assert person["properties"]["sex"]["x-vocabulary"] == "sex"
    assert "female" in person["properties"]["sex"]["enum"]
    identity = person["$defs"]["IdentitySchema"]["properties"]
    assert identity["given_name"]["x-identifying"] is True


def test_vocabularies_are_served_in_both_languages(client):
    sex = client.get("/api/v1/standard/vocabularies/sex").json()
    female = next(c for c in sex["concepts"] if c["code"] == "female")
    assert female["label_en"] and female["label_fr"] and female["label_en"] != female["label_fr"]
    assert client.get("/api/v1/standard/vocabularies/nonexistent").status_code == 404


def test_openapi_is_published(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/standard/schemas/{entity}" in spec["paths"]


@pytest.mark.django_db
def test_vocabulary_pages_show_the_french_labels(client):
    html = client.get("/fr/standard/indigenous_identity/").content.decode()
    assert "Premières Nations" in html and "Métis" in html and "Inuit" in html


def test_docs_standard_md_is_current():
    call_command("standard_docs", "--check")


def test_consent_times_must_carry_a_time_zone():
    with pytest.raises(ValidationError, match="timezone"):
        ConsentSchema.model_validate({"purpose": "services", "given_at": "2024-01-01T10:00"})


def test_lists_of_codes_keep_each_code_once_in_the_order_given():
    case = CaseSchema.model_validate({
        "opened_on": "2024-01-01",
        "exploitation_types": ["forced_labour", "sexual_exploitation", " forced_labour"]})
    assert case.exploitation_types == ["forced_labour", "sexual_exploitation"]


def test_an_unknown_code_names_its_vocabulary_but_not_the_value():
    with pytest.raises(ValidationError) as raised:
        CaseSchema.model_validate({"opened_on": "2024-01-01", "status": "probable",
                                   "methods_of_control": ["threats", "Jane Doe"]})
    errors = raised.value.errors(include_url=False, include_input=False)
    assert [(e["type"], e["loc"], e["msg"], e["ctx"]) for e in errors] == [
        ("unknown_code", ("status",), "not a code of the vocabulary 'case_status'",
         {"vocabulary": "case_status"}),
        ("unknown_code", ("methods_of_control", 1),
         "not a code of the vocabulary 'method_of_control'", {"vocabulary": "method_of_control"}),
    ]
    with pytest.raises(ValidationError, match="valid string"):
        CaseSchema.model_validate({"opened_on": "2024-01-01", "status": 1})


def test_dates_can_be_checked_against_a_day_given_once():
    with dates_checked_against(dt.date(2020, 1, 1)):
        assert CaseSchema.model_validate({"opened_on": "2020-01-01"})
        with pytest.raises(ValidationError, match="future"):
            CaseSchema.model_validate({"opened_on": "2020-01-02"})
    assert CaseSchema.model_validate({"opened_on": "2020-01-02"})
    assert CaseSchema.model_validate({"opened_on": timezone.localdate().isoformat()})
