"""Heatmap: stores (grouped by region) against the sections of one standard; choosing a
store opens its page. With many stores, regions come first and a region opens its stores.

The same figures also come as a list (lowest score first, a chip per section), which is what
a phone can show: unless the reader picks one, the screen's width decides (a CSS media query
in the browser, since the server cannot know it)."""

import pandas as pd
import streamlit as st

from audits.reads import dashboard as repo
from locales import fmt_number
from locales.rounding import half_away
from pages.auth import require
from pages.charts import heatmap_chart, safe_labels
from pages.dash import cached, load_view, period_caption, store_link
from pages.dash_parts import localized
from pages.heat_list import STYLE, chips_html, list_order
from pages.ui import engine, language, plain, show_table, t
from scoring.dashboard import in_period, section_means

STORE_ROWS = 80  # more stores than this are shown by region first

person = require("see_results")
lang = language()
st.title(t("dash.heatmap"))
view = load_view(person)
period = view.filters.period
st.caption(period_caption(view, compare=False))


@st.cache_data(max_entries=16, show_spinner=False)
def _sections(url, version, key, standard_ids, first, last, _scope) -> pd.DataFrame:
    with engine().connect() as conn:
        return repo.section_figures(conn, _scope, standard_ids, first, last)


figures = cached(
    _sections,
    view.version,
    view.chosen.key,
    view.standard_ids,
    period.first,
    period.last,
    view.chosen,
)
if figures.empty:
    st.info(t("dash.no_visits"))
    st.stop()
# Sections belong to one standard; without a choice, the one with the most visits here.
visits_per_standard = figures.groupby(["standard_id", "section_id"])["visits"].sum()
standard_id = view.filters.standard or visits_per_standard.groupby(level=0).max().idxmax()
standard = view.standards[standard_id]
if not view.filters.standard:
    st.caption(t("dash.heatmap_standard", title=standard["title"]))
figures = figures[figures["standard_id"] == standard_id]
stores = view.stores.set_index("store_id")
figures = figures.join(stores[["region_id", "region", "name"]], on="store_id")
by_region = figures["store_id"].nunique() > STORE_ROWS
if by_region:
    st.caption(t("dash.heatmap_regions", limit=STORE_ROWS))
    figures = (
        figures.groupby(["region_id", "section_id"], as_index=False)[["visits", "score_sum"]]
        .sum()
        .assign(store_id=lambda f: f["region_id"])
    )
    figures["mean"] = figures["score_sum"] / figures["visits"]
    names = dict(zip(view.stores["region_id"], view.stores["region"], strict=True))
    order = sorted(figures["store_id"].unique(), key=lambda r: names.get(r, r))
else:
    names = {s: f"{row['region']} · {row['name']}" for s, row in stores.iterrows()}
    order = [s for s in stores.index if s in set(figures["store_id"])]
means, counts = section_means(figures)
sections = [s for s in standard["sections"] if s in means.columns]
means, counts = (
    means.reindex(index=order, columns=sections),
    counts.reindex(index=order, columns=sections),
)
texts = {"score": t("dash.score"), "visits": t("dash.visits_word")}
labels = [names.get(unit, unit) for unit in order]
section_titles = [standard["sections"][s] for s in sections]

views = {"grid": t("dash.heat_grid"), "list": t("dash.heat_list")}
if "heat-view" not in st.session_state and st.query_params.get("view") in views:
    st.session_state["heat-view"] = st.query_params.get("view")
shown_as = st.segmented_control(
    t("dash.heat_view"),
    list(views),
    format_func=views.__getitem__,
    key="heat-view",
    help=t("dash.heat_view_help"),
)
if shown_as:
    st.query_params["view"] = shown_as
elif "view" in st.query_params:
    del st.query_params["view"]
st.html(STYLE)
# Without a choice both are drawn and the browser shows the one that fits the screen.
auto = "-auto" if shown_as is None else ""


def _open_region(region: str) -> None:
    st.query_params["region"] = region
    st.session_state.pop("dash-regions", None)


def _grid() -> None:
    figure = heatmap_chart(means, counts, labels, section_titles, texts, lang)
    event = st.plotly_chart(figure, on_select="rerun", selection_mode="points", key="heat")
    points = event.selection.points if event else []
    if points:
        chosen = dict(zip(safe_labels(labels), order, strict=True)).get(points[0].get("y"))
        if chosen and by_region:
            _open_region(chosen)
            st.rerun()
        elif chosen:
            st.switch_page("pages/store.py", query_params={"store": chosen})

    st.caption(t("dash.heatmap_help"))
    table = pd.DataFrame(half_away(means, 1), index=means.index, columns=means.columns)
    table.columns = section_titles
    table.insert(0, t("col.name"), labels)
    if not by_region:
        table.insert(1, t("dash.open"), [store_link(store) for store in order])
    show_table(
        localized(table, lang, dict.fromkeys(table.columns[2 if not by_region else 1 :], "1")),
        column_config={
            t("dash.open"): st.column_config.LinkColumn(
                t("dash.open"), display_text=t("dash.open_store")
            )
        },
    )


def _list() -> None:
    """Each unit with its full name (a link to the store, or a button opening the region),
    its score and visits in the period and a chip per section; lowest score first."""
    visits = in_period(view.visits, period)
    visits = visits[visits["standard_id"] == standard_id]
    unit_of = "region_id" if by_region else "store_id"
    scores = visits.groupby(unit_of)["score"].agg(["mean", "count"])
    st.caption(t("dash.heat_list_regions" if by_region else "dash.heat_list_help"))
    for unit in list_order(means, scores["mean"]):
        with st.container(border=True, key=f"heat-unit-{unit}"):
            if by_region:
                st.button(
                    plain(names.get(unit, unit)),
                    key=f"heat-region-{unit}",
                    on_click=_open_region,
                    args=(unit,),
                    type="tertiary",
                    icon=":material/map:",
                )
                where = ""
            else:
                st.page_link(
                    "pages/store.py",
                    label=plain(stores.loc[unit, "name"]),
                    query_params={"store": unit},
                    icon=":material/storefront:",
                )
                where = f"{plain(stores.loc[unit, 'region'])} · "
            count = int(scores["count"].get(unit, 0))
            st.caption(
                where
                + t(
                    "dash.heat_unit",
                    score=fmt_number(scores["mean"].get(unit), lang),
                    visits=count,
                )
            )
            st.html(chips_html(means.loc[unit], counts.loc[unit], section_titles, texts, lang))


if shown_as in (None, "grid"):
    with st.container(key=f"heat{auto}-grid"):
        _grid()
if shown_as in (None, "list"):
    with st.container(key=f"heat{auto}-list"):
        _list()
