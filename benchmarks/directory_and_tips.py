"""Benchmark: public directory search and public tip submission (issue 3).

What it measures. The goal from the issue: with 5,000 providers and 100,000 hotline contacts
on PostgreSQL, on 2 cores, directory search p95 <= 50 ms and tip submission p95 <= 50 ms at
50 concurrent clients, with 0 submissions lost.

How. The script
1. drops and re-creates the PostgreSQL database ``lantern_bench`` on 127.0.0.1:5432 (user
   postgres, trust authentication) and runs ``lantern migrate`` against it (demo mode,
   keys in a temporary LANTERN_DATA_DIR, the public tip limit raised out of reach);
2. generates the data in this process (``django.setup()``): 5,000 verified service-provider
   entries with codes and 1-2 sites in real Canadian towns, and 100,000 hotline contacts;
3. starts the real server, ``lantern serve --workers 4`` (gunicorn, sync workers, database
   connections kept 60 s as by default), on 127.0.0.1:8765;
4. runs the load with 50 client threads (standard library ``http.client``, one connection
   per request, no think time), each phase bounded by a request budget and a time limit:
   a) GET /en/find-help/ with a town and a service (some with a province or a language);
   b) the public report form: GET /en/report/ for the CSRF token, then POST it; only the
      POST is timed. Tips stored in the database are then counted against the successes;
   c) a floor: GET /healthz (the full middleware, a three-line view and one SELECT 1). No
      page costs less, so its throughput and p95 bound every page's on this machine;
   each phase is first run with a single client, to show the service time without queueing;
5. prints a Markdown table (requests, req/s, p50/p95/p99 in ms, errors, CPU used by the
   server, PostgreSQL, the load generator and anything else) and the lost-tip count, stops
   the server and drops the database.

The machine may be shared: before each phase the script waits for it to be idle, and a phase
during which other work took CPU is run again (``--retries``); the "other" column shows it.

Run it from the repository root (PostgreSQL must be running locally; Linux, for /proc):

    .venv/bin/python benchmarks/directory_and_tips.py

``--help`` lists the knobs: ``--only`` (some of search, tips, floor), ``--workers``,
``--clients``, budgets, ``--conn-max-age`` (the server's DATABASE_CONN_MAX_AGE),
``--think-ms`` (also run search and tips with a pause between a client's requests),
``--profile`` (time and cProfile a search and a submission in-process before the database
is dropped). The exit status is non-zero only if the script itself
fails; a missed goal is reported, not raised.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import os
import platform
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
LANTERN = ROOT / ".venv" / "bin" / "lantern"
DB_NAME = "lantern_bench"
DB = sql.Identifier(DB_NAME)
ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
HOST, PORT = "127.0.0.1", 8765
BASE = f"http://{HOST}:{PORT}"
GOAL_P95_MS = 50.0
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# --- Command line and environment ---------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--providers", type=int, default=5000)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--no-access-log", action="store_true",
                        help="serve without gunicorn's line per request (lantern serve "
                             "--no-access-log, for a server behind a proxy that logs)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000,
                        help="request budget of each 50-client phase")
    parser.add_argument("--seconds", type=float, default=30.0,
                        help="time limit of each phase")
    parser.add_argument("--conn-max-age", type=int, default=60,
                        help="DATABASE_CONN_MAX_AGE of the server (default 60, as in "
                             "settings.py; 0 opens a connection for every request)")
    parser.add_argument("--think-ms", type=float, default=0.0,
                        help="also run both phases with this mean pause between a client's "
                             "requests (0: skip)")
    parser.add_argument("--wait-idle", type=float, default=600.0,
                        help="seconds to wait for other work on the machine to stop before "
                             "the load")
    parser.add_argument("--retries", type=int, default=2,
                        help="times a phase is run again when other work disturbed it")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--only", nargs="+", choices=("search", "tips", "floor"),
                        default=("search", "tips", "floor"), help="run only these phases")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile one search and one submission in-process")
    return parser.parse_args()


def configure_environment(data_dir: str, args: argparse.Namespace) -> None:
    """Environment for this process and the server: benchmark database, throwaway data
    directory, and a tip limit that 50 clients sharing 127.0.0.1 cannot reach."""
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "lantern.settings",
        "DATABASE_URL": DATABASE_URL,
        "DATABASE_CONN_MAX_AGE": str(args.conn_max_age),
        "LANTERN_DATA_DIR": data_dir,
        "LANTERN_TIP_LIMIT_PER_HOUR": "100000000",
        "LANTERN_LOG_LEVEL": "WARNING",
    })


# --- Database -----------------------------------------------------------------------------


def recreate_database() -> None:
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(DB))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(DB))


def drop_database() -> None:
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(DB))


def migrate() -> None:
    subprocess.run([str(LANTERN), "migrate", "--verbosity", "0"],  # noqa: S603 - fixed
                   check=True, cwd=ROOT)


def count_tips() -> int:
    with psycopg.connect(DATABASE_URL) as conn:
        row = conn.execute("SELECT count(*) FROM hotline_tip").fetchone()
    return int(row[0]) if row else 0


def postgres_version() -> str:
    with psycopg.connect(DATABASE_URL) as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "?"


# --- Data ---------------------------------------------------------------------------------
# Benchmark data, not product writes: rows go straight in with bulk_create (no audit entries,
# no actions), which is what makes 100,000 contacts take seconds instead of minutes.

PROVIDER_WORDS = ("Women's Shelter", "Community Services", "Legal Clinic", "Healing Lodge",
                  "Newcomer Centre", "Youth Services", "Counselling Centre", "Outreach",
                  "Health Centre", "Friendship Centre")


@dataclass(frozen=True)
class Town:
    name: str
    province: str
    latitude: float
    longitude: float
    population: int


def canadian_towns() -> list[Town]:
    """Every Canadian place of lantern.directory.places (GeoNames, population >= 500)."""
    from lantern.directory.places import _cities

    seen = {(c.name, c.province, c.latitude, c.longitude, c.population)
            for cities in _cities().values() for c in cities}
    return [Town(*row) for row in sorted(seen)]


def pick_codes(rng: random.Random, codes: list[str], low: int, high: int) -> list[str]:
    return rng.sample(codes, rng.randint(low, high))


def pick_languages(rng: random.Random, codes: list[str]) -> list[str]:
    """1-3 languages; English or French first, as most providers serve in one of them."""
    first = rng.choices(["en", "fr"], weights=[3, 1])[0]
    others = [code for code in codes if code != first]
    return [first, *rng.sample(others, rng.randint(0, 2))]


def generate_providers(count: int, rng: random.Random) -> list[Town]:
    """``count`` verified service providers; returns the towns their sites are in."""
    from django.utils import timezone

    from lantern.directory.models import Provider, ProviderCode, Site
    from lantern.organizations.models import Organization
    from lantern.standard.vocabularies import vocabulary

    towns = canadian_towns()
    # Providers sit where people live, but small towns have some too.
    weights = [town.population ** 0.5 for town in towns]
    by_province: dict[str, list[Town]] = {}
    for town in towns:
        by_province.setdefault(town.province, []).append(town)
    services = vocabulary("service_type").codes()
    languages = vocabulary("language").codes()
    populations = vocabulary("population").codes()
    now = timezone.now()
    orgs, providers, codes, sites = [], [], [], []
    used: set[Town] = set()
    for i, town in enumerate(rng.choices(towns, weights=weights, k=count)):
        name = f"{town.name} {rng.choice(PROVIDER_WORDS)} {i:04d}"
        org = Organization(code=f"bench-provider-{i:05d}", name_en=name, name_fr=name,
                           kind="service_provider", province=town.province)
        provider = Provider(organization=org, phone=f"555-01{i % 100:02d}",
                            description_en="Benchmark provider.",
                            description_fr="Organisme de test.",
                            open_24_7=rng.random() < 0.2, last_verified_at=now)
        orgs.append(org)
        providers.append(provider)
        for vocab, chosen in (("service_type", pick_codes(rng, services, 1, 4)),
                              ("language", pick_languages(rng, languages)),
                              ("population", pick_codes(rng, populations, 1, 2))):
            codes += [ProviderCode(provider=provider, vocabulary=vocab, code=c) for c in chosen]
        site_towns = [town]
        if rng.random() < 0.5:
            site_towns.append(rng.choice(by_province[town.province]))
        for n, place in enumerate(site_towns):
            used.add(place)
            sites.append(Site(provider=provider, name_en=f"{name} site {n + 1}",
                              name_fr=f"{name} lieu {n + 1}", city=place.name,
                              province=place.province, latitude=place.latitude,
                              longitude=place.longitude,
                              address_confidential=rng.random() < 0.3))
    Organization.objects.bulk_create(orgs, batch_size=2000)
    Provider.objects.bulk_create(providers, batch_size=2000)
    ProviderCode.objects.bulk_create(codes, batch_size=2000)
    Site.objects.bulk_create(sites, batch_size=2000)
    print(f"  {len(providers)} providers, {len(codes)} codes, {len(sites)} sites "
          f"in {len(used)} towns")
    return sorted(used, key=lambda t: (t.province, t.name))


def generate_contacts(count: int, towns: list[Town], rng: random.Random) -> None:
    """``count`` hotline contacts over three years for one hotline organization."""
    from django.utils import timezone

    from lantern.core.codes import short_code
    from lantern.hotline.models import Contact
    from lantern.organizations.models import Organization
    from lantern.standard.vocabularies import vocabulary

    hotline = Organization.objects.create(code="bench-hotline", name_en="Benchmark hotline",
                                          name_fr="Ligne de test", kind="hotline",
                                          province="ON")
    channels = vocabulary("contact_channel").codes()
    callers = vocabulary("caller_type").codes()
    types = vocabulary("contact_type").codes()
    now = timezone.now()
    references: set[str] = set()
    batch: list[Contact] = []
    for _ in range(count):
        reference = short_code("H")
        while reference in references:
            reference = short_code("H")
        references.add(reference)
        town = rng.choice(towns)
        batch.append(Contact(
            reference=reference, organization=hotline,
            started_at=now - dt.timedelta(seconds=rng.randint(0, 3 * 365 * 86400)),
            channel=rng.choice(channels), caller_type=rng.choice(callers),
            contact_type=rng.choice(types), language=rng.choices(["en", "fr"], [3, 1])[0],
            city=town.name, province=town.province))
        if len(batch) == 5000:
            Contact.objects.bulk_create(batch)
            batch = []
    Contact.objects.bulk_create(batch)
    print(f"  {count} contacts for {hotline.code}")


def generate_data(args: argparse.Namespace) -> list[Town]:
    import django
    from django.db import connection

    django.setup()
    rng = random.Random(args.seed)
    started = time.perf_counter()
    towns = generate_providers(args.providers, rng)
    generate_contacts(args.contacts, towns, rng)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"  data generated in {time.perf_counter() - started:.1f} s")
    return towns


# --- Server -------------------------------------------------------------------------------


@contextlib.contextmanager
def server(workers: int, log_path: Path,
           access_log: bool = True) -> Iterator[subprocess.Popen[bytes]]:
    """The real server (lantern serve: gunicorn, sync workers) in its own process group."""
    with open(log_path, "wb") as log:
        process = subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
            [str(LANTERN), "serve", "--bind", f"{HOST}:{PORT}", "--workers", str(workers),
             *([] if access_log else ["--no-access-log"])],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_until_healthy(process)
            yield process
        finally:
            stop(process)


def wait_until_healthy(process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode}")
        with contextlib.suppress(OSError):
            if fetch("GET", "/healthz").status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError("the server did not answer /healthz within 60 s")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


# --- HTTP client --------------------------------------------------------------------------


@dataclass
class Reply:
    status: int
    body: str
    cookies: dict[str, str]
    ms: float


def fetch(method: str, path: str, body: str | None = None,
          headers: dict[str, str] | None = None) -> Reply:
    """One request on a new connection (gunicorn's sync workers close it after each)."""
    conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
    try:
        started = time.perf_counter()
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        ms = (time.perf_counter() - started) * 1000
    finally:
        conn.close()
    cookies = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        cookies[name.strip()] = rest.split(";", 1)[0]
    return Reply(response.status, data.decode("utf-8", "replace"), cookies, ms)


# --- CPU accounting -----------------------------------------------------------------------

TICK = os.sysconf("SC_CLK_TCK")
CPUS = os.cpu_count() or 1
IDLE_BELOW = 0.10  # share of the CPUs busy under which the machine counts as idle
DISTURBED_ABOVE = 0.15  # CPUs used by other work above which a phase is marked disturbed


def _proc_stats() -> Iterator[tuple[str, int, float]]:
    """(command, process group, CPU seconds incl. reaped children) of every process."""
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError), open(f"/proc/{entry.name}/stat") as stat:
            text = stat.read()
            command = text[text.index("(") + 1:text.rindex(")")]
            fields = text[text.rindex(")") + 2:].split()
            # utime, stime, cutime, cstime: fields 14-17 of proc(5); pgrp is field 5.
            yield command, int(fields[2]), sum(int(v) for v in fields[11:15]) / TICK


