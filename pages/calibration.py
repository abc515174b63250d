"""Shopper calibration for reviewers and admins: how much higher or lower each shopper
scores the same stores than other shoppers do, with a 90 % interval."""

import pandas as pd
import streamlit as st

from audits.accounts.access import Scope, scope_for
from audits.reads import dashboard as repo
from pages.auth import require
from pages.charts import leniency_chart
from pages.dash import cached, load_view, period_caption
from pages.dash_parts import localized
from pages.ui import engine, language, show_table, t
from scoring.dashboard import in_period
from scoring.leniency import MIN_VISITS, THRESHOLD, shopper_leniency

person = require("see_shoppers")
lang = language()
st.title(t("dash.calibration"))
view = load_view(person)
st.caption(period_caption(view, compare=False))
st.caption(t("dash.leniency_help", threshold=f"{THRESHOLD:.0f}", visits=MIN_VISITS))


@st.cache_data(max_entries=4, show_spinner=False)
def _names(url, version, _scope: Scope) -> dict[int, str]:
    with engine().connect() as conn:
        return repo.shopper_names(conn, _scope)


with engine().connect() as conn:
    shoppers = scope_for(conn, person, "see_shoppers")
names = cached(_names, view.version, shoppers)
now = in_period(view.visits, view.filters.period)
now = now.assign(shopper=now["shopper_id"].map(lambda p: names.get(p) if pd.notna(p) else None))
table = shopper_leniency(now)
if table.empty:
    st.info(t("dash.no_comparison"))
    st.stop()
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
