"""Privacy-preserving linkage: keyed Bloom-filter encodings of identifying fields.

A data provider that may not send names runs ``lantern encode`` on its own machine with a key
shared among data providers and never given to the hub. Each record is standardized exactly
as the hub standardizes plain values (``standardize.py``), then every identifying field
becomes:

* a **Bloom filter** (1,024 bits) of the field's padded bigrams, each bigram set at ``k``
  positions drawn from an HMAC-SHA256 keyed by the field's own key (a key derived per field,
  so the same name gives unrelated bits in ``given`` and ``family``); the hub compares two
  filters by their Dice similarity;
* a **token**: HMAC-SHA256 of the whole standardized value under the field's key, truncated
  to 16 bytes, for exact agreement and blocking.

The hub therefore runs the same model with the same levels; only "Jaro-Winkler at least t"
becomes "Dice at least t". What an attacker at the hub could still learn, and the hardening
used, is in docs/privacy.md.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from functools import lru_cache

BITS = 1024
HASHES = 20
TOKEN_BYTES = 16
KEY_BYTES = 32

# The standardized fields a provider encodes: "bloom" gets a filter and a token, "token" only a
# token (fields of few values, or blocking keys), "tokens" a list of tokens. The second item is
# the key group: fields compared with each other (given with family for swapped names, a date
# with its day/month-swapped reading) share a key so that equal values give equal encodings.
ENCODED_FIELDS = {
    "given1": ("bloom", "name"),
    "family": ("bloom", "name"),
    "given_forms": ("tokens", "name"),
    "family_tokens": ("tokens", "name"),
    "dob": ("bloom", "dob"),
    "dob_swapped": ("token", "dob"),
    "dob_month_year": ("token", "dob_month_year"),
    "dob_year": ("token", "dob_year"),
    "sex": ("token", "sex"),
    "phone": ("bloom", "phone"),
    "email": ("bloom", "email"),
    "email_user": ("token", "email_user"),
    "city": ("bloom", "city"),
    "province": ("token", "province"),
    "postal_code": ("bloom", "postal_code"),
    "address": ("bloom", "address"),
    "document_number": ("bloom", "document_number"),
    "family_prefix": ("token", "name_part"),
    "given_initial": ("token", "name_part"),
    "family_initial": ("token", "name_part"),
}


def new_key() -> str:
    """A fresh shared key, as hex, for ``lantern encode --new-key``."""
    return secrets.token_hex(KEY_BYTES)


def parse_key(text: str) -> bytes:
    value = text.strip()
    try:
        key = bytes.fromhex(value)
    except ValueError:
        raise ValueError("the key file must hold one key in hexadecimal") from None
    if len(key) < 16:
        raise ValueError("the key is too short: use at least 16 bytes (32 hex digits)")
    return key


# The key's fingerprint in an encoding: which key made it, without revealing the key.
KEY_ID_LENGTH = 16


class Encoder:
    def __init__(self, key: bytes) -> None:
        self.key_id = hmac.new(key, b"lantern-key-id", hashlib.sha256).hexdigest()[:KEY_ID_LENGTH]
        # One key per key group, so a value's bits and tokens differ between fields.
        self._field_keys = {
            field: hmac.new(key, f"lantern-field:{group}".encode(), hashlib.sha256).digest()
            for field, (_kind, group) in ENCODED_FIELDS.items()
        }

    @lru_cache(maxsize=200_000)  # noqa: B019 - values repeat (names, cities); one encoder per run
    def token(self, field: str, value: str) -> str:
        digest = hmac.new(self._field_keys[field], b"token:" + value.encode(), hashlib.sha256)
        return digest.hexdigest()[: TOKEN_BYTES * 2]

    @lru_cache(maxsize=200_000)  # noqa: B019
    def bloom(self, field: str, value: str) -> str:
        """The filter as hexadecimal (BITS / 4 digits)."""
        bits = 0
        key = self._field_keys[field]
        for gram in bigrams(value):
            digest = hmac.new(key, b"gram:" + gram.encode(), hashlib.sha256).digest()
            first = int.from_bytes(digest[:8], "big")
            second = int.from_bytes(digest[8:16], "big") | 1
            for index in range(HASHES):
                bits |= 1 << ((first + index * second) % BITS)
        return f"{bits:0{BITS // 4}x}"

    def encode(self, row: dict[str, object]) -> dict[str, str]:
        encoded: dict[str, str] = {}
        for field, (kind, _group) in ENCODED_FIELDS.items():
            value = row.get(field)
            if kind == "tokens":
                values = [str(item) for item in (value or []) if item]  # type: ignore[attr-defined]
                encoded[f"{field}_token"] = " ".join(sorted(self.token(field, v) for v in values))
                continue
            text = "" if value is None else str(value)
            encoded[f"{field}_token"] = self.token(field, text) if text else ""
            if kind == "bloom":
                encoded[f"{field}_bloom"] = self.bloom(field, text) if text else ""
        return encoded


def bigrams(value: str) -> Iterable[str]:
    padded = f"_{value}_"
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


def encoded_columns() -> list[str]:
    columns = []
    for field, (kind, _group) in ENCODED_FIELDS.items():
        columns.append(f"{field}_token")
        if kind == "bloom":
            columns.append(f"{field}_bloom")
    return columns

