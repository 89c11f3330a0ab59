"""Linking people: standardize, train the Splink model, score pairs, cluster.

``link`` works on a DuckDB table of raw text columns (one row a record) and returns the
records grouped into people. It knows nothing of Django; the platform's linkage job, the
``lantern link`` command and the benchmark all call it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
from splink import DuckDBAPI, Linker
from splink.internals.comparison_creator import ComparisonCreator

from lantern.linkage import bloom, cluster, encodings, model
from lantern.linkage.columns import PEOPLE_COLUMNS
from lantern.linkage.standardize import standardize

logging.getLogger("splink").setLevel(logging.ERROR)

Progress = Callable[[str, float], None]

# Stages and the share of the work each one takes, for progress bars.
STAGES = (("standardize", 0.10), ("train", 0.25), ("score", 0.40), ("cluster", 0.25))


@dataclass
class Options:
    # A pair is evidence of one person from this match probability.
    threshold: float = 0.9
    # Each source holds a person at most once (a register, a deduplicated file).
    distinct_within_source: bool = False
    # Steward decisions, as pairs of record ids.
    same_person: list[tuple[str, str]] = field(default_factory=list)
    different_people: list[tuple[str, str]] = field(default_factory=list)
    # Random pairs used to learn how often fields agree by chance.
    u_sample_pairs: float = 1e6
    # Above this many records, expectation maximisation learns from a sample of the pairs.
    training_records: int = 250_000
    # Groups of more records than this are split at stricter thresholds before every pair in
    # them is compared (cluster.bounded_groups).
    largest_group: int = 500
    # At most this many pairs near the threshold are kept for a steward's review.
    review_pairs: int = 20_000
    seed: int = 20261124
    # A model trained by an earlier run (``Result.model``): used as it is, without training.
    # Incremental runs over a few new records use the model learned on all of them.
    trained_model: dict[str, Any] | None = None
    # A standardized table holding every record, of which the linked table is a part: how
    # common a value is (term frequencies) is counted there, not in the part.
    frequencies_table: str | None = None


@dataclass
class Uncertain:
    """A pair close to the threshold, for a steward's review."""

    left: str
    right: str
    probability: float
    # How each compared field agreed: "same", "different", "missing" or the label of a near
    # level ("Jaro-Winkler distance of given1 >= 0.92"), by comparison: {"family_name": "same"}.
    levels: dict[str, str] = field(default_factory=dict)


@dataclass
class Result:
    clusters: list[list[str]]
    pairs_scored: int
    uncertain: list[Uncertain]
    # The trained model (Splink settings with their parameters), for later incremental runs.
    model: dict[str, Any] | None = None


class LinkageError(ValueError):
    """Input that cannot be linked, with a message for the person who gave it."""


def _report(progress: Progress | None, stage: str, done: float) -> None:
    if progress is None:
        return
    before = 0.0
    for name, share in STAGES:
        if name == stage:
            progress(stage, min(1.0, before + share * done))
            return
        before += share


def load_csv(con: duckdb.DuckDBPyConnection, path: str, table: str = "raw_people") -> None:
    """Read a people file into ``table`` (text columns, ``unique_id``); LinkageError if unfit."""
    try:
        relation = con.read_csv(path, header=True, all_varchar=True)
    except duckdb.Error as error:
        raise LinkageError(f"cannot read {path} as CSV: {error}") from None
    load_relation(con, relation, table)


def load_relation(
    con: duckdb.DuckDBPyConnection, relation: duckdb.DuckDBPyRelation, table: str
) -> None:
    columns = [name.strip().lower() for name in relation.columns]
    unknown = sorted(set(columns) - set(PEOPLE_COLUMNS))
    if unknown:
        raise LinkageError(
            f"unknown column(s): {', '.join(unknown)}; "
            f"expected some of: {', '.join(PEOPLE_COLUMNS)}"
        )
    if "record_id" not in columns:
        raise LinkageError("the file has no record_id column")
    original = dict(zip(columns, relation.columns, strict=True))
    select = ", ".join(
        f'CAST("{original[name]}" AS VARCHAR) AS {name}'
        if name in original
        else f"CAST(NULL AS VARCHAR) AS {name}"
        for name in PEOPLE_COLUMNS
    )
    con.register("lantern_input", relation)
    con.execute(
        f"CREATE OR REPLACE TABLE {table} AS "
        f"SELECT row_number() OVER () AS unique_id, {select} FROM lantern_input"
    )
    con.unregister("lantern_input")
    _check_ids(con, table)


