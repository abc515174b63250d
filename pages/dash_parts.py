"""Pieces two dashboard pages draw alike: the key-figure cards, chart texts, the target."""

import pandas as pd
import streamlit as st

from locales import fmt_number, fmt_percent
from pages.ui import t
from scoring.dashboard import key_figures


def chart_texts() -> dict[str, str]:
    """The words the plotly figures need, in the reader's language."""
    return {
        "band": t("dash.control_band"),
        "mean": t("dash.mean_score"),
        "visits": t("dash.visits_word"),
        "outside": t("dash.outside"),
        "target": t("dash.target"),
        "score": t("dash.score"),
        "share": t("dash.share"),
    }


def common_target(visits: pd.DataFrame, standards: dict[str, dict]) -> float | None:
    """The target line: drawn only when every standard behind these visits sets the same."""
    targets = {standards.get(s, {}).get("target") for s in visits["standard_id"].unique()}
    return targets.pop() if len(targets) == 1 else None


def _delta(change: float, text: str) -> str | None:
    return None if change != change else text


def key_figure_cards(now: pd.DataFrame, before: pd.DataFrame, lang: str) -> None:
    """Mean score, visits and share of critical failures, each against the previous period,
    with the visit counts behind them."""
    figures = key_figures(now, before)
    mean, visits, critical = (figures.loc[n] for n in ("mean_score", "visits", "critical_share"))
    cards = st.columns(3)
    cards[0].metric(
        t("dash.mean_score"),
        fmt_number(mean["now"], lang) if mean["now"] == mean["now"] else "–",
        _delta(mean["change"], t("dash.vs_before", change=fmt_number(mean["change"], lang))),
        help=t("dash.mean_help"),
        border=True,
    )
    cards[1].metric(
        t("col.visits"),
        fmt_number(visits["now"], lang, 0),
        _delta(visits["change"], t("dash.vs_before", change=fmt_number(visits["change"], lang, 0))),
        delta_color="off",
        help=t("dash.visits_help"),
        border=True,
    )
    points = critical["change"] * 100
    cards[2].metric(
        t("dash.critical_share"),
        fmt_percent(critical["now"], lang),
        _delta(points, t("dash.vs_before", change=fmt_number(points, lang) + " pp")),
        # No arrow for no change: a rounded 0.0 should not look like a step up.
        delta_color="inverse" if round(points, 1) else "off",
        help=t("dash.critical_help"),
        border=True,
    )
    st.caption(t("dash.cards_note", visits=len(now), before=len(before)))
