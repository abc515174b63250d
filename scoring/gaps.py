"""Recurring gaps and chain-wide item fail rates (specs/statistics.md, specs/cli.md `gaps`).

"Failed in at least k of the store's last n visits where it applied." Each gap also carries
how unusual it is at the chain's fail rate, so chance repeats can be told from real ones.
"""

import numpy as np
import pandas as pd

from locales import fmt_number, translate
from scoring.intervals import benjamini_hochberg, binomial_mid_p, binomial_upper_tail, wilson

K, N = 2, 3
LOOKBACK_MONTHS = 12
LOOKBACK_VISITS = 12
"""How far back a pair's failures are counted for how unusual they are: the store's last
12 applicable visits within the last 12 months."""
Q = 0.10

HELP = {
    "recurring": "Failed in at least {k} of the store's last {n} visits where it applied.",
    "unlikely": "At the chain's fail rate for this item, a run like this would be rare; "
    "marked when it stays rare after allowing for how many store-item pairs were checked.",
    "fail_rate": "Share of visits where the item applied and failed, with the range in which "
    "the true rate most likely lies (90 %).",
}

PAIR_COLUMNS = [
    "store_id",
    "item_id",
    "failures",
    "window",
    "last_failed_at",
    "lookback_failures",
    "lookback_window",
    "chain_fail_rate",
]
"""A store-item pair as the gap rules judge it: failures among the last n applicable visits
(`window` of them), the newest failure, and failures among the applicable visits of the
lookback (`lookback_window` of them)."""


def status_of(reason_cells: np.ndarray) -> np.ndarray:
    """The gap view of an items x visits reason matrix (Scores.reason_cells): 1 failed,
    0 passed, -1 did not apply. Bonus items are never failures, so they never apply here."""
    from scoring.engine import COUNTED, FAILED

    status = np.full(reason_cells.shape, -1, dtype=np.int8)
    status[reason_cells == COUNTED] = 0
    status[reason_cells == FAILED] = 1
    return status


def gaps_from_cells(
    status: np.ndarray,
    store_of_visit: np.ndarray,
    visited_at: np.ndarray,
    item_ids: list[str],
    *,
    k: int = K,
    n: int = N,
    lookback_months: int = LOOKBACK_MONTHS,
    q: float = Q,
) -> pd.DataFrame:
    """Recurring gaps and pairs unlikely to be chance from an items x visits matrix: -1 not
    applicable, 0 passed, 1 failed. The lookback ends at the newest visit.

    The fast path: visits are ordered once (store, newest first) and each item is one
    vectorised pass over them. Same columns as `recurring_gaps`.
    """
    if k < 1 or n < k:
        raise ValueError(f"need 1 <= k <= n, got k={k}, n={n}")
    store_codes, stores = pd.factorize(pd.Series(store_of_visit), sort=True)
    when = pd.to_datetime(pd.Series(visited_at), utc=True)
    stamps = when.astype("int64").to_numpy()
    moments = when.dt.tz_convert(None).to_numpy()  # UTC, naive: numpy's own datetimes
    visits = np.arange(len(stamps))
    order = np.lexsort((-visits, -stamps, store_codes))
    ordered = status[:, order]
    starts = np.flatnonzero(np.r_[True, store_codes[order][1:] != store_codes[order][:-1]])
    segment_store = np.asarray(stores)[store_codes[order][starts]] if len(order) else []
    since = when.max() - pd.DateOffset(months=lookback_months) if len(when) else None
    in_lookback = (when > since).to_numpy()[order] if since is not None else visits > 0
    applicable_all = ordered >= 0
    counted = applicable_all & in_lookback
    chain_failed = ((ordered == 1) & in_lookback).sum(axis=1)
    chain_applicable = counted.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        chain_rate = np.where(chain_applicable > 0, chain_failed / chain_applicable, np.nan)
    frames = []
    for item, item_id in enumerate(item_ids):
        row = ordered[item]
        applicable = applicable_all[item]
        if not applicable.any():
            continue
        seen = np.cumsum(applicable)
        before = np.repeat(np.r_[0, seen[starts[1:] - 1]], np.diff(np.r_[starts, len(row)]))
        place = seen - before - 1
        failed = row == 1
        window = applicable & (place < n)
        lookback = applicable & in_lookback & (place < LOOKBACK_VISITS)
        newest_fail = np.minimum.reduceat(np.where(failed, visits, len(row)), starts)
        any_applicable = np.add.reduceat(applicable, starts) > 0
        last_failed = moments[order[np.minimum(newest_fail, len(row) - 1)]]
        frames.append(
            pd.DataFrame(
                {
                    "store_id": np.asarray(segment_store)[any_applicable],
                    "item_id": item_id,
                    "failures": np.add.reduceat(failed & window, starts)[any_applicable],
                    "window": np.add.reduceat(window, starts)[any_applicable],
                    "last_failed_at": np.where(
                        newest_fail < len(row), last_failed, np.datetime64("NaT")
                    )[any_applicable],
                    "lookback_failures": np.add.reduceat(failed & lookback, starts)[any_applicable],
                    "lookback_window": np.add.reduceat(lookback, starts)[any_applicable],
                    "chain_fail_rate": chain_rate[item],
                }
            )
        )
    pairs = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=PAIR_COLUMNS)
    pairs["last_failed_at"] = pd.to_datetime(pairs["last_failed_at"], utc=True)
    return judge_pairs(pairs, k=k, n=n, q=q)


