"""Statistics release benchmark (issue 6): a full release over N case records on PostgreSQL.

Goal: with 1,000,000 case records on PostgreSQL, 2 cores, computing a full release in 60 s
or less.

    .venv/bin/python benchmarks/release.py --cases 1000000
    .venv/bin/python benchmarks/release.py --cases 20000 --runs 1      # a quick look

It creates (dropping it first) the PostgreSQL database `lantern_bench_release` (or
`--database NAME`), migrates it,
and loads fictional records with COPY: per case one to two people (victims and accused), one
incident (some cases two), exploitation codes, charges for about half the cases with an
accused, temporary resident permits for a few foreign-born victims, statistics consents (a
small share withdrawn, some given again), person and incident links (most records linked,
some linked ids shared by records of two cases, a few records not linked yet), and hotline
contacts, screenings, referrals and unmet needs at a tenth of the scale. Identities are
sealed for real, from a pool of fictional identities reused across records (the statistics
never open them; the column holds ciphertexts of a realistic size).

Then it runs `lantern.stats.builder.build` for the last full year, epsilon 1, in a fresh
child process per run (`--runs`, default 3), and prints the median seconds, the peak memory
of the child (max RSS) and the median seconds of each stage: counting of each table, the
linkage notes, disclosure control (noise, rounding, suppression) and storing. The database is
kept for `--reuse` (skip loading) and dropped with `--drop`. It contacts nothing but
127.0.0.1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from array import array
from collections.abc import Iterator
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_DB = "lantern_bench_release"
PERIOD = "2025"
BATCH = 50_000
NOW = "2026-06-01 12:00:00+00"

PROVINCES = ["ON"] * 9 + ["QC"] * 4 + ["BC"] * 3 + ["AB"] * 3 + ["MB", "SK", "NS", "NB", "NL",
                                                                  "PE", "YT", "NT", "NU"]
CMAS = ["535", "462", "933", "825", "835", "505", "602", "421", "537", "555", "580", ""]
SEX = ["female"] * 8 + ["male"] * 3 + ["intersex", "unknown", "unknown"]
AGE = ["0_11", "12_17", "12_17", "18_24", "18_24", "18_24", "25_34", "25_34", "35_44",
       "45_54", "55_64", "65_plus", "unknown", "unknown"]
INDIGENOUS = ["first_nations", "metis", "inuit", "non_indigenous", "non_indigenous",
              "non_indigenous", "unknown", "unknown"]
BIRTHPLACE = ["canadian_born", "canadian_born", "foreign_born", "unknown"]
RELATION = ["intimate_partner", "ex_intimate_partner", "friend", "business_relationship",
            "casual_acquaintance", "criminal_relationship", "stranger", "other_family",
            "unknown", ""]
EXPLOITATION = ["sexual_exploitation"] * 6 + ["forced_labour"] * 3 + [
    "forced_marriage", "forced_criminal_activity", "organ_removal", "other"]
CHARGES = ["cc_279.01", "cc_279.011", "cc_279.02", "cc_279.03", "irpa_118", "cc_286.1",
           "cc_286.2", "cc_286.3", "cc_264", "cc_266", "cc_346", "cc_467.12", "irpa_117"]
OUTCOMES = ["guilty", "acquitted", "stayed_withdrawn_dismissed", "other_decision", "ongoing"]
CONTACT_TYPES = ["crisis"] * 3 + ["tip"] * 3 + ["information"] * 3 + [
    "silent", "wrong_number", "test"]
CLASSIFICATIONS = ["sex_trafficking", "labour_trafficking", "both", "other_exploitation",
                   "not_trafficking", "not_trafficking"]
SERVICES = ["shelter", "case_management", "counselling", "legal_aid", "immigration", "health",
            "interpretation", "employment_income", "addiction", "indigenous_cultural"]
REFERRAL_STATUS = ["sent", "accepted", "accepted", "declined", "done", "done", "revoked"]

# Columns loaded, per table, in the order the generator writes them.
COLUMNS = {
    "cases_case": ("id, reference, organization_id, source_record_id, status, "
                   "trafficking_status, status_decided_by, opened_on, narrative_sealed, "
                   "created_at, updated_at"),
    "cases_casecode": "case_id, vocabulary, code",
    "cases_incident": ("id, case_id, occurred_on, reported_on, city, province, cma, "
                       "clearance_status"),
    "cases_person": ("id, pseudonym, case_id, role, identity_sealed, name_index, "
                     "birth_date_index, phone_index, email_index, sex, gender, age_group, "
                     "indigenous_identity, birthplace, disability, lgbtq, "
                     "relationship_to_trafficker, relationship_to_accused, role_in_process, "
                     "created_at, updated_at"),
    "cases_charge": "id, case_id, accused_id, code, laid_on, outcome",
    "cases_temporaryresidentpermit": "id, person_id, permit_type, issued_on",
    "cases_consent": "id, person_id, purpose, given_at, withdrawn_at",
    "linkage_personlink": "person_id, linked_id, updated_at",
    "linkage_incidentlink": "incident_id, linked_id, updated_at",
    "hotline_contact": ("id, reference, organization_id, started_at, channel, caller_type, "
                        "contact_type, language, interpreter_used, city, province, "
                        "notes_sealed, caller_phone_sealed, caller_phone_index, case_id, "
                        "created_at"),
    "hotline_screening": ("contact_id, palermo_acts, palermo_means, palermo_purposes, "
                          "ilo_indicators, sex_indicators, minor_involved, imminent_danger, "
                          "proposed, proposed_reasons, confirmed, confirmed_at"),
    "referrals_referral": ("id, reference, sender_organization_id, person_id, provider_id, "
                           "need, province, override_reason, summary_sealed, warm_transfer, "
                           "status, decline_reason, sent_at"),
    "referrals_unmetneed": "id, organization_id, need, province, recorded_at",
}
NULL = "\\N"


def _url(database: str) -> str:
    return f"postgresql://postgres@127.0.0.1:5432/{database}"


def _env(database: str, data_dir: Path) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": _url(database), "LANTERN_DATA_DIR": str(data_dir),
            "DJANGO_SETTINGS_MODULE": "lantern.settings"}


def _setup_django(database: str, data_dir: Path) -> None:
    os.environ.update(_env(database, data_dir))
    import django

    django.setup()


# ---- Loading ------------------------------------------------------------------------------

class Sealed:
    """A pool of sealed fictional identities and narratives, reused across records."""

    def __init__(self, rng: random.Random, size: int = 500) -> None:
        from lantern.cases.identity import PersonIdentity, seal_identity, seal_narrative
        from lantern.cases.models import Case, Person
        from lantern.core import crypto

        self.people = []
        for n in range(size):
            person = Person(id=uuid.uuid4())
            seal_identity(person, PersonIdentity(
                given_name=f"Fictive{n}", family_name=rng.choice(["Tremblay", "Roy", "Smith"]),
                birth_date=f"19{rng.randint(60, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                phone=f"555-01{n % 100:02d}", address=f"{n} Fictional Street"))
            self.people.append((person.identity_sealed, person.name_index,
                                person.birth_date_index, person.phone_index,
                                person.email_index))
        case = Case(id=uuid.uuid4())
        seal_narrative(case, "Fictional narrative written for the release benchmark.")
        self.narrative = case.narrative_sealed
        self.phone = crypto.encrypt("555-0199", "bench")


def _day(start: dt.date, days: int, rng: random.Random) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(days))


def _stamp(day: dt.date, rng: random.Random) -> str:
    return f"{day.isoformat()} {rng.randrange(8, 20):02d}:{rng.randrange(60):02d}:00+00"


class Generator:
    """Rows of every table for one batch of cases; linked ids persist across batches."""

    def __init__(self, rng: random.Random, orgs: list[str], hotline: str, providers: list[str],
                 sealed: Sealed) -> None:
        self.rng, self.orgs, self.hotline, self.providers = rng, orgs, hotline, providers
        self.sealed = sealed
        self.people_clusters = array("q")
        self.incident_clusters = array("q")
        self.victims: list[str] = []
        self.case_ids: list[str] = []
        self.counts: dict[str, int] = dict.fromkeys(COLUMNS, 0)

    def batch(self, first: int, size: int) -> dict[str, list[str]]:
        rows: dict[str, list[str]] = {table: [] for table in COLUMNS}
        for n in range(first, first + size):
            self._case(n, rows)
        for table, lines in rows.items():
            self.counts[table] += len(lines)
        return rows

    def _linked(self, clusters: array, prefix: str, share: float) -> str:
        """A linked id: most records are their own person, some join an earlier one."""
        if clusters and self.rng.random() < share:
            number = clusters[self.rng.randrange(len(clusters))]
        else:
            number = len(clusters)
        clusters.append(number)
        return f"{prefix}-{number:09d}"

    def _case(self, n: int, rows: dict[str, list[str]]) -> None:
        rng = self.rng
        case_id = str(uuid.uuid4())
        opened = _day(dt.date(2014, 1, 1), 12 * 365, rng)
        stamp = _stamp(opened, rng)
        rows["cases_case"].append("\t".join([
            case_id, f"C-B{n:09d}", rng.choice(self.orgs), f"B-{n:09d}", "open",
            rng.choice(["possible", "actual"]), "", opened.isoformat(), self.sealed.narrative,
            stamp, stamp]))
        if len(self.case_ids) < 200_000:
            self.case_ids.append(case_id)
        kinds = rng.random()
        types = [] if kinds < 0.05 else rng.sample(EXPLOITATION, 2 if kinds > 0.9 else 1)
        for code in sorted(set(types)):
            rows["cases_casecode"].append(f"{case_id}\texploitation_type\t{code}")
        for _ in range(2 if rng.random() < 0.05 else 1):
            self._incident(case_id, opened, rows)
        victims = 2 if rng.random() < 0.2 else 1
        people = [self._person(case_id, "victim", stamp, rows) for _ in range(victims)]
        accused = None
        if rng.random() < 0.5:
            accused = self._person(case_id, "accused", stamp, rows)
            people.append(accused)
            for _ in range(rng.randint(1, 3) if rng.random() < 0.5 else 0):
                laid = NULL if rng.random() < 0.1 else (
                    opened + dt.timedelta(days=rng.randrange(200))).isoformat()
                # A few charges name no accused (the record says who only in the narrative).
                rows["cases_charge"].append("\t".join([
                    str(uuid.uuid4()), case_id, NULL if rng.random() < 0.05 else accused,
                    rng.choice(CHARGES), laid,
                    rng.choice(OUTCOMES)]))
        if n % 10 == 0:
            self._hotline(n, opened, rows)

    def _incident(self, case_id: str, opened: dt.date, rows: dict[str, list[str]]) -> None:
        rng = self.rng
        incident_id = str(uuid.uuid4())
        occurred = opened - dt.timedelta(days=rng.randrange(400))
        reported = occurred + dt.timedelta(days=rng.randrange(60))
        rows["cases_incident"].append("\t".join([
            incident_id, case_id, NULL if rng.random() < 0.1 else occurred.isoformat(),
            NULL if rng.random() < 0.3 else reported.isoformat(), "", rng.choice(PROVINCES),
            rng.choice(CMAS), "not_cleared"]))
        if rng.random() < 0.97:
            linked = self._linked(self.incident_clusters, "LI", 0.1)
            rows["linkage_incidentlink"].append(f"{incident_id}\t{linked}\t{NOW}")

    def _person(self, case_id: str, role: str, stamp: str, rows: dict[str, list[str]]) -> str:
        rng = self.rng
        person_id = str(uuid.uuid4())
        identity = rng.choice(self.sealed.people)
        birthplace = rng.choice(BIRTHPLACE)
        victim = role == "victim"
        rows["cases_person"].append("\t".join([
            person_id, f"P-B{self.counts['cases_person'] + len(rows['cases_person']):09d}",
            case_id, role, *identity, rng.choice(SEX), "unknown", rng.choice(AGE),
            rng.choice(INDIGENOUS), birthplace, "unknown", "unknown", "",
            rng.choice(RELATION) if victim else "", "" if victim else "principal",
            stamp, stamp]))
        if rng.random() < 0.96:
            linked = self._linked(self.people_clusters, "LP", 0.12)
            rows["linkage_personlink"].append(f"{person_id}\t{linked}\t{NOW}")
        if victim:
            self._victim(person_id, birthplace, stamp, rows)
        return person_id

    def _victim(self, person_id: str, birthplace: str, stamp: str,
                rows: dict[str, list[str]]) -> None:
        rng = self.rng
        if len(self.victims) < 200_000:
            self.victims.append(person_id)
        if birthplace == "foreign_born" and rng.random() < 0.1:
            issued = dt.date.fromisoformat(stamp[:10]) + dt.timedelta(days=rng.randrange(90))
            rows["cases_temporaryresidentpermit"].append(
                f"{uuid.uuid4()}\t{person_id}\t{'initial' if rng.random() < 0.8 else 'subsequent'}"
                f"\t{issued.isoformat()}")
        if rng.random() < 0.5:
            draw = rng.random()
            withdrawn = NULL
            if draw < 0.03:
                withdrawn = _stamp(dt.date.fromisoformat(stamp[:10]) + dt.timedelta(days=30), rng)
            rows["cases_consent"].append(
                f"{uuid.uuid4()}\t{person_id}\tstatistics\t{stamp}\t{withdrawn}")
            if draw < 0.005:  # withdrawn, then given again
                again = _stamp(dt.date.fromisoformat(stamp[:10]) + dt.timedelta(days=90), rng)
                rows["cases_consent"].append(
                    f"{uuid.uuid4()}\t{person_id}\tstatistics\t{again}\t{NULL}")
            rows["cases_consent"].append(
                f"{uuid.uuid4()}\t{person_id}\tservices\t{stamp}\t{NULL}")

    def _hotline(self, n: int, opened: dt.date, rows: dict[str, list[str]]) -> None:
        rng = self.rng
        contact_id = str(uuid.uuid4())
        stamp = _stamp(opened, rng)
        case = rng.choice(self.case_ids) if rng.random() < 0.2 else NULL
        province = "" if rng.random() < 0.1 else rng.choice(PROVINCES)
        rows["hotline_contact"].append("\t".join([
            contact_id, f"H-B{n:09d}", self.hotline, stamp, rng.choice(["phone", "text", "chat"]),
            rng.choice(["victim_survivor", "family_friend", "community_member"]),
            rng.choice(CONTACT_TYPES), "en", "f", "", province, self.sealed.narrative,
            self.sealed.phone, "", case, stamp]))
        if rng.random() < 0.5:
            confirmed = rng.choice(CLASSIFICATIONS)
            rows["hotline_screening"].append("\t".join([
                contact_id, "[]", "[]", "[]", "[]", "[]", "unknown", "f", confirmed, "[]",
                confirmed, stamp]))
        if rng.random() < 0.5 and self.victims:
            rows["referrals_referral"].append("\t".join([
                str(uuid.uuid4()), f"R-B{n:09d}", rng.choice(self.orgs),
                rng.choice(self.victims), rng.choice(self.providers), rng.choice(SERVICES),
                rng.choice(PROVINCES), "", self.sealed.narrative, "f",
                rng.choice(REFERRAL_STATUS), "", stamp]))
        if rng.random() < 0.2:
            rows["referrals_unmetneed"].append("\t".join([
                str(uuid.uuid4()), self.hotline, rng.choice(SERVICES), rng.choice(PROVINCES),
                stamp]))


def _organizations() -> tuple[list[str], str, list[str]]:
    from lantern.directory.models import Provider
    from lantern.organizations.actions import create_organization

    orgs = [str(create_organization(None, code=f"bench-police-{n}", name_en=f"Police {n}",
                                    name_fr=f"Police {n}", kind="police_service",
                                    province=province).pk)
            for n, province in enumerate(["ON", "QC", "BC", "AB", "MB", "NS"])]
    hotline = str(create_organization(None, code="bench-hotline", name_en="Hotline",
                                      name_fr="Ligne d'urgence", kind="hotline").pk)
    providers = []
    for n in range(10):
        org = create_organization(None, code=f"bench-provider-{n}", name_en=f"Provider {n}",
                                  name_fr=f"Fournisseur {n}", kind="service_provider",
                                  province=PROVINCES[n])
        providers.append(str(Provider.objects.create(organization=org).pk))
    return orgs, hotline, providers


def recreate_database(database: str, data_dir: Path) -> None:
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {database}")
    subprocess.run([sys.executable, "-m", "lantern.cli", "migrate", "-v0"],
                   env=_env(database, data_dir), check=True, cwd=ROOT)


def load(database: str, cases: int, data_dir: Path) -> tuple[float, dict[str, int]]:
    """Generate and COPY the records; seconds taken and rows per table."""
    _setup_django(database, data_dir)
    start = time.perf_counter()
    rng = random.Random(6)
    orgs, hotline, providers = _organizations()
    generator = Generator(rng, orgs, hotline, providers, Sealed(rng))
    with psycopg.connect(_url(database)) as conn:
        conn.execute("SET synchronous_commit = off")
        for first in range(0, cases, BATCH):
            rows = generator.batch(first, min(BATCH, cases - first))
            with conn.cursor() as cursor:
                for table, lines in rows.items():
                    if lines:
                        _copy(cursor, table, lines)
            conn.commit()
            print(f"\rloaded {min(first + BATCH, cases):,} cases", end="", file=sys.stderr)
        print("", file=sys.stderr)
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
    return time.perf_counter() - start, generator.counts


def _copy(cursor: psycopg.Cursor, table: str, lines: list[str]) -> None:
    with cursor.copy(f"COPY {table} ({COLUMNS[table]}) FROM STDIN") as copy:
        for chunk in _chunks(lines, 10_000):
            copy.write("\n".join(chunk) + "\n")


def _chunks(lines: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(lines), size):
        yield lines[start:start + size]


# ---- Building -----------------------------------------------------------------------------

def build_once(database: str, data_dir: Path) -> dict[str, object]:
    """Build one release (in this process) and time each stage from the build's progress."""
    _setup_django(database, data_dir)
    from lantern.stats import actions, builder
    from lantern.stats.models import Release
    from lantern.stats.tables import TABLES

    marks: list[tuple[str, float, float]] = []

    def echo(stage: str, done: float) -> None:
        marks.append((stage, done, time.perf_counter()))

    release = actions.create_release(None, PERIOD, 1.0)
    start = time.perf_counter()
    builder.build(release, echo=echo)
    seconds = time.perf_counter() - start
    if release.build_status != Release.Build.DONE:
        raise SystemExit(f"build failed: {release.failure}")
    stages: dict[str, float] = {}
    previous = start
    counted = 0
    last = ""
    for stage, _done, at in marks:
        if stage == "counting":
            name = f"count {TABLES[counted].key}"
            counted += 1
        elif stage == "noise" and last == "counting":
            name = "linkage notes, noise of the first table"
        elif last == "suppression" and stage != last:
            name = "store"
        else:
            name = stage
        last = stage
        stages[name] = stages.get(name, 0.0) + at - previous
        previous = at
    return {"seconds": seconds, "stages": stages,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run_builds(database: str, runs: int, data_dir: Path) -> list[dict]:
    results = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, __file__, "--build-once",  # noqa: S603
                               "--database", database, "--data-dir", str(data_dir)],
                              env=_env(database, data_dir), check=True, capture_output=True,
                              text=True, cwd=ROOT)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"build: {results[-1]['seconds']:.1f} s", file=sys.stderr)
    return results


