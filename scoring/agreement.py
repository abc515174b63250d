"""Do our shoppers judge the same thing the same way? Agreement of several raters on the same
subjects, for calibration exercises (docs/scoring.md, "Calibration agreement").

Ratings come as a subjects x raters array: category codes 0..q-1 for nominal and ordinal
items, measured values for interval items, NaN where a rater gave no rating. Each figure
comes with a 90 % interval from the jackknife over raters: the figure is computed again
with each rater left out, in one vectorised pass (a row of rater weights per pass). A
bootstrap over raters would draw some raters twice, and a rater always agrees with their
own copy, which pulls the interval above the figure.

- raw agreement: the share of agreeing pairs of raters on a subject, averaged over the
  subjects that at least two raters rated (Gwet's p_a);
- Gwet's AC1 (nominal): agreement corrected for chance in a way that stays meaningful when
  nearly every answer is the same (Cohen's and Fleiss' kappa collapse there);
- Krippendorff's alpha with the nominal, ordinal or interval distance.
"""

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

Level = Literal["nominal", "ordinal", "interval"]
Floats = npt.NDArray[np.float64]

Z90 = 1.6448536269514722
"""Two-sided 90 % normal quantile."""


@dataclass(frozen=True)
class Figure:
    """One agreement figure with its 90 % interval (NaN where it cannot be computed)."""

    value: float
    low: float
    high: float


def _one_hot(ratings: Floats, categories: int) -> Floats:
    """raters x subjects x categories: 1 where the rater chose the category."""
    codes = np.asarray(ratings, dtype=float).T
    hot = np.zeros((*codes.shape, categories))
    rated = ~np.isnan(codes)
    rows, subjects = np.nonzero(rated)
    hot[rows, subjects, codes[rated].astype(int)] = 1.0
    return hot


def _counts(ratings: Floats, categories: int, weights: Floats) -> Floats:
    """passes x subjects x categories: how many raters of each pass chose each category."""
    counts: Floats = np.einsum("dr,ruk->duk", weights, _one_hot(ratings, categories))
    return counts


def _pa(counts: Floats) -> Floats:
    raters = counts.sum(axis=2)
    pairs = raters * (raters - 1)
    agreeing = (counts * (counts - 1)).sum(axis=2)
    enough = raters >= 2
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(enough, agreeing / np.where(enough, pairs, 1), 0.0)
        return np.where(enough.any(axis=1), share.sum(axis=1) / enough.sum(axis=1), np.nan)


def _ac1(counts: Floats) -> Floats:
    categories = counts.shape[2]
    raters = counts.sum(axis=2)
    rated = raters >= 1
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(rated[..., None], counts / np.where(rated, raters, 1)[..., None], 0.0)
        pi = shares.sum(axis=1) / rated.sum(axis=1)[:, None]
        pe = (pi * (1 - pi)).sum(axis=1) / (categories - 1)
        pa = _pa(counts)
        ac1: Floats = (pa - pe) / (1 - pe)
    # Everybody agreeing on one category: p_e is 0 and AC1 is 1, as it should be.
    return ac1


def _distances(values: Floats, level: Level, totals: Floats) -> Floats:
    """draws x categories x categories: squared distance of two values (ordinal: by the
    number of values between them in the draw's data, Krippendorff's definition)."""
    if level == "nominal":
        return np.broadcast_to(1.0 - np.eye(len(values)), (len(totals), len(values), len(values)))
    if level == "interval":
        gap = (values[:, None] - values[None, :]) ** 2
        return np.broadcast_to(gap, (len(totals), len(values), len(values)))
    below = np.cumsum(totals, axis=1)
    low = np.minimum.outer(np.arange(len(values)), np.arange(len(values)))
    high = np.maximum.outer(np.arange(len(values)), np.arange(len(values)))
    between = (
        below[:, high]
        - below[:, low]
        + totals[:, low]
        - (totals[:, :, None] + totals[:, None, :]) / 2
    )
    ordinal: Floats = between**2
    return ordinal


def _alpha(counts: Floats, values: Floats, level: Level) -> Floats:
    raters = counts.sum(axis=2)
    pairable = raters >= 2
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = np.where(pairable, 1.0 / np.where(pairable, raters - 1, 1), 0.0)
        used = counts * pairable[..., None]
        coincidences = np.einsum("du,duk,dul->dkl", scale, used, used)
        coincidences -= np.einsum("du,duk->dk", scale, used)[:, :, None] * np.eye(counts.shape[2])
        totals = coincidences.sum(axis=2)
        total = totals.sum(axis=1)
        delta = _distances(values, level, totals)
        observed = (coincidences * delta).sum(axis=(1, 2)) / total
        expected = np.einsum("dk,dl,dkl->d", totals, totals, delta) / (total * (total - 1))
        alpha: Floats = 1 - observed / expected
    return alpha


def _encoded(ratings: Floats, level: Level) -> tuple[Floats, Floats]:
    """Interval ratings as codes of their distinct values, and those values."""
    ratings = np.asarray(ratings, dtype=float)
    if level != "interval":
        return ratings, np.arange(int(np.nanmax(ratings, initial=0)) + 1, dtype=float)
    values = np.unique(ratings[~np.isnan(ratings)])
    codes = np.full(ratings.shape, np.nan)
    rated = ~np.isnan(ratings)
    codes[rated] = np.searchsorted(values, ratings[rated])
    return codes, values


def _passes(raters: int) -> Floats:
    """Rater weights: all raters (row 0), then each rater left out in turn."""
    weights: Floats = np.vstack([np.ones(raters), 1.0 - np.eye(raters)])
    return weights


def _figure(passes: Floats, low: float = -1.0, high: float = 1.0) -> Figure:
    """The figure and its 90 % jackknife interval, kept within [low, high]."""
    value, left_out = float(passes[0]), passes[1:]
    if not np.isfinite(value) or not np.isfinite(left_out).all() or len(left_out) < 3:
        return Figure(value, float("nan"), float("nan"))
    raters = len(left_out)
    spread = float(np.sqrt((raters - 1) / raters * ((left_out - left_out.mean()) ** 2).sum()))
    return Figure(value, max(value - Z90 * spread, low), min(value + Z90 * spread, high))


def agreement(ratings: npt.ArrayLike, categories: int) -> tuple[Figure, Figure]:
    """Raw agreement and Gwet's AC1 of nominal ratings (codes 0..categories-1, NaN missing),
    each with its 90 % interval."""
    data = np.asarray(ratings, dtype=float)
    counts = _counts(data, categories, _passes(data.shape[1]))
    return _figure(_pa(counts), low=0.0), _figure(_ac1(counts))


def krippendorff_alpha(ratings: npt.ArrayLike, level: Level) -> Figure:
    """Krippendorff's alpha (codes for nominal and ordinal, values for interval; NaN
    missing) with its 90 % interval. NaN when the ratings show no variation at all, or
    fewer than two subjects have two ratings."""
    codes, values = _encoded(np.asarray(ratings, dtype=float), level)
    pairable = int(((~np.isnan(codes)).sum(axis=1) >= 2).sum())
    # One subject compares answers only with themselves: alpha would be 0 by construction.
    if len(values) < 2 or pairable < 2:
        return Figure(float("nan"), float("nan"), float("nan"))
    counts = _counts(codes, len(values), _passes(codes.shape[1]))
    return _figure(_alpha(counts, values, level))
