"""Corrective actions in my scope: overdue ones first in mind, recurred ones flagged."""

import streamlit as st

from audits.repo_actions import ActionRefused, actions_frame, set_action_status
from pages.auth import act, require
from pages.ui import engine, local_today, t

person = require("admin", "reviewer", "trainer", "regional_manager", "store_manager")
st.title(t("actions.title"))
if error := st.session_state.pop("form_error", None):
    st.error(error)
with engine().connect() as conn:
    table = actions_frame(conn, person, local_today())
if table.empty:
    st.info(t("actions.none"))
    st.stop()

overdue, recurred = int(table["overdue"].sum()), int(table["recurred"].sum())
cols = st.columns(3)
cols[0].metric(t("actions.open"), int((~table["status"].isin(["done", "verified"])).sum()))
cols[1].metric(t("actions.overdue"), overdue)
cols[2].metric(t("actions.recurred"), recurred)
shown = table.assign(
    state=table.apply(
        lambda r: (
            t("actions.recurred_flag")
            if r["recurred"]
            else t("actions.overdue_flag")
            if r["overdue"]
            else ""
        ),
        axis=1,
    ),
    status=table["status"].map(lambda s: t(f"action.{s}")),
)
st.dataframe(
    shown[["id", "store_id", "item_id", "owner", "due_date", "status", "state", "note"]],
    hide_index=True,
    column_config={
        "id": t("col.id"),
        "store_id": t("col.store"),
        "item_id": t("col.question"),
        "owner": t("actions.owner"),
        "due_date": st.column_config.DateColumn(t("actions.due")),
        "status": t("col.status"),
        "state": t("actions.state"),
        "note": t("actions.note"),
    },
)


def _move(action_id: int, status: str) -> None:
    def write(conn, me):
        try:
            set_action_status(conn, me, action_id, status)
        except ActionRefused as refused:
            st.session_state["form_error"] = t(f"action.{refused.code}", detail=str(refused))

    act(write)


with st.form("move"):
    ids = [int(i) for i in table["id"]]
    action_id = st.selectbox(t("actions.choose"), ids)
    status = st.selectbox(
        t("col.status"),
        ["open", "in_progress", "done", "verified"],
        format_func=lambda s: t(f"action.{s}"),
    )
    if st.form_submit_button(t("actions.save")):
        _move(action_id, status)
        st.rerun()
st.caption(t("actions.steps"))
