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
import pyarrow as pa
from splink import DuckDBAPI, Linker, block_on
from splink.internals.comparison_creator import ComparisonCreator

from lantern.linkage import bloom, cluster, model
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
    select = ["row_number() OVER () AS unique_id", "record_id", "nullif(source, '') AS source"]
    for name, (kind, _group) in bloom.ENCODED_FIELDS.items():
        token = f"nullif({name}_token, '')"
        if kind == "tokens":
            select.append(f"string_split({token}, ' ') AS {name}")
            continue
        select.append(f"{token} AS {name}")
        if kind == "bloom":
            select.append(f"unhex(nullif({name}_bloom, ''))::BIT AS {name}_bf")
    con.register("lantern_input", relation)
    con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT {', '.join(select)} FROM lantern_input")
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
        _train(linker, present, options, progress, count)
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


def _train(
    linker: Linker, present: set[str], options: Options, progress: Progress | None, records: int
) -> None:
    _report(progress, "train", 0.0)
    deterministic = model.deterministic_rules(present)
    if deterministic:
        linker.training.estimate_probability_two_random_records_match(deterministic, recall=0.7)
        # A file with no duplicate at all estimates 0, which has no match weight (log of 0):
        # keep at least one expected match among all the pairs.
        floor = 1.0 / max(1.0, records * (records - 1) / 2)
        settings = linker._settings_obj
        if settings._probability_two_random_records_match < floor:
            settings._probability_two_random_records_match = floor
    linker.training.estimate_u_using_random_sampling(
        # Enough random pairs to see rare agreements; fewer for small files.
        max_pairs=min(options.u_sample_pairs, max(1e5, 50.0 * records)),
        seed=options.seed,
    )
    rules = model.training_rules(present, max(1, records // options.training_records))
    for number, rule in enumerate(rules, start=1):
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, fix_probability_two_random_records_match=True
            )
        except Exception as error:  # a block with too few pairs to learn from
            logging.getLogger(__name__).info("training block skipped: %s", type(error).__name__)
        _report(progress, "train", number / len(rules))


def _cluster(
    con: duckdb.DuckDBPyConnection,
    linker: Linker,
    db_api: DuckDBAPI,
    table: str,
    edges_table: str,
    options: Options,
) -> tuple[list[list[str]], list[Uncertain]]:
    ids = dict(con.execute(f"SELECT unique_id, record_id FROM {table}").fetchall())
    by_record = {record: uid for uid, record in ids.items()}
    sources = (
        dict(con.execute(f"SELECT unique_id, source FROM {table}").fetchall())
        if options.distinct_within_source
        else {}
    )

    def pair(left: str, right: str) -> tuple[int, int] | None:
        if left not in by_record or right not in by_record:
            return None
        a, b = by_record[left], by_record[right]
        return (a, b) if a < b else (b, a)

    same = {p for p in (pair(*item) for item in options.same_person) if p}
    different = {p for p in (pair(*item) for item in options.different_people) if p}

    def apart(left: int, right: int) -> bool:
        key = (left, right) if left < right else (right, left)
        if key in different:
            return True
        return bool(sources) and sources[left] is not None and sources[left] == sources[right]

    strong = con.execute(
        f"SELECT unique_id_l, unique_id_r FROM {edges_table} "
        f"WHERE match_probability >= {options.threshold}"
    ).fetchall()
    groups = cluster.components([*strong, *same])
    # Groups of three or more: every pair inside scored by the trained model, then split by
    # average linkage. A pair is already scored; it only has to pass the "apart" rules.
    big = [members for members in groups if len(members) > 2]
    probability: dict[tuple[int, int], float] = {}
    if big:
        membership = pa.table(
            {
                "unique_id": [uid for members in big for uid in members],
                "lantern_group": [index for index, members in enumerate(big) for _ in members],
            }
        )
        con.register("lantern_membership", membership)
        con.execute(
            f"CREATE OR REPLACE TABLE lantern_grouped AS SELECT p.*, g.lantern_group "
            f"FROM {table} p JOIN lantern_membership g USING (unique_id)"
        )
        con.unregister("lantern_membership")
        within = linker.inference.predict_within(
            db_api.register("lantern_grouped"),
            blocking_rules_to_generate_predictions=[block_on("lantern_group")],
            warning_mode="never",
        )
        for left, right, value in con.execute(
            f"SELECT unique_id_l, unique_id_r, match_probability FROM {within.physical_name}"
        ).fetchall():
            probability[(left, right) if left < right else (right, left)] = value
    for key in same:
        probability[key] = 1.0

    people: list[list[str]] = []
    placed: set[int] = set()
    for members in groups:
        if len(members) == 2:
            parts = [[members[0]], [members[1]]] if apart(*members) else [members]
        else:
            parts = cluster.split_group(members, probability, options.threshold, apart)
        for part in parts:
            people.append(sorted(ids[uid] for uid in part))
            placed.update(part)
    people += [[record] for uid, record in ids.items() if uid not in placed]

    return people, _uncertain(con, linker, table, edges_table, ids, options)


def _uncertain(
    con: duckdb.DuckDBPyConnection,
    linker: Linker,
    table: str,
    edges_table: str,
    ids: dict[int, str],
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
        "SELECT pair, unique_id_l, unique_id_r, match_probability FROM lantern_review ORDER BY pair"
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
        Uncertain(ids[left], ids[right], value, levels.get(pair, {}))
        for pair, left, right, value in pairs
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
