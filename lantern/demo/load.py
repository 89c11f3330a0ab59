"""Loading the demo: organizations of every type, an account for every role, and cases
whose distribution follows ``figures``. Names come from Faker's en_CA and fr_CA locales."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from faker import Faker

from lantern.accounts.actions import create_user
from lantern.accounts.models import User
from lantern.accounts.permissions import Role
from lantern.audit.actions import record
from lantern.cases.identity import PersonIdentity, seal_identity, seal_narrative
from lantern.cases.models import Case, CaseCode, Charge, Consent, Incident, Person
from lantern.demo import figures
from lantern.organizations.actions import create_organization
from lantern.organizations.models import Organization
from lantern.standard.vocabularies import vocabulary

AREA_CODES = ("416", "514", "604", "204", "902")
DEMO_PASSWORD = "lantern-demo-2026"  # noqa: S105 - printed to the person running the demo


@dataclass(frozen=True)
class DemoOrg:
    code: str
    name_en: str
    name_fr: str
    kind: str
    province: str = ""


ORGANIZATIONS = (
    DemoOrg("demo-operator", "Lantern platform operations (demo)",
            "Exploitation de la plateforme Lanterne (démo)", "federal_department"),
    DemoOrg("demo-hotline", "National trafficking hotline (demo)",
            "Ligne d'urgence nationale contre la traite (démo)", "hotline", "ON"),
    DemoOrg("demo-police-toronto", "Lakeshore Regional Police (demo)",
            "Police régionale de Lakeshore (démo)", "police_service", "ON"),
    DemoOrg("demo-police-ottawa", "Rideau Valley Police Service (demo)",
            "Service de police de la vallée de la Rideau (démo)", "police_service", "ON"),
    DemoOrg("demo-police-montreal", "Service de police du Saint-Laurent (demo)",
            "Service de police du Saint-Laurent (démo)", "police_service", "QC"),
    DemoOrg("demo-police-halifax", "Harbour Regional Police (demo)",
            "Police régionale du Havre (démo)", "police_service", "NS"),
    DemoOrg("demo-police-winnipeg", "Red River Police Service (demo)",
            "Service de police de la rivière Rouge (démo)", "police_service", "MB"),
    DemoOrg("demo-police-calgary", "Bow Valley Police Service (demo)",
            "Service de police de la vallée de la Bow (démo)", "police_service", "AB"),
    DemoOrg("demo-police-vancouver", "Fraser Coast Police (demo)",
            "Police de la côte du Fraser (démo)", "police_service", "BC"),
    DemoOrg("demo-police-prairies", "Prairie Provincial Police (demo)",
            "Police provinciale des Prairies (démo)", "police_service", "SK"),
    DemoOrg("demo-national-coordination", "National trafficking coordination centre (demo)",
            "Centre national de coordination contre la traite (démo)",
            "law_enforcement_coordination"),
    DemoOrg("demo-shelter-toronto", "Safe Harbour Shelter (demo)",
            "Refuge Havre sûr (démo)", "service_provider", "ON"),
    DemoOrg("demo-shelter-montreal", "Maison Aube (demo)", "Maison Aube (démo)",
            "service_provider", "QC"),
    DemoOrg("demo-legal-vancouver", "Pacific Migrant Legal Clinic (demo)",
            "Clinique juridique pour migrants du Pacifique (démo)", "service_provider", "BC"),
    DemoOrg("demo-indigenous-winnipeg", "Northern Lights Healing Lodge (demo)",
            "Pavillon de guérison Aurores boréales (démo)", "indigenous_organization", "MB"),
    DemoOrg("demo-province-ontario", "Ontario anti-trafficking office (demo)",
            "Bureau ontarien de lutte contre la traite (démo)", "provincial_government", "ON"),
    DemoOrg("demo-crown-ontario", "Crown prosecution office, Toronto region (demo)",
            "Bureau des procureurs de la Couronne, région de Toronto (démo)",
            "court_prosecution", "ON"),
    DemoOrg("demo-immigration", "Immigration department (demo)",
            "Ministère de l'Immigration (démo)", "immigration"),
    DemoOrg("demo-border", "Border services agency (demo)",
            "Agence des services frontaliers (démo)", "border_services"),
    DemoOrg("demo-fiu", "Financial intelligence unit (demo)",
            "Unité du renseignement financier (démo)", "financial_intelligence"),
    DemoOrg("demo-statistics", "National statistics office (demo)",
            "Bureau national de la statistique (démo)", "statistics_agency"),
)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    org: str
    roles: tuple[Role, ...]


ACCOUNTS = (
    DemoAccount("advocate", "demo-hotline", (Role.HOTLINE_ADVOCATE,)),
    DemoAccount("supervisor", "demo-hotline", (Role.HOTLINE_SUPERVISOR,)),
    DemoAccount("provider", "demo-shelter-toronto", (Role.SERVICE_PROVIDER_STAFF,)),
    DemoAccount("investigator", "demo-police-toronto", (Role.POLICE_INVESTIGATOR,)),
    DemoAccount("enqueteur", "demo-police-montreal", (Role.POLICE_INVESTIGATOR,)),
    DemoAccount("analyst", "demo-national-coordination", (Role.NATIONAL_ANALYST,)),
    DemoAccount("policy", "demo-province-ontario", (Role.POLICY_ANALYST,)),
    DemoAccount("steward", "demo-police-toronto", (Role.DATA_STEWARD,)),
    DemoAccount("statistician", "demo-statistics", (Role.STATISTICIAN,)),
    DemoAccount("linker", "demo-statistics", (Role.LINKAGE_STEWARD,)),
    DemoAccount("orgadmin", "demo-police-toronto", (Role.ORG_ADMIN,)),
    DemoAccount("platformadmin", "demo-operator", (Role.PLATFORM_ADMIN,)),
)


def _pick(rng: random.Random, shares: Mapping[str, float]) -> str:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def _date_in(rng: random.Random, year: int) -> dt.date:
    day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    return min(day, timezone.localdate())


def is_loaded() -> bool:
    return Organization.objects.filter(code="demo-operator").exists()


def load_organizations_and_accounts() -> list[tuple[DemoAccount, User]]:
    """Create the demo organizations and one account per role, each with a demo TOTP key."""
    for org in ORGANIZATIONS:
        create_organization(None, code=org.code, name_en=org.name_en, name_fr=org.name_fr,
                            kind=org.kind, province=org.province)
    created = []
    for account in ACCOUNTS:
        user = create_user(None, username=account.username, password=DEMO_PASSWORD,
                           organization=Organization.objects.get(code=account.org),
                           roles=account.roles, email=f"{account.username}@demo.invalid")
        if user.needs_second_factor:
            TOTPDevice.objects.create(user=user, name="Demo authenticator", confirmed=True)
        created.append((account, user))
    return created


def load_cases(count: int, seed: int = 2026,
               progress: Callable[[int, int], None] | None = None) -> int:
    """Create ``count`` fictional cases spread over police services, the hotline and NGOs."""
    rng = random.Random(seed)
    fakers = {"en": Faker("en_CA"), "fr": Faker("fr_CA")}
    for index, faker in enumerate(fakers.values()):
        faker.seed_instance(seed + index)
    police = list(Organization.objects.filter(kind="police_service"))
    by_province: dict[str, list[Organization]] = {}
    for org in police:
        by_province.setdefault(org.province, []).append(org)
    others = list(Organization.objects.filter(kind__in=["hotline", "service_provider"]))
    years = figures.INCIDENTS_BY_YEAR
    cmas = vocabulary("cma").concepts
    # Adult victims in most cases: the offences against minors stay out of the draw.
    charges_trafficking = [c.code for c in vocabulary("charge").with_tag("trafficking")
                           if "minor" not in c.tags]
    charges_alternate = [c.code for c in vocabulary("charge").with_tag("alternate")]
    made = 0
    batch = 200
    while made < count:
        with transaction.atomic():
            for _ in range(min(batch, count - made)):
                province = _pick(rng, figures.PROVINCE_SHARE)
                year = _pick(rng, {str(y): float(n) for y, n in years.items()})
                owner = (rng.choice(by_province.get(province) or police)
                         if rng.random() < 0.8 else rng.choice(others))
                _one_case(rng, fakers["fr" if province == "QC" else "en"], owner, province,
                          int(year), made, cmas, charges_trafficking, charges_alternate)
                made += 1
            record(actor=None, action="demo.load_cases", changes={"cases_loaded": made})
        if progress:
            progress(made, count)
    return made


def _one_case(rng: random.Random, faker: Faker, owner: Organization, province: str, year: int,
              number: int, cmas: tuple, trafficking: list[str], alternate: list[str]) -> None:
    opened = _date_in(rng, year)
    exploitation = _pick(rng, figures.EXPLOITATION)
    closed = rng.random() < 0.6
    case = Case(organization=owner, opened_on=opened,
                trafficking_status=rng.choice(["possible", "actual", "actual"]),
                status_decided_by="law_enforcement" if owner.kind == "police_service"
                else "service_provider",
                status="closed" if closed else "open",
                closed_on=min(opened + dt.timedelta(days=rng.randrange(30, 400)),
                              timezone.localdate()) if closed else None,
                source_record_id=f"{year}-{number + 1:06d}")
    seal_narrative(case, faker.paragraph(nb_sentences=3))
    case.save()
    codes = [("exploitation_type", exploitation), ("palermo_act", "recruitment"),
             ("palermo_act", rng.choice(["harbouring", "transportation"])),
             ("palermo_means", rng.choice(["deception", "threat", "abuse_of_vulnerability"])),
             ("method_of_control", rng.choice(["takes_earnings", "threats",
                                                "psychological_abuse", "restricts_movement"]))]
    if exploitation == "sexual_exploitation":
        codes += [("palermo_purpose", "sexual_exploitation"),
                  ("sexual_exploitation_type", "prostitution_of_others")]
    elif exploitation == "forced_labour":
        codes += [("palermo_purpose", "forced_labour"),
                  ("labour_industry", rng.choice(["A", "C", "I", "T"])),
                  ("ilo_indicator", "withholding_of_wages"),
                  ("ilo_indicator", "retention_of_documents")]
    CaseCode.objects.bulk_create(
        [CaseCode(case=case, vocabulary=v, code=c) for v, c in dict.fromkeys(codes)]
    )
    in_province = [c.code for c in cmas if province in c.tags]
    Incident.objects.create(
        case=case, occurred_on=opened - dt.timedelta(days=rng.randrange(0, 60)),
        reported_on=opened, province=province, city=faker.city(),
        cma=rng.choice(in_province) if in_province and rng.random() < 0.8 else "",
        clearance_status=rng.choice(["cleared_by_charge", "cleared_otherwise", "not_cleared"]),
    )
    victims = [_person(rng, faker, case, "victim") for _ in range(rng.choice([1, 1, 1, 2, 3]))]
    accused = [_person(rng, faker, case, "accused") for _ in range(rng.choice([1, 1, 2]))]
    if owner.kind == "police_service":
        for person in accused:
            Charge.objects.create(case=case, accused=person, code=rng.choice(trafficking),
                                  laid_on=opened, **_outcome(rng, opened))
            if rng.random() < 0.6:
                Charge.objects.create(case=case, accused=person, code=rng.choice(alternate),
                                      laid_on=opened, **_outcome(rng, opened))
    given = timezone.make_aware(dt.datetime.combine(opened, dt.time(12)))
    for victim in victims:
        now = given
        Consent.objects.create(person=victim, purpose="services", given_at=now)
        if rng.random() < 0.9:
            Consent.objects.create(person=victim, purpose="statistics", given_at=now)


def _outcome(rng: random.Random, laid_on: dt.date) -> dict[str, object]:
    outcome = _pick(rng, figures.COURT_OUTCOME)
    if outcome == "ongoing":
        return {"outcome": outcome, "outcome_on": None}
    return {"outcome": outcome,
            "outcome_on": min(laid_on + dt.timedelta(days=rng.randrange(90, 900)),
                              timezone.localdate())}


def _person(rng: random.Random, faker: Faker, case: Case, role: str) -> Person:
    if role == "victim":
        sex = _pick(rng, figures.VICTIM_SEX)
        age = _pick(rng, figures.VICTIM_AGE)
    else:
        sex = _pick(rng, figures.ACCUSED_SEX)
        age = _pick(rng, figures.ACCUSED_AGE)
    given = faker.first_name_female() if sex == "female" else faker.first_name_male()
    person = Person(
        case=case, role=role, sex=sex, age_group=age,
        gender="woman" if sex == "female" else "man",
        indigenous_identity=rng.choices(["first_nations", "metis", "inuit", "non_indigenous",
                                         "unknown"], weights=[8, 3, 1, 60, 28])[0],
        birthplace=rng.choices(["canadian_born", "foreign_born", "unknown"],
                               weights=[70, 15, 15])[0],
        relationship_to_accused=_pick(rng, figures.RELATIONSHIP) if role == "victim" else "",
        role_in_process=rng.choice(["recruiter", "exploiter", "controller"])
        if role == "accused" else "",
    )
    birth_year = case.opened_on.year - _age_from_group(rng, age)
    seal_identity(person, PersonIdentity(
        given_name=given, family_name=faker.last_name(),
        birth_date=f"{birth_year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
        # 555-01xx numbers and example.* addresses are reserved for fiction.
        phone=f"+1 {rng.choice(AREA_CODES)} 555-01{rng.randrange(100):02d}",
        email=faker.safe_email(), address=faker.address(),
    ))
    person.save()
    return person


def _age_from_group(rng: random.Random, group: str) -> int:
    low, _, high = group.partition("_")
    if high == "plus" or not high.isdigit():
        return int(low) + rng.randrange(10) if low.isdigit() else 30
    return rng.randint(int(low), int(high))
