"""Rankings of stores and regions with their reliability: adjusted score and 90 % interval,
"too few visits" unranked, above or below peers only where the interval says so."""

import pandas as pd
import streamlit as st

from pages.auth import require
from pages.charts import ranking_chart
from pages.dash import load_view, period_caption
from pages.ui import language, t
from scoring.dashboard import in_period
from scoring.rankings import MIN_VISITS, rank_units
from scoring.safe_cells import safe_csv

CHART_LIMIT = 60  # more units make an unreadable chart; the table still lists them all

person = require("admin", "reviewer", "trainer", "regional_manager", "store_manager")
lang = language()
st.title(t("dash.rankings"))
view = load_view(person)
# Stores are ranked among every store matching the filters; a manager sees their own rows.
now = in_period(view.peer_visits, view.filters.period)
st.caption(period_caption(view))
if now.empty or not now["store_id"].isin(view.stores["store_id"]).any():
    st.info(t("dash.no_visits"))
    st.stop()

st.caption(t("dash.ranking_help", visits=MIN_VISITS))
if view.scope is not None:
    st.caption(t("dash.ranking_scope"))
stores = view.stores.set_index("store_id")
texts = {"visits": t("dash.visits_word"), "score": t("dash.adjusted"), "peers": t("dash.peers")}
peers_words = {"above": t("dash.above"), "below": t("dash.below"), "level": t("dash.level")}


def _table(ranked: pd.DataFrame, names: dict, extra: dict[str, pd.Series]) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "rank": ranked["rank"],
            "name": [names.get(unit, unit) for unit in ranked["unit"]],
            **extra,
            "visits": ranked["visits"],
            "mean_score": ranked["mean_score"].round(1),
            "adjusted_score": ranked["adjusted_score"].round(1),
            "ci_low": ranked["ci_low"].round(1),
            "ci_high": ranked["ci_high"].round(1),
            "versus_peers": [
                t("dash.too_few") if few else peers_words[word]
                for few, word in zip(ranked["too_few"], ranked["versus_peers"], strict=True)
            ],
        }
    )
    return table


COLUMNS = {
    "rank": st.column_config.NumberColumn(t("dash.rank"), help=t("dash.rank_help")),
    "name": t("col.name"),
    "region": t("col.region"),
    "open": st.column_config.LinkColumn(t("dash.open"), display_text=t("dash.open_store")),
    "visits": st.column_config.NumberColumn(t("col.visits"), help=t("dash.visits_help")),
    "mean_score": st.column_config.NumberColumn(t("dash.mean_score"), format="%.1f"),
    "adjusted_score": st.column_config.NumberColumn(
        t("dash.adjusted"), format="%.1f", help=t("dash.adjusted_help")
    ),
    "ci_low": st.column_config.NumberColumn(
        t("dash.ci_low"), format="%.1f", help=t("dash.interval_help")
    ),
    "ci_high": st.column_config.NumberColumn(
        t("dash.ci_high"), format="%.1f", help=t("dash.interval_help")
    ),
    "versus_peers": st.column_config.TextColumn(t("dash.versus"), help=t("dash.versus_help")),
}


def _show(kind: str, ranked: pd.DataFrame, table: pd.DataFrame, names: dict) -> None:
    ranked_only = ranked[~ranked["too_few"]]
    if ranked_only.empty:
        st.info(t("dash.none_ranked", visits=MIN_VISITS))
    elif len(ranked_only) <= CHART_LIMIT:
        st.plotly_chart(ranking_chart(ranked_only, names, texts, lang), key=f"chart-{kind}")
    else:
        st.caption(t("dash.chart_limit", count=len(ranked_only), limit=CHART_LIMIT))
    st.dataframe(table, hide_index=True, column_config=COLUMNS, key=f"table-{kind}")
    st.download_button(
        t("dash.download_csv"),
        safe_csv(table.drop(columns=["open"], errors="ignore")),
        file_name=f"ranking-{kind}-{view.filters.period.first:%Y-%m}-{view.filters.period.last:%Y-%m}.csv",
        mime="text/csv",
        key=f"csv-{kind}",
        on_click="ignore",
    )


by_store, by_region = st.tabs([t("dash.by_store"), t("dash.by_region")])
with by_store:
    ranked = rank_units(now, "store_id")
    ranked = ranked[ranked["unit"].isin(view.stores["store_id"])]
    names = stores["name"].to_dict()
    table = _table(
        ranked,
        names,
        {
            "region": ranked["unit"].map(stores["region"]).to_numpy(),
            "open": [f"/store?store={unit}" for unit in ranked["unit"]],
        },
    )
    _show("stores", ranked, table, names)
with by_region:
    ranked = rank_units(now, "region_id")
    ranked = ranked[ranked["unit"].isin(view.stores["region_id"])]
    names = dict(zip(view.stores["region_id"], view.stores["region"], strict=True))
    _show("regions", ranked, _table(ranked, names, {}), names)
