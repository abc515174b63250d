"""Periods with months without visits: the default period, the comparison with the period
before, the months a trend shows, and a control band that stays within 0..100."""

import datetime as dt
import math

import numpy as np
import pandas as pd

from scoring.dashboard import (
    Period,
    compare_months,
    compared_figures,
    default_period,
    month_runs,
    trend_months,
    with_months,
)
from scoring.trends import monthly_trend

D = dt.date
YEAR = [D(2025, 11, 1), D(2025, 12, 1)] + [D(2026, m, 1) for m in range(1, 11)]


def visits(rows: list[tuple[str, float]]) -> pd.DataFrame:
    """(local time, score) rows as published visits with their month."""
    return with_months(
        pd.DataFrame(
            {
                "visited_at": pd.to_datetime([r[0] for r in rows]).tz_localize("Europe/Berlin"),
                "score": [r[1] for r in rows],
                "critical_failed": [False for _ in rows],
            }
        )
    )


def test_the_default_period_is_the_last_three_months_with_visits() -> None:
    assert default_period(YEAR) == Period(D(2026, 8, 1), D(2026, 10, 1))


def test_one_early_approval_after_empty_months_does_not_empty_the_default() -> None:
    # The demo ends in October; one visit of December was approved. The old default,
    # October to December, held one full month, an empty one and a single visit.
    months = [*YEAR, D(2026, 12, 1)]
    period = default_period(months)
    assert period == Period(D(2026, 9, 1), D(2026, 12, 1))
    assert len([month for month in period.months() if month in months]) == 3


def test_the_default_reaches_back_over_a_gap_to_hold_three_months_with_visits() -> None:
    months = [D(2026, 5, 1), D(2026, 6, 1), D(2026, 8, 1)]
    assert default_period(months) == Period(D(2026, 5, 1), D(2026, 8, 1))
    assert default_period([D(2026, 10, 1)]) == Period(D(2026, 10, 1), D(2026, 10, 1))
    assert default_period([]) is None


def test_the_default_never_spans_more_than_a_year() -> None:
    months = [D(2024, 1, 1), D(2024, 2, 1), D(2026, 8, 1)]
    assert default_period(months) == Period(D(2025, 9, 1), D(2026, 8, 1))


def test_a_comparison_pairs_months_and_drops_those_without_visits() -> None:
    period = Period(D(2026, 9, 1), D(2026, 11, 1))
    comparison = compare_months(period, YEAR)
    assert comparison.missing == (D(2026, 11, 1),)
    assert comparison.now == (D(2026, 9, 1), D(2026, 10, 1))
    assert comparison.before == (D(2026, 6, 1), D(2026, 7, 1))
    assert not comparison.complete
    assert compare_months(Period(D(2026, 8, 1), D(2026, 10, 1)), YEAR).complete


def test_an_empty_month_is_no_drop_in_visits() -> None:
    # Two visits a month from June to October; the period September to November has an
    # empty November. The old change was 4 - 6 = -2 visits, as if visits had dropped.
    data = visits(
        [(f"2026-{month:02d}-{day:02d} 10:00", 80.0) for month in range(6, 11) for day in (3, 4)]
    )
    figures, comparison = compared_figures(data, Period(D(2026, 9, 1), D(2026, 11, 1)))
    assert figures.loc["visits", "now"] == 4
    assert figures.loc["visits", "change"] == 0  # September-October against June-July
    assert comparison.missing == (D(2026, 11, 1),)


def test_without_a_pair_of_months_there_is_no_change() -> None:
    data = visits([("2026-09-03 10:00", 70.0), ("2026-05-03 10:00", 90.0)])
    figures, comparison = compared_figures(data, Period(D(2026, 9, 1), D(2026, 9, 1)))
    assert math.isnan(figures.loc["mean_score", "change"])
    assert math.isnan(figures.loc["visits", "change"])
    assert comparison.now == ()
    assert comparison.missing == (D(2026, 8, 1),)


def test_month_runs_group_consecutive_months() -> None:
    months = [D(2026, 1, 1), D(2025, 12, 1), D(2026, 3, 1), D(2025, 11, 1)]
    assert month_runs(months) == [(D(2025, 11, 1), D(2026, 1, 1)), (D(2026, 3, 1), D(2026, 3, 1))]


def test_the_trend_shows_every_month_from_the_first_with_visits() -> None:
    period = Period(D(2026, 9, 1), D(2026, 11, 1))
    shown = trend_months(period, [D(2026, 5, 1), D(2026, 7, 1)])
    # June, August, September... November stay on the axis as gaps; April and before had
    # no visits at all and are left out.
    assert shown == [D(2026, m, 1) for m in range(5, 12)]
    # Months of the chosen period always show, with or without visits.
    assert trend_months(period, []) == period.months()


def test_the_control_band_stays_within_0_and_100() -> None:
    # One visit a month that swings between 20 and 100: 3 s / sqrt(1) is far more than the
    # distance to either end of the scale.
    data = visits([(f"2026-{m:02d}-05 10:00", 20.0 if m % 2 else 100.0) for m in range(1, 9)])
    trend = monthly_trend(data)
    assert (trend["lower"] >= 0).all() and (trend["upper"] <= 100).all()
    assert trend["lower"].min() == 0 and trend["upper"].max() == 100
    assert not trend["outside"].any()
    assert np.isclose(trend["centre"].iloc[0], 60)
