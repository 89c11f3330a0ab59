"""A made-up multi-source file of people in Canada, with the truth of who is who.

Every person is fictional (Faker's name lists, random dates, 555 phone numbers). Each person is
reported by one to several of 4-8 sources, and each report is written the way real sources
write: typos, nicknames and English/French forms, dropped accents, names in Cyrillic in one
source and romanized in another, given and family names swapped, day and month swapped, partial
dates, a family name changed or doubled, phones and e-mails in any format, missing fields.
Siblings share a family name, a phone and an address, which is what makes linkage hard.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from faker import Faker
from unidecode import unidecode

from lantern.linkage.columns import PEOPLE_COLUMNS
from lantern.linkage.standardize import given_name_variants

SOURCES = ("police-on", "police-qc", "police-bc", "hotline", "ngo-west", "ngo-east", "ircc", "cbsa")
PROVINCES = {
    "ON": ("Toronto", "Ottawa", "Hamilton", "London", "Brampton"),
    "QC": ("Montréal", "Québec", "Laval", "Gatineau", "Sherbrooke"),
    "BC": ("Vancouver", "Surrey", "Burnaby", "Victoria", "Kelowna"),
    "AB": ("Calgary", "Edmonton", "Red Deer"),
    "MB": ("Winnipeg", "Brandon"),
    "SK": ("Saskatoon", "Regina"),
    "NS": ("Halifax",),
    "NB": ("Moncton", "Saint John"),
}
PROVINCE_NAMES = {
    "ON": "Ontario",
    "QC": "Québec",
    "BC": "British Columbia",
    "AB": "Alberta",
    "MB": "Manitoba",
    "SK": "Saskatchewan",
    "NS": "Nova Scotia",
    "NB": "New Brunswick",
}


# Canadian area codes; every number is on the 555 exchange, kept for fiction.
AREA_CODES = (
    "204",
    "226",
    "236",
    "249",
    "250",
    "289",
    "306",
    "343",
    "365",
    "403",
    "416",
    "418",
    "431",
    "437",
    "438",
    "450",
    "506",
    "514",
    "519",
    "548",
    "579",
    "581",
    "587",
    "604",
    "613",
    "639",
    "647",
    "672",
    "705",
    "709",
    "778",
    "780",
    "782",
    "807",
    "819",
    "825",
    "867",
    "873",
    "902",
    "905",
)


@dataclass
class TruePerson:
    person: int
    given: str
    family: str
    sex: str
    year: int
    month: int
    day: int
    phone: str
    email: str
    province: str
    city: str
    address: str
    postal_code: str
    document: str
    cyrillic: tuple[str, str] | None


class _Pools:
    """Names drawn once from Faker, so a million people take seconds, not minutes."""

    def __init__(self, seed: int) -> None:
        en, fr, uk = Faker("en_CA"), Faker("fr_CA"), Faker("uk_UA")
        for number, faker in enumerate((en, fr, uk)):
            faker.seed_instance(seed + number)
        self.female = [en.first_name_female() for _ in range(600)] + [
            fr.first_name_female() for _ in range(400)
        ]
        self.male = [en.first_name_male() for _ in range(600)] + [
            fr.first_name_male() for _ in range(400)
        ]
        self.family = list(
            {en.last_name() for _ in range(4000)} | {fr.last_name() for _ in range(3000)}
        )
        self.family.sort()
        self.uk = [(uk.first_name_female(), uk.last_name_female()) for _ in range(300)]
        self.streets = list({en.street_name() for _ in range(3000)})
        self.streets.sort()
        self.nicknames: dict[str, list[str]] = {}
        for variant, canonicals in given_name_variants().items():
            for canonical in canonicals:
                self.nicknames.setdefault(canonical, []).append(variant)


@cache
def _pools(seed: int) -> _Pools:
    """The same seed gives the same pools; people() and records() share them."""
    return _Pools(seed)


def _phone(rng: random.Random) -> str:
    return f"{rng.choice(AREA_CODES)}555{rng.randrange(10000):04d}"


def _email(given: str, family: str, number: int) -> str:
    local = f"{unidecode(given)}.{unidecode(family)}".lower().replace(" ", "")
    return f"{local}{number}@example.com"


def people(count: int, seed: int = 7) -> list[TruePerson]:
    """``count`` fictional people; about one in five has a sibling among them."""
    rng = random.Random(seed)
    pools = _pools(seed)
    result: list[TruePerson] = []
    while len(result) < count:
        province = rng.choice(list(PROVINCES))
        city = rng.choice(PROVINCES[province])
        family = rng.choice(pools.family)
        phone = _phone(rng)
        address = f"{rng.randrange(1, 9999)} {rng.choice(pools.streets)}"
        postal = (
            f"{rng.choice('KLMNHJGTVR')}{rng.randrange(10)}{rng.choice('ABCEGHJKLMNPRSTVXY')}"
            f"{rng.randrange(10)}{rng.choice('ABCEGHJKLMNPRSTVXY')}{rng.randrange(10)}"
        )
        year = rng.randrange(1965, 2010)
        siblings = 1 if rng.random() < 0.8 else rng.choice((2, 2, 3))
        for _ in range(siblings):
            if len(result) >= count:
                break
            sex = rng.choice("fffm")
            cyrillic = None
            if rng.random() < 0.04:
                cyrillic = rng.choice(pools.uk)
                given, family_name = unidecode(cyrillic[0]), unidecode(cyrillic[1])
                sex = "f"
            else:
                given = rng.choice(pools.female if sex == "f" else pools.male)
                family_name = family
            result.append(
                TruePerson(
                    person=len(result),
                    given=given,
                    family=family_name,
                    sex=sex,
                    year=year + rng.randrange(-3, 4),
                    month=rng.randrange(1, 13),
                    day=rng.randrange(1, 29),
                    phone=phone if siblings > 1 else _phone(rng),
                    email=_email(given, family_name, rng.randrange(100)),
                    province=province,
                    city=city,
                    address=address,
                    postal_code=postal,
                    document=f"{rng.choice('ABGHKLMP')}{rng.choice('ABGHKLMP')}{rng.randrange(10**6):06d}",
                    cyrillic=cyrillic,
                )
            )
    return result


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 3:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.randrange(4)
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
    if kind == 0:
        return text[:i] + letter + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i + 1 :]
    if kind == 2:
        return text[:i] + letter + text[i:]
    return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]


def _date(rng: random.Random, person: TruePerson) -> str:
    y, m, d = person.year, person.month, person.day
    roll = rng.random()
    if roll < 0.06 and d <= 12:
        m, d = d, m  # day and month swapped
    elif roll < 0.09:
        return str(y)
    elif roll < 0.12:
        return f"{y}-{m:02d}"
    elif roll < 0.14:
        d = max(1, min(28, d + rng.choice((-1, 1))))
    style = rng.random()
    if style < 0.6:
        return f"{y}-{m:02d}-{d:02d}"
    if style < 0.8:
        return f"{d:02d}/{m:02d}/{y}"
    return f"{y}{m:02d}{d:02d}"


def _phone_format(rng: random.Random, phone: str) -> str:
    a, b, c = phone[:3], phone[3:6], phone[6:]
    return rng.choice(
        (phone, f"({a}) {b}-{c}", f"+1 {a} {b} {c}", f"{a}.{b}.{c}", f"1-{a}-{b}-{c}")
    )


def _record(
    rng: random.Random, pools: _Pools, person: TruePerson, source: str, number: int
) -> dict[str, str]:
    given, family = person.given, person.family
    if person.cyrillic and source in ("ircc", "cbsa") and rng.random() < 0.7:
        given, family = person.cyrillic
    else:
        if rng.random() < 0.12:
            variants = pools.nicknames.get(unidecode(given).lower())
            if variants:
                given = rng.choice(variants).title()
        if rng.random() < 0.3:
            given, family = unidecode(given), unidecode(family)
        if rng.random() < 0.08:
            given = _typo(rng, given)
        if rng.random() < 0.08:
            family = _typo(rng, family)
        if person.sex == "f" and rng.random() < 0.05:
            family = rng.choice(pools.family)  # changed family name
        elif rng.random() < 0.04:
            family = f"{family}-{rng.choice(pools.family)}"
        if rng.random() < 0.05:
            given, family = family, given
    row = {
        "record_id": f"{source}-{number:08d}",
        "source": source,
        "given_name": given if rng.random() > 0.02 else "",
        "family_name": family if rng.random() > 0.02 else "",
        "date_of_birth": _date(rng, person) if rng.random() > 0.08 else "",
        "sex": rng.choice(
            {"f": ("F", "Female", "femme", "f"), "m": ("M", "Male", "homme", "m")}[person.sex]
        ),
        "phone": _phone_format(rng, person.phone) if rng.random() > 0.35 else "",
        "email": (person.email.upper() if rng.random() < 0.2 else person.email)
        if rng.random() > 0.5
        else "",
        "city": (unidecode(person.city) if rng.random() < 0.3 else person.city)
        if rng.random() > 0.2
        else "",
        "province": PROVINCE_NAMES[person.province] if rng.random() < 0.3 else person.province,
        "address": person.address if rng.random() > 0.6 else "",
        "postal_code": person.postal_code if rng.random() > 0.6 else "",
        "document_number": person.document
        if source in ("ircc", "cbsa") and rng.random() > 0.2
        else "",
    }
    if row["phone"] and rng.random() < 0.03:
        row["phone"] = _typo(rng, row["phone"])
    return row


def records(
    population: list[TruePerson], seed: int = 7, sources: int = 6
) -> Iterator[tuple[dict[str, str], int]]:
    """Each record, with the number of the person it describes (the ground truth)."""
    if not 4 <= sources <= len(SOURCES):
        raise ValueError(f"sources must be between 4 and {len(SOURCES)}")
    rng = random.Random(seed + 1)
    pools = _pools(seed)
    names = SOURCES[:sources]
    counters = dict.fromkeys(names, 0)
    for person in population:
        reports = 1 + min(sources - 1, int(rng.expovariate(1.1)))
        for source in rng.sample(names, reports):
            counters[source] += 1
            yield _record(rng, pools, person, source, counters[source]), person.person


# Records a person has on average: a third of people are reported more than once.
RECORDS_PER_PERSON = 1.5


def write(
    path: Path,
    count: int,
    seed: int = 7,
    sources: int = 6,
    truth_path: Path | None = None,
    *,
    limit: int | None = None,
) -> int:
    """Write a people CSV (and, if asked, record_id → true person) and return the row count.

    ``count`` people are made; with ``limit`` no more than that many records are written (the
    last person may lose some of their records).
    """
    written = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(PEOPLE_COLUMNS))
        writer.writeheader()
        truth = truth_path.open("w", newline="", encoding="utf-8") if truth_path else None
        try:
            truth_writer = csv.writer(truth) if truth else None
            if truth_writer:
                truth_writer.writerow(["record_id", "true_person"])
            for row, person in records(people(count, seed), seed, sources):
                if written == limit:
                    break
                writer.writerow(row)
                if truth_writer:
                    truth_writer.writerow([row["record_id"], person])
                written += 1
        finally:
            if truth:
                truth.close()
    return written