@dataclass(frozen=True)
class CpuSnapshot:
    at: float
    machine_busy: int
    machine_total: int
    client: float
    server: float
    postgres: float


def cpu_snapshot(server_pid: int) -> CpuSnapshot:
    """CPU seconds used so far by the server's process group, by PostgreSQL (postmaster and
    backends, whose time the postmaster collects when they exit) and by this process."""
    with open("/proc/stat") as stat:
        ticks = [int(value) for value in stat.readline().split()[1:]]
    server = postgres = 0.0
    for command, group, seconds in _proc_stats():
        if group == server_pid:
            server += seconds
        elif command == "postgres":
            postgres += seconds
    return CpuSnapshot(time.perf_counter(), sum(ticks) - ticks[3] - ticks[4], sum(ticks),
                       time.process_time(), server, postgres)


def cpu_usage(before: CpuSnapshot, after: CpuSnapshot) -> dict[str, float]:
    """Share of the machine busy, and CPUs (cores) used by each party, over a phase."""
    wall = after.at - before.at
    usage = {"busy": (after.machine_busy - before.machine_busy)
             / max(1, after.machine_total - before.machine_total),
             "server": (after.server - before.server) / wall,
             "postgres": (after.postgres - before.postgres) / wall,
             "client": (after.client - before.client) / wall}
    # Anything else running on the machine (another test suite, say) shows up here.
    usage["other"] = max(0.0, usage["busy"] * CPUS - usage["server"] - usage["postgres"]
                         - usage["client"])
    return usage


