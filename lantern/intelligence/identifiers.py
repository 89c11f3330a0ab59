"""How a typed identifier becomes a blind index: the same whoever typed it, and however.

Phones and emails are indexed by ``cases.identity.lookup``, the very function that searches
``Person.phone_index`` and ``email_index``, so an identifier typed on a case matches the
phone or email in a case person's sealed identity.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lantern.cases.identity import lookup
from lantern.core import crypto

# Kinds whose index is the one of a person's identity.
PERSON_INDEXED = ("phone", "email")


def _address(value: str) -> str:
    # "12 Rue Saint-Jean, app. 4" and "12 rue saint jean app 4" are the same address.
    plain = crypto.normalize_for_index(value)
    return " ".join("".join(ch if ch.isalnum() else " " for ch in plain).split())


NORMALIZERS: dict[str, Callable[[str], str]] = {
    # As cases.identity.seal_identity normalizes a person's phone and email.
    "phone": crypto.normalize_phone,
    "email": lambda value: value.strip().casefold(),
    "ad_handle": lambda value: value.strip().casefold().lstrip("@"),
    "financial_account": lambda value: "".join(value.split()),
    "vehicle_plate": lambda value: "".join(ch for ch in value.upper()
                                           if not ch.isspace() and ch != "-"),
    "address": _address,
}


def normalize(kind: str, value: str) -> str:
    """The value as it is indexed (KeyError for an unknown kind)."""
    return NORMALIZERS[kind](value)


def index_of(kind: str, value: str) -> str:
    """The keyed blind index of a typed value; empty when nothing is left to index."""
    if kind in PERSON_INDEXED:
        return lookup(kind, value)[1]
    return crypto.blind_index(normalize(kind, value), kind)


def hint(normalized: str) -> str:
    """The last characters shown in lists: four of a long value, two of a short one, none
    of a value so short that two characters would give most of it away."""
    if len(normalized) >= 10:
        return normalized[-4:].strip()
    if len(normalized) >= 6:
        return normalized[-2:].strip()
    return ""


def problem(kind: str, normalized: str) -> Promise | None:
    """Why a value cannot be matched reliably, or None."""
    if kind == "phone" and not 7 <= len(normalized) <= 15:
        return _("A phone number has 7 to 15 digits.")
    if kind == "email" and ("@" not in normalized or "." not in normalized.rpartition("@")[2]):
        return _("An email address has an @ and a domain, as in name@example.org.")
    if len(normalized) < 3:
        return _("Too short to be matched reliably.")
    return None
