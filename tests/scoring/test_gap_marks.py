"""The "unlikely to be chance" mark keeps its promise (docs/scoring.md): the spec's simulated
chain of 200 stores x 20 items, 12 visits a year each, 90 % of items applicable, 5 % of the
store-item pairs failing at 45 % and the rest at 10 %."""

import numpy as np
import pandas as pd
import pytest

from scoring.gaps import gaps_from_cells, judge_pairs, recurring_gaps

STORES, ITEMS, VISITS = 200, 20, 12
RUNS = 50
DAYS = pd.date_range("2026-01-15 10:00", periods=VISITS, freq="MS", tz="UTC") + pd.Timedelta(
    days=14
)


def simulated_chain(rng: np.random.Generator, elevated_share: float) -> tuple[pd.DataFrame, set]:
    """The marks gaps_from_cells gives one simulated chain, and the pairs truly elevated."""
    elevated = rng.random((STORES, ITEMS)) < elevated_share
    rate = np.where(elevated, 0.45, 0.10)
    # items x (stores x visits): -1 not applicable, 0 passed, 1 failed
    applicable = rng.random((ITEMS, STORES, VISITS)) < 0.9
    failed = rng.random((ITEMS, STORES, VISITS)) < rate.T[:, :, None]
    status = np.where(applicable, failed.astype(np.int8), np.int8(-1)).reshape(ITEMS, -1)
    store_of_visit = np.repeat([f"S{s:03d}" for s in range(STORES)], VISITS)
    visited_at = np.tile(DAYS.to_numpy(), STORES)
    found = gaps_from_cells(status, store_of_visit, visited_at, [f"I{i:02d}" for i in range(ITEMS)])
    truth = {(f"S{s:03d}", f"I{i:02d}") for s, i in zip(*np.nonzero(elevated), strict=True)}
    return found[found["unlikely_chance"]], truth


@pytest.fixture(scope="module")
def runs() -> list[tuple[pd.DataFrame, set]]:
    rng = np.random.default_rng(20261207)
    return [simulated_chain(rng, 0.05) for _ in range(RUNS)]


def test_at_most_one_mark_in_ten_is_false_on_average(runs) -> None:
    shares = []
    for marked, truth in runs:
        pairs = set(zip(marked["store_id"], marked["item_id"], strict=True))
        shares.append(len(pairs - truth) / max(len(pairs), 1))
    assert np.mean(shares) <= 0.10


def test_the_marks_find_at_least_38_percent_of_the_elevated_pairs(runs) -> None:
    recall = []
    for marked, truth in runs:
        pairs = set(zip(marked["store_id"], marked["item_id"], strict=True))
        recall.append(len(pairs & truth) / len(truth))
    assert np.mean(recall) >= 0.38


def test_a_chain_where_no_store_differs_stays_unmarked_in_45_of_50_runs() -> None:
    rng = np.random.default_rng(7)
    empty = sum(simulated_chain(rng, 0.0)[0].empty for _ in range(RUNS))
    assert empty >= 45


def test_the_correction_runs_over_every_pair_judged_not_only_the_recurring_ones() -> None:
    """One pair at 6 of 12 against a chain at 10 %: among 20 pairs it is unusual enough;
    among 4,000 it is not, although it is the only recurring one either way."""

    def pairs(count: int) -> pd.DataFrame:
        frame = pd.DataFrame(
            {
                "store_id": [f"S{n:04d}" for n in range(count)],
                "item_id": "tags",
                "failures": 0,
                "window": 3,
                "last_failed_at": pd.Timestamp("2026-11-02", tz="UTC"),
                "lookback_failures": 1,
                "lookback_window": 12,
                "chain_fail_rate": 0.10,
            }
        )
        frame.loc[0, ["failures", "lookback_failures"]] = [2, 6]
        return frame

    assert judge_pairs(pairs(20))["unlikely_chance"].tolist() == [True]
    assert judge_pairs(pairs(4000))["unlikely_chance"].tolist() == [False]


def test_a_pair_failing_far_more_often_than_the_chain_is_listed_even_when_not_recurring() -> None:
    history = {("S01", "tags"): "FFFFFFFFPPP"}  # the last three passed: not recurring now
    history |= {(f"S{n:02d}", "tags"): "PPPPPPPPPPP" for n in range(2, 60)}
    rows = []
    for (store, item), letters in history.items():
        for day, letter in enumerate(letters, start=1):
            when = pd.Timestamp(f"2026-03-{day:02d}T10:00", tz="UTC")
            rows.append((store, item, when, letter == "F"))
    results = pd.DataFrame(rows, columns=["store_id", "item_id", "visited_at", "failed"])
    found = recurring_gaps(results)
    assert found[["store_id", "item_id", "failures", "window"]].values.tolist() == [
        ["S01", "tags", 0, 3]
    ]
    assert bool(found.loc[0, "unlikely_chance"]) and not bool(found.loc[0, "recurring"])
    assert (found.loc[0, "lookback_failures"], found.loc[0, "lookback_window"]) == (8, 11)
    assert found.loc[0, "last_failed_at"] == pd.Timestamp("2026-03-08T10:00", tz="UTC")


def test_failures_before_the_lookback_do_not_count() -> None:
    old = [pd.Timestamp("2025-01-10", tz="UTC") + pd.Timedelta(days=d) for d in range(6)]
    new = [pd.Timestamp("2026-06-10", tz="UTC") + pd.Timedelta(days=d) for d in range(4)]
    rows = [("S1", "a", when, True) for when in old] + [("S1", "a", when, False) for when in new]
    rows += [("S2", "a", when, False) for when in old + new]
    results = pd.DataFrame(rows, columns=["store_id", "item_id", "visited_at", "failed"])
    all_pairs = recurring_gaps(results, k=1, n=10)
    s1 = all_pairs.set_index("store_id").loc["S1"]
    assert (s1["lookback_failures"], s1["lookback_window"]) == (0, 4)
    assert s1["chain_fail_rate"] == 0.0


def test_tails_mid_p_and_the_correction_equal_scipy_and_statsmodels() -> None:
    from scipy.stats import binom
    from statsmodels.stats.multitest import multipletests

    from scoring.intervals import benjamini_hochberg, binomial_mid_p, binomial_upper_tail

    rng = np.random.default_rng(3)
    window = rng.integers(0, 13, 500)
    failures = np.minimum(rng.integers(0, 8, 500), window)
    rate = rng.uniform(0.01, 0.6, 500)
    tail = binomial_upper_tail(failures, window, rate)
    assert tail == pytest.approx(binom.sf(failures - 1, window, rate), abs=1e-12)
    mid = binomial_mid_p(failures, window, rate)
    expected = binom.sf(failures, window, rate) + binom.pmf(failures, window, rate) / 2
    assert mid == pytest.approx(expected, abs=1e-12)
    p_values = rng.uniform(0, 0.02, 300) ** rng.uniform(0.5, 2, 300)
    found = benjamini_hochberg(p_values, 0.10)
    assert 0 < found.sum() < len(found)
    assert (found == multipletests(p_values, 0.10, "fdr_bh")[0]).all()
