"""Shopper calibration for reviewers and admins: how much higher or lower each shopper
scores the same stores than other shoppers do, with a 90 % interval.

The table is `scoring.leniency.current_leniency`, the judgement the review queue flags
lenient and strict shoppers by: always the last 12 months of published visits, never a
dashboard period, so both pages name the same shoppers (docs/review.md).
"""

import datetime as dt

import pandas as pd
import streamlit as st

from audits.accounts.access import Scope, scope_for
from audits.reads import dashboard as repo
from locales import HOME_ZONE, fmt_month
from pages.auth import require
from pages.charts import leniency_chart
from pages.dash import cached, data_version
from pages.dash_parts import localized
from pages.ui import engine, language, plain, show_table, t
from scoring.leniency import MIN_VISITS, THRESHOLD, current_leniency, lookback

person = require("see_shoppers")
lang = language()
st.title(t("dash.calibration"))
today = dt.datetime.now(HOME_ZONE).date()
first, last = lookback(today)
st.caption(t("dash.leniency_period", first=fmt_month(first, lang), last=fmt_month(last, lang)))
st.caption(t("dash.leniency_help", threshold=f"{THRESHOLD:.0f}", visits=MIN_VISITS))


@st.cache_data(max_entries=4, show_spinner=False)
def _names(url, version, _scope: Scope) -> dict[int, str]:
    with engine().connect() as conn:
        return repo.shopper_names(conn, _scope)


@st.cache_data(max_entries=4, show_spinner=False)
def _visits(url, version, key: tuple, _scope: Scope) -> pd.DataFrame:
    # `key` stands for the scope in the cache key.
    return repo.read_published(engine(), _scope)


version = data_version()
with engine().connect() as conn:
    shoppers = scope_for(conn, person, "see_shoppers")
names = cached(_names, version, shoppers)
visits = cached(_visits, version, shoppers.key, shoppers)
visits = visits.assign(
    shopper=visits["shopper_id"].map(lambda p: names.get(p) if pd.notna(p) else None)
)
table = current_leniency(visits, today)
if table.empty:
    st.info(t("dash.no_comparison"))
    st.stop()
# In words too, as the review queue names them: the chart and the table are pictures.
marked = table[table["flagged"]]
if marked.empty:
    st.write(t("dash.flagged_nobody", threshold=f"{THRESHOLD:.0f}"))
else:
    names = [
        f"{plain(row.shopper)} ({t('flag.lenient' if row.leniency > 0 else 'flag.strict')})"
        for row in marked.itertuples()
    ]
    st.write(t("dash.flagged_shoppers", names="; ".join(names)))
texts = {"visits": t("dash.visits_word"), "leniency": t("dash.leniency")}
enough = table[~table["too_few"]]
if not enough.empty:
    st.plotly_chart(leniency_chart(enough, texts, lang), key="leniency")
show_table(
    localized(table, lang, {"leniency": "signed", "ci_low": "signed", "ci_high": "signed"}),
    column_config={
        "shopper": t("dash.shopper"),
        "visits": st.column_config.NumberColumn(
            t("dash.compared_visits"), help=t("dash.compared_help")
        ),
        "leniency": st.column_config.NumberColumn(t("dash.leniency")),
        "ci_low": st.column_config.NumberColumn(t("dash.ci_low")),
        "ci_high": st.column_config.NumberColumn(t("dash.ci_high")),
        "flagged": st.column_config.CheckboxColumn(t("dash.flagged")),
        "too_few": st.column_config.CheckboxColumn(t("dash.too_few_header")),
    },
)
