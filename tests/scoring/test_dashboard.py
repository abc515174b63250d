"""The dashboards' figures against cases worked out by hand."""

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from scoring.dashboard import (
    Period,
    band_shares,
    in_period,
    item_rates,
    key_figures,
    monthly_rates,
    recurring,
    score_distribution,
    section_means,
    section_table,
    staff_ranking,
    with_months,
)

D = dt.date


def visits(rows: list[tuple[str, float | None, bool]]) -> pd.DataFrame:
    """(local time, score, critical failed) rows as published visits."""
    return pd.DataFrame(
        {
            "visited_at": pd.to_datetime([r[0] for r in rows]).tz_localize("Europe/Berlin"),
            "score": [np.nan if r[1] is None else r[1] for r in rows],
            "critical_failed": [r[2] for r in rows],
        }
    )


def test_periods_are_whole_months_and_cross_the_year() -> None:
    period = Period(D(2026, 1, 1), D(2026, 3, 1))
    assert period.length == 3
    assert period.previous() == Period(D(2025, 10, 1), D(2025, 12, 1))
    assert period.trend() == Period(D(2025, 4, 1), D(2026, 3, 1))
    longer = Period(D(2024, 1, 1), D(2026, 3, 1))
    assert longer.trend() == longer  # already longer than the trend's twelve months


def test_months_are_local_and_periods_cut_by_month() -> None:
    data = with_months(visits([("2026-03-31 23:30", 80, False), ("2026-04-01 00:30", 60, False)]))
    assert list(data["month"]) == [D(2026, 3, 1), D(2026, 4, 1)]
    assert list(in_period(data, Period(D(2026, 4, 1), D(2026, 4, 1)))["score"]) == [60]


def test_key_figures_compare_with_the_previous_period() -> None:
    now = visits(
        [
            ("2026-05-02 10:00", 90, False),
            ("2026-05-03 10:00", 60, True),
            ("2026-05-04 10:00", None, False),
        ]
    )
    before = visits([("2026-04-02 10:00", 70, False), ("2026-04-03 10:00", 70, False)])
    table = key_figures(now, before)
    # The unscored visit counts as a visit but not in the mean: (90 + 60) / 2 = 75.
    assert table.loc["mean_score"].tolist() == [75.0, 70.0, 5.0]
    assert table.loc["visits"].tolist() == [3.0, 2.0, 1.0]
    assert table.loc["critical_share", "now"] == pytest.approx(1 / 3)
    assert table.loc["critical_share", "change"] == pytest.approx(1 / 3)


def test_key_figures_of_an_empty_previous_period_have_no_change() -> None:
    table = key_figures(visits([("2026-05-02 10:00", 90, False)]), visits([]))
    assert math.isnan(table.loc["mean_score", "change"])
    assert table.loc["visits", "change"] == 1


def test_score_distribution_puts_100_in_the_top_bin() -> None:
    bins = score_distribution(
        visits([("2026-05-02 10:00", s, False) for s in (0, 4.9, 5, 97.5, 100, None)])
    )
    assert len(bins) == 20
    assert bins["visits"].iloc[0] == 2  # 0 and 4.9
    assert bins["visits"].iloc[1] == 1  # 5
    assert bins["visits"].iloc[-1] == 2  # 97.5 and 100
    assert bins["visits"].sum() == 5  # the unscored visit is not drawn


def test_band_shares_add_up_versions_with_the_same_label_best_band_first() -> None:
    data = pd.DataFrame(
        {
            "standard_version_id": [1, 1, 2, 2, 2],
            "band_min": [0.0, 85.0, 90.0, 0.0, np.nan],
        }
    )
    labels = {(1, 0.0): "Poor", (1, 85.0): "Good", (2, 90.0): "Good", (2, 0.0): "Poor"}
    table = band_shares(data, labels)
    assert table.to_dict("records") == [
        {"band": "Good", "visits": 2, "share": 0.5},
        {"band": "Poor", "visits": 2, "share": 0.5},
    ]


def test_section_means_are_score_sums_over_visits() -> None:
    figures = pd.DataFrame(
        {
            "store_id": ["S1", "S1", "S2"],
            "section_id": ["a", "b", "a"],
            "visits": [2, 1, 4],
            "score_sum": [150.0, 40.0, 300.0],
        }
    )
    figures["mean"] = figures["score_sum"] / figures["visits"]
    means, counts = section_means(figures)
    assert means.loc["S1", "a"] == 75.0 and means.loc["S2", "a"] == 75.0
    assert math.isnan(means.loc["S2", "b"])
    assert counts.loc["S2", "b"] == 0 and counts.loc["S1", "b"] == 1


def _wilson_by_hand(failed: int, total: int) -> tuple[float, float]:
    z = 1.6448536269514722
    p = failed / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return centre - half, centre + half


