"""Privacy-preserving mode on the platform: organizations encode their person files with
``lantern encode``, submit them like any file, and the hub links the encodings without
ever holding a name."""

from __future__ import annotations

import csv
import io
import itertools
import random
from collections import defaultdict
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from unidecode import unidecode

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.cases.models import Person
from lantern.linkage import synthetic
from lantern.linkage.models import LinkageRun, PersonLink
from lantern.organizations.models import Organization
from lantern.submissions.models import RowError, SourceRecord

pytestmark = pytest.mark.django_db(transaction=True)

PERSON_HEADER = ["source_record_id", "case_source_record_id", "role", "given_name",
                 "family_name", "birth_date", "phone", "email", "sex", "age_group"]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _person_row(person: synthetic.TruePerson, source_id: str, case_id: str,
                rng: random.Random) -> list[str]:
    """One organization's record of ``person``, written its own way."""
    given, family, month, day = person.given, person.family, person.month, person.day
    style = rng.randrange(3)
    if style == 1:
        given, family = unidecode(given), unidecode(family).upper()
    elif style == 2 and day <= 12:
        month, day = day, month
    return [source_id, case_id, "victim", given, family, f"{person.year:04d}-{month:02d}-{day:02d}",
            person.phone if rng.random() < 0.8 else "", person.email if rng.random() < 0.5 else "",
            "female" if person.sex == "f" else "male", "unknown"]


def _submit(tmp_path: Path, org: Organization, name: str,
            people: list[tuple[synthetic.TruePerson, str]], rng: random.Random,
            key: Path | None) -> dict[str, int]:
    """Send a case per person and the people, encoded first when a key is given; returns
    the truth: each Lantern person id and the true person it is."""
    cases = _write(tmp_path / f"{name}-cases.csv", ["source_record_id", "opened_on"],
                   [[f"C-{source_id}", "2025-03-01"] for _person, source_id in people])
    call_command("import", str(cases), "--org", org.code, "--entity", "case", stdout=io.StringIO())
    path = _write(tmp_path / f"{name}-people.csv", PERSON_HEADER, [
        _person_row(person, source_id, f"C-{source_id}", rng) for person, source_id in people])
    if key is not None:
        encoded = tmp_path / f"{name}-people-encoded.csv"
        out = io.StringIO()
        call_command("encode", str(path), "--key-file", str(key), "--out", str(encoded),
                     stdout=out)
        assert f"{len(people)} records encoded" in out.getvalue()
        path = encoded
    out = io.StringIO()
    call_command("import", str(path), "--org", org.code, "--entity", "person", stdout=out)
    assert f"{len(people)} stored" in out.getvalue()
    by_source = dict(SourceRecord.objects.filter(organization=org, entity="person")
                     .values_list("source_record_id", "target_id"))
    return {str(by_source[source_id]): person.person for person, source_id in people}


def _pairs(assignment: dict[str, object]) -> set[tuple[str, str]]:
    groups: dict[object, list[str]] = defaultdict(list)
    for record, group in assignment.items():
        groups[group].append(record)
    return {pair for members in groups.values()
            for pair in itertools.combinations(sorted(members), 2)}


def _linked() -> dict[str, str]:
    return {str(person): linked
            for person, linked in PersonLink.objects.values_list("person_id", "linked_id")}


def _encoded_person(tmp_path: Path, key: Path) -> dict[str, str]:
    """One person of case C-1 (P-1), as ``lantern encode`` writes it for submission."""
    people = _write(tmp_path / "people.csv", PERSON_HEADER, [
        ["P-1", "C-1", "victim", "Lise", "Fictive", "1990-04-02", "", "", "female", "unknown"]])
    encoded_path = tmp_path / "encoded.csv"
    call_command("encode", str(people), "--key-file", str(key), "--out", str(encoded_path),
                 stdout=io.StringIO())
    with encoded_path.open(encoding="utf-8") as handle:
        return next(csv.DictReader(handle))