def machine_busy(seconds: float) -> float:
    """Share of the machine's CPUs busy over the next ``seconds``."""
    before = cpu_snapshot(-1)
    time.sleep(seconds)
    return cpu_usage(before, cpu_snapshot(-1))["busy"]


def wait_until_idle(timeout: float) -> None:
    """Wait (at most ``timeout`` s) for other work on the machine to stop, so that it does
    not take CPU from the server; the table's "other" column shows what remained."""
    deadline = time.monotonic() + timeout
    while (busy := machine_busy(2.0)) > IDLE_BELOW:
        if time.monotonic() >= deadline:
            print(f"  the machine is still {busy:.0%} busy; measuring anyway")
            return
        print(f"  the machine is {busy:.0%} busy with other work; waiting…")
        time.sleep(8)


# --- Load ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Load:
    """How a phase drives the server: client threads, budget, pause between requests."""

    clients: int
    requests: int
    seconds: float
    seed: int
    think_ms: float = 0.0


@dataclass
class Sample:
    ms: float
    status: int  # 0: no HTTP answer (connection error or timeout)
    ok: bool


@dataclass
class PhaseResult:
    name: str
    load: Load
    seconds: float
    samples: list[Sample]
    cpu: dict[str, float]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(not s.ok for s in self.samples)

    @property
    def throughput(self) -> float:
        return len(self.samples) / self.seconds

    def cpu_ms_per_request(self) -> float:
        """Server and PostgreSQL CPU time per timed request."""
        cores = self.cpu["server"] + self.cpu["postgres"]
        return cores * 1000 / self.throughput if self.samples else float("nan")

    def percentiles(self) -> tuple[float, float, float]:
        latencies = [s.ms for s in self.samples]
        if len(latencies) < 2:
            value = latencies[0] if latencies else float("nan")
            return value, value, value
        cuts = statistics.quantiles(latencies, n=100, method="inclusive")
        return cuts[49], cuts[94], cuts[98]