def test_item_rates_with_wilson_intervals_and_change() -> None:
    now = pd.DataFrame(
        {
            "standard_id": ["std", "std", "std"],
            "item_id": ["greet", "greet", "bag"],
            "applicable": [6, 4, 10],
            "failed": [1, 1, 5],
            "stores": [1, 1, 3],
        }
    )
    before = pd.DataFrame(
        {"standard_id": ["std"], "item_id": ["greet"], "applicable": [10], "failed": [4]}
    )
    table = item_rates(now, before).set_index("item_id")
    assert list(table.index) == ["bag", "greet"]  # highest fail rate first
    assert table.loc["greet", "fail_rate"] == pytest.approx(0.2)
    assert (table.loc["greet", "ci_low"], table.loc["greet", "ci_high"]) == pytest.approx(
        _wilson_by_hand(2, 10)
    )
    assert table.loc["greet", "change"] == pytest.approx(0.2 - 0.4)
    assert math.isnan(table.loc["bag", "change"])  # not seen before: no change to show


def test_monthly_rates_leave_out_months_without_visits() -> None:
    by_month = pd.DataFrame(
        {
            "standard_id": ["std"] * 2,
            "item_id": ["greet"] * 2,
            "month": [D(2026, 1, 1), D(2026, 3, 1)],
            "applicable": [4, 5],
            "failed": [1, 0],
        }
    )
    series = monthly_rates(by_month, [D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1)])
    assert series[("std", "greet")] == [0.25, 0.0]


def test_recurring_gaps_carry_the_chance_at_the_chain_rate() -> None:
    pairs = pd.DataFrame(
        {
            "store_id": ["S1", "S2"],
            "standard_id": ["std", "std"],
            "item_id": ["greet", "greet"],
            "failures": [2, 3],
            "window": [3, 3],
            "lookback_failures": [2, 4],
            "lookback_window": [3, 6],
            "last_failed_at": pd.to_datetime(["2026-05-01", "2026-05-02"], utc=True),
        }
    )
    chain = pd.DataFrame(
        {
            "standard_id": ["std", "std"],
            "item_id": ["greet", "greet"],
            "month": [D(2026, 4, 1), D(2026, 5, 1)],
            "applicable": [60, 40],
            "failed": [6, 4],
        }
    )
    gaps = recurring(pairs, chain).set_index("store_id")
    # Chain rate 10 / 100. S2: P(X >= 4 | n = 6, p = 0.1) = 15 p^4 q^2 + 6 p^5 q + p^6.
    p, q = 0.1, 0.9
    assert gaps.loc["S2", "p_value"] == pytest.approx(15 * p**4 * q**2 + 6 * p**5 * q + p**6)
    # S1: P(X >= 2 | n = 3) = 3 p^2 q + p^3 = 0.028.
    assert gaps.loc["S1", "p_value"] == pytest.approx(3 * p**2 * q + p**3)
    # Benjamini-Hochberg at 0.10 over two tests, on mid-p values (0.0145 and 0.00066): both
    # are below their thresholds (0.1 and 0.05).
    assert gaps["unlikely_chance"].all()
    assert list(gaps.index) == ["S2", "S1"]  # the rarer run first


def test_section_table_follows_the_standard_order_with_monthly_means() -> None:
    by_month = pd.DataFrame(
        {
            "month": [D(2026, 1, 1), D(2026, 3, 1), D(2026, 3, 1)],
            "standard_id": ["std"] * 3,
            "section_id": ["b", "b", "a"],
            "visits": [2, 1, 1],
            "score_sum": [100.0, 80.0, 40.0],
        }
    )
    by_month["mean"] = by_month["score_sum"] / by_month["visits"]
    table = section_table(
        by_month,
        {"a": "Greeting", "b": "Checkout", "c": "Goodbye"},
        Period(D(2026, 1, 1), D(2026, 3, 1)),
        Period(D(2025, 4, 1), D(2026, 3, 1)),
    )
    assert table["section"].tolist() == ["Greeting", "Checkout", "Goodbye"]
    assert table["visits"].tolist() == [1, 3, 0]
    assert table.loc[1, "mean"] == pytest.approx(60.0)
    assert table.loc[1, "trend"] == [50.0, 80.0]
    assert math.isnan(table.loc[2, "mean"]) and table.loc[2, "trend"] == []


def test_staff_are_ranked_within_their_store_and_small_stores_are_left_out() -> None:
    rows = []
    for staff_id, store, scores in [
        ("A1", "S1", [90, 80, 85]),
        ("A2", "S1", [60, 70, 65]),
        ("A3", "S1", [75, 75, 75]),
        ("B1", "S2", [50, 60, 70]),  # S2 has two people with results: too few to show
        ("B2", "S2", [90, 95, 100]),
    ]:
        rows += [(staff_id, store, score) for score in scores]
    data = pd.DataFrame(rows, columns=["staff_id", "store_id", "staff_score"])
    data.loc[len(data)] = [None, "S1", 10.0]  # no identified person: not a staff figure
    table, small = staff_ranking(data, min_group=3)
    assert small == ["S2"]
    assert table["unit"].tolist() == ["A1", "A3", "A2"]
    assert set(table["store_id"]) == {"S1"}
    assert table["parent_mean"].iloc[0] == pytest.approx(75.0)  # the store's staff average
    assert table["visits"].tolist() == [3, 3, 3]
