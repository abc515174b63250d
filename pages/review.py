"""Review: submitted visits with plausibility flags; approve, return or correct; decide
disputes."""

import streamlit as st

from audits.records.models import QueuedVisit
from audits.visits.disputes import (
    decide_dispute,
    dispute_attachment,
    dispute_counts,
    list_disputes,
)
from audits.visits.drafts import get_visit, stored_answers_frame, visit_standard
from audits.visits.queue import review_queue
from audits.visits.review import (
    approve_visit,
    correct_answer,
    return_visit,
)
from locales import fmt_date
from locales.rounding import half_away
from pages.auth import act_and_tell, require
from pages.files import download_link
from pages.ui import EMPTY, engine, language, local_zone, plain, show_table, t, texts_of
from scoring.explain import answer_rows
from standards import text_in

person = require("review")
lang = language()
st.title(t("review.title"))
if message := st.session_state.pop("review_done", None):
    st.success(message)
if error := st.session_state.pop("form_error", None):
    st.error(error)

with engine().connect() as conn:
    queue = review_queue(conn, person)
    open_disputes = [d for d in list_disputes(conn, person) if d.status == "open"]


def _submitted(visit: QueuedVisit) -> str:
    return fmt_date(visit.submitted_at.astimezone(local_zone()), lang)


def _run(change, done_key: str) -> None:
    act_and_tell(change, "review_done", t(done_key))


tab_queue, tab_disputes, tab_counts = st.tabs(
    [
        t("review.queue", count=len(queue)),
        t("review.disputes", count=len(open_disputes)),
        t("review.counts"),
    ]
)
with tab_queue:
    if not queue:
        st.info(t("review.empty"))
    else:
        show_table(
            [
                {
                    "store_name": row.store_name,
                    "title": text_in(row.title, lang),
                    "shopper": row.shopper,
                    "submitted": _submitted(row),
                    "score": None if row.score is None else half_away(row.score, 1),
                    "minutes": row.minutes,
                    "flags": ", ".join(t(f"flag.{flag}") for flag in row.flags),
                }
                for row in queue
            ],
            column_config={
                "store_name": t("col.store"),
                "title": t("col.standard"),
                "shopper": t("admin.assign.shopper"),
                "submitted": t("col.submitted"),
                "score": st.column_config.NumberColumn(t("col.score"), format="%.1f"),
                "minutes": st.column_config.NumberColumn(t("col.minutes"), format="%.0f"),
                "flags": t("review.flags"),
            },
        )
        labels = {
            row.visit_id: f"{row.store_name} · {row.shopper or EMPTY} · {_submitted(row)}"
            for row in queue
        }
        # A link may name the visit (?visit=...), e.g. from a notice.
        wanted = st.query_params.get("visit")
        if wanted in labels and "review-visit" not in st.session_state:
            st.session_state["review-visit"] = wanted
        chosen = st.selectbox(
            t("review.choose"), list(labels), format_func=labels.__getitem__, key="review-visit"
        )
        with engine().connect() as conn:
            visit = get_visit(conn, person, chosen) if chosen else None
            items = (
                answer_rows(visit_standard(conn, visit), stored_answers_frame(conn, visit), lang)
                if visit
                else None
            )
        if visit is not None and items is not None:
            items["result"] = texts_of(items["result"], "reason")
            words = {"yes": t("answer.yes"), "no": t("answer.no"), "N/A": t("answer.na")}
            items["answer"] = items["answer"].map(lambda a: words.get(a, a))
            show_table(
                items.drop(columns=["item_id", "action"]),
                column_config={
                    "section": t("col.section"),
                    "question": t("col.question"),
                    "answer": t("col.answer"),
                    "result": t("col.result"),
                    "comment": t("visit.comment"),
                },
            )
            cols = st.columns(2)
            cols[0].button(
                t("review.approve"),
                type="primary",
                on_click=_run,
                args=(lambda conn, me: approve_visit(conn, me, visit.id), "review.approved"),
            )
            with st.form("return"):
                reason = st.text_area(t("review.return_reason"), max_chars=2000)
                if st.form_submit_button(t("review.return")):
                    _run(
                        lambda conn, me: return_visit(conn, me, visit.id, reason), "review.returned"
                    )
                    st.rerun()
            with st.form("correct"):
                questions = dict(zip(items["item_id"], items["question"], strict=True))
                item = st.selectbox(
                    t("col.question"), list(questions), format_func=questions.__getitem__
                )
                value = st.text_input(t("review.new_value"), help=t("review.new_value_help"))
                why = st.text_area(t("review.correct_reason"), max_chars=2000)
                if st.form_submit_button(t("review.correct")):
                    _run(
                        lambda conn, me: correct_answer(conn, me, visit.id, item, value, why),
                        "review.corrected",
                    )
                    st.rerun()

with tab_disputes:
    if not open_disputes:
        st.info(t("review.no_disputes"))
    for row in open_disputes:
        with st.container(border=True):
            st.markdown(f"**{plain(row.store_name)}** · {plain(row.item_id)}")
            st.caption(
                t(
                    "review.dispute_by",
                    name=plain(row.opened_by),
                    when=fmt_date(row.created_at.astimezone(local_zone()), lang),
                )
            )
            st.text(row.reason)
            if row.attachment_name is not None:
                with engine().connect() as conn:
                    attachment = dispute_attachment(conn, person, row.id)
                if attachment:
                    download_link(
                        t("review.attachment", name=plain(attachment[0])),
                        attachment[2],
                        attachment[0],
                        attachment[1],
                        key=f"att-{row.id}",
                    )
            with st.form(f"decide-{row.id}"):
                decision = st.text_area(t("review.decision"), max_chars=2000)
                new_value = st.text_input(t("review.new_value"), help=t("review.new_value_help"))
                cols = st.columns(2)
                uphold = cols[0].form_submit_button(t("review.uphold"), type="primary")
                reject = cols[1].form_submit_button(t("review.reject"))
                if uphold or reject:
                    _run(
                        lambda conn, me, d=row.id, up=uphold, txt=decision, v=new_value: (
                            decide_dispute(conn, me, d, uphold=up, decision=txt, new_value=v)
                        ),
                        "review.decided",
                    )
                    st.rerun()

with tab_counts:
    with engine().connect() as conn:
        by_store, by_shopper = dispute_counts(conn, "store"), dispute_counts(conn, "shopper")
    labels = {"disputes": t("review.count_disputes"), "upheld": t("review.count_upheld")}
    cols = st.columns(2)
    with cols[0]:
        show_table(by_store, column_config={"store": t("col.store"), **labels})
    with cols[1]:
        show_table(by_shopper, column_config={"shopper": t("admin.assign.shopper"), **labels})