class Budget:
    """Shared by the clients of a phase: a request count and a deadline."""

    def __init__(self, requests: int, seconds: float) -> None:
        self.left = requests
        self.deadline = time.monotonic() + seconds
        self.lock = threading.Lock()

    def take(self) -> bool:
        with self.lock:
            if self.left <= 0 or time.monotonic() >= self.deadline:
                return False
            self.left -= 1
            return True


Step = Callable[[random.Random], Sample]


def run_phase(name: str, step: Step, load: Load, server_pid: int) -> PhaseResult:
    """``load.clients`` threads call ``step`` until the budget is spent, back to back or
    with an exponentially distributed pause of mean ``load.think_ms`` between requests."""
    samples: list[Sample] = []
    lock = threading.Lock()
    start = threading.Barrier(load.clients + 1)

    def client(index: int) -> None:
        rng = random.Random(load.seed * 1000 + index)
        start.wait()
        if load.think_ms:  # arrive spread out, not all at once
            time.sleep(rng.uniform(0, load.think_ms / 1000))
        while budget.take():
            sample = step(rng)
            with lock:
                samples.append(sample)
            if load.think_ms:
                pause = rng.expovariate(1000 / load.think_ms)
                time.sleep(max(0.0, min(pause, budget.deadline - time.monotonic())))

    threads = [threading.Thread(target=client, args=(i,), daemon=True)
               for i in range(load.clients)]
    for thread in threads:
        thread.start()
    budget = Budget(load.requests, load.seconds)  # read by the clients after the barrier
    before = cpu_snapshot(server_pid)
    start.wait()
    for thread in threads:
        thread.join(timeout=load.seconds + 120)
    if any(thread.is_alive() for thread in threads):
        raise RuntimeError(f"{name}: clients still running long after the time limit")
    after = cpu_snapshot(server_pid)
    return PhaseResult(name, load, after.at - before.at, samples, cpu_usage(before, after))


