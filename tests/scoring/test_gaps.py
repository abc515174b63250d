"""Recurring gaps: k of the last n applicable visits, with how unusual each one is."""

import pandas as pd
import pytest

from locales import translate
from scoring.gaps import chance_sentence, item_fail_rates, recurring_gaps
from scoring.intervals import benjamini_hochberg, binomial_upper_tail, wilson


def results_of(history: dict[tuple[str, str], str]) -> pd.DataFrame:
    """history: (store, item) -> pass/fail letters oldest first, one visit a day."""
    rows = []
    for (store, item), letters in history.items():
        for day, letter in enumerate(letters, start=1):
            when = pd.Timestamp(f"2026-03-{day:02d}T10:00", tz="UTC")
            rows.append((store, item, when, letter == "F"))
    return pd.DataFrame(rows, columns=["store_id", "item_id", "visited_at", "failed"])


@pytest.mark.parametrize(
    ("letters", "gap", "failures", "window"),
    [
        ("PPPFF", True, 2, 3),
        ("FFPPP", False, 0, 3),
        ("FPF", True, 2, 3),
        ("FF", True, 2, 2),
        ("F", False, 1, 1),
        ("FFFPF", True, 2, 3),
        ("PFPPF", False, 1, 3),
    ],
)
def test_a_gap_is_k_failures_among_the_last_n_applicable_visits(
    letters, gap, failures, window
) -> None:
    found = recurring_gaps(results_of({("S1", "greet"): letters}))
    assert (len(found) == 1) is gap
    if gap:
        assert (found.loc[0, "failures"], found.loc[0, "window"]) == (failures, window)


def test_last_failed_is_the_newest_failure_and_rows_sort_by_store_then_item() -> None:
    found = recurring_gaps(
        results_of({("S2", "b"): "FFP", ("S1", "z"): "PFF", ("S1", "a"): "FPF"}), k=2, n=3
    )
    assert list(zip(found["store_id"], found["item_id"], strict=True)) == [
        ("S1", "a"),
        ("S1", "z"),
        ("S2", "b"),
    ]
    assert found.loc[0, "last_failed_at"] == pd.Timestamp("2026-03-03T10:00", tz="UTC")
    assert found.loc[2, "last_failed_at"] == pd.Timestamp("2026-03-02T10:00", tz="UTC")


def test_k_and_n_are_settings() -> None:
    history = {("S1", "a"): "FPPF"}
    assert recurring_gaps(results_of(history), k=2, n=4).loc[0, "window"] == 4
    assert recurring_gaps(results_of(history), k=3, n=4).empty


def test_a_run_against_a_low_chain_rate_is_unlikely_to_be_chance() -> None:
    history = {("S1", "tags"): "FFFFPF"}
    history |= {(f"S{n}", "tags"): "PPPPPPPPPP" for n in range(2, 40)}
    history |= {("S2", "greet"): "PPPPFF"}
    history |= {(f"S{n}", "greet"): "FPFPFPFPFP" for n in range(3, 40)}
    found = recurring_gaps(results_of(history)).set_index(["store_id", "item_id"])
    tags, greet = found.loc[("S1", "tags")], found.loc[("S2", "greet")]
    assert tags["p_value"] < 0.001
    assert bool(tags["unlikely_chance"])
    assert not bool(greet["unlikely_chance"])
    sentence = chance_sentence(tags["lookback_failures"], tags["lookback_window"], tags["p_value"])
    assert sentence.startswith("This store failed the item 5 of its last 6 visits")
    german = chance_sentence(5, 6, 0.0042, "de")
    assert german.startswith("Diese Filiale hat den Punkt in 5 ihrer letzten 6 Besuche")
    assert "etwa 4-mal in 1.000" in german
    assert chance_sentence(2, 3, float("nan"), "en") == translate("en", "dash.chance_unknown")


def test_binomial_tail_and_benjamini_hochberg_by_hand() -> None:
    # P(X >= 2) for n = 3, p = 0.15: 3 x 0.15^2 x 0.85 + 0.15^3
    assert binomial_upper_tail(2, 3, 0.15) == pytest.approx(0.06075)
    assert binomial_upper_tail(0, 6, 0.3) == pytest.approx(1.0)
    found = benjamini_hochberg([0.001, 0.02, 0.04, 0.5], q=0.10)
    # thresholds 0.025, 0.05, 0.075, 0.1: the first three pass
    assert list(found) == [True, True, True, False]


def test_a_gap_without_a_chain_rate_is_not_counted_among_the_tests() -> None:
    """An item nobody answered in the last twelve months has no chain rate and so no p-value;
    it is not a test, so it must not make the threshold stricter for the others."""
    found = benjamini_hochberg([0.04, 0.06, float("nan"), float("nan")], q=0.10)
    # two tests: thresholds 0.05 and 0.1, both pass; counted as four, neither would
    assert list(found) == [True, True, False, False]


def test_wilson_interval_by_hand() -> None:
    # 13 of 100, z = 1.645: centre (0.13 + z²/200) / (1 + z²/100) = 0.13975,
    # half-width z·sqrt(0.13·0.87/100 + z²/40000) / (1 + z²/100) = 0.05545
    low, high = wilson([13], [100])
    assert (round(low[0], 4), round(high[0], 4)) == (0.0843, 0.1952)


def test_item_fail_rates_with_interval_stores_and_change() -> None:
    now = results_of({("S1", "a"): "FFPP", ("S2", "a"): "PPPP", ("S1", "b"): "PPPP"})
    before = results_of({("S1", "a"): "PPPP", ("S2", "a"): "PPPP", ("S1", "b"): "FFPP"})
    gaps = recurring_gaps(now, k=2, n=4)
    table = item_fail_rates(now, previous=before, gaps=gaps).set_index("item_id")
    assert table.loc["a", "fail_rate"] == 0.25
    assert (table.loc["a", "stores"], table.loc["a", "recurring_stores"]) == (1, 1)
    assert table.loc["a", "change"] == 0.25
    assert table.loc["b", "change"] == -0.5
    assert table.loc["a", "ci_low"] < 0.25 < table.loc["a", "ci_high"]