@pytest.fixture
def key(tmp_path: Path) -> Path:
    path = tmp_path / "shared.key"
    call_command("encode", "--key-file", str(path), "--new-key", stdout=io.StringIO())
    return path


def test_encoded_people_are_linked_at_the_hub_without_a_name(tmp_path, key):
    rng = random.Random(11)
    people = synthetic.people(70, seed=11)
    police = testing.make_org("police_service", "ON")
    ngo = testing.make_org("service_provider", "QC")
    hotline = testing.make_org("hotline", "")
    truth = _submit(tmp_path, police, "police",
                    [(person, f"P-{i}") for i, person in enumerate(people)], rng, key)
    again = [(person, f"N-{i}") for i, person in enumerate(people) if rng.random() < 0.6]
    truth |= _submit(tmp_path, ngo, "ngo", again, rng, key)
    # A third organization sends the same people in clear: plain and encoded records cannot
    # be compared at the hub (it has no key), so they never share a linked id.
    plain = _submit(tmp_path, hotline, "hotline",
                    [(person, f"H-{i}") for i, person in enumerate(people[:20])], rng, None)

    # What the encoding organizations sent holds none of their people's names or contacts.
    sent = (tmp_path / "police-people-encoded.csv").read_text(encoding="utf-8")
    assert "given_name" not in sent and "identity_encoding" in sent
    for person in people:
        for value in (person.family, unidecode(person.family).upper(), person.email,
                      person.phone, f"{person.year:04d}-{person.month:02d}-{person.day:02d}"):
            assert value not in sent
    encoded_people = Person.objects.filter(case__organization__in=[police, ngo])
    assert encoded_people.count() == len(truth)
    assert all(p.encoding_sealed and not p.identity_sealed and not p.name_index
               for p in encoded_people)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM cases_person")
        dump = repr(cursor.fetchall())
    # (Short names could turn up by chance inside ciphertexts; long ones and e-mails cannot.)
    assert all(person.email not in dump for person in people)
    assert all(person.family not in dump for person in people if len(person.family) >= 7)

    out = io.StringIO()
    call_command("link_cases", stdout=out, stderr=io.StringIO())
    run = LinkageRun.objects.get()
    assert run.status == LinkageRun.Status.DONE
    assert set(run.model) >= {"victim", "victim:encoded"}
    linked = _linked()
    found = _pairs({record: linked[record] for record in truth})
    true = _pairs(dict(truth))
    precision = len(found & true) / len(found)
    recall = len(found & true) / len(true)
    assert precision >= 0.95 and recall >= 0.9, (precision, recall)
    encoded_ids = {linked[record] for record in truth}
    assert not encoded_ids & {linked[record] for record in plain}

    # A new encoded record of a known person joins that person in an incremental run.
    newcomer = people[3]
    known = {linked[record] for record, true_person in truth.items()
             if true_person == newcomer.person}
    latest = _submit(tmp_path, ngo, "late", [(newcomer, "N-late")], rng, key)
    call_command("link_cases", "--incremental", stdout=io.StringIO(), stderr=io.StringIO())
    assert LinkageRun.objects.latest("created_at").scope == LinkageRun.Scope.INCREMENTAL
    assert _linked()[next(iter(latest))] in known


def test_an_encoding_is_checked_as_it_arrives(tmp_path, key):
    org = testing.make_org("police_service", "ON")
    cases = _write(tmp_path / "cases.csv", ["source_record_id", "opened_on"],
                   [["C-1", "2025-03-01"], ["C-2", "2025-03-01"], ["C-3", "2025-03-01"]])
    call_command("import", str(cases), "--org", org.code, "--entity", "case", stdout=io.StringIO())
    good = _encoded_person(tmp_path, key)["identity_encoding"]
    bad = _write(tmp_path / "bad.csv", [
        "source_record_id", "case_source_record_id", "role", "given_name", "identity_encoding"], [
        ["P-2", "C-2", "victim", "Lise", good],
        ["P-3", "C-3", "victim", "", '{"given1_token": "Lise"}'],
    ])
    out = io.StringIO()
    call_command("import", str(bad), "--org", org.code, "--entity", "person", stdout=out)
    assert "0 stored" in out.getvalue()
    reasons = {error.row_number: (error.field, error.message)
               for error in RowError.objects.all()}
    assert reasons[1] == ("identity_encoding",
                          "Send the identity or its encoding (lantern encode), not both.")
    assert reasons[2] == ("identity_encoding",
                          "Not an identity encoding written by lantern encode.")
    # The reasons never repeat what was sent.
    assert all("Lise" not in message for _field, message in reasons.values())
    assert Person.objects.count() == 0


