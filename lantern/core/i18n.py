"""One helper for bilingual values, so no view or template branches on the language."""

from __future__ import annotations

from django.utils.translation import get_language


def is_french() -> bool:
    return (get_language() or "en").startswith("fr")


def pick(english: str, french: str) -> str:
    """The value in the active language, falling back to the other one if it is empty."""
    if is_french():
        return french or english
    return english or french