def _check_ids(con: duckdb.DuckDBPyConnection, table: str) -> None:
    problems = con.execute(f"""
        SELECT count(*) FILTER (WHERE record_id IS NULL OR trim(record_id) = ''),
               count(*) - count(DISTINCT record_id)
        FROM {table}
    """).fetchall()[0]
    if problems[0]:
        raise LinkageError(f"{problems[0]} row(s) have no record_id")
    if problems[1]:
        raise LinkageError(f"record_id is not unique: {problems[1]} repeated value(s)")


def load_rows(
    con: duckdb.DuckDBPyConnection, rows: Iterable[dict[str, str]], table: str = "raw_people"
) -> None:
    """Load records given as dictionaries (the platform's case people)."""
    data = {name: [] for name in PEOPLE_COLUMNS}  # type: dict[str, list[str | None]]
    for row in rows:
        for name in PEOPLE_COLUMNS:
            data[name].append(row.get(name) or None)
    load_relation(con, con.from_arrow(pa.table(data)), table)


def encode_file(
    con: duckdb.DuckDBPyConnection,
    path: str,
    key: bytes,
    out: str,
    progress: Progress | None = None,
) -> int:
    """Standardize and encode a people file (the data provider's side); return rows written."""
    import csv

    load_csv(con, path)
    standardize(con, "raw_people", "lantern_people")
    encoder = bloom.Encoder(key)
    fields = list(bloom.ENCODED_FIELDS)
    total = con.execute("SELECT count(*) FROM lantern_people").fetchall()[0][0]
    cursor = con.cursor()
    cursor.execute(
        f"SELECT record_id, source, {', '.join(fields)} FROM lantern_people ORDER BY unique_id"
    )
    written = 0
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["record_id", "source", *bloom.encoded_columns()])
        while batch := cursor.fetchmany(10_000):
            for row in batch:
                encoded = encoder.encode(dict(zip(fields, row[2:], strict=True)))
                writer.writerow([row[0], row[1] or "", *encoded.values()])
            written += len(batch)
            if progress:
                progress("encode", written / total if total else 1.0)
    return written


def load_encoded(con: duckdb.DuckDBPyConnection, path: str, table: str = "lantern_people") -> None:
    """Read a file written by ``lantern encode`` into the compared form."""
    try:
        relation = con.read_csv(path, header=True, all_varchar=True)
    except duckdb.Error as error:
        raise LinkageError(f"cannot read {path} as CSV: {error}") from None
    expected = ["record_id", "source", *bloom.encoded_columns()]
    missing = [name for name in expected if name not in relation.columns]
    if missing:
        raise LinkageError(
            "not a file written by lantern encode: missing column(s) " + ", ".join(missing)
        )
    con.register("lantern_input", relation)
    con.execute(f"CREATE OR REPLACE TABLE {table} AS "
                f"SELECT {encodings.compared_select()} FROM lantern_input")
    con.unregister("lantern_input")
    _check_ids(con, table)


