"""One store: score history, section trends, recurring gaps, open actions and its visits;
each visit opens its report (with "why this score", comments and photos)."""

import pandas as pd
import streamlit as st

from audits.accounts.access import can
from audits.reads import dashboard as repo
from audits.visits.actions import create_action
from locales import fmt_date, fmt_month, fmt_number
from locales.rounding import half_away
from pages.auth import act_and_tell, require, tell
from pages.charts import trend_chart
from pages.dash import load_view, period_caption
from pages.dash_parts import chart_texts, common_target, key_figure_cards, localized
from pages.gap_view import GAP_ORDER, gap_columns, gap_table
from pages.ui import action_inputs, engine, language, local_today, local_zone, plain, show_table, t
from scoring.dashboard import in_period, section_table, trend_months
from scoring.trends import monthly_trend

person = require("see_results")
lang = language()
view = load_view(person)
stores = view.stores.set_index("store_id")
if stores.empty:
    st.title(t("dash.store"))
    st.info(t("home.no_stores"))
    st.stop()
labels = {s: f"{row['name']} ({row['region']})" for s, row in stores.iterrows()}
wanted = st.query_params.get("store")
if wanted in labels:
    st.session_state.setdefault("store-choice", wanted)
elif wanted:
    st.warning(t("dash.store_not_yours"))
store_id = st.selectbox(
    t("col.store"), list(labels), format_func=labels.__getitem__, key="store-choice"
)
st.query_params["store"] = store_id
here = view.scope.narrowed([store_id])
store = stores.loc[store_id]
st.title(plain(store["name"]))
st.caption(f"{plain(store['region'])} · {plain(store['city'])} · {period_caption(view)}")

period = view.filters.period
mine = view.visits[view.visits["store_id"] == store_id]
trend = monthly_trend(in_period(mine, period.trend()))
now = in_period(mine, period)
key_figure_cards(mine, period, lang)

st.header(t("dash.score_history"))
if trend.empty:
    st.info(t("dash.no_visits"))
else:
    st.caption(t("dash.trend_help"))
    months = trend_months(period, mine["month"].unique())
    target = common_target(now if not now.empty else mine, view.standards)
    texts = chart_texts()
    st.plotly_chart(trend_chart(trend, months, target, texts, lang), key="store-trend")

trend_period = period.trend()
standard_id = view.filters.standard or (
    mine["standard_id"].value_counts().idxmax() if not mine.empty else None
)
if standard_id in view.standards:
    with engine().connect() as conn:
        sections = repo.section_figures(
            conn, here, [standard_id], trend_period.first, trend_period.last, by="month"
        )
    standard = view.standards[standard_id]
    st.header(t("dash.section_trends"))
    if not view.filters.standard:
        st.caption(t("dash.heatmap_standard", title=standard["title"]))
    show_table(
        localized(
            section_table(sections, standard["sections"], period, trend_period),
            lang,
            {"mean": "1", "visits": "0"},
        ),
        column_config={
            "section": t("col.section"),
            "mean": st.column_config.NumberColumn(t("dash.mean_score")),
            "visits": st.column_config.NumberColumn(t("col.visits")),
            "trend": st.column_config.LineChartColumn(
                t(
                    "dash.section_trend",
                    first=fmt_month(trend_period.first, lang),
                    last=fmt_month(trend_period.last, lang),
                ),
                y_min=0,
                y_max=100,
            ),
        },
        key="store-sections",
    )

st.header(t("dash.recurring"))
st.caption(t("dash.recurring_latest"))
gaps = gap_table(view, here)
if gaps.empty:
    st.caption(t("dash.no_gaps"))
