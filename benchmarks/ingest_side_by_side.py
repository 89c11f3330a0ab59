"""Side-by-side import timing (issue 4): two checkouts of Lantern, the same file, one process.

For each checkout given, in turn and for the given number of rounds, on SQLite and on
PostgreSQL: a fresh database, ``migrate``, then ``lantern import`` of the benchmark's CSV of
case records in the same process (no start-up in the timing), then the same file again (every
record unchanged). Prints rows per second and the import's CPU per row for both imports.

    .venv/bin/python benchmarks/ingest_side_by_side.py --rows 200000 \\
        --checkout before=/tmp/lantern-before --checkout after=.

A checkout is a directory holding a ``lantern`` package, such as a ``git worktree`` of an
earlier commit; each runs with this environment's libraries. It creates its own data
directories and a PostgreSQL database ``lantern_bench_side_by_side`` (dropped at the end); it
contacts nothing but 127.0.0.1.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_DB = "lantern_bench_side_by_side"


def measure(csv_path: Path, rows: int) -> str:
    """In a child process whose ``lantern`` is the checkout's: both imports, one line."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", "-v0")
    call_command("createorg", "bench", "--name-en", "Bench", "--name-fr", "Banc",
                 "--type", "police_service", "--province", "ON", stdout=io.StringIO())
    parts = []
    for phase in ("first", "again"):
        out = io.StringIO()
        start, cpu = time.perf_counter(), time.process_time()
        call_command("import", str(csv_path), "--org", "bench", "--entity", "case",
                     stdout=out)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        summary = out.getvalue().strip().split(": ", 1)[-1]
        parts.append(f"{phase} {rows / seconds:,.0f} rows/s, {cpu / rows * 1e6:.0f} µs CPU/row "
                     f"({summary})")
    return "; ".join(parts)


def run(checkout: Path, database_url: str, csv_path: Path, rows: int) -> str:
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "PYTHONPATH": str(checkout), "LANTERN_DATA_DIR": data_dir,
               "DJANGO_SETTINGS_MODULE": "lantern.settings"}
        if database_url:
            env["DATABASE_URL"] = database_url
        else:
            env.pop("DATABASE_URL", None)
        code = ("import sys, lantern; "
                f"assert lantern.__file__.startswith({str(checkout)!r}), lantern.__file__; "
                f"sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); "
                "from ingest_side_by_side import measure; "
                f"print(measure(__import__('pathlib').Path({str(csv_path)!r}), {rows}))")
        done = subprocess.run([sys.executable, "-c", code], env=env, cwd=checkout,  # noqa: S603
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"the import failed in {checkout}:\n{done.stderr}")
        return done.stdout.strip().splitlines()[-1]


def main() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from ingest import generate

    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--checkout", action="append", required=True,
                        help="name=directory, e.g. before=/tmp/lantern-before")
    args = parser.parse_args()
    checkouts = [(name, Path(path).resolve()) for name, path in
                 (item.split("=", 1) for item in args.checkout)]
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "cases.csv"
        generate(csv_path, args.rows)
        try:
            for round_ in range(1, args.rounds + 1):
                for database in ("SQLite", "PostgreSQL"):
                    for name, checkout in checkouts:
                        url = ""
                        if database == "PostgreSQL":
                            with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
                                admin.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
                                admin.execute(f"CREATE DATABASE {PG_DB}")
                            url = f"postgres://postgres@127.0.0.1:5432/{PG_DB}"
                        line = run(checkout, url, csv_path, args.rows)
                        print(f"round {round_} | {database} | {name} | {line}", flush=True)
        finally:
            with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")


if __name__ == "__main__":
    main()
