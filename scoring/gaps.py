"""Recurring gaps and chain-wide item fail rates (specs/statistics.md, specs/cli.md `gaps`).

"Failed in at least k of the store's last n visits where it applied." Each gap also carries
how unusual it is at the chain's fail rate, so chance repeats can be told from real ones.
"""

import numpy as np
import pandas as pd

from locales import translate
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
    p_window: int = P_WINDOW,
    q: float = Q,
) -> pd.DataFrame:
    """Recurring gaps from an items x visits matrix: -1 not applicable, 0 passed, 1 failed.

    The fast path: visits are ordered once (store, newest first) and each item is one
    vectorised pass over them. Same columns as `recurring_gaps`.
    """
    if k < 1 or n < k:
        raise ValueError(f"need 1 <= k <= n, got k={k}, n={n}")
    store_codes, stores = pd.factorize(pd.Series(store_of_visit), sort=True)
    when = pd.to_datetime(pd.Series(visited_at), utc=True)
    stamps = when.astype("int64").to_numpy()
    moments = when.to_numpy()
    visits = np.arange(len(stamps))
    order = np.lexsort((-visits, -stamps, store_codes))
    ordered = status[:, order]
    starts = np.flatnonzero(np.r_[True, store_codes[order][1:] != store_codes[order][:-1]])
    segment_store = store_codes[order][starts]
    applicable_all = ordered >= 0
    chain_rate = (ordered == 1).sum(axis=1) / np.maximum(applicable_all.sum(axis=1), 1)
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
        recent = applicable & (place < p_window)
        failures = np.add.reduceat(failed & window, starts)
        hits = failures >= k
        if not hits.any():
            continue
        first_fail = np.minimum.reduceat(np.where(failed & window, visits, len(row)), starts)
        frames.append(
            pd.DataFrame(
                {
                    "store_id": np.asarray(stores)[segment_store[hits]],
                    "item_id": item_id,
                    "failures": failures[hits],
                    "window": np.add.reduceat(window, starts)[hits],
                    "last_failed_at": moments[order[first_fail[hits]]],
                    "recent_failures": np.add.reduceat(failed & recent, starts)[hits],
                    "recent_window": np.add.reduceat(recent, starts)[hits],
                    "chain_fail_rate": chain_rate[item],
                }
            )
        )
    return finish_gaps(frames, q)


def finish_gaps(frames: list[pd.DataFrame], q: float) -> pd.DataFrame:
    columns = [
        "store_id",
        "item_id",
        "failures",
        "window",
        "last_failed_at",
        "recent_failures",
        "recent_window",
        "chain_fail_rate",
    ]
    gaps = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    gaps["p_value"] = binomial_upper_tail(
        gaps["recent_failures"].to_numpy(dtype=int),
        gaps["recent_window"].to_numpy(dtype=int),
        gaps["chain_fail_rate"].to_numpy(dtype=float),
    )
    gaps["unlikely_chance"] = benjamini_hochberg(gaps["p_value"].to_numpy(), q)
    for column in ("failures", "window", "recent_failures", "recent_window"):
        gaps[column] = gaps[column].astype(int)
    return gaps.sort_values(["store_id", "item_id"], kind="stable").reset_index(drop=True)


def recurring_gaps(
    results: pd.DataFrame,
    *,
    k: int = K,
    n: int = N,
    p_window: int = P_WINDOW,
    q: float = Q,
) -> pd.DataFrame:
    """(store, item) pairs that failed in at least k of the store's last n applicable visits.

    `results` holds one row per applicable answer: store_id, item_id, visited_at, failed
    (missed bonus items are never failed) and, when a store has several visits at the same
    moment, visit_id. Columns: store_id, item_id, failures, window, last_failed_at,
    recent_failures, recent_window (the last `p_window` visits), chain_fail_rate, p_value,
    unlikely_chance; sorted by store_id, item_id.
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
        p_window=p_window,
        q=q,
    )


def chance_sentence(failures: int, window: int, p_value: float, lang: str = "en") -> str:
    """The one-sentence explanation the spec asks for, in the reader's language: "This store
    failed the item 4 of its last 6 visits; at the chain's fail rate that happens by chance
    about 5 times in 1,000." A missing p-value (NaN or negative) means the item has no
    chain-wide results to compare with."""
    if p_value != p_value or p_value < 0:
        return translate(lang, "dash.chance_unknown")
    per_thousand = p_value * 1000
    chance = (
        translate(lang, "dash.chance_per_thousand", count=f"{per_thousand:.0f}")
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
