"""Encryption at rest (AES-GCM) and keyed blind indexes for identifying data.

Ciphertexts look like ``v1.<key id>.<base64(nonce + ciphertext + tag)>``. The key id lets a
deployment rotate keys: LANTERN_DATA_KEY lists ``id:base64key`` pairs, the first encrypts,
all decrypt, and ``lantern rotatekeys`` re-encrypts old values with the first.

The associated data binds each ciphertext to the field it belongs to, so a value copied from
one column into another does not decrypt.

Blind indexes are HMAC-SHA256 of a normalized value under LANTERN_INDEX_KEY. They answer
"which records have exactly this phone number?" without storing the number.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import unicodedata
from dataclasses import dataclass
from functools import cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "v1"


class DecryptionError(Exception):
    """A ciphertext could not be opened: unknown key, wrong field or tampering."""


@dataclass(frozen=True)
class Keyring:
    current_id: str
    keys: dict[str, bytes]


def parse_keyring(spec: str) -> Keyring:
    """Parse ``id:base64key[,id:base64key…]``; the first key encrypts."""
    keys: dict[str, bytes] = {}
    order: list[str] = []
    for item in spec.split(","):
        key_id, sep, encoded = item.strip().partition(":")
        if not sep or not key_id.isalnum():
            raise ImproperlyConfigured("LANTERN_DATA_KEY must list id:base64key pairs.")
        try:
            raw = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            raise ImproperlyConfigured(f"Key {key_id} in LANTERN_DATA_KEY is not base64.") from None
        if len(raw) != 32:
            raise ImproperlyConfigured(f"Key {key_id} in LANTERN_DATA_KEY must be 32 bytes.")
        keys[key_id] = raw
        order.append(key_id)
    return Keyring(current_id=order[0], keys=keys)


@cache
def _keyring(spec: str) -> Keyring:
    return parse_keyring(spec)


def keyring() -> Keyring:
    return _keyring(settings.LANTERN_DATA_KEY)


@cache
def _index_key(spec: str) -> bytes:
    try:
        raw = base64.b64decode(spec, validate=True)
    except binascii.Error:
        raise ImproperlyConfigured("LANTERN_INDEX_KEY is not base64.") from None
    if len(raw) < 32:
        raise ImproperlyConfigured("LANTERN_INDEX_KEY must be at least 32 bytes.")
    return raw


def index_key() -> bytes:
    return _index_key(settings.LANTERN_INDEX_KEY)


@cache
def _cipher(key: bytes) -> AESGCM:
    """One cipher object per key (making one costs as much as encrypting a short value)."""
    return AESGCM(key)


def encrypt(plaintext: str, context: str) -> str:
    """Encrypt ``plaintext`` for the field named by ``context`` with the current key."""
    ring = keyring()
    nonce = os.urandom(12)
    sealed = _cipher(ring.keys[ring.current_id]).encrypt(
        nonce, plaintext.encode("utf-8"), context.encode("utf-8")
    )
    payload = base64.urlsafe_b64encode(nonce + sealed).decode("ascii")
    return f"{PREFIX}.{ring.current_id}.{payload}"


def key_id_of(ciphertext: str) -> str:
    return ciphertext.split(".", 2)[1]


def decrypt(ciphertext: str, context: str) -> str:
    """Open a value written by :func:`encrypt` for the same ``context``."""
    try:
        prefix, key_id, payload = ciphertext.split(".", 2)
        blob = base64.urlsafe_b64decode(payload)
    except (ValueError, binascii.Error):
        raise DecryptionError("malformed ciphertext") from None
    key = keyring().keys.get(key_id)
    if prefix != PREFIX or key is None:
        raise DecryptionError(f"no key {key_id!r} in LANTERN_DATA_KEY")
    try:
        plain = _cipher(key).decrypt(blob[:12], blob[12:], context.encode("utf-8"))
    except InvalidTag:
        raise DecryptionError("ciphertext does not verify") from None
    return plain.decode("utf-8")


def normalize_for_index(value: str) -> str:
    """Case, accents and spacing do not change an exact match."""
    decomposed = unicodedata.normalize("NFKD", value.strip().casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


def normalize_phone(value: str) -> str:
    """Digits only, with the North American trunk prefix 1 dropped."""
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits


def blind_index(value: str, context: str) -> str:
    """Keyed HMAC of a normalized value; empty input gives an empty index."""
    if not value.strip():
        return ""
    key = index_key()
    message = f"{context}\x00{value}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def fingerprint(value: str) -> str:
    """A short keyed digest for audit rows: shows that a value changed, never what it is."""
    return "hmac:" + blind_index(normalize_for_index(value), "audit")[:16]