else:
    order = [column for column in GAP_ORDER if column != "store"]
    show_table(gaps, column_config=gap_columns(), column_order=order, key="store-gaps")
    if can(person, "manage_actions"):
        choices = {
            index: f"{item} ({k_of_n})"
            for index, item, k_of_n in zip(gaps.index, gaps["item"], gaps["failures"], strict=True)
        }
        st.markdown(f"**{t('dash.gap_action')}**")
        tell("store_done")
        # Chosen outside the form, so the note can start as the item's recommended action.
        chosen = st.selectbox(
            t("col.question"), list(choices), format_func=choices.__getitem__, key="gap-item"
        )
        with st.form("gap-action", clear_on_submit=True):
            owner, due, note = action_inputs(gaps.loc[chosen, "recommended"])
            if st.form_submit_button(t("results.action_create")):
                gap = gaps.loc[chosen]
                act_and_tell(
                    lambda conn, me: create_action(
                        conn,
                        me,
                        store_id=store_id,
                        standard_id=str(gap["standard_id"]),
                        item_id=str(gap["item_id"]),
                        owner=owner,
                        due_date=due,
                        note=note,
                    ),
                    "store_done",
                    t("results.action_created"),
                )
                st.rerun()

with engine().connect() as conn:
    actions = repo.open_actions(conn, here)
st.header(t("dash.open_actions"))
if actions.empty:
    st.caption(t("actions.none"))
else:
    today = local_today()
    actions["item"] = [
        view.standards.get(s, {}).get("items", {}).get(i, i)
        for s, i in zip(actions["standard_id"], actions["item_id"], strict=True)
    ]
    actions["overdue"] = actions["due_date"] < today
    actions["status"] = actions["status"].map(lambda s: t(f"action.{s}"))
    show_table(
        actions[["item", "status", "owner", "due_date", "overdue"]],
        column_config={
            "item": t("col.question"),
            "status": t("col.status"),
            "owner": t("actions.owner"),
            "due_date": st.column_config.DateColumn(t("actions.due"), format="localized"),
            "overdue": st.column_config.CheckboxColumn(t("actions.overdue")),
        },
    )

st.header(t("dash.store_visits"))
start, end = repo.period_bounds(period.first, period.last)
with engine().connect() as conn:
    visits = repo.store_visits(conn, view.scope, store_id, start, end)
if view.standard_ids is not None:
    visits = visits[visits["standard_id"].isin(view.standard_ids)]
if visits.empty:
    st.caption(t("dash.no_visits"))
else:
    zone = local_zone()
    bands = {
        key: label for entry in view.standards.values() for key, label in entry["bands"].items()
    }
    shown = pd.DataFrame(
        {
            "date": [fmt_date(when.astimezone(zone).date(), lang) for when in visits["visited_at"]],
            "standard": [view.standards.get(s, {}).get("title", s) for s in visits["standard_id"]],
            "score": half_away(visits["score"].astype(float), 1),
            "band": [
                bands.get((int(v), float(b)), "") if b is not None and b == b else ""
                for v, b in zip(visits["standard_version_id"], visits["band_min"], strict=True)
            ],
            "critical": visits["critical_failed"].astype(bool),
            "report": [f"/store_results?visit={v}" for v in visits["visit_id"]],
        }
    )
    show_table(
        localized(shown, lang, {"score": "1"}),
        column_config={
            "date": t("col.date"),
            "standard": t("col.standard"),
            "score": st.column_config.NumberColumn(t("col.score")),
            "band": t("dash.band"),
            "critical": st.column_config.CheckboxColumn(t("dash.critical")),
            "report": st.column_config.LinkColumn(
                t("dash.report"), display_text=t("dash.open_report")
            ),
        },
        key="store-visit-list",
    )
    labels = {
        visit: f"{date} · {standard} · {fmt_number(score, lang)}"
        for visit, date, standard, score in zip(
            visits["visit_id"], shown["date"], shown["standard"], shown["score"], strict=True
        )
    }
    chosen = st.selectbox(
        t("dash.choose_report"), list(labels), format_func=labels.__getitem__, key="store-report"
    )
    st.page_link(
        "pages/store_results.py",
        label=t("dash.open_report"),
        icon=":material/description:",
        query_params={"visit": chosen},
    )
