"""Shopper leniency: "How much higher or lower this shopper scores the same stores than
other shoppers do." Reviewers see it; store managers do not.

`current_leniency` is the one rule that calls a shopper lenient or strict: the review
queue's flags and the calibration page both show its table, so they name the same people
(docs/review.md, "Lenient and strict shoppers").
"""

import datetime as dt

import numpy as np
import pandas as pd

from locales import HOME_ZONE_NAME
from scoring.intervals import Z90

PERIOD = "Q"
"""Visits are compared within the same store and calendar quarter."""
THRESHOLD = 5.0
MIN_VISITS = 3
LOOKBACK_MONTHS = 12
"""Judged over the published visits of the last 12 calendar months (Berlin), the current
one included: enough visits for a narrow interval, and an old habit does not flag a shopper
for ever. A dashboard period of one or two months gave intervals too wide to flag anyone
while the queue, over all of history, flagged two shoppers."""


def lookback(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day whose visits the judgement reads."""
    month = today.year * 12 + today.month - 1 - (LOOKBACK_MONTHS - 1)
    return dt.date(month // 12, month % 12 + 1, 1), today


def current_leniency(visits: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """`shopper_leniency` over the visits of the lookback up to `today` (Berlin dates):
    what the review queue flags and the calibration page lists. `visits` as for
    `residuals`: every published visit the reader may see, not a dashboard period."""
    first, last = lookback(today)
    day = pd.to_datetime(visits["visited_at"], utc=True).dt.tz_convert(HOME_ZONE_NAME).dt.date
    return shopper_leniency(visits.loc[(day >= first) & (day <= last)])


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