def _present(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    """Columns with at least one value: only those are compared."""
    names = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
    counts = con.execute(
        "SELECT " + ", ".join(f'count("{name}")' for name in names) + f" FROM {table}"
    ).fetchall()[0]
    return {name for name, count in zip(names, counts, strict=True) if count}


def link(
    con: duckdb.DuckDBPyConnection,
    raw_table: str = "raw_people",
    options: Options | None = None,
    progress: Progress | None = None,
    *,
    prepared: bool = False,
    comparisons: Callable[[set[str]], list[ComparisonCreator]] = model.plain_comparisons,
) -> Result:
    """Group the records of ``raw_table`` into people.

    ``prepared`` says the table is already in the compared form (encoded files are); otherwise
    it is standardized first.
    """
    options = options or Options()
    _report(progress, "standardize", 0.0)
    table = raw_table
    if not prepared:
        standardize(con, raw_table, "lantern_people")
        table = "lantern_people"
    present = _present(con, table)
    _report(progress, "standardize", 1.0)

    count = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    if count < 2:
        rows = con.execute(f"SELECT record_id FROM {table}").fetchall()
        return Result([[row[0]] for row in rows], 0, [], options.trained_model)

    db_api = DuckDBAPI(connection=con)
    people = db_api.register(table)
    if options.trained_model is not None:
        linker = Linker(people, options.trained_model, log_level=None)
        if options.frequencies_table:
            _register_frequencies(con, db_api, linker, options.frequencies_table)
    else:
        settings = model.settings(comparisons(present), model.blocking_rules(present))
        linker = Linker(people, settings, log_level=None)
        _train(linker, present, options, progress, count, shared_pairs(con, table, present))
    _report(progress, "train", 1.0)

    _report(progress, "score", 0.0)
    predictions = linker.inference.predict(threshold_match_probability=0.05)
    edges_table = predictions.physical_name
    pairs_scored = con.execute(f"SELECT count(*) FROM {edges_table}").fetchall()[0][0]  # type: ignore[index]
    _report(progress, "score", 1.0)

    _report(progress, "cluster", 0.0)
    clusters, uncertain = _cluster(con, linker, db_api, table, edges_table, options)
    _report(progress, "cluster", 1.0)
    return Result(clusters, pairs_scored, uncertain, linker.misc.save_model_to_json())


# An identifier's block teaches the date of birth, phone and address only with this many
# pairs (after sampling) at least; with fewer, the full-name block teaches them too.
MIN_IDENTIFIER_PAIRS = 200


def shared_pairs(con: duckdb.DuckDBPyConnection, table: str, present: set[str]) -> dict[str, int]:
    """For each identifier column with values, how many pairs of records share a value."""
    counts = {}
    for column in model.IDENTIFIER_COLUMNS:
        if column in present:
            counts[column] = int(con.execute(
                f"SELECT coalesce(sum(n * (n - 1) // 2), 0) FROM (SELECT count(*) AS n "
                f"FROM {table} WHERE {column} IS NOT NULL GROUP BY {column})").fetchall()[0][0])
    return counts


def _train(
    linker: Linker, present: set[str], options: Options, progress: Progress | None, records: int,
    shared: dict[str, int],
) -> None:
    """Estimate the model's parameters on the data; ``shared`` is ``shared_pairs``."""
    _report(progress, "train", 0.0)
    deterministic = model.deterministic_rules(present)
    if deterministic:
        settings = linker._settings_obj
        try:
            linker.training.estimate_probability_two_random_records_match(
                deterministic, recall=0.7)
        except ValueError:
            # A tiny file where the rules find more matches than there are pairs at that
            # recall (two records of one person): as likely a match as not, before evidence.
            settings._probability_two_random_records_match = 0.5
        # A file with no duplicate at all estimates 0, which has no match weight (log of 0):
        # keep at least one expected match among all the pairs, and at most even odds (a
        # certain match, for a file of two records, has no weight either).
        floor = min(0.5, 1.0 / max(1.0, records * (records - 1) / 2))
        if settings._probability_two_random_records_match < floor:
            settings._probability_two_random_records_match = floor
    linker.training.estimate_u_using_random_sampling(
        # Enough random pairs to see rare agreements; fewer for small files.
        max_pairs=min(options.u_sample_pairs, max(1e5, 50.0 * records)),
        seed=options.seed,
    )
    sample_every = max(1, records // options.training_records)
    blocks = model.training_blocks(present, sample_every)
    identifier_trained = False
    for number, block in enumerate(blocks, start=1):
        if block.unless_identifiers and identifier_trained:
            _report(progress, "train", number / len(blocks))
            continue
        # A session sets aside, in the linker's model, the comparisons its block fixes and its
        # share of matches, and puts them back only at its end; one that fails would leave
        # them out (no names compared at all). Each session that ends replaces the linker's
        # model with a new object, so the copy is taken of the model the linker holds now.
        before = linker._settings_obj.core_model_settings.copy()
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                block.rule,
                fix_probability_two_random_records_match=True,
                # The iterations count agreement patterns instead of reading every pair.
                estimate_without_term_frequencies=True,
            )
        except Exception as error:  # a block with no pair to learn from
            linker._settings_obj.core_model_settings = before
            logging.getLogger(__name__).info("training block skipped: %s", type(error).__name__)
        else:
            identifier_trained = identifier_trained or (
                bool(block.identifier)
                and shared.get(block.identifier, 0) // sample_every >= MIN_IDENTIFIER_PAIRS)
        _report(progress, "train", number / len(blocks))


def _cluster(
    con: duckdb.DuckDBPyConnection,
    linker: Linker,
    db_api: DuckDBAPI,
    table: str,
    edges_table: str,
    options: Options,
) -> tuple[list[list[str]], list[Uncertain]]:
    """People from the scored pairs: groups of connected strong pairs, split by average
    linkage.

    Records are numbered by their place in ``unique_id`` order; everything a record holds
    (its id, its source) stays in DuckDB and is joined in where needed, so that millions of
    records cost arrays, not Python objects.
    """
    uids = con.sql(f"SELECT unique_id FROM {table} ORDER BY unique_id").fetchnumpy()["unique_id"]
    uids = uids.astype(np.int64)
    _decisions(con, table, "lantern_same", options.same_person)
    _decisions(con, table, "lantern_different", options.different_people)
    strong = con.sql(
        f"SELECT unique_id_l AS l, unique_id_r AS r, match_probability AS p FROM {edges_table} "
        f"WHERE match_probability >= {options.threshold} "
        f"UNION ALL SELECT uid_l, uid_r, 1.0 FROM lantern_same"
    ).fetchnumpy()
    labels = cluster.bounded_groups(
        len(uids),
        np.searchsorted(uids, strong["l"]),
        np.searchsorted(uids, strong["r"]),
        strong["p"].astype(np.float64),
        options.threshold,
        options.largest_group,
    )
    del strong
    person = _split_groups(con, linker, db_api, table, edges_table, uids, labels, options)
    return _people(con, table, uids, person), _uncertain(con, linker, table, edges_table, options)


def _split_groups(
    con: duckdb.DuckDBPyConnection,
    linker: Linker,
    db_api: DuckDBAPI,
    table: str,
    edges_table: str,
    uids: cluster.Indexes,
    labels: cluster.Indexes,
    options: Options,
) -> cluster.Indexes:
    """Each record's person, numbered by the place of the person's first record: the groups
    of ``labels`` split by average linkage."""
    size = np.bincount(labels)[labels]
    # Records in groups of two or more, by group and then by unique_id.
    in_group = np.flatnonzero((size > 1) & (size <= options.largest_group))
    members = in_group[np.argsort(labels[in_group], kind="stable")]
    _labels, group_of, sizes = np.unique(labels[members], return_inverse=True, return_counts=True)
    con.register(
        "lantern_membership_input",
        pa.table({"unique_id": uids[members], "lantern_group": group_of.astype(np.int64)}),
    )
    con.execute(
        "CREATE OR REPLACE TABLE lantern_membership AS SELECT * FROM lantern_membership_input"
    )
    con.unregister("lantern_membership_input")
    distance = _distances_within_groups(con, linker, db_api, table, edges_table, options)
    first = cluster.average_linkage(sizes, distance, 1.0 - options.threshold)

    person = np.arange(len(uids))
    group_start = np.cumsum(sizes) - sizes
    person[members] = members[group_start[group_of] + first]
    # A group still too large to compare all its pairs (see cluster.bounded_groups) is whole.
    whole = np.flatnonzero(size > options.largest_group)
    first_of_label = np.full(len(uids), len(uids))
    np.minimum.at(first_of_label, labels[whole], whole)
    person[whole] = first_of_label[labels[whole]]
    return person


def _people(
    con: duckdb.DuckDBPyConnection, table: str, uids: cluster.Indexes, person: cluster.Indexes
) -> list[list[str]]:
    """The record ids of each person, sorted, given each record's person number."""
    con.register("lantern_person", pa.table({"unique_id": uids, "person": person}))
    # One sorted column cut into people is quicker than a list per person from DuckDB.
    ordered = con.sql(
        f"SELECT person, p.record_id FROM {table} p JOIN lantern_person USING (unique_id) "
        f"ORDER BY person, p.record_id"
    ).to_arrow_table()
    con.unregister("lantern_person")
    records = ordered.column("record_id").to_pylist()
    owner = ordered.column("person").to_numpy()
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]]).tolist()
    ends = [*starts[1:], len(records)]
    return [records[start:end] for start, end in zip(starts, ends, strict=True)]


