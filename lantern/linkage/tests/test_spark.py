"""``lantern link --backend spark``: the same model on Spark, run in local mode, against truth.

Spark really runs (Java and pyspark are development dependencies): a missing Java fails the
test with the command's own message rather than skipping it.
"""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lantern.linkage import synthetic
from lantern.linkage.tests.test_link_command import _clusters, _f1


def _local_spark(folder: Path) -> list[str]:
    """Spark in this process's machine, sized for a few hundred records."""
    return [
        "spark.master=local[2]",
        "spark.ui.enabled=false",
        "spark.driver.host=127.0.0.1",
        "spark.driver.bindAddress=127.0.0.1",
        f"spark.local.dir={folder / 'local'}",
        f"spark.sql.warehouse.dir={folder / 'warehouse'}",
        f"spark.checkpoint.dir={folder / 'checkpoints'}",
        # A small file makes hundreds of tiny jobs: one partition each, no re-planning, and
        # no optimizing compiler (its work would never pay back in a run this short).
        "spark.sql.shuffle.partitions=1",
        "spark.sql.adaptive.enabled=false",
        "spark.driver.extraJavaOptions=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
    ]


def test_it_links_on_spark_as_well_as_on_duckdb(tmp_path):
    path, truth_path = tmp_path / "people.csv", tmp_path / "truth.csv"
    synthetic.write(path, 600, seed=23, sources=5, truth_path=truth_path)
    with truth_path.open(newline="", encoding="utf-8") as handle:
        truth = {row["record_id"]: row["true_person"] for row in csv.DictReader(handle)}

    on_duckdb, on_spark = tmp_path / "duckdb.csv", tmp_path / "spark.csv"
    call_command("link", str(path), "--out", str(on_duckdb), "--quiet", stdout=StringIO())
    out = StringIO()
    call_command(
        "link",
        str(path),
        "--out",
        str(on_spark),
        "--quiet",
        backend="spark",
        spark_conf=_local_spark(tmp_path / "spark"),
        stdout=out,
    )

    found = _clusters(on_spark)
    assert set(found) == set(truth), "every record gets exactly one person id"
    assert f"{len(truth)} records, {len(set(found.values()))} people" in out.getvalue()
    spark_f1, duckdb_f1 = _f1(found, truth), _f1(_clusters(on_duckdb), truth)
    assert spark_f1 >= 0.9
    assert abs(spark_f1 - duckdb_f1) <= 0.02
    leftovers = [item for item in (tmp_path / "spark" / "checkpoints").rglob("*") if item.is_file()]
    assert not leftovers, "the run's intermediate tables are removed"


def test_it_says_so_when_java_is_missing(tmp_path, monkeypatch):
    path = tmp_path / "people.csv"
    path.write_text("record_id,given_name\n1,Ana\n2,Ana\n", encoding="utf-8")
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(CommandError, match="Java 17 or later is needed"):
        call_command(
            "link", str(path), "--out", str(tmp_path / "out.csv"), "--quiet", backend="spark"
        )


def test_encoded_files_stay_on_duckdb(tmp_path):
    path = tmp_path / "encoded.csv"
    path.write_text("record_id,source\n1,a\n", encoding="utf-8")
    with pytest.raises(CommandError, match="--backend duckdb only"):
        call_command(
            "link",
            str(path),
            "--encoded",
            "--out",
            str(tmp_path / "out.csv"),
            "--quiet",
            backend="spark",
        )
