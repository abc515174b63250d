"""Recurring gaps as the gaps page and the store page show them: from each store's latest
results, with how unusual each is at the chain's fail rate and whether an action is open."""

import pandas as pd
import streamlit as st

from audits.accounts.access import Scope
from audits.reads import dashboard as repo
from locales import fmt_date
from pages.dash import View, cached
from pages.ui import engine, language, local_today, t
from scoring.dashboard import month_start, recurring
from scoring.gaps import LOOKBACK_MONTHS, N, chance_sentence
from scoring.trends import local_naive


@st.cache_data(max_entries=8, show_spinner=False)
def _chain_gaps(url, version, standard_ids, last, _chain: Scope) -> pd.DataFrame:
    """Every store's recurring gaps with how unusual each is. Always chain-wide: the
    chain's fail rate is the yardstick, and the false-discovery correction runs over the
    whole chain, so a gap is marked the same on every page and for every reader."""
    # The chain's fail rate and each store's failures: the last twelve months up to `last`.
    first = month_start(last, 1 - LOOKBACK_MONTHS)
    found = repo.read_parallel(
        engine(),
        {
            "pairs": lambda c: repo.latest_pairs(c, _chain, standard_ids, n=N, first=first),
            # By month, summed in memory: grouping along the table's key order is far faster.
            "chain": lambda c: repo.item_figures(
                c, _chain, standard_ids, first, last, by_month=True
            ),
        },
    )
    return recurring(found["pairs"], found["chain"])


@st.cache_data(max_entries=16, show_spinner=False)
def _actions(url, version, key, _scope: Scope) -> pd.DataFrame:
    with engine().connect() as conn:
        return repo.open_actions(conn, _scope)


def gap_table(view: View, scope: Scope) -> pd.DataFrame:
    """One row per recurring gap or pair unlikely to be chance: store_id, store, standard_id,
    item, kind (recurring or persistent), failures ("2 of 3"), last_failed_at, chance (the
    one-sentence explanation), unlikely_chance, p_value, action (the open action's status, or
    empty), recommended (the standard's action text)."""
    # Gaps are about now: the chain's rate over the last twelve months up to this month.
    this_month = local_today().replace(day=1)
    gaps = cached(_chain_gaps, view.version, view.standard_ids, this_month, scope.peers())
    if not scope.whole_chain:
        gaps = gaps[gaps["store_id"].isin(scope.stores)]
    actions = cached(_actions, view.version, scope.key, scope)
    lang = language()
    names = view.stores.set_index("store_id")["name"].to_dict()
    status = {
        (row.store_id, row.standard_id, row.item_id): t(f"action.{row.status}")
        for row in actions.itertuples()
    }
    return pd.DataFrame(
        {
            "store_id": gaps["store_id"],
            "store": [names.get(s, s) for s in gaps["store_id"]],
            "standard_id": gaps["standard_id"],
            "item_id": gaps["item_id"],
            "item": [
                view.standards.get(s, {}).get("items", {}).get(i, i)
                for s, i in zip(gaps["standard_id"], gaps["item_id"], strict=True)
            ],
            "kind": [
                t("dash.kind_recurring") if recurs else t("dash.kind_persistent")
                for recurs in gaps["recurring"]
            ],
            "failures": [
                t("dash.k_of_n", k=k, n=n)
                for k, n in zip(gaps["failures"], gaps["window"], strict=True)
            ],
            # The day as the store saw it (a visit just after midnight is on the new day).
            "last_failed_at": [
                fmt_date(when.date(), lang) for when in local_naive(gaps["last_failed_at"])
            ],
            "chance": [
                chance_sentence(gap.lookback_failures, gap.lookback_window, gap.p_value, lang)
                for gap in gaps.itertuples()
            ],
            "unlikely_chance": gaps["unlikely_chance"].astype(bool),
            "p_value": gaps["p_value"],
            "action": [
                status.get(key, "")
                for key in zip(gaps["store_id"], gaps["standard_id"], gaps["item_id"], strict=True)
            ],
            "recommended": [
                view.standards.get(s, {}).get("actions", {}).get(i, "")
                for s, i in zip(gaps["standard_id"], gaps["item_id"], strict=True)
            ],
        }
    )


GAP_ORDER = (
    "store",
    "item",
    "unlikely_chance",
    "kind",
    "failures",
    "last_failed_at",
    "action",
    "recommended",
    "chance",
)
"""What matters most first: whether a gap is unlikely to be chance sits beside its item."""


def gap_columns() -> dict:
    return {
        "store_id": None,
        "standard_id": None,
        "item_id": None,
        "p_value": None,
        "store": t("col.store"),
        "item": t("col.question"),
        "kind": st.column_config.TextColumn(t("dash.kind"), help=t("dash.kind_help")),
        "failures": st.column_config.TextColumn(t("dash.failures"), help=t("dash.recurring_help")),
        "last_failed_at": t("dash.last_failed"),
        "unlikely_chance": st.column_config.CheckboxColumn(
            t("dash.unlikely"), help=t("dash.unlikely_help")
        ),
        "chance": st.column_config.TextColumn(t("dash.how_unusual"), width="large"),
        "action": t("dash.open_action"),
        "recommended": st.column_config.TextColumn(
            t("dash.recommended"), help=t("dash.recommended_help"), width="large"
        ),
    }
