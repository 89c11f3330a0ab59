"""Short public codes for records (case references, pseudonyms): random, never sequential."""

from __future__ import annotations

import secrets

# Crockford's base32 without I, L, O, U: easy to read aloud and to type from paper.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def short_code(prefix: str, length: int = 8) -> str:
    # One call to the system's random source; the 32 letters divide 256, so every letter is
    # equally likely.
    body = "".join(ALPHABET[byte % len(ALPHABET)] for byte in secrets.token_bytes(length))
    return f"{prefix}-{body[:4]}-{body[4:]}"
