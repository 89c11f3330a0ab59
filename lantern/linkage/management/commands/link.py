from __future__ import annotations

import csv
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
from django.core.management.base import BaseCommand, CommandError

from lantern.linkage import cluster, engine, spark


class Command(BaseCommand):
    help = (
        "Link a file of people: which records are the same person. Reads a CSV with the "
        "columns record_id, source, given_name, family_name, date_of_birth, sex, phone, "
        "email, city, province (and optionally address, postal_code, document_number; any "
        "may be empty) or, with --encoded, a file written by `lantern encode`. Writes "
        "record_id,person_id."
    )
    # Files in, files out: Django's system checks would load every app's pages and the
    # statistics libraries first (about 2 s and 180 MB).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        parser.add_argument("--out", required=True, help="where to write record_id,person_id")
        parser.add_argument(
            "--encoded",
            action="store_true",
            help="the file holds encodings from `lantern encode`, not names",
        )
        parser.add_argument("--previous", help="an earlier clusters file whose person ids to keep")
        parser.add_argument(
            "--threshold",
            type=float,
            default=engine.Options.threshold,
            help="match probability from which two records are one person",
        )
        parser.add_argument(
            "--distinct-within-source",
            action="store_true",
            help="each source holds a person at most once",
        )
        parser.add_argument("--pairs", help="also write the scored pairs near the threshold")
        parser.add_argument(
            "--backend",
            choices=("duckdb", "spark"),
            default="duckdb",
            help="where pairs are scored: DuckDB on this machine, or Spark (docs/scaling.md)",
        )
        parser.add_argument(
            "--spark-conf",
            action="append",
            default=[],
            metavar="KEY=VALUE",
            help="a Spark setting, e.g. spark.master=yarn (repeatable; with --backend spark)",
        )
        parser.add_argument("--quiet", action="store_true", help="no progress on stderr")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        if not 0.0 < options["threshold"] < 1.0:
            raise CommandError("--threshold must be between 0 and 1.")
        previous = _read_previous(options["previous"]) if options["previous"] else {}
        spark_conf = _spark_conf(options)
        con = duckdb.connect()
        progress = None if options["quiet"] else _Progress()
        try:
            if spark_conf is not None:
                engine.load_csv(con, str(path))
                result = _link_on_spark(con, spark_conf, _options(options), progress)
            elif options["encoded"]:
                engine.load_encoded(con, str(path))
                result = engine.link(
                    con,
                    "lantern_people",
                    _options(options),
                    progress,
                    prepared=True,
                    comparisons=engine.model.encoded_comparisons,
                )
            else:
                engine.load_csv(con, str(path))
                result = engine.link(con, "raw_people", _options(options), progress)
        except engine.LinkageError as error:
            raise CommandError(str(error)) from None
        assignment = cluster.stable_ids(result.clusters, previous)
        with open(options["out"], "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["record_id", "person_id"])
            for members in result.clusters:
                for record in members:
                    writer.writerow([record, assignment[record]])
        if options["pairs"]:
            with open(options["pairs"], "w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(["record_id_l", "record_id_r", "match_probability"])
                writer.writerows(
                    (pair.left, pair.right, f"{pair.probability:.4f}") for pair in result.uncertain
                )
        if progress:
            progress.finish()
        records = sum(len(members) for members in result.clusters)
        self.stdout.write(
            f"{records} records, {len(result.clusters)} people, "
            f"{result.pairs_scored} pairs kept after scoring."
        )


def _options(options: dict[str, Any]) -> engine.Options:
    return engine.Options(
        threshold=options["threshold"], distinct_within_source=options["distinct_within_source"]
    )


def _spark_conf(options: dict[str, Any]) -> dict[str, str] | None:
    """The Spark settings asked for, or None to link in DuckDB."""
    if options["backend"] != "spark":
        if options["spark_conf"]:
            raise CommandError("--spark-conf goes with --backend spark.")
        return None
    if options["encoded"]:
        raise CommandError("Encoded files are linked with --backend duckdb only.")
    conf = {}
    for item in options["spark_conf"]:
        key, equals, value = item.partition("=")
        if not equals or not key.strip():
            raise CommandError(f"--spark-conf takes KEY=VALUE, not {item!r}.")
        conf[key.strip()] = value.strip()
    return conf


def _link_on_spark(
    con: duckdb.DuckDBPyConnection,
    conf: dict[str, str],
    options: engine.Options,
    progress: engine.Progress | None,
) -> engine.Result:
    try:
        session = spark.session(conf)
    except spark.SparkUnavailable as error:
        raise CommandError(str(error)) from None
    try:
        return spark.link(con, session, "raw_people", options, progress)
    except spark.SparkUnavailable as error:
        raise CommandError(str(error)) from None
    finally:
        session.stop()


def _read_previous(path: str) -> dict[str, str]:
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
    if rows and not {"record_id", "person_id"} <= set(rows[0]):
        raise CommandError(f"{path} has no record_id and person_id columns.")
    return {row["record_id"]: row["person_id"] for row in rows}


class _Progress:
    """A one-line progress bar on stderr: stage, share done, seconds so far."""

    def __init__(self) -> None:
        self.started = time.perf_counter()

    def __call__(self, stage: str, done: float) -> None:
        filled = int(done * 30)
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (30 - filled)}] {done:4.0%} {stage:<12} "
            f"{time.perf_counter() - self.started:6.1f} s"
        )
        sys.stderr.flush()

    def finish(self) -> None:
        sys.stderr.write("\n")
