"""Shopper home: my assignments, my drafts, my submitted visits."""

import streamlit as st

from audits.repo_assignments import shopper_work
from audits.repo_visits import open_visit
from locales import fmt_date
from pages.auth import act, require
from pages.ui import engine, language, local_today, local_zone, plain, t

person = require("shopper")
lang = language()
with engine().connect() as conn:
    work = shopper_work(conn, person, lang)


def _go(visit_id: str) -> None:
    st.switch_page("pages/visit.py", query_params={"visit": visit_id})


def _start(assignment_id: int) -> None:
    visit_id = act(lambda conn, me: open_visit(conn, me, assignment_id))
    if visit_id:
        st.session_state["open_visit"] = visit_id


def _card(row, button: str) -> None:
    with st.container(border=True):
        st.markdown(f"**{plain(row.store_name)}** · {plain(row.city)}")
        if row.address:
            st.caption(plain(row.address))
        st.write(plain(row.title))
        window = t(
            "shopper.window",
            start=fmt_date(row.window_start, lang),
            end=fmt_date(row.window_end, lang),
        )
        if local_today() > row.window_end:
            st.warning(window + " · " + t("shopper.window_over"))
        else:
            st.caption(window)
        if row.scenario:
            st.markdown(f"**{t('shopper.scenario')}:** {plain(row.scenario)}")
        if row.notes:
            st.markdown(f"**{t('shopper.notes')}:** {plain(row.notes)}")
        if row.visit_status == "returned":
            st.error(t("shopper.returned", message=plain(row.review_message or "–")))
        if row.visit_id:
            st.button(
                button,
                key=f"open-{row.assignment_id}",
                on_click=_go_later,
                args=(row.visit_id,),
                type="primary",
                width="stretch",
            )
        else:
            st.button(
                button,
                key=f"start-{row.assignment_id}",
                on_click=_start,
                args=(int(row.assignment_id),),
                type="primary",
                width="stretch",
            )


def _go_later(visit_id: str) -> None:
    st.session_state["open_visit"] = visit_id


if target := st.session_state.pop("open_visit", None):
    _go(target)

st.title(t("shopper.title"))
todo = work[work["stage"] == "todo"]
drafts = work[work["stage"] == "draft"]
done = work[work["stage"] == "done"]

st.subheader(t("shopper.drafts", count=len(drafts)))
if drafts.empty:
    st.caption(t("shopper.no_drafts"))
for row in drafts.itertuples():
    _card(row, t("shopper.continue"))

st.subheader(t("shopper.assignments", count=len(todo)))
if todo.empty:
    st.caption(t("shopper.no_assignments"))
for row in todo.itertuples():
    _card(row, t("shopper.start"))

st.subheader(t("shopper.submitted", count=len(done)))
if done.empty:
    st.caption(t("shopper.no_submitted"))
else:
    table = done.assign(
        status=done["visit_status"].map(lambda s: t(f"status.{s}")),
        submitted=done["submitted_at"].map(lambda d: fmt_date(d.astimezone(local_zone()), lang)),
    )
    st.dataframe(
        table[["store_name", "title", "submitted", "status"]],
        hide_index=True,
        column_config={
            "store_name": t("col.store"),
            "title": t("col.standard"),
            "submitted": t("col.submitted"),
            "status": t("col.status"),
        },
    )
