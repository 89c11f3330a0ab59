"""Public dashboard benchmark (issue 6): page p95 at 50 concurrent clients.

Goal: with 1,000,000 case records on PostgreSQL, 2 cores, the dashboard page p95 <= 100 ms
at 50 concurrent clients.

    .venv/bin/python benchmarks/dashboard.py --cases 1000000
    .venv/bin/python benchmarks/dashboard.py --reuse      # records benchmarks/release.py kept

How. The script loads the fictional records of ``benchmarks/release.py`` (COPY into the
PostgreSQL database ``lantern_bench_release``, unless ``--reuse``), builds, approves and
publishes a release of 2025 with the real actions, starts the real server (``lantern serve``,
gunicorn sync workers, as ``benchmarks/directory_and_tips.py`` does, whose load generator and
CPU accounting it reuses) and drives it:

a) the dashboard page as readers ask for it: most the default view in English or French,
   the others with a year, a province or territory or a type of exploitation, chosen at
   random (the charts are separate requests, phase b);
b) the charts (SVG) of those same views.

Each phase runs with one client (the service time) and with 50 client threads back to back
(no think time), after a warm-up that draws every view once per worker, as a published
release's readers find it after the first minutes. It prints one Markdown table. A missed
goal is reported, not raised.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import directory_and_tips as web
import release as records

PERIOD = "2025"
GOAL_P95_MS = 100.0
PANELS = ("trend", "map", "victims", "exploitation")
PROVINCES = ("ON", "QC", "BC", "AB", "MB", "NS", "NU")
EXPLOITATION = ("sexual_exploitation", "forced_labour")
YEARS = ("2023", "2024", "2025")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--database", default=records.PG_DB)
    parser.add_argument("--reuse", action="store_true",
                        help="keep the records already loaded in the database")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--wait-idle", type=float, default=300.0)
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args()


def publish() -> str:
    """Build, approve and publish a release with the real actions; its id."""
    from lantern import testing
    from lantern.accounts.models import User
    from lantern.accounts.permissions import Role
    from lantern.organizations.actions import create_organization
    from lantern.organizations.models import Organization
    from lantern.stats import actions, builder
    from lantern.stats.models import Release

    statistician = User.objects.filter(username="bench-statistician").first()
    if statistician is None:  # a database reused from an earlier run has them already
        agency = Organization.objects.filter(code="bench-statistics").first() or \
            create_organization(None, code="bench-statistics", name_en="Statistics (bench)",
                                name_fr="Statistique (banc d'essai)", kind="statistics_agency",
                                province="")
        statistician = testing.make_user(agency, Role.STATISTICIAN,
                                         username="bench-statistician")
    started = time.perf_counter()
    release = actions.create_release(statistician, PERIOD, 1.0)
    builder.build(release)
    if release.build_status != Release.Build.DONE:
        raise SystemExit(f"the release failed: {release.failure}")
    actions.approve_release(statistician, release)
    actions.publish_release(statistician, release)
    print(f"release built and published in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    return str(release.pk)


def views() -> list[str]:
    """The query strings readers ask for: the default view, and one filter at a time."""
    chosen = [""]
    chosen += [f"year={year}" for year in YEARS]
    chosen += [f"province={code}" for code in PROVINCES]
    chosen += [f"exploitation={code}" for code in EXPLOITATION]
    return chosen


def page_path(rng: random.Random) -> str:
    language = rng.choice(("en", "en", "fr"))
    query = "" if rng.random() < 0.6 else rng.choice(views()[1:])
    return f"/{language}/statistics/dashboard/" + (f"?{query}" if query else "")


def chart_path(release_id: str, rng: random.Random) -> str:
    language = rng.choice(("en", "en", "fr"))
    query = rng.choice(views())
    return (f"/{language}/statistics/dashboard/{release_id}/charts/{rng.choice(PANELS)}.svg"
            + (f"?{query}" if query else ""))


def step_for(path: Callable[[random.Random], str]) -> web.Step:
    def step(rng: random.Random) -> web.Sample:
        try:
            reply = web.fetch("GET", path(rng))
        except OSError:
            return web.Sample(0.0, 0, False)
        return web.Sample(reply.ms, reply.status, reply.status == 200)

    return step


def warm_up(release_id: str, workers: int) -> None:
    """Every view and chart, a few times over, so that each worker has drawn it once."""
    for _ in range(workers * 2):
        for language in ("en", "fr"):
            for query in views():
                suffix = f"?{query}" if query else ""
                web.fetch("GET", f"/{language}/statistics/dashboard/{suffix}")
                for panel in PANELS:
                    web.fetch("GET", f"/{language}/statistics/dashboard/{release_id}/charts/"
                                     f"{panel}.svg{suffix}")


def run(args: argparse.Namespace, release_id: str, server_pid: int) -> list[web.PhaseResult]:
    one = web.Load(1, max(50, args.requests // 10), args.seconds, args.seed)
    many = web.Load(args.clients, args.requests, args.seconds, args.seed)
    plan = [("a: dashboard page", step_for(page_path)),
            ("b: dashboard charts", step_for(lambda rng: chart_path(release_id, rng)))]
    results = []
    for name, step in plan:
        for load in (one, many):
            web.wait_until_idle(args.wait_idle)
            print(f"Phase {name}, {load.clients} client(s)…", file=sys.stderr)
            results.append(web.run_phase(name, step, load, server_pid))
    return results


def report(args: argparse.Namespace, results: list[web.PhaseResult]) -> None:
    print(f"\nRecords: {args.cases:,} cases ({'reused' if args.reuse else 'loaded'}); "
          f"server: lantern serve --workers {args.workers}; load: {args.clients} client "
          f"threads, budget {args.requests} requests or {args.seconds:g} s per phase; "
          f"load average before: {os.getloadavg()[0]:.2f}.\n")
    print("Machine: " + "; ".join(f"{k} {v}" for k, v in web.machine().items()) + "\n")
    print("| phase | clients | requests | errors | req/s | p50 ms | p95 ms | p99 ms "
          "| CPU ms/req | other CPUs | p95 ≤ 100 ms |")
    print("| --- |" + " ---: |" * 9 + " --- |")
    for r in results:
        p50, p95, p99 = r.percentiles()
        goal = "—" if r.load.clients < 50 or not r.name.startswith("a") else (
            "met" if p95 <= GOAL_P95_MS else "**not met**")
        print(f"| {r.name} | {r.load.clients} | {len(r.samples)} | {r.errors} "
              f"| {r.throughput:.0f} | {p50:.1f} | {p95:.1f} | {p99:.1f} "
              f"| {r.cpu_ms_per_request():.1f} | {r.cpu['other']:.2f} | {goal} |")


def main() -> int:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="lantern-bench-") as tmp:
        data_dir = Path(tmp)
        if args.reuse:  # the records stay; the schema follows the code
            subprocess.run([sys.executable, "-m", "lantern.cli", "migrate", "-v0"],
                           env=records._env(args.database, data_dir), check=True,
                           cwd=records.ROOT)
        else:
            records.recreate_database(args.database, data_dir)
            records.load(args.database, args.cases, data_dir)
        # The server inherits this environment: the benchmark database, quiet logs.
        os.environ.update({"LANTERN_LOG_LEVEL": "WARNING", "DATABASE_CONN_MAX_AGE": "60"})
        records._setup_django(args.database, data_dir)  # the same keys and database
        web.DATABASE_URL = records._url(args.database)  # what web.machine() asks its version
        release_id = publish()
        with web.server(args.workers, data_dir / "server.log") as process:
            warm_up(release_id, args.workers)
            results = run(args, release_id, process.pid)
        report(args, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
