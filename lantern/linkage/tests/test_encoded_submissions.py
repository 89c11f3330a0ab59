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
from django.core.management import CommandError, call_command
from django.db import connection
from unidecode import unidecode

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.audit.models import AuditEntry
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
        call_command("encode", str(path), "--key-file", str(key), "--out", str(encoded), stdout=out)
        assert (
            f"{len(people)} rows written to {encoded}, {len(people)} of them with an "
            "identity encoding."
        ) in out.getvalue()
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
    assert "victim" in run.model
    assert [key for key in run.model if key.startswith("victim:encoded:")]
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
    assert "Show identity" not in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 200
    assert "was sent encoded" in response.content.decode()
    assert person.family not in response.content.decode()
    assert not AuditEntry.objects.filter(action="person.identity.reveal").exists()
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
    assert set(record) == {
        "source_record_id",
        "case_source_record_id",
        "role",
        "sex",
        "age_group",
        "identity_encoding",
    }


def test_lantern_encode_refuses_what_could_leak_or_would_be_refused(tmp_path, key):
    def encode(path: Path, out: Path | None = None) -> str:
        with pytest.raises(CommandError) as error:
            call_command("encode", str(path), "--key-file", str(key),
                         "--out", str(out or tmp_path / "out.csv"), stdout=io.StringIO())
        return str(error.value)

    good = ["P-1", "C-1", "victim", "Lise", "Fictive", "1990-04-02", "", "", "female", "unknown"]
    # A column the template does not know could hold a name: it is never copied in clear.
    extra = _write(tmp_path / "extra.csv", [*PERSON_HEADER, "full_name"],
                   [[*good, "Lise Fictive"]])
    assert "full_name are not columns of the person template" in encode(extra)
    # Values the hub would refuse in clear are refused before encoding, without repeating them.
    bad = _write(tmp_path / "bad.csv", PERSON_HEADER, [
        good, ["P-2", "C-1", "victim", "Ana", "Fictive", "02/04/1990", "", "", "female",
               "unknown"]])
    message = encode(bad)
    assert "row 2, birth_date" in message and "02/04/1990" not in message
    assert not (tmp_path / "out.csv").exists()
    # The file itself is never overwritten, and an encoded file is not encoded twice.
    same = _write(tmp_path / "same.csv", PERSON_HEADER, [good])
    assert "must not be the file being encoded" in encode(same, same)
    assert same.read_text(encoding="utf-8").count("Lise") == 1
    call_command("encode", str(same), "--key-file", str(key), "--out",
                 str(tmp_path / "once.csv"), stdout=io.StringIO())
    assert "already encoded" in encode(tmp_path / "once.csv")
    # A header and no row is an empty person file, not a people file of lantern link.
    empty = _write(tmp_path / "empty.csv", PERSON_HEADER, [])
    assert "header row but no data" in encode(empty)


def test_a_person_without_identity_is_sent_without_encoding(tmp_path, key):
    path = _write(tmp_path / "people.csv", PERSON_HEADER, [
        ["P-1", "C-1", "victim", "", "", "", "", "", "female", "unknown"]])
    out = io.StringIO()
    call_command("encode", str(path), "--key-file", str(key), "--out",
                 str(tmp_path / "out.csv"), stdout=out)
    assert "1 rows written" in out.getvalue() and "0 of them with" in out.getvalue()
    with (tmp_path / "out.csv").open(encoding="utf-8") as handle:
        assert next(csv.DictReader(handle))["identity_encoding"] == ""


def test_a_deeply_nested_encoding_is_one_rejected_row(tmp_path, key):
    org = testing.make_org("police_service", "ON")
    cases = _write(tmp_path / "cases.csv", ["source_record_id", "opened_on"],
                   [["C-1", "2025-03-01"], ["C-2", "2025-03-01"]])
    call_command("import", str(cases), "--org", org.code, "--entity", "case", stdout=io.StringIO())
    good = _encoded_person(tmp_path, key)["identity_encoding"]
    path = _write(tmp_path / "nested.csv", [
        "source_record_id", "case_source_record_id", "role", "identity_encoding"], [
        ["P-1", "C-1", "victim", "[" * 7000], ["P-2", "C-2", "victim", good]])
    out = io.StringIO()
    call_command("import", str(path), "--org", org.code, "--entity", "person", stdout=out)
    assert "1 stored, 0 unchanged, 1 rejected" in out.getvalue()


def test_a_person_sent_again_the_other_way_leaves_the_linked_id_behind(tmp_path, key):
    rng = random.Random(8)
    people = synthetic.people(12, seed=8)
    police = testing.make_org("police_service", "ON")
    ngo = testing.make_org("service_provider", "QC")
    sent = [(person, f"P-{i}") for i, person in enumerate(people)]
    _submit(tmp_path, police, "police", sent, rng, key)
    _submit(tmp_path, ngo, "ngo", [(person, f"N-{i}") for i, person in enumerate(people)],
            rng, key)
    call_command("link_cases", stdout=io.StringIO(), stderr=io.StringIO())

    def shared() -> set[str]:
        encoded, plain = set(), set()
        for person in Person.objects.select_related("link"):
            (encoded if person.encoding_sealed else plain).add(person.link.linked_id)
        return encoded & plain

    # The police sends the same people again, in clear this time: they are now compared with
    # nobody the NGO sent (encoded), in an incremental run as in a full one.
    _submit(tmp_path, police, "police-again", sent, rng, None)
    assert Person.objects.filter(case__organization=police, encoding_sealed="").count() == 12
    call_command("link_cases", "--incremental", stdout=io.StringIO(), stderr=io.StringIO())
    assert not shared()
    call_command("link_cases", stdout=io.StringIO(), stderr=io.StringIO())
    assert not shared()


def test_the_pair_of_two_encoded_records_shows_no_identity(tmp_path, key, signed_in):
    from lantern.linkage.models import ReviewPair

    org = testing.make_org("police_service", "ON")
    rng = random.Random(3)
    [person] = synthetic.people(1, seed=3)
    _submit(tmp_path, org, "twice", [(person, "P-1"), (person, "P-2")], rng, key)
    left, right = sorted(Person.objects.all(), key=lambda p: str(p.pk))
    run = LinkageRun.objects.create(status=LinkageRun.Status.DONE)
    pair = ReviewPair.objects.create(run=run, left=left, right=right, probability=0.5,
                                     levels={"family_name": "same"})
    steward = testing.make_user(testing.make_org("law_enforcement_coordination", ""),
                                Role.LINKAGE_STEWARD)
    client = signed_in(steward)
    page = client.get(f"/en/linkage/review/{pair.pk}/").content.decode()
    assert "sent encoded" in page and "Show both identities" not in page
    client.post(f"/en/linkage/review/{pair.pk}/", {"reveal": "1"})
    assert not AuditEntry.objects.filter(action="person.identity.reveal").exists()
