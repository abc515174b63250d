"""Pieces two dashboard pages draw alike: the key-figure cards, chart texts, the target."""

import datetime as dt
from collections.abc import Iterable

import pandas as pd
import streamlit as st

from locales import fmt_month, fmt_number, fmt_percent
from locales.rounding import half_away
from pages.ui import t
from scoring.dashboard import Comparison, Period, compared_figures, in_period, month_runs


def chart_texts() -> dict[str, str]:
    """The words the plotly figures need, in the reader's language."""
    return {
        "band": t("dash.control_band"),
        "mean": t("dash.mean_score"),
        "visits": t("dash.visits_word"),
        "visits_title": t("col.visits"),
        "outside": t("dash.outside"),
        "target": t("dash.target"),
        "score": t("dash.score"),
        "share": t("dash.share"),
    }


def common_target(visits: pd.DataFrame, standards: dict[str, dict]) -> float | None:
    """The target line: drawn only when every standard behind these visits sets the same."""
    targets = {standards.get(s, {}).get("target") for s in visits["standard_id"].unique()}
    return targets.pop() if len(targets) == 1 else None


def _signed(value: float, lang: str, decimals: int = 1) -> str:
    # An ASCII minus: Streamlit reads the direction of a change from a leading "-".
    shown = half_away(value, decimals)
    text = fmt_number(abs(shown), lang, decimals)
    return ("+" if shown > 0 else "-" if shown < 0 else "±") + text


def _card(column, label: str, value: str, change: float, unit: str, lang: str, **options) -> None:
    """One card; the change against the previous period only when there was one, and no
    arrow when it is nil (a rounded 0,0 is no step up)."""
    decimals = options.pop("decimals", 1)
    colour = options.pop("delta_color", "normal")
    against = options.pop("against", "dash.vs_before")
    delta = None
    if change == change:
        delta = t(against, change=_signed(change, lang, decimals) + unit)
    flat = change != change or half_away(change, decimals) == 0
    column.metric(
        label,
        value,
        delta,
        delta_arrow="off" if flat else "auto",
        delta_color="off" if flat else colour,
        border=True,
        **options,
    )


def months_text(months: Iterable[dt.date], lang: str) -> str:
    """Months in words, consecutive ones as a range: "Sep. 2026 – Okt. 2026, Dez. 2026"."""
    return ", ".join(
        fmt_month(first, lang)
        if first == last
        else f"{fmt_month(first, lang)} – {fmt_month(last, lang)}"
        for first, last in month_runs(months)
    )


def comparison_note(comparison: Comparison, lang: str) -> str | None:
    """What the reader must know when months without visits leave the comparison (None when
    every month of both periods has visits)."""
    if comparison.complete:
        return None
    missing = months_text(comparison.missing, lang)
    if not comparison.now:
        return t("dash.compare_none", missing=missing)
    return t(
        "dash.compare_partial",
        missing=missing,
        now=months_text(comparison.now, lang),
        before=months_text(comparison.before, lang),
    )


def key_figure_cards(visits: pd.DataFrame, period: Period, lang: str) -> None:
    """Mean score, visits and share of critical failures in the period, each against the
    period before, with the visit counts behind them. Months without visits on either side
    leave the comparison with their partner month (scoring.dashboard.compare_months), and
    the page says which; without any pair there is nothing to compare."""
    figures, comparison = compared_figures(visits, period)
    against = "dash.vs_before" if comparison.complete else "dash.vs_matching"
    mean, visits_row, critical = (
        figures.loc[n] for n in ("mean_score", "visits", "critical_share")
    )
    cards = st.columns(3)
    _card(
        cards[0],
        t("dash.mean_score"),
        fmt_number(mean["now"], lang) if mean["now"] == mean["now"] else "–",
        mean["change"],
        "",
        lang,
        help=t("dash.mean_help"),
        against=against,
    )
    _card(
        cards[1],
        t("col.visits"),
        fmt_number(visits_row["now"], lang, 0),
        visits_row["change"],
        "",
        lang,
        decimals=0,
        delta_color="off",
        help=t("dash.visits_help"),
        against=against,
    )
    _card(
        cards[2],
        t("dash.critical_share"),
        fmt_percent(critical["now"], lang),
        critical["change"] * 100,
        " pp",
        lang,
        delta_color="inverse",
        help=t("dash.critical_help"),
        against=against,
    )
    note = comparison_note(comparison, lang)
    if note:
        st.info(note, icon=":material/calendar_month:")
    st.caption(
        t(
            "dash.cards_note",
            visits=int(visits_row["now"]),
            before=len(in_period(visits, period.previous())),
        )
    )


def _number(value: object, decimals: int, lang: str, suffix: str = "", sign: bool = False) -> str:
    if value is None or value != value:
        return "–"
    # Rounded here, half away from zero: the format below would round ties to even.
    text = f"{half_away(float(value), decimals):{'+' if sign else ''},.{decimals}f}"
    if lang == "de":  # 1,234.5 -> 1.234,5
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text + suffix


def localized(frame: pd.DataFrame, lang: str, kinds: dict[str, str]):
    """The frame as a table with numbers in the reader's language (Streamlit's own number
    formats always use a decimal point); sorting still uses the numbers. Kinds: "0", "1",
    "2" (decimals), "pct" (0..100 with %), "pp" and "signed" (with a sign)."""
    percent = "\u00a0%" if lang == "de" else "%"
    makers = {
        "0": lambda v: _number(v, 0, lang),
        "1": lambda v: _number(v, 1, lang),
        "2": lambda v: _number(v, 2, lang),
        "pct": lambda v: _number(v, 1, lang, percent),
        "pp": lambda v: _number(v, 1, lang, " pp", sign=True),
        "signed": lambda v: _number(v, 1, lang, sign=True),
    }
    present = {column: makers[kind] for column, kind in kinds.items() if column in frame}
    return frame.style.format(present, na_rep="–")
