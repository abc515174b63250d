"""Rankings are fair: few visits are pulled toward the peers and never outrank many."""

import numpy as np
import pandas as pd
import pytest

from scoring.rankings import rank_units, shrinkage


def visits_of(units: dict[str, list[float]]) -> pd.DataFrame:
    rows = [(unit, score) for unit, scores in units.items() for score in scores]
    return pd.DataFrame(rows, columns=["store_id", "score"])


def test_one_perfect_visit_does_not_outrank_ten_excellent_ones() -> None:
    units = {"lucky": [100.0], "steady": [92, 95, 93, 94, 96, 91, 95, 94, 93, 97]}
    units |= {f"s{n}": list(np.linspace(60, 80, 6)) for n in range(6)}
    table = rank_units(visits_of(units), "store_id", min_visits=1).set_index("unit")
    assert table.loc["steady", "adjusted_score"] > table.loc["lucky", "adjusted_score"]
    assert table.loc["steady", "rank"] < table.loc["lucky", "rank"]


def test_units_below_the_minimum_are_listed_without_a_rank() -> None:
    units = {"a": [80, 82, 84], "b": [70, 72], "c": [60, 61, 65]}
    table = rank_units(visits_of(units), "store_id")
    assert list(table["unit"]) == ["a", "c", "b"]
    assert list(table["rank"].astype("object").where(table["rank"].notna(), None)) == [1, 2, None]
    assert list(table["too_few"]) == [False, False, True]


def test_intervals_shrink_as_visits_grow() -> None:
    rng = np.random.default_rng(3)
    sizes = [3, 6, 12, 24, 48]
    units = {f"u{n}": list(rng.normal(55 + 8 * n, 10, size)) for n, size in enumerate(sizes)}
    table = rank_units(visits_of(units), "store_id").set_index("unit")
    width = (table["ci_high"] - table["ci_low"]).loc[[f"u{n}" for n in range(5)]]
    assert width.is_monotonic_decreasing
    # stores that really differ give a small m, so 48 visits are far surer than 3
    assert width.iloc[-1] < width.iloc[0] / 2


def test_adjustment_follows_the_formula_with_m_from_the_data() -> None:
    units = {"a": [90.0, 80.0], "b": [60.0, 70.0], "c": [75.0, 75.0, 75.0, 75.0]}
    frame = visits_of(units)
    fit = shrinkage(frame["score"], frame["store_id"])
    # pooled within variance: (50 + 50 + 0) / (1 + 1 + 3)
    assert fit.s2_within == pytest.approx(20.0)
    # means 85, 65, 75: variance 100, minus mean of (20/2, 20/2, 20/4) = 8.33
    assert fit.s2_between == pytest.approx(100 - 25 / 3)
    assert fit.m == 1.0  # 20 / 91.7 is below the lower clamp
    table = rank_units(frame, "store_id", min_visits=1).set_index("unit")
    parent = 75.0
    assert table.loc["a", "adjusted_score"] == pytest.approx((2 * 85 + 1 * parent) / 3)
    half = 1.6448536269514722 * np.sqrt(20 / (2 + 1))
    assert table.loc["a", "ci_high"] - table.loc["a", "adjusted_score"] == pytest.approx(half)


def test_m_is_clamped_at_25_when_units_do_not_differ() -> None:
    rng = np.random.default_rng(1)
    frame = visits_of({f"u{n}": list(rng.normal(70, 10, 8)) for n in range(5)})
    frame["score"] = frame["score"] - frame.groupby("store_id")["score"].transform("mean") + 70
    assert shrinkage(frame["score"], frame["store_id"]).m == 25.0


def test_above_and_below_only_when_the_interval_excludes_the_peers() -> None:
    units = {"top": [95.0] * 20 + [97.0] * 20, "low": [40.0] * 20 + [42.0] * 20}
    units |= {f"m{n}": [69.0 + n, 71.0 + n] * 10 for n in range(4)}
    table = rank_units(visits_of(units), "store_id").set_index("unit")
    assert table.loc["top", "versus_peers"] == "above"
    assert table.loc["low", "versus_peers"] == "below"
    assert set(table.loc[[f"m{n}" for n in range(4)], "versus_peers"]) <= {
        "level",
        "above",
        "below",
    }
    close = rank_units(visits_of({"a": [70, 72, 74], "b": [71, 73, 69]}), "store_id")
    assert set(close["versus_peers"]) == {"level"}


def test_visits_without_a_score_are_left_out() -> None:
    frame = visits_of({"a": [80.0, 90.0, float("nan"), 70.0]})
    table = rank_units(frame, "store_id")
    assert table.loc[0, "visits"] == 3
    assert table.loc[0, "mean_score"] == 80.0


def test_staff_are_pulled_toward_their_own_stores_staff_average() -> None:
    rows = [("S1", "ma1", s) for s in [90, 92, 94]] + [("S1", "ma2", s) for s in [80, 82, 84]]
    rows += [("S2", "ma3", s) for s in [50, 52, 54]] + [("S2", "ma4", s) for s in [60, 62, 64]]
    frame = pd.DataFrame(rows, columns=["store_id", "staff_id", "score"])
    table = rank_units(frame, "staff_id", parent="store_id").set_index("unit")
    assert table.loc["ma1", "parent_mean"] == 87.0
    assert table.loc["ma3", "parent_mean"] == 57.0
    assert 87.0 < table.loc["ma1", "adjusted_score"] < 92.0