def judge_pairs(pairs: pd.DataFrame, *, k: int = K, n: int = N, q: float = Q) -> pd.DataFrame:
    """The pairs worth listing, out of every store-item pair judged: the recurring gaps (k of
    the last n failed) and the pairs unlikely to be chance, which need not recur right now
    (`recurring` False: "persistent").

    `pairs` has PAIR_COLUMNS for every pair with an applicable visit. The mark controls the
    false-discovery rate at q over every pair with at least n applicable visits in the
    lookback, not only over the recurring ones (docs/scoring.md): Benjamini-Hochberg on
    mid-p values at the chain's fail rate. `p_value` is the exact chance of at least the
    pair's failures, the figure the one-sentence explanation quotes.
    """
    pairs = pairs.copy()
    for column in ("failures", "window", "lookback_failures", "lookback_window"):
        pairs[column] = pairs[column].astype(int)
    failures = pairs["lookback_failures"].to_numpy()
    window = pairs["lookback_window"].to_numpy()
    rate = pairs["chain_fail_rate"].to_numpy(dtype=float)
    pairs["p_value"] = binomial_upper_tail(failures, window, rate)
    judged = (window >= n) & ~np.isnan(rate)
    mid_p = np.where(judged, binomial_mid_p(failures, window, rate), np.nan)
    pairs["unlikely_chance"] = benjamini_hochberg(mid_p, q)
    pairs["recurring"] = pairs["failures"] >= k
    listed = pairs[pairs["recurring"] | pairs["unlikely_chance"]]
    return listed.sort_values(["store_id", "item_id"], kind="stable").reset_index(drop=True)


def recurring_gaps(
    results: pd.DataFrame,
    *,
    k: int = K,
    n: int = N,
    lookback_months: int = LOOKBACK_MONTHS,
    q: float = Q,
) -> pd.DataFrame:
    """(store, item) pairs that failed in at least k of the store's last n applicable visits,
    and those unlikely to be chance (`judge_pairs`).

    `results` holds one row per applicable answer: store_id, item_id, visited_at, failed
    (missed bonus items are never failed) and, when a store has several visits at the same
    moment, visit_id. Columns: PAIR_COLUMNS, then p_value, unlikely_chance and recurring;
    sorted by store_id, item_id.
    """
    if "visit_id" in results:
        visit_key = results["visit_id"]
    else:
        visit_key = pd.Series(list(zip(results["store_id"], results["visited_at"], strict=True)))
    visit_codes, _ = pd.factorize(visit_key)
    item_codes, item_ids = pd.factorize(results["item_id"])
    first = pd.Series(np.arange(len(results))).groupby(visit_codes).first().to_numpy()
    status = np.full((len(item_ids), len(first)), -1, dtype=np.int8)
    status[item_codes, visit_codes] = results["failed"].to_numpy(dtype=bool)
    return gaps_from_cells(
        status,
        results["store_id"].to_numpy()[first],
        results["visited_at"].to_numpy()[first],
        [str(item) for item in item_ids],
        k=k,
        n=n,
        lookback_months=lookback_months,
        q=q,
    )


def chance_sentence(failures: int, window: int, p_value: float, lang: str = "en") -> str:
    """The one-sentence explanation the spec asks for, in the reader's language: "This store
    failed the item 4 of its last 6 visits; at the chain's fail rate that happens by chance
    about 5 times in 1,000." A missing p-value (NaN or negative) means the item has no
    chain-wide results to compare with."""
    if p_value != p_value or p_value < 0 or window < N:
        # No chain rate, or too few of the store's own visits in the lookback to judge.
        return translate(lang, "dash.chance_unknown")
    per_thousand = p_value * 1000
    chance = (
        translate(lang, "dash.chance_per_thousand", count=fmt_number(per_thousand, lang, 0))
        if per_thousand >= 1
        else translate(lang, "dash.chance_rare")
    )
    return translate(lang, "dash.chance_sentence", failures=failures, window=window, chance=chance)


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