def search_step(towns: list[Town], services: list[str]) -> Step:
    """A search from a random town for a random service; 20% add the province, 20% a
    language (English or French mostly)."""

    def step(rng: random.Random) -> Sample:
        town = rng.choice(towns)
        params = {"city": town.name, "service": rng.choice(services)}
        roll = rng.random()
        if roll < 0.2:
            params["province"] = town.province
        elif roll < 0.4:
            params["language"] = rng.choices(["en", "fr", "es", "ar", "pa"], [5, 3, 1, 1, 1])[0]
        path = "/en/find-help/?" + urllib.parse.urlencode(params)
        try:
            reply = fetch("GET", path)
        except OSError:
            return Sample(30_000.0, 0, False)
        ok = reply.status == 200 and "Nearest first" in reply.body
        return Sample(reply.ms, reply.status, ok)

    return step


def floor_step(rng: random.Random) -> Sample:
    """GET /healthz: the full middleware, a view and one ``SELECT 1``. No page of Lantern
    costs less, so its throughput bounds every other page's on this machine."""
    try:
        reply = fetch("GET", "/healthz")
    except OSError:
        return Sample(30_000.0, 0, False)
    return Sample(reply.ms, reply.status, reply.status == 200)


def tip_step(towns: list[Town], outcome: dict[str, int]) -> Step:
    """One reporter: load the form (untimed), then post it (timed). ``outcome`` counts
    successes and kinds of failure across the client threads."""
    lock = threading.Lock()

    def count(key: str) -> None:
        with lock:
            outcome[key] = outcome.get(key, 0) + 1

    def step(rng: random.Random) -> Sample:
        try:
            form = fetch("GET", "/en/report/")
            match = CSRF_INPUT.search(form.body)
            if form.status != 200 or match is None or "csrftoken" not in form.cookies:
                count("form_failed")
                return Sample(form.ms, form.status, False)
            reply = fetch("POST", "/en/report/", body=tip_form(rng, towns, match.group(1)),
                          headers={"Content-Type": "application/x-www-form-urlencoded",
                                   "Cookie": f"csrftoken={form.cookies['csrftoken']}",
                                   "Referer": f"{BASE}/en/report/"})
        except OSError:
            count("no_answer")
            return Sample(30_000.0, 0, False)
        ok = reply.status == 200 and 'id="follow-up-code"' in reply.body
        count("success" if ok else f"status_{reply.status}")
        return Sample(reply.ms, reply.status, ok)

    return step


