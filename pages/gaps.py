"""Gaps: items by fail rate with intervals and trend, and the stores with recurring gaps
(whether an action is open)."""

import pandas as pd
import streamlit as st

from audits.reads import dashboard as repo
from locales import fmt_month
from pages.auth import require
from pages.dash import cached, csv_download, load_view, period_caption, store_link
from pages.dash_parts import localized
from pages.gap_view import GAP_ORDER, gap_columns, gap_table
from pages.ui import engine, language, local_today, show_table, t
from scoring.dashboard import Period, item_rates, monthly_rates

person = require("see_results")
lang = language()
st.title(t("dash.gaps"))
view = load_view(person)
period = view.filters.period
st.caption(period_caption(view))


@st.cache_data(max_entries=16, show_spinner=False)
def _items(url, version, key, standard_ids, period: Period, _scope) -> dict[str, pd.DataFrame]:
    earliest = min(period.previous().first, period.trend().first)
    return repo.read_parallel(
        engine(),
        {
            "now": lambda c: repo.item_figures(
                c, _scope, standard_ids, period.first, period.last, with_stores=True
            ),
            "months": lambda c: repo.item_figures(
                c, _scope, standard_ids, earliest, period.last, by_month=True
            ),
        },
    )


with st.spinner(t("dash.loading")):
    chosen = view.chosen
    found = cached(_items, view.version, chosen.key, view.standard_ids, period, chosen)
    gaps = gap_table(view, chosen)
before, trend = period.previous(), period.trend()
by_month = found["months"]
earlier = by_month[(by_month["month"] >= before.first) & (by_month["month"] <= before.last)]
rates = item_rates(found["now"], earlier)

st.header(t("dash.items_by_rate"))
st.caption(t("dash.fail_rate_help"))
if rates.empty:
    st.info(t("dash.no_visits"))
else:
    months = [m for m in pd.period_range(trend.first, trend.last, freq="M").start_time.date]
    recent = by_month[by_month["month"] >= trend.first]
    series = monthly_rates(recent, months)
    recurring_stores = gaps.groupby(["standard_id", "item_id"])["store_id"].nunique()
    keys = list(zip(rates["standard_id"], rates["item_id"], strict=True))
    table = pd.DataFrame(
        {
            "standard": [view.standards.get(s, {}).get("title", s) for s, _ in keys],
            "item": [view.standards.get(s, {}).get("items", {}).get(i, i) for s, i in keys],
            "applicable": rates["applicable"],
            "fail_rate": rates["fail_rate"] * 100,
            "ci_low": rates["ci_low"] * 100,
            "ci_high": rates["ci_high"] * 100,
            "stores": rates["stores"],
            "recurring": [int(recurring_stores.get(key, 0)) for key in keys],
            "change": rates["change"] * 100,
            "trend": [series.get(key, []) for key in keys],
            "recommended": [
                view.standards.get(s, {}).get("actions", {}).get(i, "") for s, i in keys
            ],
        }
    )
    show_table(
        localized(
            table,
            lang,
            {
                "applicable": "0",
                "fail_rate": "pct",
                "ci_low": "pct",
                "ci_high": "pct",
                "stores": "0",
                "recurring": "0",
                "change": "pp",
            },
        ),
        column_config={
            "standard": t("col.standard"),
            "item": st.column_config.TextColumn(t("col.question"), width="large"),
            "applicable": st.column_config.NumberColumn(
                t("dash.applicable"), help=t("dash.applicable_help")
            ),
            "fail_rate": st.column_config.NumberColumn(t("dash.fail_rate")),
            "ci_low": st.column_config.NumberColumn(
                t("dash.ci_low"), help=t("dash.fail_interval_help")
            ),
            "ci_high": st.column_config.NumberColumn(
                t("dash.ci_high"), help=t("dash.fail_interval_help")
            ),
            "stores": st.column_config.NumberColumn(
                t("dash.stores_affected"), help=t("dash.stores_affected_help")
            ),
            "recurring": st.column_config.NumberColumn(
                t("dash.stores_recurring"), help=t("dash.recurring_help")
            ),
            "change": st.column_config.NumberColumn(t("dash.change"), help=t("dash.change_help")),
            "trend": st.column_config.LineChartColumn(
                t(
                    "dash.trend_months",
                    first=fmt_month(trend.first, lang),
                    last=fmt_month(trend.last, lang),
                ),
                y_min=0.0,
                y_max=1.0,
            ),
            "recommended": st.column_config.TextColumn(
                t("dash.recommended"), help=t("dash.recommended_help"), width="large"
            ),
        },
        key="item-rates",
    )
    headers = {
        "standard": t("col.standard"),
        "item": t("col.question"),
        "applicable": t("dash.applicable"),
        "fail_rate": t("dash.fail_rate") + " (%)",
        "ci_low": t("dash.ci_low") + " (%)",
        "ci_high": t("dash.ci_high") + " (%)",
        "stores": t("dash.stores_affected"),
        "recurring": t("dash.stores_recurring"),
        "change": t("dash.change") + " (pp)",
        "recommended": t("dash.recommended"),
    }
    csv_download(table, headers, f"items-{period.first:%Y-%m}-{period.last:%Y-%m}.csv", "csv-items")

st.header(t("dash.recurring"))
st.caption(t("dash.recurring_latest"))
if gaps.empty:
    st.caption(t("dash.no_gaps"))
else:
    st.caption(t("dash.gap_counts", count=len(gaps), unlikely=int(gaps["unlikely_chance"].sum())))
    shown = gaps.assign(open=[store_link(s) for s in gaps["store_id"]])
    columns = gap_columns() | {
        "open": st.column_config.LinkColumn(t("dash.open"), display_text=t("dash.open_store"))
    }
    show_table(
        shown,
        column_config=columns,
        column_order=("open", *GAP_ORDER),
        key="recurring-gaps",
    )
    headers = {
        "store_id": t("col.id"),
        "store": t("col.store"),
        "item": t("col.question"),
        "failures": t("dash.failures"),
        "last_failed_at": t("dash.last_failed"),
        "unlikely_chance": t("dash.unlikely"),
        "chance": t("dash.how_unusual"),
        "action": t("dash.open_action"),
        "recommended": t("dash.recommended"),
    }
    csv_download(gaps, headers, f"recurring-gaps-{local_today():%Y-%m-%d}.csv", "csv-gaps")
