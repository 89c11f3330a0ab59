"""``lantern link`` and ``lantern encode`` as a user runs them, scored against the truth."""

from __future__ import annotations

import csv
import itertools
from collections import defaultdict
from io import StringIO
from pathlib import Path

import duckdb
import pytest
from django.core.management import CommandError, call_command

from lantern.linkage import engine, synthetic
from lantern.linkage.columns import PEOPLE_COLUMNS


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _clusters(path: Path) -> dict[str, str]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["record_id", "person_id"]
        rows = list(reader)
    assignment = {row["record_id"]: row["person_id"] for row in rows}
    assert len(assignment) == len(rows), "a record is listed twice"
    return assignment


def _pairs(assignment: dict[str, object]) -> set[tuple[str, str]]:
    groups: dict[object, list[str]] = defaultdict(list)
    for record, person in assignment.items():
        groups[person].append(record)
    return {
        pair for members in groups.values() for pair in itertools.combinations(sorted(members), 2)
    }


def _f1(found: dict[str, str], truth: dict[str, str]) -> float:
    found_pairs, true_pairs = _pairs(found), _pairs(truth)
    hits = len(found_pairs & true_pairs)
    precision, recall = hits / len(found_pairs), hits / len(true_pairs)
    return 2 * precision * recall / (precision + recall)


@pytest.fixture(scope="module")
def people_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("people")
    path, truth_path = folder / "people.csv", folder / "truth.csv"
    synthetic.write(path, 900, seed=21, sources=5, truth_path=truth_path)
    with truth_path.open(newline="", encoding="utf-8") as handle:
        truth = {row["record_id"]: row["true_person"] for row in csv.DictReader(handle)}
    return path, truth


def test_link_finds_the_people_of_a_multi_source_file(people_file, tmp_path):
    path, truth = people_file
    out = tmp_path / "clusters.csv"
    message = _run("link", str(path), "--out", str(out), "--quiet")
    found = _clusters(out)
    assert set(found) == set(truth), "every record gets exactly one person id"
    assert _f1(found, truth) >= 0.9
    assert f"{len(truth)} records, {len(set(found.values()))} people" in message


def test_person_ids_survive_a_rerun_and_new_records(people_file, tmp_path):
    path, _truth = people_file
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    _run("link", str(path), "--out", str(first), "--quiet")
    before = _clusters(first)

    # A later file: the same records and three new reports of people already known.
    grown = tmp_path / "grown.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for number, row in enumerate(rows[:3]):
        rows.append({**row, "record_id": f"late-{number}", "source": "late"})
    with grown.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(PEOPLE_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    _run("link", str(grown), "--out", str(second), "--previous", str(first), "--quiet")
    after = _clusters(second)

    kept = sum(after[record] == person for record, person in before.items())
    assert kept / len(before) >= 0.99
    for number, row in enumerate(rows[:3]):
        assert after[f"late-{number}"] == after[row["record_id"]]


def test_encoded_linkage_never_sees_a_name_and_matches_plain(people_file, tmp_path):
    path, truth = people_file
    key, encoded = tmp_path / "shared.key", tmp_path / "encoded.csv"
    _run("encode", "--key-file", str(key), "--new-key")
    assert key.stat().st_mode & 0o077 == 0, "the key file is readable by its owner only"
    with pytest.raises(CommandError, match="never overwritten"):
        _run("encode", "--key-file", str(key), "--new-key")
    _run("encode", str(path), "--key-file", str(key), "--out", str(encoded))

    text = encoded.read_text(encoding="utf-8").lower()
    with path.open(newline="", encoding="utf-8") as handle:
        originals = list(csv.DictReader(handle))
    for row in originals[:200]:
        for field in ("given_name", "family_name", "email", "phone"):
            value = row[field].strip().lower()
            if len(value) > 3:
                assert value not in text, f"{field} left the provider in clear"

    plain_out, encoded_out = tmp_path / "plain.csv", tmp_path / "encoded-clusters.csv"
    _run("link", str(path), "--out", str(plain_out), "--quiet")
    _run("link", str(encoded), "--encoded", "--out", str(encoded_out), "--quiet")
    plain, private = _f1(_clusters(plain_out), truth), _f1(_clusters(encoded_out), truth)
    assert private >= plain - 0.03


def test_the_hub_cannot_link_with_another_key(people_file, tmp_path):
    path, _truth = people_file
    first, second = tmp_path / "one.key", tmp_path / "two.key"
    _run("encode", "--key-file", str(first), "--new-key")
    _run("encode", "--key-file", str(second), "--new-key")
    out_one, out_two = tmp_path / "one.csv", tmp_path / "two.csv"
    _run("encode", str(path), "--key-file", str(first), "--out", str(out_one))
    _run("encode", str(path), "--key-file", str(second), "--out", str(out_two))
    with out_one.open() as one, out_two.open() as two:
        row_one, row_two = next(csv.DictReader(one)), next(csv.DictReader(two))
    assert row_one["record_id"] == row_two["record_id"]
    assert row_one["family_token"] != row_two["family_token"]
    assert row_one["family_bloom"] != row_two["family_bloom"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("given_name,family_name\nAna,Silva\n", "no record_id column"),
        ("record_id,familyname\n1,Silva\n", "unknown column"),
        ("record_id,given_name\n1,Ana\n1,Bea\n", "not unique"),
        ("record_id,given_name\n1,Ana\n,Bea\n", "have no record_id"),
    ],
)
def test_unfit_files_get_a_clear_error(tmp_path, content, message):
    path = tmp_path / "people.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        _run("link", str(path), "--out", str(tmp_path / "out.csv"), "--quiet")