def tip_form(rng: random.Random, towns: list[Town], csrf: str) -> str:
    town = rng.choice(towns)
    fields = [("csrfmiddlewaretoken", csrf),
              ("what", "Benchmark report: workers kept in a motel, passports taken."),
              ("city", town.name), ("province", town.province), ("when_text", "last week"),
              ("preferred_language", rng.choices(["en", "fr"], [3, 1])[0]), ("website", "")]
    fields += [("consents", c) for c in rng.sample(
        ["contact_me", "share_with_police", "share_with_services", "statistics"],
        rng.randint(0, 2))]
    return urllib.parse.urlencode(fields)


def warm_up(towns: list[Town], services: list[str], workers: int, server_pid: int) -> None:
    """Load the places table and templates in every worker process before measuring."""
    run_phase("warm-up", search_step(towns, services),
              Load(clients=workers * 2, requests=workers * 20, seconds=60, seed=0), server_pid)
    for _ in range(workers * 4):
        fetch("GET", "/en/report/")


def search_phase(towns: list[Town], services: list[str], load: Load,
                 server_pid: int) -> PhaseResult:
    return run_phase("directory search", search_step(towns, services), load, server_pid)


def tip_phase(towns: list[Town], load: Load, server_pid: int) -> PhaseResult:
    """Submissions, then the tips stored in the database counted against the successes."""
    before = count_tips()
    outcome: dict[str, int] = {}
    result = run_phase("tip submission (POST)", tip_step(towns, outcome), load, server_pid)
    stored = count_tips() - before
    result.extra = {"success": outcome.get("success", 0), "stored": stored,
                    "lost": outcome.get("success", 0) - stored,
                    "failures": {k: v for k, v in outcome.items() if k != "success"}}
    return result


# --- Profile (optional) -------------------------------------------------------------------


def profile_requests(towns: list[Town]) -> None:
    """cProfile one search and one submission in this process (Django test client, same
    database), and show the SQL each one runs."""
    import cProfile
    import pstats

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    town = max(towns, key=lambda t: t.population)
    small = min(towns, key=lambda t: t.population)
    requests: list[tuple[str, Callable[[], Any]]] = [
        (f"search from {town.name}", lambda: client.get(
            "/en/find-help/", {"city": town.name, "service": "shelter"})),
        (f"search from {small.name}", lambda: client.get(
            "/en/find-help/", {"city": small.name, "service": "legal_aid"})),
        ("tip submission", lambda: client.post("/en/report/", {
            "what": "Profiled report.", "city": town.name, "province": town.province,
            "preferred_language": "en", "website": ""})),
    ]
    for label, call in requests:
        call()  # warm caches
        profiler = cProfile.Profile()
        with CaptureQueriesContext(connection) as queries:
            profiler.enable()
            started = time.perf_counter()
            response = call()
            elapsed = (time.perf_counter() - started) * 1000
            profiler.disable()
        sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        print(f"\n### Profile: {label} (status {response.status_code}, {elapsed:.1f} ms, "
              f"{len(queries)} queries, {sql_ms:.1f} ms in SQL)\n")
        stats = pstats.Stats(profiler, stream=sys.stdout)
        print("```")
        stats.sort_stats("cumulative").print_stats(str(ROOT / "lantern"), 15)
        stats.sort_stats("tottime").print_stats(12)
        stats.print_callees(r"\((search|find_help|report)\)")
        print("```")