def test_the_identity_page_of_an_encoded_person_says_there_is_none(tmp_path, key, signed_in):
    org = testing.make_org("police_service", "ON")
    user = testing.make_user(org, Role.POLICE_INVESTIGATOR)
    rng = random.Random(2)
    [person] = synthetic.people(1, seed=2)
    _submit(tmp_path, org, "one", [(person, "P-1")], rng, key)
    stored = Person.objects.get()
    client = signed_in(user)
    url = f"/en/cases/{stored.case.reference}/people/{stored.pseudonym}/identity/"
    response = client.post(url)
    assert response.status_code == 200
    assert "was sent encoded" in response.content.decode()
    assert person.family not in response.content.decode()
    # An identity entered at the hub later replaces the encoding: the person is then linked
    # in clear, and no stale encoding keeps them among the encoded people.
    edited = client.post(url.replace("/identity/", "/identity/edit/"), {
        "given_name": "Lise", "family_name": "Fictive", "birth_date": "1990"})
    assert edited.status_code == 302
    stored.refresh_from_db()
    assert stored.identity_sealed and not stored.encoding_sealed


def test_a_key_rotation_reseals_encodings_and_linkage_still_reads_them(tmp_path, key, settings):
    import base64
    import os

    from lantern.core import crypto

    org = testing.make_org("police_service", "ON")
    rng = random.Random(4)
    people = synthetic.people(3, seed=4)
    _submit(tmp_path, org, "few", [(person, f"P-{i}") for i, person in enumerate(people)],
            rng, key)
    settings.LANTERN_DATA_KEY = (f"k7:{base64.b64encode(os.urandom(32)).decode()},"
                                 f"{settings.LANTERN_DATA_KEY}")
    call_command("rotatekeys", stdout=io.StringIO())
    settings.LANTERN_DATA_KEY = settings.LANTERN_DATA_KEY.split(",")[0]
    assert all(crypto.key_id_of(p.encoding_sealed) == "k7" for p in Person.objects.all())
    call_command("link_cases", stdout=io.StringIO(), stderr=io.StringIO())
    assert LinkageRun.objects.get().status == LinkageRun.Status.DONE
    assert PersonLink.objects.count() == 3


def test_the_batch_api_takes_encoded_people_too(tmp_path, key):
    from django.test import Client

    from lantern.submissions import actions

    steward = testing.make_user(testing.make_org("service_provider", "QC"), Role.DATA_STEWARD)
    record = {name: value for name, value in _encoded_person(tmp_path, key).items() if value}
    token = actions.create_token(steward, "test", ["org:submission:manage"])[1]

    def post(entity: str, records: list[dict]) -> dict:
        return Client().post(f"/api/v1/submissions/{entity}",
                             {"mode": "store_valid", "records": records},
                             content_type="application/json",
                             headers={"Authorization": f"Bearer {token}"}).json()

    assert post("case", [{"source_record_id": "C-1", "opened_on": "2025-01-05"}])["stored"] == 1
    answer = post("person", [record])
    assert answer["stored"] == 1, answer
    stored = Person.objects.get()
    assert stored.encoding_sealed and not stored.identity_sealed
    assert set(record) == {"source_record_id", "case_source_record_id", "role", "sex",
                           "age_group", "identity_encoding"}