def _decisions(
    con: duckdb.DuckDBPyConnection, table: str, name: str, pairs: list[tuple[str, str]]
) -> None:
    """Steward decisions as a table ``name`` of pairs of unique_ids (the smaller first)."""
    con.register(
        "lantern_decisions",
        pa.table(
            {"left": [pair[0] for pair in pairs], "right": [pair[1] for pair in pairs]},
            schema=pa.schema([("left", pa.string()), ("right", pa.string())]),
        ),
    )
    con.execute(
        f"CREATE OR REPLACE TABLE {name} AS "
        f"SELECT DISTINCT least(a.unique_id, b.unique_id) AS uid_l, "
        f"greatest(a.unique_id, b.unique_id) AS uid_r "
        f"FROM lantern_decisions d JOIN {table} a ON a.record_id = d.left "
        f"JOIN {table} b ON b.record_id = d.right WHERE a.unique_id <> b.unique_id"
    )
    con.unregister("lantern_decisions")


def _distances_within_groups(
    con: duckdb.DuckDBPyConnection,
    linker: Linker,
    db_api: DuckDBAPI,
    table: str,
    edges_table: str,
    options: Options,
) -> cluster.Distances:
    """The distance (1 - match probability) of every pair inside every group of
    ``lantern_membership``, by group, then left and right unique_id (SciPy's condensed order).

    A pair blocking found keeps its score; the others are scored now (``_score_the_rest``). A
    steward's "one person" makes the distance 0, and "not one person" (or two records of one
    source, with ``distinct_within_source``) makes it ``cluster.APART``.
    """
    con.execute(
        f"CREATE OR REPLACE TABLE lantern_within AS "
        f"SELECT l.lantern_group, l.unique_id AS uid_l, r.unique_id AS uid_r, e.match_probability "
        f"FROM lantern_membership l JOIN lantern_membership r "
        f"ON l.lantern_group = r.lantern_group AND l.unique_id < r.unique_id "
        f"LEFT JOIN (SELECT least(unique_id_l, unique_id_r) AS uid_l, "
        f"greatest(unique_id_l, unique_id_r) AS uid_r, match_probability FROM {edges_table}) e "
        f"ON e.uid_l = l.unique_id AND e.uid_r = r.unique_id"
    )
    _score_the_rest(con, linker, db_api)
    apart = "d.uid_l IS NOT NULL"
    sources = ""
    if options.distinct_within_source:
        apart += " OR (sl.source IS NOT NULL AND sl.source = sr.source)"
        sources = (
            f"JOIN {table} sl ON sl.unique_id = w.uid_l JOIN {table} sr ON sr.unique_id = w.uid_r "
        )
    distance = con.sql(
        f"SELECT CASE WHEN {apart} THEN {cluster.APART} WHEN s.uid_l IS NOT NULL THEN 0.0 "
        f"ELSE 1.0 - coalesce(w.match_probability, n.match_probability, 0.0) END AS distance "
        f"FROM lantern_within w "
        f"LEFT JOIN lantern_rescored n ON n.unique_id_l = w.uid_l AND n.unique_id_r = w.uid_r "
        f"LEFT JOIN lantern_same s ON s.uid_l = w.uid_l AND s.uid_r = w.uid_r "
        f"LEFT JOIN lantern_different d ON d.uid_l = w.uid_l AND d.uid_r = w.uid_r "
        f"{sources}ORDER BY w.lantern_group, w.uid_l, w.uid_r"
    ).fetchnumpy()["distance"]
    con.execute("DROP TABLE lantern_within; DROP TABLE lantern_rescored")
    return distance.astype(np.float64)


