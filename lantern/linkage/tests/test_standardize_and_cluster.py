"""Standardization of identifying fields and the clustering that does not chain."""

from __future__ import annotations

import duckdb
import numpy as np

from lantern.linkage import cluster, engine
from lantern.linkage.standardize import standardize


def _standardized(*rows: dict[str, str]) -> list[dict[str, object]]:
    con = duckdb.connect()
    engine.load_rows(con, [{"record_id": str(n), **row} for n, row in enumerate(rows)])
    standardize(con, "raw_people", "std")
    cursor = con.execute("SELECT * FROM std ORDER BY unique_id")
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def test_names_lose_accents_punctuation_and_script():
    one, two, three = _standardized(
        {"given_name": "Éloïse-Marie", "family_name": "O'Brien  Tremblay"},
        {"given_name": "Олена", "family_name": "Шевченко"},
        {"given_name": "BILL", "family_name": "st-pierre"},
    )
    assert (one["given1"], one["family"]) == ("eloise", "obrien tremblay")
    assert one["family_tokens"] == ["obrien", "tremblay"]
    assert (two["given1"], two["family"]) == ("olena", "shevchenko")
    assert "william" in three["given_forms"] and three["family"] == "st pierre"


def test_dates_in_many_shapes_and_their_swapped_reading():
    iso, compact, dmy, partial, year = _standardized(
        {"date_of_birth": "1990-03-12"},
        {"date_of_birth": "19900312"},
        {"date_of_birth": "12/03/1990"},
        {"date_of_birth": "1990-03"},
        {"date_of_birth": "1990"},
    )
    assert iso["dob"] == compact["dob"] == dmy["dob"] == "1990-03-12"
    assert iso["dob_swapped"] == "1990-12-03"
    assert (partial["dob"], partial["dob_month_year"], partial["dob_year"]) == (
        None,
        "1990-03",
        1990,
    )
    assert (year["dob"], year["dob_year"]) == (None, 1990)


def test_phones_emails_places_and_sex_in_one_form():
    one, two = _standardized(
        {
            "phone": "+1 (416) 555-0123",
            "email": " Ana.Silva+tips@Example.COM ",
            "province": "Québec",
            "sex": "femme",
            "postal_code": "h2x 1y4",
        },
        {"phone": "416.555.0123", "email": "not an address", "province": "on", "sex": "F"},
    )
    assert one["phone"] == two["phone"] == "4165550123"
    assert one["email"] == "ana.silva@example.com" and two["email"] is None
    assert (one["province"], two["province"]) == ("QC", "ON")
    assert one["sex"] == two["sex"] == "f"
    assert one["postal_code"] == "H2X1Y4"


def test_one_bad_pair_does_not_chain_two_people_together():
    # 1 and 2 are surely one person, 2 and 3 look alike, but 1 and 3 surely differ.
    probability = {(1, 2): 0.99, (2, 3): 0.95, (1, 3): 0.001}
    parts = cluster.split_group([1, 2, 3], probability, threshold=0.9)
    assert sorted(map(sorted, parts)) == [[1, 2], [3]]
    # Connected components alone would have made them one.
    assert cluster.components([(1, 2), (2, 3)]) == [[1, 2, 3]]


def test_a_stewards_split_is_absolute():
    probability = {(1, 2): 0.99, (2, 3): 0.99, (1, 3): 0.99}
    parts = cluster.split_group([1, 2, 3], probability, 0.9, apart=lambda a, b: {a, b} == {1, 3})
    assert not any({1, 3} <= set(part) for part in parts)


def test_a_chain_too_large_to_compare_is_cut_at_its_weakest_pairs():
    # Two trios of sure matches, joined by one pair just over the threshold, in a run that
    # compares every pair only within groups of up to three records.
    left, right = np.array([0, 0, 1, 3, 3, 4, 2]), np.array([1, 2, 2, 4, 5, 5, 3])
    probability = np.array([0.9999] * 6 + [0.95])
    labels = cluster.bounded_groups(6, left, right, probability, 0.9, largest=3).tolist()
    assert labels[0] == labels[1] == labels[2] != labels[3] == labels[4] == labels[5]
    # Joined by certain pairs only, the records stay one group: the same record sent often.
    certain = cluster.bounded_groups(6, left, right, np.ones(7), 0.9, largest=3)
    assert len(set(certain.tolist())) == 1


def test_stable_ids_follow_the_majority_of_records():
    previous = {"a": "LP-1", "b": "LP-1", "c": "LP-2", "d": "LP-2"}
    # a and b stay together, c joins them, d is alone now: LP-1 stays with the majority,
    # LP-2 follows its remaining record.
    assignment = cluster.stable_ids([["a", "b", "c"], ["d"], ["e"]], previous)
    assert assignment["a"] == assignment["b"] == assignment["c"] == "LP-1"
    assert assignment["d"] == "LP-2"
    assert assignment["e"] not in {"LP-1", "LP-2"}
    assert cluster.stable_ids([["e"]], {}) == {"e": assignment["e"]}


def test_a_large_group_is_split_the_same_way():
    members = list(range(1, 16))
    probability = {(a, b): 0.99 for a in members for b in members if a < b}
    parts = cluster.split_group(members, probability, 0.9, apart=lambda a, b: {a, b} == {1, 2})
    assert not any({1, 2} <= set(part) for part in parts)
    assert sum(len(part) for part in parts) == 15 and len(parts) == 2
