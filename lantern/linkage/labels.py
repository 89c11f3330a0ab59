"""Review pages in the reader's language: field names and how two values agreed."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lantern.cases.identity import PersonIdentity

# The model's comparisons, in page order, with the identity field each shows.
FIELDS: tuple[tuple[str, Promise, str], ...] = (
    ("given_name", _("Given name"), "given_name"),
    ("family_name", _("Family name"), "family_name"),
    ("date_of_birth", _("Date of birth"), "birth_date"),
    ("sex", _("Sex"), ""),
    ("phone", _("Phone"), "phone"),
    ("email", _("Email"), "email"),
    ("address", _("Address"), "address"),
    ("postal_code", _("Postal code"), ""),
    ("document_number", _("Document numbers"), "document_numbers"),
    ("place", _("City and province"), ""),
)

AGREEMENT: dict[str, Promise] = {
    "same": _("Same"),
    "different": _("Different"),
    "missing": _("Missing on one side"),
}

# Near levels, known by a piece of the model's label; the first that matches names it.
NEAR: tuple[tuple[str, Promise], ...] = (
    ("swapped, with a typo", _("Given and family names swapped, with a typo")),
    ("names swapped", _("Given and family names swapped")),
    ("other's place", _("One name written in the other's place")),
    ("day and month swapped", _("Day and month swapped")),
    ("partial date", _("Partial date, consistent")),
    ("intersect", _("A name form in common (variant, nickname, part of a compound name)")),
    ("Absolute difference", _("Year of birth one year apart")),
    ("Damerau", _("One character apart")),
    ("Jaro", _("Close spelling")),
    ("Dice", _("Close spelling")),
)


@dataclass(frozen=True)
class FieldRow:
    label: Promise
    agreement: str
    kind: str  # same, near, different, missing: for the page's styling
    left: str = ""
    right: str = ""


def agreement(level: str) -> tuple[str, str]:
    """(text, kind) for a level as ``engine.Uncertain.levels`` gives it."""
    if level in AGREEMENT:
        return str(AGREEMENT[level]), level
    for piece, text in NEAR:
        if piece in level:
            return str(text), "near"
    return str(_("Similar")), "near"


def field_rows(
    levels: dict[str, str],
    identities: tuple[PersonIdentity, PersonIdentity] | None = None,
) -> list[FieldRow]:
    rows = []
    for name, label, identity_field in FIELDS:
        if name not in levels:
            continue
        text, kind = agreement(levels[name])
        left = right = ""
        if identities is not None and identity_field:
            left = getattr(identities[0], identity_field) or "—"
            right = getattr(identities[1], identity_field) or "—"
        rows.append(FieldRow(label, text, kind, left, right))
    return rows


STAGES: dict[str, Promise] = {
    "": _("Waiting for the worker"),
    "read": _("Reading the records"),
    "standardize": _("Standardizing names, dates and contacts"),
    "train": _("Training the model"),
    "score": _("Scoring pairs of records"),
    "cluster": _("Grouping records into people"),
    "save": _("Saving linked ids and pairs for review"),
    "incidents": _("Linking incidents"),
}


def stage_label(stage: str) -> str:
    return str(STAGES.get(stage, stage))