def _score_the_rest(con: duckdb.DuckDBPyConnection, linker: Linker, db_api: DuckDBAPI) -> None:
    """Score the pairs of ``lantern_within`` without a score into ``lantern_rescored``.

    Most are pairs blocking did not bring together (in a generated file of a million records,
    one in ten of them is more likely a match than not); a few it did, but scored below the
    0.05 kept. Splink scores exactly the pairs registered as blocked, with the trained model
    and the term frequencies of the whole table.
    """
    con.execute(
        "CREATE OR REPLACE TABLE lantern_unscored AS SELECT '0' AS match_key, "
        "uid_l AS join_key_l, uid_r AS join_key_r FROM lantern_within "
        "WHERE match_probability IS NULL"
    )
    con.execute(
        "CREATE OR REPLACE TABLE lantern_rescored "
        "(unique_id_l BIGINT, unique_id_r BIGINT, match_probability DOUBLE)"
    )
    if con.execute("SELECT count(*) FROM lantern_unscored").fetchall()[0][0]:
        linker.table_management.register_blocked_pairs_for_predict(
            db_api.register("lantern_unscored")
        )
        scored = linker.inference.predict(warning_mode="never")
        con.execute(
            f"INSERT INTO lantern_rescored "
            f"SELECT unique_id_l, unique_id_r, match_probability FROM {scored.physical_name}"
        )
        scored.drop_table_from_database_and_remove_from_cache()
    con.execute("DROP TABLE lantern_unscored")


