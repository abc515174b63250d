"""Rankings with honest reliability: shrunken means, 90 % intervals, too-few-visits rule.

"The store's average, pulled toward the average of comparable stores; the fewer visits it
has, the stronger the pull." (specs/statistics.md)
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from scoring.intervals import Z90

MIN_VISITS = 3
M_RANGE = (1.0, 25.0)
FLOOR = 1e-6
"""Smallest between-unit variance: when units do not differ at all, m hits its upper clamp."""

HELP = {
    "adjusted_score": "The average pulled toward the average of comparable units; the fewer "
    "visits, the stronger the pull.",
    "interval": "90 % interval: the range in which the unit's true average most likely lies.",
    "too_few": f"Fewer than {MIN_VISITS} visits in the period: listed, but not ranked.",
    "versus_peers": "Above or below only when the interval lies wholly above or below the "
    "average of comparable units.",
}


@dataclass(frozen=True)
class Shrinkage:
    """The figures behind an adjustment, for help texts and tests."""

    s2_within: float
    s2_between: float
    m: float


def shrinkage(scores: pd.Series, units: pd.Series, parents: pd.Series | None = None) -> Shrinkage:
    """Method of moments: s2_within pooled inside units, s2_between from the unit means
    (around their parent's mean when there are parents)."""
    frame = pd.DataFrame({"score": scores.to_numpy(), "unit": units.to_numpy()})
    frame["parent"] = 0 if parents is None else parents.to_numpy()
    stats = frame.groupby(["parent", "unit"], sort=False)["score"].agg(["count", "mean", "var"])
    n = stats["count"].to_numpy(dtype=float)
    dof = (n - 1).sum()
    if dof > 0:
        s2_within = float((stats["var"].fillna(0).to_numpy() * (n - 1)).sum() / dof)
    else:
        s2_within = float(frame["score"].var(ddof=1)) if len(frame) > 1 else 0.0
    means = stats["mean"]
    centred = means - means.groupby(level="parent").transform("mean")
    groups = means.index.get_level_values("parent").nunique()
    between_dof = len(means) - groups
    spread = float((centred**2).sum() / between_dof) if between_dof > 0 else 0.0
    s2_between = max(spread - float(np.mean(s2_within / n)), FLOOR)
    m = float(np.clip(s2_within / s2_between, *M_RANGE)) if s2_within > 0 else M_RANGE[0]
    return Shrinkage(s2_within, s2_between, m)


def rank_units(
    visits: pd.DataFrame,
    unit: str,
    *,
    score: str = "score",
    parent: str | None = None,
    min_visits: int = MIN_VISITS,
) -> pd.DataFrame:
    """One row per unit, best first: unit, visits, mean_score, adjusted_score, ci_low,
    ci_high, rank (<NA> under `min_visits`), too_few, versus_peers, parent_mean.

    Visits without a score (nothing applicable) are left out; each visit counts once.
    `parent` names a column whose groups are the peers (staff within their store).
    """
    columns = [unit, score] + ([parent] if parent else [])
    data = visits.loc[visits[score].notna() & visits[unit].notna(), columns]
    if data.empty:
        return _empty()
    fit = shrinkage(data[score], data[unit], data[parent] if parent else None)
    keys = [parent, unit] if parent else [unit]
    grouped = data.groupby(keys, sort=False)[score].agg(["count", "mean"]).reset_index()
    if parent:
        grouped["parent_mean"] = grouped.groupby(parent)["mean"].transform("mean")
    else:
        grouped["parent_mean"] = grouped["mean"].mean()
    n = grouped["count"].to_numpy(dtype=float)
    adjusted = (n * grouped["mean"] + fit.m * grouped["parent_mean"]) / (n + fit.m)
    half = Z90 * np.sqrt(fit.s2_within / (n + fit.m))
    table = pd.DataFrame(
        {
            "unit": grouped[unit].astype(str),
            "visits": grouped["count"].astype(int),
            "mean_score": grouped["mean"],
            "adjusted_score": adjusted,
            "ci_low": adjusted - half,
            "ci_high": adjusted + half,
            "parent_mean": grouped["parent_mean"],
        }
    )
    table["too_few"] = table["visits"] < min_visits
    table["versus_peers"] = np.select(
        [table["ci_low"] > table["parent_mean"], table["ci_high"] < table["parent_mean"]],
        ["above", "below"],
        default="level",
    )
    return _order(table)


def _order(table: pd.DataFrame) -> pd.DataFrame:
    ranked = table[~table["too_few"]].copy()
    ranked["rank"] = ranked["adjusted_score"].rank(method="min", ascending=False).astype(int)
    rest = table[table["too_few"]].copy()
    rest["rank"] = pd.NA
    ordered = pd.concat(
        [
            ranked.sort_values(["rank", "unit"], kind="stable"),
            rest.sort_values(["adjusted_score", "unit"], ascending=[False, True], kind="stable"),
        ]
    )
    ordered["rank"] = ordered["rank"].astype("Int64")
    return ordered.reset_index(drop=True)


def _empty() -> pd.DataFrame:
    columns = [
        "unit",
        "visits",
        "mean_score",
        "adjusted_score",
        "ci_low",
        "ci_high",
        "parent_mean",
        "too_few",
        "versus_peers",
        "rank",
    ]
    return pd.DataFrame(columns=columns)
