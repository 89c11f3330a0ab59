"""Unbiased random rounding to a base (Statistics Canada rounds counts to base 5).

A value ``v = base*q + r`` goes up to ``base*(q+1)`` with probability ``r/base`` and down to
``base*q`` otherwise, so its expected value is ``v``. Negative noisy counts become 0 first:
post-processing of the noisy figure, it spends no privacy, at the price of a small upward bias
on near-empty cells.
"""

from __future__ import annotations

import random


def random_round(value: int, base: int, rng: random.Random) -> int:
    value = max(0, value)
    down, remainder = divmod(value, base)
    if remainder and rng.randrange(base) < remainder:
        return (down + 1) * base
    return down * base