def _uncertain(
    con: duckdb.DuckDBPyConnection,
    linker: Linker,
    table: str,
    edges_table: str,
    options: Options,
) -> list[Uncertain]:
    """The pairs nearest the threshold, each with how its fields agreed.

    Scoring keeps no per-field levels (a million pairs of them would cost memory), so the few
    review pairs are compared again, each pair a block of its own, with those kept.
    """
    low, high = options.threshold - 0.4, options.threshold + 0.09
    con.execute(
        f"CREATE OR REPLACE TABLE lantern_review AS "
        f"SELECT row_number() OVER (ORDER BY abs(match_probability - {options.threshold}), "
        f"unique_id_l, unique_id_r) AS pair, unique_id_l, unique_id_r, match_probability "
        f"FROM {edges_table} WHERE match_probability BETWEEN {low} AND {high} "
        f"ORDER BY pair LIMIT {options.review_pairs}"
    )
    pairs = con.execute(
        f"SELECT r.pair, a.record_id, b.record_id, r.match_probability FROM lantern_review r "
        f"JOIN {table} a ON a.unique_id = r.unique_id_l "
        f"JOIN {table} b ON b.unique_id = r.unique_id_r ORDER BY r.pair"
    ).fetchall()
    if not pairs:
        return []
    con.execute(
        f"CREATE OR REPLACE TABLE lantern_review_sides AS "
        f"SELECT (r.pair * 2 + s.side) AS unique_id, r.pair AS lantern_pair, "
        f"p.* EXCLUDE (unique_id) "
        f"FROM lantern_review r CROSS JOIN (VALUES (0), (1)) s(side) "
        f"JOIN {table} p ON p.unique_id = CASE WHEN s.side = 0 THEN r.unique_id_l "
        f"ELSE r.unique_id_r END"
    )
    settings = dict(linker.misc.save_model_to_json())
    settings["retain_intermediate_calculation_columns"] = True
    settings["blocking_rules_to_generate_predictions"] = [
        {"blocking_rule": 'l."lantern_pair" = r."lantern_pair"', "sql_dialect": "duckdb"}
    ]
    db_api = DuckDBAPI(connection=con)
    again = Linker(db_api.register("lantern_review_sides"), settings, log_level=None)
    compared = again.inference.predict()
    # Splink keeps each field's match weight, not its level: a level is known by its weight.
    weights: dict[str, list[tuple[float, str]]] = {}
    for comparison in again._settings_obj.comparisons:
        weights[comparison._mw_column_name] = [
            (0.0 if level.is_null_level else level._log2_bayes_factor, _kind(level))
            for level in comparison.comparison_levels
        ]
    columns = list(weights)
    levels: dict[int, dict[str, str]] = {}
    for row in con.execute(
        f"SELECT unique_id_l // 2, {', '.join(columns)} FROM {compared.physical_name}"
    ).fetchall():
        levels[row[0]] = {
            name.removeprefix("mw_"): min(weights[name], key=lambda item: abs(item[0] - value))[1]
            for name, value in zip(columns, row[1:], strict=True)
            if value is not None
        }
    return [
        Uncertain(left, right, value, levels.get(pair, {})) for pair, left, right, value in pairs
    ]


def _kind(level: Any) -> str:
    if level.is_null_level:
        return "missing"
    if level._is_else_level:
        return "different"
    label = str(level.label_for_charts)
    return "same" if label.startswith("Exact match") else label


def _register_frequencies(
    con: duckdb.DuckDBPyConnection, db_api: DuckDBAPI, linker: Linker, table: str
) -> None:
    """Term frequencies of the model's columns, counted over ``table``."""
    for column in linker._settings_obj._term_frequency_columns:
        name = column.unquote().name
        con.execute(
            f'CREATE OR REPLACE TABLE "lantern_tf_{name}" AS '
            f'SELECT "{name}", count(*)::DOUBLE / sum(count(*)) OVER () AS "tf_{name}" '
            f'FROM {table} WHERE "{name}" IS NOT NULL GROUP BY "{name}"'
        )
        linker.table_management.register_term_frequency_lookup(
            db_api.register(f"lantern_tf_{name}"), name
        )
