"""Shopper home: my assignments, my drafts, my submitted visits."""

import streamlit as st

from audits.records.models import WorkItem
from audits.visits.assignments import shopper_work
from audits.visits.drafts import open_visit
from audits.visits.exercise_material import exercise_material
from locales import fmt_date
from pages.auth import act, require
from pages.files import download_link
from pages.ui import engine, language, local_today, local_zone, plain, show_table, t
from standards import text_in

person = require("fill_visits")
lang = language()
with engine().connect() as conn:
    work = shopper_work(conn, person)


def _go(visit_id: str) -> None:
    # The language goes along: without it in the URL, app.py takes the person's own.
    st.switch_page("pages/visit.py", query_params={"visit": visit_id, "lang": lang})


def _start(assignment_id: int) -> None:
    visit_id = act(lambda conn, me: open_visit(conn, me, assignment_id))
    if visit_id:
        st.session_state["open_visit"] = visit_id


def _card(row: WorkItem, button: str) -> None:
    with st.container(border=True):
        st.markdown(f"**{plain(row.store_name)}** · {plain(row.city)}")
        if row.address:
            st.caption(plain(row.address))
        st.write(plain(text_in(row.title, lang)))
        window = t(
            "shopper.window",
            start=fmt_date(row.window_start, lang),
            end=fmt_date(row.window_end, lang),
        )
        if local_today() > row.window_end:
            st.warning(window + " · " + t("shopper.window_over"))
        else:
            st.caption(window)
        if row.exercise_id is not None:
            st.info(t("shopper.exercise", title=plain(row.notes or "")))
            st.markdown(f"**{t('calib.material')}:** {plain(row.scenario or '')}")
            with engine().connect() as conn:
                attached = exercise_material(conn, person, row.exercise_id)
            if attached is not None:
                download_link(
                    t("calib.material_open"),
                    attached.data,
                    attached.name,
                    attached.mime,
                    key=f"material-{row.assignment_id}",
                )
        else:
            if row.scenario:
                st.markdown(f"**{t('shopper.scenario')}:** {plain(row.scenario)}")
            if row.notes:
                st.markdown(f"**{t('shopper.notes')}:** {plain(row.notes)}")
        if row.visit_status == "returned":
            st.error(t("shopper.returned", message=plain(row.review_message or "–")))
        if row.visit_id is not None:
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
                args=(row.assignment_id,),
                type="primary",
                width="stretch",
            )


def _go_later(visit_id: str) -> None:
    st.session_state["open_visit"] = visit_id


if target := st.session_state.pop("open_visit", None):
    _go(target)

st.title(t("shopper.title"))
todo = [row for row in work if row.stage == "todo"]
drafts = [row for row in work if row.stage == "draft"]
done = [row for row in work if row.stage == "done"]

st.header(t("shopper.drafts", count=len(drafts)))
if not drafts:
    st.caption(t("shopper.no_drafts"))
for row in drafts:
    _card(row, t("shopper.continue"))

st.header(t("shopper.assignments", count=len(todo)))
if not todo:
    st.caption(t("shopper.no_assignments"))
for row in todo:
    _card(row, t("shopper.start"))

st.header(t("shopper.submitted", count=len(done)))
if not done:
    st.caption(t("shopper.no_submitted"))
else:
    rows = [
        {
            "store_name": row.store_name,
            "title": text_in(row.title, lang),
            "submitted": fmt_date(row.submitted_at.astimezone(local_zone()), lang)
            if row.submitted_at is not None
            else None,
            "status": t(f"status.{row.visit_status}"),
        }
        for row in done
    ]
    show_table(
        rows,
        column_config={
            "store_name": t("col.store"),
            "title": t("col.standard"),
            "submitted": t("col.submitted"),
            "status": t("col.status"),
        },
    )
