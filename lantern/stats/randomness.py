"""Where disclosure control's own random choices come from (rounding, ties).

In production a cryptographic source (the operating system's, through ``secrets``), so that
nobody can replay a release's rounding; a test may pass a seed for a reproducible run. The
noise itself comes from OpenDP, which always draws from the operating system.
"""

from __future__ import annotations

import random
import secrets

from django.conf import settings


def generator(seed: int | None = None) -> random.Random:
    if seed is None:
        return secrets.SystemRandom()
    if getattr(settings, "PRODUCTION", False):
        raise ValueError("a fixed seed is refused in production")
    return random.Random(seed)
