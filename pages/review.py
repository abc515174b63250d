"""Review: submitted visits with plausibility flags; approve, return or correct; decide
disputes."""

import streamlit as st

from audits.visits.disputes import dispute_counts, list_disputes
from audits.visits.queue import review_queue
from locales import fmt_date, fmt_number
from pages.auth import require, tell
from pages.dispute_card import dispute_card
from pages.review_visit import PICKER, review_visit, visit_label
from pages.ui import engine, language, local_zone, show_table, t
from standards import text_in

person = require("review")
lang = language()
st.title(t("review.title"))

with engine().connect() as conn:
    queue = review_queue(conn, person)
    open_disputes = [d for d in list_disputes(conn, person) if d.status == "open"]

tab_labels = {
    "queue": t("review.queue", count=len(queue)),
    "disputes": t("review.disputes", count=len(open_disputes)),
    "counts": t("review.counts"),
}
# The counts in the labels change with each decision, which makes Streamlit draw new tabs
# that open on the first: the tab in use is remembered by name and chosen again.
tabs_key = "review-tabs:" + "|".join(tab_labels.values())


def _remember_tab() -> None:
    shown = st.session_state.get(tabs_key)
    chosen = (name for name, label in tab_labels.items() if label == shown)
    st.session_state["review-tab"] = next(chosen, "queue")


tab_queue, tab_disputes, tab_counts = st.tabs(
    list(tab_labels.values()),
    default=tab_labels[st.session_state.get("review-tab", "queue")],
    key=tabs_key,
    on_change=_remember_tab,
)
with tab_queue:
    tell("review_done", toast=True)
    if not queue:
        st.info(t("review.empty"))
    else:
        zone = local_zone()
        show_table(
            [
                {
                    "store_name": row.store_name,
                    "title": text_in(row.title, lang),
                    "shopper": row.shopper,
                    "visited": fmt_date(row.started_at.astimezone(zone).date(), lang),
                    "submitted": fmt_date(row.submitted_at.astimezone(zone), lang),
                    "score": fmt_number(row.score, lang),
                    "flags": ", ".join(t(f"flag.{flag}") for flag in row.flags),
                }
                for row in queue
            ],
            column_config={
                "store_name": t("col.store"),
                "title": t("col.standard"),
                "shopper": t("admin.assign.shopper"),
                "visited": t("review.visited"),
                "submitted": t("col.submitted"),
                "score": t("col.score"),
                "flags": st.column_config.TextColumn(t("review.flags"), width="large"),
            },
        )
        by_id = {row.visit_id: row for row in queue}
        # A link may name the visit (?visit=...), e.g. from a notice; otherwise nothing is
        # chosen, so no visit is one click from being published unseen.
        wanted = st.query_params.get("visit")
        if wanted in by_id and PICKER not in st.session_state:
            st.session_state[PICKER] = wanted
        if st.session_state.get(PICKER) not in by_id:
            st.session_state[PICKER] = None
        labels = {visit_id: visit_label(row) for visit_id, row in by_id.items()}
        chosen = st.selectbox(
            t("review.choose"),
            list(by_id),
            format_func=labels.__getitem__,
            placeholder=t("review.pick_visit"),
            key=PICKER,
        )
        if chosen is not None:
            review_visit(person, by_id[chosen])

with tab_disputes:
    tell("review_disputes_done", toast=True)
    if not open_disputes:
        st.info(t("review.no_disputes"))
    for row in open_disputes:
        dispute_card(person, row)

with tab_counts:
    with engine().connect() as conn:
        by_store, by_shopper = dispute_counts(conn, "store"), dispute_counts(conn, "shopper")
    labels = {"disputes": t("review.count_disputes"), "upheld": t("review.count_upheld")}
    cols = st.columns(2)
    with cols[0]:
        show_table(by_store, column_config={"store": t("col.store"), **labels})
    with cols[1]:
        show_table(by_shopper, column_config={"shopper": t("admin.assign.shopper"), **labels})
