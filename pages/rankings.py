"""Rankings of stores and regions with their reliability: adjusted score and 90 % interval,
"too few visits" unranked, above or below peers only where the interval says so."""

import json

import pandas as pd
import streamlit as st

from audits.accounts.access import can
from audits.reads.staff import open_staff_view, staff_access, staff_scope_for
from audits.records.db import transaction
from locales.rounding import half_away
from pages.auth import require
from pages.charts import ranking_chart
from pages.dash import csv_download, load_view, period_caption, store_link
from pages.dash_parts import localized
from pages.ui import engine, language, show_table, t
from scoring.dashboard import in_period, staff_ranking
from scoring.rankings import MIN_VISITS, rank_units

CHART_LIMIT = 60  # more units make an unreadable chart; the table still lists them all

person = require("see_results")
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
if not view.scope.whole_chain:
    st.caption(t("dash.ranking_scope", count=now["store_id"].nunique()))
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
            "mean_score": half_away(ranked["mean_score"], 1),
            "adjusted_score": half_away(ranked["adjusted_score"], 1),
            "ci_low": half_away(ranked["ci_low"], 1),
            "ci_high": half_away(ranked["ci_high"], 1),
            "versus_peers": [
                t("dash.too_few") if few else peers_words[word]
                for few, word in zip(ranked["too_few"], ranked["versus_peers"], strict=True)
            ],
        }
    )
    return table


NUMBERS = {
    "rank": "0",
    "visits": "0",
    "mean_score": "1",
    "adjusted_score": "1",
    "ci_low": "1",
    "ci_high": "1",
}
HEADERS = {
    "rank": t("dash.rank"),
    "name": t("col.name"),
    "region": t("col.region"),
    "store": t("col.store"),
    "visits": t("col.visits"),
    "mean_score": t("dash.mean_score"),
    "adjusted_score": t("dash.adjusted"),
    "ci_low": t("dash.ci_low"),
    "ci_high": t("dash.ci_high"),
    "versus_peers": t("dash.versus"),
}
COLUMNS = {
    "rank": st.column_config.NumberColumn(t("dash.rank"), help=t("dash.rank_help")),
    "name": t("col.name"),
    "region": t("col.region"),
    "open": st.column_config.LinkColumn(t("dash.open"), display_text=t("dash.open_store")),
    "visits": st.column_config.NumberColumn(t("col.visits"), help=t("dash.visits_help")),
    "mean_score": st.column_config.NumberColumn(t("dash.mean_score")),
    "adjusted_score": st.column_config.NumberColumn(
        t("dash.adjusted"), help=t("dash.adjusted_help")
    ),
    "ci_low": st.column_config.NumberColumn(t("dash.ci_low"), help=t("dash.interval_help")),
    "ci_high": st.column_config.NumberColumn(t("dash.ci_high"), help=t("dash.interval_help")),
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
    show_table(localized(table, lang, NUMBERS), column_config=COLUMNS, key=f"table-{kind}")
    period = view.filters.period
    csv_download(
        table,
        HEADERS,
        f"ranking-{kind}-{period.first:%Y-%m}-{period.last:%Y-%m}.csv",
        f"csv-{kind}",
    )


with engine().connect() as conn:
    staff_scope = staff_scope_for(conn, person)
    access = staff_access(conn, staff_scope) if staff_scope is not None else None
shows_staff = access is not None
# A store manager sees no region row: in a small region it would give away other stores.
shows_regions = can(person, "see_regions")
names_of_tabs = [t("dash.by_store")]
names_of_tabs += [t("dash.by_region")] if shows_regions else []
names_of_tabs += [t("dash.by_staff")] if shows_staff else []
tabs = dict(zip(names_of_tabs, st.tabs(names_of_tabs), strict=True))
by_store = tabs[t("dash.by_store")]
with by_store:
    ranked = rank_units(now, "store_id")
    ranked = ranked[ranked["unit"].isin(view.stores["store_id"])]
    names = stores["name"].to_dict()
    table = _table(
        ranked,
        names,
        {
            "region": ranked["unit"].map(stores["region"]).to_numpy(),
            "open": [store_link(unit) for unit in ranked["unit"]],
        },
    )
    _show("stores", ranked, table, names)
if shows_regions:
    with tabs[t("dash.by_region")]:
        ranked = rank_units(now, "region_id")
        ranked = ranked[ranked["unit"].isin(view.stores["region_id"])]
        names = dict(zip(view.stores["region_id"], view.stores["region"], strict=True))
        _show("regions", ranked, _table(ranked, names, {}), names)


if access is not None and staff_scope is not None:
    min_group = access.min_group
    if view.filters.regions:
        staff_scope = staff_scope.narrowed(view.stores["store_id"])
    with tabs[t("dash.by_staff")]:
        st.caption(t("dash.staff_help", group=min_group))
        # Looking is an act of its own, and it is logged: staff figures are personal data.
        if st.toggle(t("dash.staff_show"), key="staff-show"):
            mine = in_period(view.visits, view.filters.period)
            if not staff_scope.whole_chain:
                mine = mine[mine["store_id"].isin(staff_scope.stores)]
            staff_table, small = staff_ranking(mine, min_group)
            shown_filters = {
                "from": f"{view.filters.period.first:%Y-%m}",
                "to": f"{view.filters.period.last:%Y-%m}",
                "regions": list(view.filters.regions),
                "standard": view.filters.standard,
                "display": access.display,
                "rows": len(staff_table),
            }
            # Each view is logged once, not on every rerun of the page; its names are kept
            # with it.
            logged = st.session_state.setdefault("staff_views_logged", {})
            view_key = json.dumps(shown_filters, sort_keys=True)
            if view_key not in logged:
                with transaction(engine()) as conn:
                    logged[view_key] = open_staff_view(conn, staff_scope, "view", shown_filters)
            named = logged[view_key]
            if small:
                st.caption(t("dash.staff_small", count=len(small), group=min_group))
            if staff_table.empty:
                st.info(t("dash.no_staff"))
            else:
                labels = {unit: named.get(unit, unit) for unit in staff_table["unit"]}
                table = _table(
                    staff_table,
                    labels,
                    {"store": staff_table["store_id"].map(stores["name"]).to_numpy()},
                )
                columns = COLUMNS | {"store": t("col.store")}
                show_table(
                    localized(table, lang, NUMBERS),
                    column_config=columns,
                    key="table-staff",
                )
