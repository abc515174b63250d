"""Overview: key figures against the previous period, the monthly trend with its control
band and target, how scores spread and how they fall into the bands."""

import streamlit as st

from locales import fmt_month, fmt_number, fmt_percent
from pages.auth import require
from pages.charts import bands_chart, distribution_chart, trend_chart
from pages.dash import load_view, period_caption
from pages.ui import language, t
from scoring.dashboard import band_shares, in_period, key_figures, score_distribution
from scoring.trends import monthly_trend

person = require("admin", "reviewer", "trainer", "regional_manager", "store_manager")
lang = language()
st.title(t("dash.overview"))
view = load_view(person)
period = view.filters.period
now = in_period(view.visits, period)
before = in_period(view.visits, period.previous())
st.caption(period_caption(view))
if now.empty:
    st.info(t("dash.no_visits"))
    st.stop()

figures = key_figures(now, before)
mean, visits, critical = (figures.loc[name] for name in ("mean_score", "visits", "critical_share"))


def _delta(change: float, text: str) -> str | None:
    return None if change != change else text


cards = st.columns(3)
cards[0].metric(
    t("dash.mean_score"),
    fmt_number(mean["now"], lang),
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
cards[2].metric(
    t("dash.critical_share"),
    fmt_percent(critical["now"], lang),
    _delta(
        critical["change"],
        t("dash.vs_before", change=fmt_number(critical["change"] * 100, lang) + " pp"),
    ),
    delta_color="inverse",
    help=t("dash.critical_help"),
    border=True,
)
st.caption(t("dash.cards_note", visits=len(now), before=len(before)))

texts = {
    "band": t("dash.control_band"),
    "mean": t("dash.mean_score"),
    "visits": t("dash.visits_word"),
    "outside": t("dash.outside"),
    "target": t("dash.target"),
    "score": t("dash.score"),
    "share": t("dash.share"),
}
trend_period = period.trend()
trend = monthly_trend(in_period(view.visits, trend_period))
targets = {view.standards[s]["target"] for s in now["standard_id"].unique() if s in view.standards}
target = targets.pop() if len(targets) == 1 else None
st.subheader(t("dash.trend"))
st.caption(t("dash.trend_help"))
labels = {
    month.start_time.date(): fmt_month(month.start_time.date(), lang) for month in trend["month"]
}
st.plotly_chart(trend_chart(trend, labels, target, texts, lang), key="trend")

left, right = st.columns(2)
with left:
    st.subheader(t("dash.distribution"))
    st.plotly_chart(distribution_chart(score_distribution(now), texts, lang), key="spread")
with right:
    st.subheader(t("dash.bands"))
    band_labels = {
        key: label for entry in view.standards.values() for key, label in entry["bands"].items()
    }
    bands = band_shares(now, band_labels)
    if bands.empty:
        st.caption(t("dash.no_bands"))
    else:
        st.plotly_chart(bands_chart(bands, texts, lang), key="bands")
