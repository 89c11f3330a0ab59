"""Sealing and opening a person's identifying data.

This module is the one way in and out of ``Person.identity_sealed``,
``Person.encoding_sealed`` (an identity encoded by its sender, ``lantern encode``) and
``Case.narrative_sealed``. Opening is private to ``cases.access``, which logs every read.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

from lantern.cases.models import Case, Person
from lantern.core import crypto


@dataclass(frozen=True)
class PersonIdentity:
    given_name: str = ""
    family_name: str = ""
    birth_date: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    document_numbers: str = ""

    @classmethod
    def field_names(cls) -> list[str]:
        return [field.name for field in fields(cls)]

    def is_empty(self) -> bool:
        return not any(asdict(self).values())


def _identity_context(person: Person) -> str:
    return f"cases.person:{person.id}:identity"


def _narrative_context(case: Case) -> str:
    return f"cases.case:{case.id}:narrative"


def seal_identity(person: Person, identity: PersonIdentity) -> None:
    """Encrypt ``identity`` onto ``person`` and refresh its blind indexes (not saved)."""
    person.identity_sealed = (
        "" if identity.is_empty()
        else crypto.encrypt(json.dumps(asdict(identity)), _identity_context(person))
    )
    full_name = f"{identity.given_name} {identity.family_name}"
    person.name_index = crypto.blind_index(crypto.normalize_for_index(full_name), "name")
    person.birth_date_index = crypto.blind_index(identity.birth_date.strip(), "birth_date")
    person.phone_index = crypto.blind_index(crypto.normalize_phone(identity.phone), "phone")
    person.email_index = crypto.blind_index(identity.email.strip().casefold(), "email")


def open_identity(person: Person) -> PersonIdentity:
    """Decrypt a person's identity. Call only from ``cases.access`` (it logs the read)."""
    if not person.identity_sealed:
        return PersonIdentity()
    data = json.loads(crypto.decrypt(person.identity_sealed, _identity_context(person)))
    return PersonIdentity(**{name: data.get(name, "") for name in PersonIdentity.field_names()})


def _encoding_context(person: Person) -> str:
    return f"cases.person:{person.id}:encoding"


def seal_encoding(person: Person, encoding: str) -> None:
    """Encrypt a person's identity encoding (``lantern encode``) onto ``person`` (not saved)."""
    person.encoding_sealed = (
        crypto.encrypt(encoding, _encoding_context(person)) if encoding else "")


def open_encoding(person: Person) -> str:
    """Decrypt a person's identity encoding. Call only from ``cases.access`` (it logs)."""
    if not person.encoding_sealed:
        return ""
    return crypto.decrypt(person.encoding_sealed, _encoding_context(person))


def seal_narrative(case: Case, narrative: str) -> None:
    case.narrative_sealed = (
        crypto.encrypt(narrative, _narrative_context(case)) if narrative.strip() else ""
    )


def open_narrative(case: Case) -> str:
    """Decrypt a case narrative. Call only from ``cases.access`` (it logs the read)."""
    if not case.narrative_sealed:
        return ""
    return crypto.decrypt(case.narrative_sealed, _narrative_context(case))


# Exact-match searches: the field searched, its blind-index column, and how a typed value
# is normalized exactly as ``seal_identity`` normalized the stored one.
LOOKUPS = {
    "phone": ("phone_index", lambda v: crypto.blind_index(crypto.normalize_phone(v), "phone")),
    "email": ("email_index", lambda v: crypto.blind_index(v.strip().casefold(), "email")),
    "name": ("name_index", lambda v: crypto.blind_index(crypto.normalize_for_index(v), "name")),
    "birth_date": ("birth_date_index", lambda v: crypto.blind_index(v.strip(), "birth_date")),
}


def lookup(kind: str, value: str) -> tuple[str, str]:
    """The index column and the keyed index of a typed value (KeyError for an unknown kind)."""
    column, index_of = LOOKUPS[kind]
    return column, index_of(value)
