"""Seeded randomness keyed by names, so each part of the demo draws its own stream.

A visit's answers depend only on the seed and the visit's own keys, never on how many numbers
were drawn before it: adding a store or editing one standard leaves the rest unchanged.
"""

from __future__ import annotations

import zlib
from functools import cache

import numpy as np

SEED = 20261031


def rng_for(*keys: str) -> np.random.Generator:
    return np.random.default_rng([SEED, *(zlib.crc32(k.encode("utf-8")) for k in keys)])


@cache
def unit_hash(*keys: str) -> float:
    """A stable number in [0, 1) for a name (an item's difficulty, a store's quality)."""
    return float(rng_for("hash", *keys).random())
