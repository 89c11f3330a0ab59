"""Export to the Counter Trafficking Data Collaborative (CTDC) flat layout, k-anonymized.

One row per victim who has not withdrawn consent to statistical use, with the CTDC's broad
age bands and one 0/1 column per method of control, type of exploitation and relationship.
Before anything leaves, the quasi-identifiers (year, gender, age band, citizenship) are
generalized until every combination is shared by at least k victims (k = 11 by default, as
the CTDC publishes); victims that still stand out are left out, and the report says how many.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.db import transaction
from django.db.models import Exists, OuterRef

from lantern.audit.actions import record
from lantern.audit.models import AuditEntry
from lantern.cases.identity import open_identity
from lantern.cases.models import Consent, Person
from lantern.standard.vocabularies import vocabulary

AGE_BANDS = [(0, 8), (9, 17), (18, 20), (21, 23), (24, 26), (27, 29), (30, 38), (39, 47),
             (48, 200)]
# Age groups of the standard that sit inside one CTDC band.
GROUP_BAND = {"12_17": "9--17"}
QUASI_IDENTIFIERS = ["yearOfRegistration", "gender", "ageBroad", "majorityStatus",
                     "citizenship", "Datasource"]
# Generalization order: the least useful detail goes first.
GENERALIZE = ["ageBroad", "citizenship", "Datasource", "yearOfRegistration", "majorityStatus",
              "gender"]
GENDER = {"female": "Female", "male": "Male", "intersex": "Other"}


def _camel(prefix: str, code: str) -> str:
    return prefix + "".join(part.capitalize() for part in code.replace(".", "_").split("_"))


def columns() -> list[str]:
    control = [_camel("meansOfControl", c) for c in vocabulary("method_of_control").codes()]
    sex = [_camel("typeOfSex", c) for c in vocabulary("sexual_exploitation_type").codes()]
    labour = [f"typeOfLabour{c}" for c in vocabulary("labour_industry").codes()]
    relation = [_camel("recruiterRelation", c)
                for c in vocabulary("relationship_to_trafficker").codes()]
    return ["yearOfRegistration", "Datasource", "gender", "ageBroad", "majorityStatus",
            "citizenship", "CountryOfExploitation", "isForcedLabour", "isSexualExploitation",
            "isOtherExploit", *control, *sex, *labour, *relation]


def _band(age: int | None) -> str:
    if age is None:
        return ""
    for low, high in AGE_BANDS:
        if low <= age <= high:
            return f"{low}--{high}" if high < 200 else f"{low}+"
    return ""


def _age(person: Person, opened: dt.date) -> int | None:
    born = open_identity(person).birth_date
    if len(born) < 4 or not born[:4].isdigit():
        return None
    return opened.year - int(born[:4])


def _row(person: Person) -> dict[str, Any]:
    case = person.case
    codes = {(c.vocabulary, c.code) for c in case.codes.all()}
    age = _age(person, case.opened_on)
    band = _band(age) or GROUP_BAND.get(person.age_group, "")
    minor = "Minor" if (age is not None and age < 18) or person.age_group in ("0_11", "12_17") \
        else ("Adult" if age is not None or person.age_group not in ("unknown", "") else "")
    exploitation = {code for vocab, code in codes if vocab == "exploitation_type"}
    row: dict[str, Any] = {
        "yearOfRegistration": case.opened_on.year,
        "Datasource": "Hotline" if case.organization.kind == "hotline" else "Case Management",
        "gender": GENDER.get(person.sex, ""), "ageBroad": band, "majorityStatus": minor,
        "citizenship": "CA" if person.birthplace == "canadian_born" else "",
        "CountryOfExploitation": "CA",
        "isForcedLabour": int("forced_labour" in exploitation),
        "isSexualExploitation": int("sexual_exploitation" in exploitation),
        "isOtherExploit": int(bool(exploitation - {"forced_labour", "sexual_exploitation"})),
    }
    for vocab, prefix in (("method_of_control", "meansOfControl"),
                          ("sexual_exploitation_type", "typeOfSex")):
        for code in vocabulary(vocab).codes():
            row[_camel(prefix, code)] = int((vocab, code) in codes)
    for code in vocabulary("labour_industry").codes():
        row[f"typeOfLabour{code}"] = int(("labour_industry", code) in codes)
    for code in vocabulary("relationship_to_trafficker").codes():
        row[_camel("recruiterRelation", code)] = int(person.relationship_to_trafficker == code)
    return row


def victims() -> Iterator[Person]:
    """Victims of every organization, without those who withdrew consent to statistics."""
    withdrawn = Consent.objects.filter(person=OuterRef("pk"), purpose="statistics",
                                       withdrawn_at__isnull=False)
    return (Person.objects.filter(role="victim").exclude(Exists(withdrawn))
            .select_related("case__organization").prefetch_related("case__codes")
            .iterator(chunk_size=1000))


@dataclass
class Report:
    victims: int = 0
    exported: int = 0
    generalized: int = 0
    left_out: int = 0


def k_anonymize(rows: list[dict[str, Any]], k: int) -> tuple[list[dict[str, Any]], Report]:
    """Blank quasi-identifiers, least useful first, in the combinations shared by fewer than
    k rows; then leave out the rows that are still in such a combination."""
    report = Report(victims=len(rows))
    for column in GENERALIZE:
        counts = Counter(tuple(r[q] for q in QUASI_IDENTIFIERS) for r in rows)
        for r in rows:
            if counts[tuple(r[q] for q in QUASI_IDENTIFIERS)] < k and r[column] != "":
                r[column] = ""
                report.generalized += 1
    counts = Counter(tuple(r[q] for q in QUASI_IDENTIFIERS) for r in rows)
    kept = [r for r in rows if counts[tuple(r[q] for q in QUASI_IDENTIFIERS)] >= k]
    report.left_out = len(rows) - len(kept)
    report.exported = len(kept)
    return kept, report


def export(handle: IO[str], *, k: int = 11) -> Report:
    """Write the k-anonymized CTDC file; the reading of birth dates is logged."""
    with transaction.atomic():
        rows = [_row(person) for person in victims()]
        record(actor=None, action="export.ctdc", kind=AuditEntry.Kind.READ,
               changes={"victims": len(rows), "k": k})
    kept, report = k_anonymize(rows, k)
    writer = csv.DictWriter(handle, fieldnames=columns())
    writer.writeheader()
    writer.writerows(kept)
    return report
