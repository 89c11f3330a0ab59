"""Noisy counts through OpenDP: the discrete Laplace (geometric) mechanism on a table.

A table is a histogram: each unit it counts is in exactly one cell (``units.py`` and
``counting.py`` make it so), so adding or removing one unit changes one cell by one, an L1
distance of 1. The mechanism is built for that sensitivity and the table's share of the
release's epsilon; OpenDP's own privacy map then states the loss, and that figure, not our
arithmetic, is what the ledger records.

OpenDP draws its noise from the operating system's cryptographic generator; it cannot be
seeded, in tests either.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from typing import Any

import opendp.prelude as dp

# make_laplace on integer vectors is in OpenDP's "contrib" set (proofs reviewed but not yet
# vetted by the OpenDP committee); it is the library's discrete Laplace sampler.
dp.enable_features("contrib")

MECHANISM = "discrete Laplace (OpenDP make_laplace, integer vector, L1)"
SENSITIVITY = 1


def opendp_version() -> str:
    return version("opendp")


@dataclass(frozen=True)
class Noised:
    values: list[int]
    scale: float
    # The loss OpenDP's privacy map reports for a change of SENSITIVITY.
    epsilon: float


def _measurement(scale: float) -> Any:
    space = dp.vector_domain(dp.atom_domain(T="i64")), dp.l1_distance(T="i64")
    return dp.m.make_laplace(*space, scale=scale)


@cache
def _calibrated(epsilon: float) -> tuple[Any, float]:
    # The smallest scale whose certified loss is within the budget.
    scale = dp.binary_search_param(_measurement, d_in=SENSITIVITY, d_out=epsilon, T=float)
    return _measurement(scale), scale


def add_noise(counts: list[int], epsilon: float) -> Noised:
    """The counts with discrete Laplace noise calibrated to ``epsilon`` for one unit."""
    if epsilon <= 0:
        raise ValueError("epsilon must be positive")
    measurement, scale = _calibrated(epsilon)
    loss = float(measurement.map(SENSITIVITY))
    if loss > epsilon:
        raise RuntimeError("the mechanism would spend more than its share of epsilon")
    return Noised(values=[int(v) for v in measurement(list(counts))], scale=scale, epsilon=loss)
