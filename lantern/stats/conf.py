"""The statistics settings, read once from Django's settings or the environment.

``lantern/settings.py`` reads each from the environment (``LANTERN_STATS_*``); tests may
override them with Django's settings.
"""

from __future__ import annotations

from django.conf import settings

# Statistics Canada's random rounding base; the tests and the docs rely on it.
ROUNDING_BASE = 5


def _setting(name: str, minimum: int) -> int:
    value = int(getattr(settings, name))
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}")
    return value


def threshold() -> int:
    """Released cells under this are suppressed (Statistics Canada's usual 10)."""
    return _setting("LANTERN_STATS_THRESHOLD", minimum=1)


def years() -> int:
    """How many calendar years a release covers, ending with its reference period."""
    return _setting("LANTERN_STATS_YEARS", minimum=1)


def epsilon_budget() -> float:
    """The total epsilon all releases together may spend; 0 for no limit."""
    return float(_setting("LANTERN_STATS_EPSILON_BUDGET", minimum=0))
