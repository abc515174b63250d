"""Shopper leniency on the demo chain, where one lenient and one strict shopper are planted."""

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from cli.visit_files import read_visits
from scoring.leniency import current_leniency, lookback, residuals, shopper_leniency
from scoring.trends import monthly_trend
from scoring.visits import score_answers, visit_frame
from standards import load_standard

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_visits() -> pd.DataFrame:
    standard = load_standard(ROOT / "standards/library/retail-store-visit.yaml")
    answers = pd.read_csv(
        ROOT / "sample_data/demo/answers_retail-store-visit.csv", dtype=str, keep_default_na=False
    )
    scores = visit_frame(score_answers(standard, answers))[["visit_id", "score"]]
    visits = read_visits(str(ROOT / "sample_data/demo/visits_retail-store-visit.csv"))
    return visits.merge(scores, on="visit_id")


def test_the_planted_lenient_and_strict_shoppers_are_flagged_and_the_neutral_one_is_not(
    demo_visits: pd.DataFrame,
) -> None:
    table = shopper_leniency(demo_visits).set_index("shopper")
    assert table.loc["s.becker", "flagged"] and table.loc["s.becker", "ci_low"] > 5
    assert table.loc["m.schulz", "flagged"] and table.loc["m.schulz", "ci_high"] < -5
    assert not table.loc["shopper", "flagged"]
    assert table.loc["shopper", "ci_low"] < 0 < table.loc["shopper", "ci_high"]
    assert set(table.index[table["flagged"]]) == {"s.becker", "m.schulz"}


def test_residuals_compare_with_other_shoppers_only() -> None:
    when = pd.Timestamp("2026-02-10T10:00", tz="UTC")
    visits = pd.DataFrame(
        [
            ("a", "S1", when, "anna", 90.0),
            ("b", "S1", when, "anna", 80.0),
            ("c", "S1", when, "ben", 70.0),
            ("d", "S2", when, "anna", 50.0),  # nobody else at S2: skipped
        ],
        columns=["visit_id", "store_id", "visited_at", "shopper", "score"],
    )
    got = residuals(visits).set_index("visit_id")["residual"]
    assert got.to_dict() == {"a": 20.0, "b": 10.0, "c": -15.0}


def test_monthly_trend_marks_months_outside_the_control_limits() -> None:
    rows = []
    for month in range(1, 7):
        for day in range(1, 11):
            score = 80.0 + (day % 3) - 1 + (-30 if month == 4 else 0)
            rows.append((pd.Timestamp(f"2026-{month:02d}-{day:02d}T10:00", tz="UTC"), score))
    visits = pd.DataFrame(rows, columns=["visited_at", "score"])
    trend = monthly_trend(visits)
    assert list(trend.loc[trend["outside"], "month"].astype(str)) == ["2026-04"]
    assert trend["visits"].tolist() == [10] * 6
    assert trend["centre"].iloc[0] == pytest.approx(visits["score"].mean())


def test_the_lookback_is_the_last_twelve_calendar_months_with_the_current_one() -> None:
    assert lookback(dt.date(2026, 12, 7)) == (dt.date(2026, 1, 1), dt.date(2026, 12, 7))
    assert lookback(dt.date(2027, 1, 31)) == (dt.date(2026, 2, 1), dt.date(2027, 1, 31))


def test_current_leniency_reads_the_lookback_only() -> None:
    # anna scores 20 points above ben at the same store, but only before the lookback: an
    # old habit no longer flags her; inside it both agree.
    rows = []
    for n in range(6):
        old = pd.Timestamp(f"2025-0{n + 1}-10T10:00", tz="UTC")
        new = pd.Timestamp(f"2026-0{n + 1}-10T10:00", tz="UTC")
        rows += [
            (f"o{n}a", "S1", old, "anna", 90.0 + n % 2),
            (f"o{n}b", "S1", old, "ben", 70.0 - n % 2),
            (f"n{n}a", "S1", new, "anna", 80.0 + n % 2),
            (f"n{n}b", "S1", new, "ben", 80.0 - n % 2),
        ]
    visits = pd.DataFrame(rows, columns=["visit_id", "store_id", "visited_at", "shopper", "score"])
    assert shopper_leniency(visits).set_index("shopper").loc["anna", "flagged"]
    table = current_leniency(visits, dt.date(2026, 12, 7)).set_index("shopper")
    assert table.loc["anna", "visits"] == 6
    assert not table["flagged"].any()
