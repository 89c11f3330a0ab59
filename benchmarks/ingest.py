"""Ingest benchmark (issue 4): N case rows with full validation, on SQLite and PostgreSQL.

Measures, for `lantern import` of a generated CSV of case records (store-valid mode, the
real engine: validation, mapping, source records, sealed versions, audit per batch):
rows per second, the import's CPU time, peak memory (max RSS of the importing process),
and its ratio to two PostgreSQL COPY baselines:

- "COPY, case table only": COPY of the same number of rows into a copy of ``cases_case``,
  one row per record (the baseline of the first measurements);
- "COPY, like for like": COPY of exactly the rows the PostgreSQL import stored, read back
  from the database after the import, into copies of the four tables it wrote (the case,
  its codes, its source record and the first version: about 6.3 rows per record), indexes
  included, foreign keys left out (``LIKE … INCLUDING ALL`` does not copy them).

    .venv/bin/python benchmarks/ingest.py --rows 1000000

It creates its own data directories and a PostgreSQL database `lantern_bench_ingest`
(dropped at the end); it contacts nothing but 127.0.0.1.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_DB = "lantern_bench_ingest"
EXPLOITATION = ["sexual_exploitation", "forced_labour", "sexual_exploitation;forced_labour"]


def generate(path: Path, rows: int) -> None:
    rng = random.Random(4)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source_record_id", "opened_on", "status", "trafficking_status",
                         "exploitation_types", "methods_of_control", "narrative"])
        for n in range(rows):
            writer.writerow([f"B-{n:08d}",
                             f"20{rng.randint(12, 24)}-{rng.randint(1, 12):02d}-"
                             f"{rng.randint(1, 28):02d}", "open",
                             rng.choice(["possible", "actual"]), rng.choice(EXPLOITATION),
                             "threats;takes_earnings", "Fictional narrative for the benchmark."])


def lantern(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "lantern.cli", *args],  # noqa: S603
                          env=env, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"lantern {args[0]} failed:\n{done.stderr}")
    return done


def run_import(database_url: str, data_dir: Path, csv_path: Path) -> dict[str, Any]:
    env = {**os.environ, "DATABASE_URL": database_url, "LANTERN_DATA_DIR": str(data_dir)}
    lantern(env, "migrate", "-v0")
    lantern(env, "createorg", "bench", "--name-en", "Bench", "--name-fr", "Banc",
            "--type", "police_service", "--province", "ON")
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    child = subprocess.Popen(  # noqa: S603 - our own CLI
        [sys.executable, "-m", "lantern.cli", "import", str(csv_path), "--org", "bench",
         "--entity", "case"], env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    output = child.stdout.read()
    # wait4 gives this process's own peak memory and CPU time, not those of every child.
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"lantern import failed on {database_url}")
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024,
            "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "load": (load_before, os.getloadavg()[0]),
            "summary": output.strip().splitlines()[-1]}


def copy_rows(rows: int) -> float:
    """Seconds for COPY of the same number of case rows into a copy of cases_case."""
    rng = random.Random(4)
    buffer = io.StringIO()
    org = uuid.uuid4()
    for n in range(rows):
        buffer.write("\t".join([
            str(uuid.uuid4()), f"C-{n:08d}", str(org), f"B-{n:08d}", "open",
            rng.choice(["possible", "actual"]), "",
            f"20{rng.randint(12, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "\\N", "v1.k1.sealed-narrative-placeholder", "\\N",
            "2026-01-01 00:00:00+00", "2026-01-01 00:00:00+00"]) + "\n")
    data = buffer.getvalue()
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{PG_DB}",
                         autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS copy_target")
        conn.execute("CREATE TABLE copy_target (LIKE cases_case INCLUDING ALL)")
        conn.execute("ALTER TABLE copy_target DROP CONSTRAINT IF EXISTS "
                     "copy_target_organization_id_fkey")
        columns = ("id, reference, organization_id, source_record_id, status, "
                   "trafficking_status, status_decided_by, opened_on, closed_on, "
                   "narrative_sealed, created_by_id, created_at, updated_at")
        start = time.perf_counter()
        with conn.cursor().copy(f"COPY copy_target ({columns}) FROM STDIN") as copy:
            copy.write(data)
        return time.perf_counter() - start


# The tables a case import writes, and the columns it gives (the rest keep their defaults).
STORED_TABLES = {
    "cases_case": ("id, reference, organization_id, source_record_id, status, "
                   "trafficking_status, status_decided_by, opened_on, closed_on, "
                   "narrative_sealed, created_by_id, created_at, updated_at"),
    "cases_casecode": "case_id, vocabulary, code",
    "submissions_sourcerecord": ("id, organization_id, entity, source_record_id, target_id, "
                                 "version, content_hash, submission_id, updated_at"),
    "submissions_sourcerecordversion": ("record_id, version, submission_id, data_sealed, "
                                        "content_hash, received_at"),
}


def copy_stored_rows(directory: Path) -> tuple[float, int]:
    """Seconds for COPY of exactly the rows the import stored into copies of their tables,
    and how many rows that is. The rows are first written to files (COPY TO), so that
    neither reading them back nor holding them in memory is timed."""
    url = f"postgresql://postgres@127.0.0.1:5432/{PG_DB}"
    total_rows = 0
    with psycopg.connect(url, autocommit=True) as conn:
        for table, columns in STORED_TABLES.items():
            with (directory / f"{table}.copy").open("wb") as out, conn.cursor().copy(
                    f"COPY (SELECT {columns} FROM {table}) TO STDOUT") as copy:  # noqa: S608
                for chunk in copy:
                    out.write(chunk)
            counted = conn.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
            total_rows += counted[0] if counted else 0
            conn.execute(f"DROP TABLE IF EXISTS copy_{table}")
            conn.execute(f"CREATE TABLE copy_{table} (LIKE {table} INCLUDING ALL)")
        conn.execute("CHECKPOINT")
        seconds = 0.0
        for table, columns in STORED_TABLES.items():
            with (directory / f"{table}.copy").open("rb") as data:
                start = time.perf_counter()
                with conn.cursor().copy(f"COPY copy_{table} ({columns}) FROM STDIN") as copy:
                    for chunk in iter(lambda: data.read(1024 * 1024), b""):
                        copy.write(chunk)
                seconds += time.perf_counter() - start
            (directory / f"{table}.copy").unlink()
    return seconds, total_rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "cases.csv"
        generate(csv_path, args.rows)
        results = {}
        if not args.skip_sqlite:
            results["SQLite"] = run_import(f"sqlite:///{tmp}/bench.sqlite3", Path(tmp) / "s",
                                           csv_path)
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
            admin.execute(f"CREATE DATABASE {PG_DB}")
        try:
            results["PostgreSQL"] = run_import(
                f"postgres://postgres@127.0.0.1:5432/{PG_DB}", Path(tmp) / "p", csv_path)
            copy_seconds = copy_rows(args.rows)
            like_seconds, like_rows = copy_stored_rows(Path(tmp))
        finally:
            with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
    copy_rate = args.rows / copy_seconds
    like_rate = args.rows / like_seconds
    print(f"COPY, case table only: {args.rows:,} rows into cases_case in {copy_seconds:.1f} s, "
          f"{copy_rate:,.0f} records/s")
    print(f"COPY, like for like: the {like_rows:,} rows the PostgreSQL import stored "
          f"({like_rows / args.rows:.1f} per record) into copies of its four tables in "
          f"{like_seconds:.1f} s, {like_rate:,.0f} records/s")
    print()
    print("| database | rows | seconds | rows/s | import CPU s | peak MB | "
          "ratio to COPY, case table only | ratio to COPY, like for like |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, result in results.items():
        rate = args.rows / result["seconds"]
        print(f"| {name} | {args.rows:,} | {result['seconds']:.1f} | {rate:,.0f} | "
              f"{result['cpu_seconds']:.1f} | {result['peak_mb']:.0f} | "
              f"{rate / copy_rate:.3f} | {rate / like_rate:.3f} |")
    for name, result in results.items():
        print(f"{name}: {result['summary']} (1-minute load {result['load'][0]:.1f} before, "
              f"{result['load'][1]:.1f} after)")


if __name__ == "__main__":
    main()
