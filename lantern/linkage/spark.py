"""Linking on Spark: the model of ``engine.link``, with the pairwise work on a cluster.

What outgrows one machine is the pairs, not the records. Standardization (per record, a
million rows in seconds) stays in DuckDB on the machine that runs the command, and its table
goes to Spark through Arrow. Training and scoring run on Spark through Splink's ``SparkAPI``,
with the comparisons, blocking and training steps of ``model.py`` and ``engine._train``.
The pairs from the lower edge of the review window up come back (they are few), and the
clustering, the scoring of the pairs inside groups that did not come back and the review
pairs are ``engine._cluster`` itself, run in DuckDB with the parameters learned on Spark.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import duckdb
from splink import DuckDBAPI, Linker, SettingsCreator
from splink.internals.linker_components.training import LinkerTraining

from lantern.linkage import engine, model
from lantern.linkage.engine import LinkageError, Options, Progress, Result
from lantern.linkage.standardize import standardize

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

# py4j says at INFO when its connections close, from finalizers, even at interpreter exit.
logging.getLogger("py4j").setLevel(logging.WARNING)

# Settings for a session started here. ``--spark-conf`` wins over them; they win over
# spark-defaults.conf, as anything a pyspark program sets does.
DEFAULTS = {
    "spark.app.name": "lantern-link",
    "spark.log.level": "ERROR",
    # The driver receives the standardized table, and in local mode does all the work: with
    # Spark's 1 GB, 30,000 records ran out of memory while scoring.
    "spark.driver.memory": "4g",
    # The command draws its own progress bar; Spark's would write over it.
    "spark.ui.showConsoleProgress": "false",
    # Splink's SQL is written for Spark 3's default, non-ANSI mode (Spark 4 turned ANSI on):
    # a division by zero or a cast that does not fit gives NULL, not a failed job.
    "spark.sql.ansi.enabled": "false",
}

# Java from this major version on runs Spark 4.
JAVA_MAJOR = 17


class SparkUnavailable(RuntimeError):
    """Spark cannot start here: pyspark or Java is missing, or a setting is unfit."""


def session(conf: Mapping[str, str] | None = None) -> SparkSession:
    """A Spark session able to run the model: Splink's similarity functions on its class path.

    ``conf`` holds Spark settings (``spark.master``, ``spark.executor.memory``, …); with no
    master, pyspark runs Spark in this process's machine (``local[*]``).
    """
    try:
        from pyspark.sql import SparkSession
        from splink.backends.spark import similarity_jar_location
    except ImportError:
        raise SparkUnavailable(
            "pyspark is not installed: pip install 'lantern[spark]' (see docs/scaling.md)"
        ) from None
    _check_java()
    settings = {**DEFAULTS, **(conf or {})}
    # Splink's jar ships inside the splink package: nothing is downloaded.
    settings["spark.jars"] = ",".join(
        jar for jar in (settings.get("spark.jars"), similarity_jar_location()) if jar
    )
    builder = SparkSession.builder
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        return builder.getOrCreate()
    except Exception as error:  # the JVM did not start: PySparkRuntimeError and others
        raise SparkUnavailable(f"Spark did not start: {error}") from None


def _check_java() -> None:
    home = os.environ.get("JAVA_HOME")
    java = os.path.join(home, "bin", "java") if home else shutil.which("java")
    if not java or not os.access(java, os.X_OK):
        raise SparkUnavailable(
            f"Java {JAVA_MAJOR} or later is needed to run Spark and none was found "
            "(JAVA_HOME or java on PATH); on Debian: apt-get install openjdk-17-jre-headless"
        )
    # "java -version" writes to stderr, e.g. 'openjdk version "17.0.15" 2025-04-15'.
    shown = subprocess.run(  # noqa: S603 (the Java Spark itself would start)
        [java, "-version"], capture_output=True, text=True, timeout=60, check=False
    ).stderr
    found = re.search(r'version "(\d+)(?:\.(\d+))?', shown)
    major = int(found.group(1)) if found else 0
    if major == 1 and found and found.group(2):  # "1.8.0" is Java 8
        major = int(found.group(2))
    if major < JAVA_MAJOR:
        raise SparkUnavailable(
            f"Spark 4 needs Java {JAVA_MAJOR} or later; {java} is "
            f"{shown.splitlines()[0] if shown else 'of an unknown version'}"
        )


def link(
    con: duckdb.DuckDBPyConnection,
    spark: SparkSession,
    raw_table: str = "raw_people",
    options: Options | None = None,
    progress: Progress | None = None,
) -> Result:
    """Group the records of the DuckDB table ``raw_table`` into people, pairs scored on Spark.

    The same result as ``engine.link`` up to the randomness of training. ``Result.model``
    holds the parameters in DuckDB's SQL, so a later incremental run can use ``engine.link``.
    Plain values only: the Bloom filters of encoded files are DuckDB bit strings.
    """
    options = options or Options()
    engine._report(progress, "standardize", 0.0)
    table = "lantern_people"
    standardize(con, raw_table, table)
    present = engine._present(con, table)
    engine._report(progress, "standardize", 1.0)
    count = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    if count < 2:
        rows = con.execute(f"SELECT record_id FROM {table}").fetchall()
        return Result([[row[0]] for row in rows], 0, [], options.trained_model)

    settings = model.settings(model.plain_comparisons(present), model.blocking_rules(present))
    with _checkpoints(spark):
        trained, pairs_scored = _score_on_spark(
            con, spark, table, settings, present, options, progress, count
        )
    engine._report(progress, "cluster", 0.0)
    db_api = DuckDBAPI(connection=con)
    local = Linker(
        db_api.register(table),
        _with_parameters(settings.create_settings_dict("duckdb"), trained),
        log_level=None,
    )
    # Scoring within groups reads term frequencies of the whole table, as after predict().
    for column in _tf_columns(local.misc.save_model_to_json()):
        local.table_management.compute_tf_table(column)
    clusters, uncertain = engine._cluster(con, local, db_api, table, "lantern_spark_edges", options)
    engine._report(progress, "cluster", 1.0)
    return Result(clusters, pairs_scored, uncertain, local.misc.save_model_to_json())


def _score_on_spark(
    con: duckdb.DuckDBPyConnection,
    spark: SparkSession,
    table: str,
    settings: SettingsCreator,
    present: set[str],
    options: Options,
    progress: Progress | None,
    count: int,
) -> tuple[dict[str, Any], int]:
    """Train and score on Spark; keep the pairs clustering and review need as a DuckDB table.

    Returns the trained model (Spark SQL) and the number of pairs scored.
    """
    from splink import SparkAPI

    spark_api = SparkAPI(spark_session=spark)
    people = spark_api.register(spark.createDataFrame(con.table(table).to_arrow_table()))
    if options.trained_model is not None:
        linker = Linker(
            people,
            _with_parameters(settings.create_settings_dict("spark"), options.trained_model),
            log_level=None,
        )
    else:
        linker = Linker(people, settings, log_level=None)
        linker.training = _OneChunkTraining(linker)
        engine._train(linker, present, options, progress, count,
                      engine.shared_pairs(con, table, present))
    engine._report(progress, "train", 1.0)

    engine._report(progress, "score", 0.0)
    predictions = linker.inference.predict(threshold_match_probability=0.05).as_spark_dataframe()
    pairs_scored = predictions.count()
    # Clustering and review read the pairs from 0.4 below the threshold up; a pair inside a
    # group that is not among them is scored again in DuckDB.
    kept = predictions.where(predictions.match_probability >= options.threshold - 0.4).select(
        "unique_id_l", "unique_id_r", "match_probability"
    )
    con.register("lantern_spark_kept", kept.toArrow())
    con.execute("CREATE OR REPLACE TABLE lantern_spark_edges AS SELECT * FROM lantern_spark_kept")
    con.unregister("lantern_spark_kept")
    engine._report(progress, "score", 1.0)
    return linker.misc.save_model_to_json(), pairs_scored


class _OneChunkTraining(LinkerTraining):
    """Splink's training, with the random pairs for u counted in one pass.

    Splink counts them in ten chunks (and a probe) per comparison, to stop early once every
    level is seen often enough. On Spark each chunk is a job of a second or more of fixed
    cost, and the levels of a rare agreement (a shared phone) never are seen often enough, so
    all chunks run anyway: one pass counts the same pairs in a tenth of the jobs.
    """

    def estimate_u_using_random_sampling(
        self,
        max_pairs: float = 1e6,
        seed: int | None = None,
        min_count_per_level: int | None = 100,
        num_chunks: int = 1,
    ) -> None:
        super().estimate_u_using_random_sampling(max_pairs, seed, min_count_per_level, num_chunks)


def _with_parameters(fresh: dict[str, Any], trained: dict[str, Any]) -> dict[str, Any]:
    """Settings written for one backend, with the parameters learned on another.

    A model's SQL is in its backend's dialect (``jaro_winkler`` on Spark,
    ``jaro_winkler_similarity`` in DuckDB); its parameters are not. Levels are matched by
    comparison and label, so a model of other fields is refused rather than misread.
    """
    learned = {item["output_column_name"]: item for item in trained["comparisons"]}
    for comparison in fresh["comparisons"]:
        name = comparison["output_column_name"]
        levels = learned.get(name, {}).get("comparison_levels", [])
        labels = [level.get("label_for_charts") for level in levels]
        if labels != [level.get("label_for_charts") for level in comparison["comparison_levels"]]:
            raise LinkageError(f"the trained model compares {name} otherwise: train it anew")
        for level, known in zip(comparison["comparison_levels"], levels, strict=True):
            for key in ("m_probability", "u_probability"):
                if key in known:
                    level[key] = known[key]
    fresh["probability_two_random_records_match"] = trained["probability_two_random_records_match"]
    return fresh


def _tf_columns(settings: dict[str, Any]) -> set[str]:
    return {
        level["tf_adjustment_column"]
        for comparison in settings["comparisons"]
        for level in comparison["comparison_levels"]
        if level.get("tf_adjustment_column")
    }


@contextmanager
def _checkpoints(spark: SparkSession) -> Iterator[None]:
    """A folder of this run under the session's checkpoint folder, removed at the end.

    The session keeps pointing at the removed folder: start a new run with ``link`` again.

    Splink writes every large intermediate table there (Parquet) to cut Spark's lineage, so on
    a cluster it must be storage every executor reaches: ``spark.checkpoint.dir``. Locally a
    temporary folder does.
    """
    context = spark.sparkContext
    base = context.getCheckpointDir()  # spark.checkpoint.dir, once the session has started
    local_folder = None
    if not base:
        if not (context.master or "").startswith("local"):
            raise SparkUnavailable(
                "set spark.checkpoint.dir to a folder every executor reaches (HDFS, S3, a "
                "shared mount): Splink keeps its intermediate tables there"
            )
        base = local_folder = tempfile.mkdtemp(prefix="lantern-spark-")
    folder = f"{base.rstrip('/')}/lantern-{uuid.uuid4().hex}"
    context.setCheckpointDir(folder)
    try:
        yield
    finally:
        _remove(spark, folder)
        if local_folder:
            shutil.rmtree(local_folder, ignore_errors=True)


def _remove(spark: SparkSession, folder: str) -> None:
    """Delete a folder wherever it is (local, HDFS, S3), through Hadoop's file systems."""
    jvm = spark.sparkContext._jvm
    if jvm is None:
        return
    path = jvm.org.apache.hadoop.fs.Path(folder)
    path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).delete(path, True)