def report(cases: int, load_seconds: float | None, counts: dict[str, int] | None,
           results: list[dict]) -> None:
    median = statistics.median(r["seconds"] for r in results)
    peak = max(r["peak_mb"] for r in results)
    load = f"{load_seconds:.0f}" if load_seconds is not None else "reused"
    print("| cases | runs | median s | min s | max s | peak MB | goal | load s |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    print(f"| {cases:,} | {len(results)} | {median:.1f} | "
          f"{min(r['seconds'] for r in results):.1f} | "
          f"{max(r['seconds'] for r in results):.1f} | {peak:.0f} | "
          f"{'met' if median <= 60 else 'missed'} (≤ 60 s) | {load} |")
    print()
    print("| stage | median s |")
    print("| --- | --- |")
    for stage in results[0]["stages"]:
        seconds = statistics.median(r["stages"].get(stage, 0.0) for r in results)
        print(f"| {stage} | {seconds:.2f} |")
    if counts:
        print()
        print("| table | rows |")
        print("| --- | --- |")
        for table, n in counts.items():
            print(f"| {table} | {n:,} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database", default=PG_DB)
    parser.add_argument("--reuse", action="store_true",
                        help="keep the records already loaded in the database")
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
    parser.add_argument("--build-once", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_once:
        print(json.dumps(build_once(args.database, Path(args.data_dir))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        load_seconds, counts = None, None
        if not args.reuse:
            recreate_database(args.database, data_dir)
            load_seconds, counts = load(args.database, args.cases, data_dir)
        try:
            results = run_builds(args.database, args.runs, data_dir)
        finally:
            if args.drop:
                with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
                    admin.execute(f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)")
    report(args.cases, load_seconds, counts, results)


if __name__ == "__main__":
    main()
