"""Monthly trends with control limits: "A point outside the band is an unusual month, not
chance." Months are calendar months in the organisation's time zone."""

import numpy as np
import pandas as pd

from locales import HOME_ZONE_NAME

SIGMAS = 3.0
SCORE_RANGE = (0.0, 100.0)
"""Scores lie here, so the control band is cut to it: a band beyond it would claim that a
month could score below 0 or above 100."""


def local_naive(moments: pd.Series) -> pd.Series:
    """Moments (UTC, or aware) as local wall-clock times without a zone."""
    return pd.to_datetime(moments, utc=True).dt.tz_convert(HOME_ZONE_NAME).dt.tz_localize(None)


def months(visited_at: pd.Series) -> pd.Series:
    """Calendar month (first day, as a Period) of each visit, in local time."""
    return local_naive(visited_at).dt.to_period("M")


def monthly_trend(visits: pd.DataFrame, unit: str | None = None) -> pd.DataFrame:
    """Per unit (or the whole programme) and month: visits, mean, centre (the unit's mean
        over all its visits), lower, upper (centre -+ 3 s / sqrt(visits that month), cut to
    0..100), outside. Months without scored visits have no row."""
    data = visits.loc[visits["score"].notna()].copy()
    data["month"] = months(data["visited_at"])
    data["unit"] = data[unit].astype(str) if unit else "all"
    overall = data.groupby("unit")["score"].agg(centre="mean", spread="std")
    table = (
        data.groupby(["unit", "month"])["score"]
        .agg(visits="count", mean="mean")
        .reset_index()
        .join(overall, on="unit")
    )
    half = SIGMAS * table["spread"].fillna(0) / np.sqrt(table["visits"])
    table["lower"] = (table["centre"] - half).clip(*SCORE_RANGE)
    table["upper"] = (table["centre"] + half).clip(*SCORE_RANGE)
    table["outside"] = (table["mean"] < table["lower"]) | (table["mean"] > table["upper"])
    return table.drop(columns="spread").sort_values(["unit", "month"]).reset_index(drop=True)
