"""An organization maps its columns and codes once; unmapped codes are reported, not guessed."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.cases.models import Person
from lantern.submissions.models import Mapping, RowError, Submission

pytestmark = pytest.mark.django_db


def test_a_saved_mapping_translates_columns_and_codes(tmp_path, signed_in):
    steward = testing.make_user(testing.make_org(), Role.DATA_STEWARD)
    client = signed_in(steward)
    client.post("/en/submissions/mappings/case/", {
        "columns": "Dossier = source_record_id\nOuvert = opened_on", "codes": ""})
    client.post("/en/submissions/mappings/person/", {
        "columns": "ID = source_record_id\nDossier = case_source_record_id\nGenre = sex\n"
                   "Rôle = role",
        "codes": "sex: F = female\nsex: femme = female\nsex: M = male\nrole: V = victim"})
    assert Mapping.objects.get(entity="person").codes == {
        "sex": {"F": "female", "femme": "female", "M": "male"}, "role": {"V": "victim"}}
    (tmp_path / "c.csv").write_text("Dossier,Ouvert\nD-1,2024-03-01\n")
    (tmp_path / "p.csv").write_text("ID,Dossier,Genre,Rôle\nP-1,D-1,femme,V\nP-2,D-1,X,V\n")
    org = steward.organization.code
    for name, entity in (("c.csv", "case"), ("p.csv", "person")):
        call_command("import", str(tmp_path / name), "--org", org, "--entity", entity,
                     stdout=io.StringIO())
    assert Person.objects.get(case__organization=steward.organization).sex == "female"
    error = RowError.objects.get()
    assert (error.row_number, error.field) == (2, "sex")
    assert Submission.objects.filter(entity="person").get().mapping.version == 1


def test_saving_again_makes_a_new_version(signed_in):
    steward = testing.make_user(testing.make_org(), Role.DATA_STEWARD)
    client = signed_in(steward)
    for text in ("A = source_record_id", "B = source_record_id"):
        client.post("/en/submissions/mappings/case/", {"columns": text, "codes": ""})
    assert list(Mapping.objects.values_list("version", flat=True)) == [2, 1]
    assert "B = source_record_id" in client.get("/en/submissions/mappings/case/"
                                                ).content.decode()
