"""Recurring gaps and chain-wide item fail rates (specs/statistics.md, specs/cli.md `gaps`).

"Failed in at least k of the store's last n visits where it applied." Each gap also carries
how unusual it is at the chain's fail rate, so chance repeats can be told from real ones.
"""

import numpy as np
import pandas as pd

from scoring.intervals import benjamini_hochberg, binomial_upper_tail, wilson

K, N = 2, 3
P_WINDOW = 6
Q = 0.10

HELP = {
    "recurring": "Failed in at least {k} of the store's last {n} visits where it applied.",
    "unlikely": "At the chain's fail rate for this item, a run like this would be rare; "
    "marked when it stays rare after allowing for how many store-item pairs were checked.",
    "fail_rate": "Share of visits where the item applied and failed, with the range in which "
    "the true rate most likely lies (90 %).",
}


def _latest_first(results: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """Applicable rows ordered by store, item, newest visit first; and each row's place
    among its (store, item) visits (0 = the most recent)."""
    store_codes, _ = pd.factorize(results["store_id"])
    item_codes, _ = pd.factorize(results["item_id"])
    when = results["visited_at"]
    when = when.astype("int64") if hasattr(when, "dt") else pd.to_datetime(when).astype("int64")
    ties = np.arange(len(results))
    order = np.lexsort((-ties, -when.to_numpy(), item_codes, store_codes))
    ordered = results.iloc[order].reset_index(drop=True)
    pair = store_codes[order].astype(np.int64) * (item_codes.max(initial=0) + 1) + item_codes[order]
    starts = np.r_[True, pair[1:] != pair[:-1]] if len(pair) else np.zeros(0, dtype=bool)
    first_of_group = np.maximum.accumulate(np.where(starts, np.arange(len(pair)), 0))
    return ordered, np.arange(len(pair)) - first_of_group


def recurring_gaps(
    results: pd.DataFrame,
    *,
    k: int = K,
    n: int = N,
    p_window: int = P_WINDOW,
    q: float = Q,
    chain_rates: pd.Series | None = None,
) -> pd.DataFrame:
    """(store, item) pairs that failed in at least k of the store's last n applicable visits.

    `results` holds one row per applicable answer: store_id, item_id, visited_at, failed
    (missed bonus items are never failed). Columns: store_id, item_id, failures, window,
    last_failed_at, recent_failures, recent_window, chain_fail_rate, p_value,
    unlikely_chance; sorted by store_id, item_id.
    """
    if k < 1 or n < k:
        raise ValueError(f"need 1 <= k <= n, got k={k}, n={n}")
    columns = ["store_id", "item_id", "visited_at", "failed"]
    ordered, place = _latest_first(results[columns])
    failed = ordered["failed"].to_numpy(dtype=bool)
    keys = [ordered["store_id"], ordered["item_id"]]
    in_window = place < n
    recent = place < p_window
    frame = pd.DataFrame(
        {
            "failures": failed & in_window,
            "window": in_window,
            "recent_failures": failed & recent,
            "recent_window": recent,
            "last_failed_at": ordered["visited_at"].where(failed & in_window),
        }
    )
    summary = frame.groupby(keys, sort=True).agg(
        failures=("failures", "sum"),
        window=("window", "sum"),
        recent_failures=("recent_failures", "sum"),
        recent_window=("recent_window", "sum"),
        last_failed_at=("last_failed_at", "max"),
    )
    gaps = summary[summary["failures"] >= k].reset_index()
    if chain_rates is None:
        chain_rates = results.groupby("item_id")["failed"].mean()
    gaps["chain_fail_rate"] = gaps["item_id"].map(chain_rates).astype(float)
    gaps["p_value"] = binomial_upper_tail(
        gaps["recent_failures"].to_numpy(),
        gaps["recent_window"].to_numpy(),
        gaps["chain_fail_rate"].to_numpy(),
    )
    gaps["unlikely_chance"] = benjamini_hochberg(gaps["p_value"].to_numpy(), q)
    for column in ("failures", "window", "recent_failures", "recent_window"):
        gaps[column] = gaps[column].astype(int)
    return gaps.sort_values(["store_id", "item_id"], kind="stable").reset_index(drop=True)


def chance_sentence(gap: pd.Series) -> str:
    """The one-sentence explanation the spec asks for, for one gap row."""
    per_thousand = gap["p_value"] * 1000
    chance = (
        f"about {per_thousand:.0f} times in 1,000"
        if per_thousand >= 1
        else "less than once in 1,000"
    )
    return (
        f"This store failed the item {gap['recent_failures']} of its last "
        f"{gap['recent_window']} visits; at the chain's fail rate that happens by chance "
        f"{chance}."
    )


def item_fail_rates(
    results: pd.DataFrame,
    *,
    previous: pd.DataFrame | None = None,
    gaps: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per item across the chain: applicable, failures, fail_rate, ci_low, ci_high, stores
    (affected: at least one failure), recurring_stores, previous_fail_rate, change."""
    grouped = results.groupby("item_id", sort=True)
    table = pd.DataFrame(
        {
            "applicable": grouped.size(),
            "failures": grouped["failed"].sum().astype(int),
            "stores": results[results["failed"]].groupby("item_id")["store_id"].nunique(),
        }
    ).fillna({"stores": 0})
    table["stores"] = table["stores"].astype(int)
    table["fail_rate"] = table["failures"] / table["applicable"]
    table["ci_low"], table["ci_high"] = wilson(table["failures"], table["applicable"])
    if gaps is not None:
        table["recurring_stores"] = gaps.groupby("item_id")["store_id"].nunique()
        table["recurring_stores"] = table["recurring_stores"].fillna(0).astype(int)
    if previous is not None and not previous.empty:
        before = previous.groupby("item_id")["failed"].mean()
        table["previous_fail_rate"] = before
        table["change"] = table["fail_rate"] - table["previous_fail_rate"]
    else:
        table["previous_fail_rate"] = np.nan
        table["change"] = np.nan
    return table.reset_index().sort_values(["fail_rate", "item_id"], ascending=[False, True])