def audit_lock_hold(rounds: int = 300) -> None:
    """How long one submission holds the lock on the audit chain's head (from its SELECT …
    FOR UPDATE to the end of its COMMIT), submitting in this process: every submission takes
    that lock, so one over this time is the most submissions a second, however many cores."""
    from django.db import connection

    from lantern.hotline import actions

    locked_at: list[float] = []

    def note_lock(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        if "FOR UPDATE" in sql and "audit" in sql:
            locked_at.append(time.perf_counter())
        return execute(sql, *args)

    held = []
    with connection.execute_wrapper(note_lock):
        for _ in range(rounds):
            actions.submit_tip({"what": "Lock timing.", "preferred_language": "en"})
            held.append((time.perf_counter() - locked_at[-1]) * 1000)
    held = sorted(held[rounds // 5:])
    median = statistics.median(held)
    print(f"\nAudit chain lock held per submission (in-process, {len(held)} submissions): "
          f"median {median:.2f} ms, p90 {held[len(held) * 9 // 10]:.2f} ms: at most "
          f"{1000 / median:.0f} submissions a second.")


def time_split(towns: list[Town], services: list[str], rounds: int = 40) -> None:
    """Median time of the search function alone against the whole request in-process (no
    HTTP): the difference is the form, template rendering and middleware."""
    from django.test import Client

    from lantern.directory.search import Query, search

    client = Client(HTTP_HOST=HOST)
    rng = random.Random(7)
    cases = [(rng.choice(towns), rng.choice(services)) for _ in range(rounds)]
    whole, alone = [], []
    for town, service in cases:
        started = time.perf_counter()
        client.get("/en/find-help/", {"city": town.name, "service": service})
        whole.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        search(Query(city=town.name, service=service))
        alone.append((time.perf_counter() - started) * 1000)
    request_ms, search_ms = statistics.median(whole), statistics.median(alone)
    print(f"\nIn-process, median of {rounds} searches: whole request {request_ms:.1f} ms, "
          f"search() alone {search_ms:.1f} ms, the rest (form, template, middleware) "
          f"{request_ms - search_ms:.1f} ms.")


# --- Report -------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    import django
    import gunicorn

    cpu = "?"
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as info:
        cpu = next((line.split(":", 1)[1].strip() for line in info
                    if line.startswith("model name")), "?")
    return {"CPUs (nproc)": str(len(os.sched_getaffinity(0))), "CPU": cpu,
            "Python": platform.python_version(), "Django": django.get_version(),
            "gunicorn": gunicorn.__version__, "PostgreSQL": postgres_version(),
            "OS": platform.platform()}


def goal_met(result: PhaseResult) -> str:
    """The issue's goal applies to the 50-client phases without think time."""
    if result.load.clients < 50 or result.load.think_ms or result.name.startswith("floor"):
        return "—"
    return "met" if result.percentiles()[1] <= GOAL_P95_MS else "**not met**"


def other(result: PhaseResult) -> str:
    used = result.cpu["other"]
    return f"**{used:.2f}** (disturbed)" if used > DISTURBED_ABOVE else f"{used:.2f}"


def table(results: list[PhaseResult]) -> str:
    lines = ["| phase | clients | think | requests | errors | req/s | p50 ms | p95 ms | p99 ms "
             "| CPU ms/req | CPU busy | server | PostgreSQL | load gen. | other | p95 ≤ 50 ms |",
             "| --- |" + " ---: |" * 14 + " --- |"]
    for r in results:
        p50, p95, p99 = r.percentiles()
        think = f"{r.load.think_ms / 1000:g} s" if r.load.think_ms else "0"
        lines.append(
            f"| {r.name} | {r.load.clients} | {think} | {len(r.samples)} | {r.errors} "
            f"| {r.throughput:.0f} | {p50:.0f} | {p95:.0f} | {p99:.0f} "
            f"| {r.cpu_ms_per_request():.0f} | {r.cpu['busy']:.0%} | {r.cpu['server']:.2f} "
            f"| {r.cpu['postgres']:.2f} | {r.cpu['client']:.2f} | {other(r)} | {goal_met(r)} |")
    return "\n".join(lines)


def tips_summary(results: list[PhaseResult]) -> str:
    """Every tip phase, including attempts discarded as disturbed: none may lose a tip."""
    phases = [(result, "") for result in results]
    phases += [(attempt, " (discarded attempt)") for result in results
               for attempt in result.extra["earlier"]]
    lines = []
    for r, note in phases:
        if "stored" not in r.extra:
            continue
        non_200 = sum(s.status != 200 for s in r.samples)
        verdict = "met" if r.extra["lost"] == 0 else "**not met**"
        lines.append(f"- tips, {r.load.clients} client(s), think {r.load.think_ms:g} ms{note}: "
                     f"{r.extra['success']} successful submissions, {r.extra['stored']} tips "
                     f"stored, lost = {r.extra['lost']} (goal 0: {verdict}); non-200 "
                     f"responses = {non_200}; failures by kind: {r.extra['failures'] or 'none'}")
    return "\n".join(lines)


def report(args: argparse.Namespace, results: list[PhaseResult], towns: int,
           load_before: float) -> None:
    print(f"\n## Results ({dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC)\n")
    print(f"Data: {args.providers} providers (sites in {towns} towns), {args.contacts} "
          f"contacts. Server: lantern serve --workers {args.workers}"
          f"{' --no-access-log' if args.no_access_log else ''} (gunicorn sync), "
          f"DATABASE_CONN_MAX_AGE={args.conn_max_age}. Load: {args.clients} client threads, "
          f"budget {args.requests} requests or {args.seconds:g} s per phase (1-client "
          f"baselines: {single_budget(args)} requests). Load average before the load: "
          f"{load_before:.2f}.\n")
    print("Machine: " + "; ".join(f"{k} {v}" for k, v in machine().items()) + "\n")
    print(table(results))
    print("\nCPU ms/req: server and PostgreSQL CPU time per timed request (for tips it "
          "includes the untimed GET of the form). CPU busy: share of all the machine's CPUs "
          "busy. server, PostgreSQL, load gen., other: CPUs (cores) used during the phase by the "
          "gunicorn processes, by PostgreSQL (all its databases), by the client threads, and "
          "by anything else on the machine.\n")
    repeated = [f"{r.name} ({r.load.clients} client(s)): {len(r.extra['earlier'])}"
                for r in results if r.extra["earlier"]]
    if repeated:
        print("Phases run again because other work on the machine disturbed them (the table "
              "shows the last attempt; the tip counts below include every attempt): "
              + "; ".join(repeated) + ".\n")
    print(tips_summary(results))


# --- Main ---------------------------------------------------------------------------------


def single_budget(args: argparse.Namespace) -> int:
    return max(50, args.requests // 10)


def run_load(args: argparse.Namespace, towns: list[Town], services: list[str],
             server_pid: int) -> list[PhaseResult]:
    """Each phase with one client (service time), then with all of them; then, if asked,
    again with think time. Before each phase, wait for the machine to be idle."""
    one = Load(1, single_budget(args), args.seconds, args.seed)
    many = Load(args.clients, args.requests, args.seconds, args.seed)
    plan: list[tuple[str, Callable[[Load], PhaseResult], Load]] = []
    for load in (one, many) if "search" in args.only else ():
        plan.append(("a: directory search", lambda lo: search_phase(
            towns, services, lo, server_pid), load))
    for load in (one, many) if "tips" in args.only else ():
        plan.append(("b: tip submission", lambda lo: tip_phase(towns, lo, server_pid), load))
    for load in (one, many) if "floor" in args.only else ():
        plan.append(("c: floor (GET /healthz)", lambda lo: run_phase(
            "floor: GET /healthz", floor_step, lo, server_pid), load))
    if args.think_ms:
        paced = Load(args.clients, args.requests, args.seconds, args.seed, args.think_ms)
        plan.append(("a: directory search", lambda lo: search_phase(
            towns, services, lo, server_pid), paced))
        plan.append(("b: tip submission", lambda lo: tip_phase(towns, lo, server_pid), paced))
    results = []
    for label, phase, load in plan:
        earlier: list[PhaseResult] = []
        while True:
            wait_until_idle(args.wait_idle)
            print(f"Phase {label}, {load.clients} client(s), think {load.think_ms:g} ms…")
            result = phase(load)
            if result.cpu["other"] <= DISTURBED_ABOVE or len(earlier) >= args.retries:
                break
            print(f"  other work took {result.cpu['other']:.2f} CPUs meanwhile; again")
            earlier.append(result)
        result.extra["earlier"] = earlier
        results.append(result)
    return results


def benchmark(args: argparse.Namespace, data_dir: Path) -> None:
    print("Re-creating the database and migrating…")
    recreate_database()
    migrate()
    print("Generating data…")
    towns = generate_data(args)
    from lantern.standard.vocabularies import vocabulary

    services = vocabulary("service_type").codes()
    load_before = os.getloadavg()[0]
    print(f"Starting the server with {args.workers} workers…")
    with server(args.workers, data_dir / "server.log", not args.no_access_log) as process:
        warm_up(towns, services, args.workers, process.pid)
        results = run_load(args, towns, services, process.pid)
    report(args, results, len(towns), load_before)
    if args.profile:
        time_split(towns, services)
        audit_lock_hold()
        profile_requests(towns)


def main() -> int:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="lantern-bench-") as data_dir:
        configure_environment(data_dir, args)
        try:
            benchmark(args, Path(data_dir))
        finally:
            with contextlib.suppress(Exception):
                from django.db import connections

                connections.close_all()
            drop_database()
    return 0


if __name__ == "__main__":
    sys.exit(main())
