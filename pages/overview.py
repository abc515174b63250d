"""Overview: key figures against the previous period, the monthly trend with its control
band and target, how scores spread and how they fall into the bands."""

import streamlit as st

from pages.auth import require
from pages.charts import bands_chart, distribution_chart, trend_chart
from pages.dash import load_view, period_caption
from pages.dash_parts import chart_texts, common_target, key_figure_cards
from pages.ui import language, t
from scoring.dashboard import band_shares, in_period, score_distribution, trend_months
from scoring.trends import monthly_trend

person = require("see_results")
lang = language()
st.title(t("dash.overview"))
view = load_view(person)
period = view.filters.period
now = in_period(view.visits, period)
st.caption(period_caption(view))
if now.empty:
    st.info(t("dash.no_visits"))
    st.stop()

key_figure_cards(view.visits, period, lang)
texts = chart_texts()
trend = monthly_trend(in_period(view.visits, period.trend()))
target = common_target(now, view.standards)
st.header(t("dash.trend"))
st.caption(t("dash.trend_help"))
shown = trend_months(period, view.visits["month"].unique())
st.plotly_chart(trend_chart(trend, shown, target, texts, lang), key="trend")

left, right = st.columns(2)
with left:
    st.header(t("dash.distribution"))
    st.plotly_chart(distribution_chart(score_distribution(now), texts, lang), key="spread")
with right:
    st.header(t("dash.bands"))
    band_labels = {
        key: label for entry in view.standards.values() for key, label in entry["bands"].items()
    }
    bands = band_shares(now, band_labels)
    if bands.empty:
        st.caption(t("dash.no_bands"))
    else:
        st.plotly_chart(bands_chart(bands, texts, lang), key="bands")
