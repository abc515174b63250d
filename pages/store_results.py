"""My store's published visits: each report, disputes of single items, corrective actions."""

import datetime as dt

import streamlit as st

from audits.accounts.access import can
from audits.reads.published import published_visits
from audits.records.settings import dispute_days
from audits.visits.actions import create_action
from audits.visits.disputes import list_disputes, open_dispute
from audits.visits.drafts import get_visit, visit_standard
from locales import fmt_date, fmt_number
from pages.auth import act_and_tell, require, tell
from pages.ui import EMPTY, action_inputs, engine, language, local_zone, show_table, t
from pages.visit_report import show_report
from standards import answer_text, text_in

person = require("see_results")
lang = language()
st.title(t("results.title"))

with engine().connect() as conn:
    visits = published_visits(conn, person, also=st.query_params.get("visit"))
    days = dispute_days(conn)
    disputes = list_disputes(conn, person)

if not visits:
    st.info(t("results.none"))
    st.stop()

labels = {
    row.visit_id: f"{row.store_name} · {text_in(row.title, lang)} · "
    f"{fmt_date(row.visited_at.astimezone(local_zone()).date(), lang)} · "
    f"{fmt_number(row.score, lang)}"
    for row in visits
}
wanted = st.query_params.get("visit")
if wanted in labels and "results-visit" not in st.session_state:
    st.session_state["results-visit"] = wanted  # a link may name the visit (?visit=...)
elif wanted and wanted not in labels:
    # Whether it does not exist, is not published or belongs elsewhere is not told.
    st.warning(t("results.visit_not_shown"))
chosen = st.selectbox(
    t("results.choose"), list(labels), format_func=labels.__getitem__, key="results-visit"
)
with engine().connect() as conn:
    visit = get_visit(conn, person, chosen)
    standard = visit_standard(conn, visit) if visit is not None else None
if visit is None or standard is None:
    st.stop()
row = next(shown for shown in visits if shown.visit_id == chosen)
items = show_report(person, visit, lang)


def _do(change, done_key: str, flash: str) -> None:
    act_and_tell(change, flash, t(done_key))


questions = dict(zip(items["item_id"], items["question"], strict=True))
standard_items = {item.id: item for item in standard.items()}


def _in_words(item_id: str, value: str | None) -> str:
    """A stored answer as the report words it ("na": not applicable)."""
    if value is None:
        return EMPTY
    if value == "na":
        return t("answer.na")
    item = standard_items.get(item_id)
    text = answer_text(item, value, lang) if item is not None else value
    return {"yes": t("answer.yes"), "no": t("answer.no")}.get(text or "", text or EMPTY)


failed = [i for i, r in zip(items["item_id"], items["result"], strict=True) if r == "failed"]
deadline = (
    (row.approved_at + dt.timedelta(days=days)).astimezone(local_zone())
    if row.approved_at is not None
    else None
)
if can(person, "raise_disputes") and (deadline is None or deadline < dt.datetime.now(local_zone())):
    st.caption(t("results.dispute_over", days=days))
elif can(person, "raise_disputes"):
    st.header(t("results.dispute"))
    st.caption(t("results.dispute_until", date=fmt_date(deadline, lang), days=days))
    tell("results_dispute")
    with st.form("dispute", clear_on_submit=True):
        item = st.selectbox(
            t("col.question"),
            list(questions),
            format_func=questions.__getitem__,
            key="dispute-item",
        )
        reason = st.text_area(t("results.dispute_reason"), max_chars=2000, key="dispute-reason")
        upload = st.file_uploader(t("results.attachment"), max_upload_size=10)
        if st.form_submit_button(t("results.dispute_send"), type="primary"):
            attachment = (upload.name, upload.type or "", upload.getvalue()) if upload else None
            _do(
                lambda conn, me: open_dispute(conn, me, chosen, item, reason, attachment),
                "results.dispute_sent",
                "results_dispute",
            )
            st.rerun()

if failed and can(person, "manage_actions"):
    st.header(t("results.action"))
    recommended = dict(zip(items["item_id"], items["action"], strict=True))
    # Chosen outside the form, so the note can start as the item's recommended action.
    item = st.selectbox(
        t("col.question"), failed, format_func=questions.__getitem__, key="action-item"
    )
    tell("results_action")
    with st.form("action", clear_on_submit=True):
        owner, due, note = action_inputs(recommended.get(item))
        if st.form_submit_button(t("results.action_create")):
            _do(
                lambda conn, me: create_action(
                    conn,
                    me,
                    store_id=visit.store_id,
                    standard_id=row.standard_id,
                    item_id=item,
                    owner=owner,
                    due_date=due,
                    visit_id=chosen,
                    note=note,
                ),
                "results.action_created",
                "results_action",
            )
            st.rerun()

mine = [
    {
        "question": questions.get(d.item_id, d.item_id),
        "opened": fmt_date(d.created_at.astimezone(local_zone()).date(), lang),
        "status": t(f"dispute.{d.status}"),
        "reason": d.reason,
        "decision": d.decision or EMPTY,
        "before_value": _in_words(d.item_id, d.before_value),
        "after_value": _in_words(d.item_id, d.after_value),
    }
    for d in disputes
    if d.visit_id == chosen
]
if mine:
    st.header(t("results.disputes"))
    show_table(
        mine,
        column_config={
            "question": st.column_config.TextColumn(t("col.question"), width="medium"),
            "opened": t("results.dispute_opened"),
            "status": t("col.status"),
            "reason": t("results.dispute_reason"),
            "decision": t("review.decision"),
            "before_value": t("results.before"),
            "after_value": t("results.after"),
        },
    )
st.caption(t("results.score", score=fmt_number(row.score, lang)))
