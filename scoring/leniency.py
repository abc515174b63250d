"""Shopper leniency: "How much higher or lower this shopper scores the same stores than
other shoppers do." Reviewers see it; store managers do not."""

import numpy as np
import pandas as pd

from locales import HOME_ZONE_NAME
from scoring.intervals import Z90

PERIOD = "Q"
"""Visits are compared within the same store and calendar quarter."""
THRESHOLD = 5.0
MIN_VISITS = 3


def residuals(visits: pd.DataFrame, period: str = PERIOD) -> pd.DataFrame:
    """Each visit's score minus the mean score other shoppers gave the same store in the
    same period; visits without such a comparison are left out."""
    data = visits.loc[visits["score"].notna() & visits["shopper"].notna()].copy()
    when = pd.to_datetime(data["visited_at"], utc=True).dt.tz_convert(HOME_ZONE_NAME)
    data["period"] = when.dt.tz_localize(None).dt.to_period(period)
    cell = ["store_id", "period"]
    total = data.groupby(cell)["score"].transform("sum")
    count = data.groupby(cell)["score"].transform("count")
    own_total = data.groupby([*cell, "shopper"])["score"].transform("sum")
    own_count = data.groupby([*cell, "shopper"])["score"].transform("count")
    others = count - own_count
    with np.errstate(invalid="ignore", divide="ignore"):
        data["others_mean"] = (total - own_total) / others
    data = data[others > 0].copy()
    data["residual"] = data["score"] - data["others_mean"]
    return data


def shopper_leniency(
    visits: pd.DataFrame, *, period: str = PERIOD, threshold: float = THRESHOLD
) -> pd.DataFrame:
    """Per shopper: visits (compared), leniency (mean residual), ci_low, ci_high (90 %),
    flagged (the whole interval lies more than `threshold` points from 0), sorted by how far
    from 0 the shopper is (best calibrated first)."""
    data = residuals(visits, period)
    stats = data.groupby("shopper")["residual"].agg(["count", "mean", "std"])
    half = Z90 * stats["std"] / np.sqrt(stats["count"])
    table = pd.DataFrame(
        {
            "shopper": stats.index.astype(str),
            "visits": stats["count"].astype(int).to_numpy(),
            "leniency": stats["mean"].to_numpy(),
            "ci_low": (stats["mean"] - half).to_numpy(),
            "ci_high": (stats["mean"] + half).to_numpy(),
        }
    )
    table["flagged"] = (table["ci_low"] > threshold) | (table["ci_high"] < -threshold)
    table["too_few"] = table["visits"] < MIN_VISITS
    table["distance"] = table["leniency"].abs()
    table = table.sort_values(["too_few", "distance", "shopper"], kind="stable")
    return table.drop(columns="distance").reset_index(drop=True)
