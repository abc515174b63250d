"""Corrective actions in my scope: overdue ones first in mind, recurred ones flagged."""

import streamlit as st

from audits.accounts.access import can
from audits.reads.catalog import list_stores
from audits.records.standards import list_standard_versions, load_standard_version
from audits.records.tables import ACTION_STATUSES
from audits.visits.actions import actions_frame, create_action, set_action_status
from locales import fmt_date
from pages.auth import act_and_tell, require, tell
from pages.ui import (
    EMPTY,
    action_inputs,
    engine,
    language,
    local_today,
    show_table,
    t,
)
from standards import text_in

person = require("see_actions")
lang = language()
st.title(t("actions.title"))
with engine().connect() as conn:
    table = actions_frame(conn, person, local_today())
    stores = list_stores(engine(), person)
    versions = list_standard_versions(conn, latest_only=True)


def _create_for_gap(store_id: str, standard_id: str, item_id: str, owner, due, note) -> None:
    act_and_tell(
        lambda conn, me: create_action(
            conn,
            me,
            store_id=store_id,
            standard_id=standard_id,
            item_id=item_id,
            owner=owner,
            due_date=due,
            note=note,
        ),
        "actions_gap_done",
        t("results.action_created"),
    )


can_write = can(person, "manage_actions")


def _gap_form() -> None:
    """An action for a recurring gap: any scored item of a standard at a store in scope."""
    titles = {v.standard_id: text_in(v.title, language()) for v in versions}
    standard_id = st.selectbox(t("col.standard"), list(titles), format_func=titles.get)
    with engine().connect() as conn:
        chosen = next(v for v in versions if v.standard_id == standard_id)
        scored = [item for item in load_standard_version(conn, chosen.id).items() if item.scored]
    items = {item.id: text_in(item.text, language()) for item in scored}
    recommended = {item.id: text_in(item.action, language()) for item in scored if item.action}
    # Chosen outside the form, so the note can start as the item's recommended action.
    item_id = st.selectbox(t("col.question"), list(items), format_func=items.get)
    tell("actions_gap_done")
    with st.form("gap-action", clear_on_submit=True):
        names = dict(zip(stores["store_id"], stores["name"], strict=True))
        store_id = st.selectbox(t("col.store"), list(names), format_func=names.get)
        owner, due, note = action_inputs(recommended.get(item_id))
        if st.form_submit_button(t("results.action_create")):
            _create_for_gap(store_id, standard_id, item_id, owner, due, note)
            st.rerun()


if can_write and not stores.empty and versions:
    with st.expander(t("actions.from_gap")):
        _gap_form()

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
    question=table["question"].map(lambda text: text_in(text, lang)),
    owner=table["owner"].fillna(EMPTY),
    note=table["note"].fillna(EMPTY),
    # Written out, so a screen reader hears the date as it is shown (the grid's cells read
    # out the raw ISO value); the rows come sorted by due date already.
    due=table["due_date"].map(lambda due: fmt_date(due, lang)),
)
show_table(
    shown[["store_name", "question", "owner", "due", "status", "state", "note"]],
    column_config={
        "store_name": t("col.store"),
        "question": st.column_config.TextColumn(t("col.question"), width="large"),
        "owner": t("actions.owner"),
        "due": t("actions.due"),
        "status": t("col.status"),
        "state": t("actions.state"),
        "note": t("actions.note"),
    },
)


def _move(action_id: int, status: str) -> None:
    act_and_tell(
        lambda conn, me: set_action_status(conn, me, action_id, status),
        "actions_done",
        t("actions.moved"),
    )


if not can_write:
    st.stop()
names = {
    int(row.id): f"{row.store_name} · {row.question} · {row.due}"
    for row in shown.itertuples(index=False)
}
tell("actions_done")
with st.form("move"):
    action_id = st.selectbox(
        t("actions.choose"), list(names), format_func=names.__getitem__, key="actions-move"
    )
    status = st.selectbox(
        t("col.status"),
        ["open", "in_progress", "done", "verified"],
        format_func={s: t(f"action.{s}") for s in ACTION_STATUSES}.__getitem__,
    )
    if st.form_submit_button(t("actions.save")):
        _move(action_id, status)
        st.rerun()
st.caption(t("actions.steps"))
