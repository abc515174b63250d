"""Small statistical helpers, vectorised over arrays; no SciPy needed for these."""

from math import comb

import numpy as np

Z90 = 1.6448536269514722
"""Two-sided 90 % normal quantile."""


def wilson(passed: np.ndarray, total: np.ndarray, z: float = Z90) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for passed / total; NaN where total is 0."""
    passed = np.asarray(passed, dtype=float)
    total = np.asarray(total, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = passed / total
        denominator = 1 + z**2 / total
        centre = (rate + z**2 / (2 * total)) / denominator
        half = z * np.sqrt(rate * (1 - rate) / total + z**2 / (4 * total**2)) / denominator
    return centre - half, centre + half


def binomial_upper_tail(k: np.ndarray, n: np.ndarray, p: np.ndarray) -> np.ndarray:
    """P(X >= k) for X ~ Binomial(n, p), for small n (the last few visits of a store)."""
    k, n, p = (np.asarray(a) for a in (k, n, p))
    k, n, p = np.broadcast_arrays(k.astype(int), n.astype(int), p.astype(float))
    tail = np.zeros(k.shape)
    largest = int(n.max(initial=0))
    table = np.array([[comb(size, j) for j in range(largest + 1)] for size in range(largest + 1)])
    for j in range(largest + 1):
        coefficient = table[np.clip(n, 0, largest), j]
        term = coefficient * p**j * (1 - p) ** np.maximum(n - j, 0)
        tail += np.where((j >= k) & (j <= n), term, 0.0)
    return np.minimum(tail, 1.0)


def binomial_mid_p(k: np.ndarray, n: np.ndarray, p: np.ndarray) -> np.ndarray:
    """The mid-p value of k or more successes: P(X > k) + P(X = k) / 2, for X ~ Binomial(n, p).

    With a dozen trials the exact tail jumps in large steps and overstates how surprising a
    count is; the mid-p is about uniform under the null, which is what a false-discovery
    correction assumes (docs/scoring.md, "Unlikely to be chance").
    """
    k = np.asarray(k)
    mid: np.ndarray = (binomial_upper_tail(k, n, p) + binomial_upper_tail(k + 1, n, p)) / 2
    return mid


def benjamini_hochberg(p_values: np.ndarray, q: float = 0.10) -> np.ndarray:
    """Which hypotheses are discoveries at false discovery rate q (Benjamini-Hochberg).

    A missing p-value (NaN) is no test: it is never a discovery and does not count in the
    number of tests.
    """
    p_values = np.asarray(p_values, dtype=float)
    found = np.zeros(len(p_values), dtype=bool)
    tested = np.flatnonzero(~np.isnan(p_values))
    count = len(tested)
    if not count:
        return found
    order = tested[np.argsort(p_values[tested], kind="stable")]
    thresholds = q * np.arange(1, count + 1) / count
    below = p_values[order] <= thresholds
    if below.any():
        last = np.flatnonzero(below).max()
        found[order[: last + 1]] = True
    return found