def test_encoded_link_refuses_a_plain_file(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("record_id,given_name\n1,Ana\n", encoding="utf-8")
    with pytest.raises(CommandError, match="not a file written by lantern encode"):
        _run("link", str(path), "--encoded", "--out", str(tmp_path / "out.csv"), "--quiet")


def test_a_bad_key_file_is_refused(tmp_path, people_file):
    path, _truth = people_file
    key = tmp_path / "short.key"
    key.write_text("abcd\n", encoding="ascii")
    with pytest.raises(CommandError, match="too short"):
        _run("encode", str(path), "--key-file", str(key), "--out", str(tmp_path / "e.csv"))
    with pytest.raises(CommandError, match="Cannot read the key file"):
        _run(
            "encode",
            str(path),
            "--key-file",
            str(tmp_path / "none.key"),
            "--out",
            str(tmp_path / "e.csv"),
        )


def test_a_file_of_one_record_is_one_person(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("record_id,given_name\nonly,Ana\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    _run("link", str(path), "--out", str(out), "--quiet")
    assert list(_clusters(out)) == ["only"]


def test_a_file_of_two_records_is_linked_without_failing(tmp_path):
    # Too few records to learn how rare an agreement is: the model cannot be sure, so the two
    # stay apart and their pair goes to review (before, the estimate of how often two records
    # match failed, or came out certain and had no weight, and linking stopped).
    path = tmp_path / "people.csv"
    path.write_text("record_id,given_name,family_name,date_of_birth,phone\n"
                    "a,Ana,Fictive,1990-04-02,613-555-0101\n"
                    "b,Ana,Fictive,1990-04-02,(613) 555-0101\n", encoding="utf-8")
    out, pairs = tmp_path / "out.csv", tmp_path / "pairs.csv"
    _run("link", str(path), "--out", str(out), "--pairs", str(pairs), "--quiet")
    assert sorted(_clusters(out)) == ["a", "b"]
    assert "a" in pairs.read_text(encoding="utf-8")
    # Names only: every training block fails for want of pairs; the model keeps its
    # comparisons (Splink set them aside in the failed session) and scores the pairs.
    path.write_text("record_id,given_name,family_name\na,Ana,Fictive\nb,Louis,Roy\n"
                    "c,Maya,Chen\n", encoding="utf-8")
    _run("link", str(path), "--out", str(out), "--quiet")
    assert len(set(_clusters(out).values())) == 3


def test_a_training_block_that_fails_after_another_leaves_the_model_whole():
    # Every e-mail differs, so the training block on e-mails has no pair and fails after the
    # block on dates of birth has trained. The model still compares e-mails, with the share
    # of matches estimated on the whole file (before, the failed session left its block's
    # comparisons out of the model, and its block's share of matches, near one in two, in).
    con = duckdb.connect()
    engine.load_rows(con, _people(30, shared_email=False))
    result = engine.link(con)
    assert result.model is not None
    compared = {comparison["output_column_name"] for comparison in result.model["comparisons"]}
    assert {"given_name", "family_name", "date_of_birth", "email"} <= compared
    assert result.model["probability_two_random_records_match"] < 0.1


def _people(count: int, *, shared_email: bool) -> list[dict[str, str]]:
    """``count`` people, each twice; their two records share an e-mail, or none does."""
    given = ["Ana", "Louis", "Maya", "Noah", "Omar", "Leila", "Jean", "Aiko", "Ravi", "Zoé",
             "Inès", "Malik"]
    family = ["Tremblay", "Singh", "Nguyen", "Roy", "Okafor", "Martin", "Haddad", "Cohen",
              "Gagnon", "Kowalski", "Bouchard", "Silva", "Chen", "Ahmed", "Côté", "Moreau",
              "Fraser", "Lévesque", "Park", "Diallo"]
    rows = []
    for number, (first, last) in enumerate(itertools.islice(
            itertools.product(given, family), count)):
        for copy in range(2):
            email = f"p{number}@example.com" if shared_email else f"p{number}.{copy}@example.com"
            rows.append({"record_id": f"r{number}-{copy}", "given_name": first,
                         "family_name": last, "email": email,
                         "date_of_birth": f"{1940 + number % 60}-{1 + number % 12:02d}-"
                                          f"{1 + number % 28:02d}"})
    return rows


@pytest.mark.parametrize(("people", "shared_email", "name_block_trained"), [
    (240, True, False),   # 240 pairs share an e-mail: they teach the date of birth
    (30, True, True),     # 30 are too few: the full-name block teaches it too
    (240, False, True),   # no e-mail shared: the e-mail block cannot be trained at all
])
def test_the_full_name_block_trains_only_if_no_identifier_block_had_enough_pairs(
        monkeypatch, people, shared_email, name_block_trained):
    # The blocks that trained, as Splink was asked (the real training runs).
    from splink.internals.linker_components.training import LinkerTraining

    real, trained = LinkerTraining.estimate_parameters_using_expectation_maximisation, []

    def estimate(self, rule, *args, **kwargs):  # type: ignore[no-untyped-def]
        session = real(self, rule, *args, **kwargs)
        trained.append(rule.get_blocking_rule("duckdb").blocking_rule_sql)
        return session

    monkeypatch.setattr(LinkerTraining, "estimate_parameters_using_expectation_maximisation",
                        estimate)
    con = duckdb.connect()
    engine.load_rows(con, _people(people, shared_email=shared_email))
    engine.link(con)
    assert any("l.email = r.email" in rule for rule in trained) is shared_email
    assert any("l.given1 = r.given1" in rule for rule in trained) is name_block_trained


def test_a_file_with_no_duplicate_at_all_is_one_person_per_record(tmp_path):
    # Distinct people only: the rules that estimate how often two records match find none.
    path = tmp_path / "people.csv"
    given = ["Ana", "Louis", "Maya", "Noah", "Zoé", "Omar", "Leila", "Jean", "Aiko", "Ravi"]
    family = ["Tremblay", "Singh", "Nguyen", "Roy", "Okafor", "Martin", "Haddad", "Cohen",
              "Lavoie", "Chen", "Bouchard", "Silva"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["record_id", "source", "given_name", "family_name", "date_of_birth",
                         "sex", "phone", "email", "city", "province"])
        for number, (first, last) in enumerate(itertools.product(given, family)):
            writer.writerow([f"r{number}", f"s{number % 4}", first, last,
                             f"19{60 + number % 40}-{1 + number % 12:02d}-{1 + number % 28:02d}",
                             "female" if number % 2 else "male", f"613-555-{number:04d}",
                             f"{first}.{last}{number}@example.org".lower(), "Ottawa", "ON"])
    out = tmp_path / "out.csv"
    message = _run("link", str(path), "--out", str(out), "--quiet")
    found = _clusters(out)
    assert len(found) == 120 and len(set(found.values())) == 120
    assert "120 records, 120 people" in message
