"""One submitted visit as a reviewer judges it: when and how long, who served, the flags and
what they mean, every answer with its comment, the photos; then an explicit decision."""

import pandas as pd
import streamlit as st

from audits.records.models import QueuedVisit
from audits.visits.drafts import (
    VisitRecord,
    get_visit,
    stored_answers_frame,
    visit_staff,
    visit_standard,
)
from audits.visits.photos import visit_photos
from audits.visits.review import approve_visit, correct_answer, return_visit
from locales import fmt_date, fmt_number
from pages.answer_input import answer_input
from pages.auth import act_and_tell, tell
from pages.files import photo_url
from pages.ui import EMPTY, engine, language, local_zone, plain, t
from scoring.explain import answer_rows
from standards import Standard, text_in

PICKER = "review-visit"
DECISIONS = ("approve", "return", "correct")


def visit_label(row: QueuedVisit) -> str:
    """How the picker and the messages name a queued visit."""
    day = fmt_date(row.started_at.astimezone(local_zone()).date(), language())
    return f"{row.store_name} · {day} · {row.shopper or EMPTY}"


def _decided(change, done_key: str, label: str, visit_id: str) -> None:
    """Run a decision; on success the visit has left the queue, so the picker is emptied
    (no other visit slips into its place) and the message names the visit decided. A click
    that arrives after the picker moved on to another visit changes nothing."""
    if st.session_state.get(PICKER) != visit_id:
        return
    act_and_tell(change, "review_done", t(done_key, visit=label), error_flash="review_visit")
    if "review_done" in st.session_state:
        st.session_state[PICKER] = None
        st.session_state.pop(f"review-decision:{visit_id}", None)


def _served(visit: VisitRecord, staff: dict[str, str]) -> str:
    named = staff.get(visit.staff_id or "", visit.staff_id or "")
    parts = [part for part in (named, visit.staff_description or "") if part]
    return " · ".join(parts) if parts else t("review.served_unknown")


def _facts(row: QueuedVisit, visit: VisitRecord, staff: dict[str, str]) -> None:
    zone, lang = local_zone(), language()
    start = visit.started_at.astimezone(zone)
    end = visit.ended_at.astimezone(zone) if visit.ended_at else None
    times = f"{start:%H:%M}–{end:%H:%M}" if end else f"{start:%H:%M}–{EMPTY}"
    minutes = fmt_number(row.minutes, lang, 0) if row.minutes is not None else EMPTY
    facts = {
        t("review.visited"): fmt_date(start.date(), lang),
        t("review.times"): t("review.times_value", times=times, minutes=minutes),
        t("col.submitted"): fmt_date(row.submitted_at.astimezone(zone), lang),
        t("review.served"): _served(visit, staff),
        t("col.score"): fmt_number(row.score, lang),
    }
    cols = st.columns(len(facts))
    for col, (label, value) in zip(cols, facts.items(), strict=True):
        col.markdown(f"**{label}**  \n{plain(value)}")
    for flag in row.flags:
        st.warning(f"**{t(f'flag.{flag}')}**: {t(f'flag_help.{flag}')}")


def _answers(items: pd.DataFrame) -> None:
    """Every answer with its comment in full, section by section: a table cut the
    questions and comments short at desktop width and hid them on a phone."""
    words = {"yes": t("answer.yes"), "no": t("answer.no"), "N/A": t("answer.na")}
    for section, rows in items.groupby("section", sort=False):
        st.markdown(f"**{plain(section)}**")
        for row in rows.itertuples(index=False):
            answer = words.get(row.answer, row.answer)
            result = t(f"reason.{row.result}") if isinstance(row.result, str) else EMPTY
            # Our own colour for a failed item; the texts around it stay escaped.
            shown = f":red[{result}]" if row.result == "failed" else result
            with st.container(border=True):
                left, right = st.columns([3, 2])
                left.markdown(plain(row.question))
                right.markdown(f"**{plain(answer if answer is not None else EMPTY)}** · {shown}")
                if isinstance(row.comment, str) and row.comment.strip():
                    st.text(row.comment)


def _photos(visit: VisitRecord, questions: dict[str, str]) -> None:
    with engine().connect() as conn:
        photos = visit_photos(conn, visit)
    st.markdown(f"**{t('report.photos')}**")
    if not photos:
        st.caption(t("review.no_photos"))
        return
    cols = st.columns(3)
    for n, photo in enumerate(photos):
        if url := photo_url(photo.id, photo.filename):
            caption = questions.get(photo.item_id or "", photo.filename)
            cols[n % 3].image(url, caption=plain(caption), width="stretch")


def _correct_form(row: QueuedVisit, standard: Standard, stored: pd.DataFrame, label: str):
    questions = {
        item.id: text_in(item.text, language()) for item in standard.items() if item.scored
    }
    item_id = st.selectbox(
        t("col.question"),
        list(questions),
        format_func=questions.__getitem__,
        index=None,
        placeholder=t("review.pick_question"),
        key=f"review-correct-item:{row.visit_id}",
    )
    if item_id is None:
        return
    raw = stored.set_index("item_id")
    now = raw.loc[item_id] if item_id in raw.index else None
    with st.form("correct"):
        value = answer_input(
            standard.item(item_id),
            now["value"] if now is not None and isinstance(now["value"], str) else None,
            bool(now["is_na"]) if now is not None else False,
            key=f"review-correct-{row.visit_id}-{item_id}",
        )
        why = st.text_area(t("review.correct_reason"), max_chars=2000)
        if st.form_submit_button(t("review.correct"), type="primary"):
            act_and_tell(
                lambda conn, me: correct_answer(conn, me, row.visit_id, item_id, value, why),
                "review_visit",
                t("review.corrected"),
            )
            st.rerun()


def _decision(row: QueuedVisit, standard: Standard, stored: pd.DataFrame) -> None:
    # Button labels and messages are markdown: the store's and shopper's names escaped.
    label = plain(visit_label(row))
    st.subheader(t("review.decide"))
    tell("review_visit")
    words = {decision: t(f"review.decision_{decision}") for decision in DECISIONS}
    choice = st.radio(
        t("review.decide_how"),
        DECISIONS,
        index=None,
        format_func=words.__getitem__,
        horizontal=True,
        # One per visit: a choice made for one visit must not be waiting on the next.
        key=f"review-decision:{row.visit_id}",
    )
    if choice == "approve":
        st.caption(t("review.approve_help"))
        st.button(
            t("review.approve_this", visit=label),
            type="primary",
            on_click=_decided,
            args=(
                lambda conn, me: approve_visit(conn, me, row.visit_id),
                "review.approved",
                label,
                row.visit_id,
            ),
        )
    elif choice == "return":
        st.text_area(t("review.return_reason"), max_chars=2000, key=f"review-reason:{row.visit_id}")
        # Read when the click arrives: the text typed just before it comes in the same rerun.
        st.button(
            t("review.return"),
            type="primary",
            on_click=_decided,
            args=(
                lambda conn, me: return_visit(
                    conn,
                    me,
                    row.visit_id,
                    st.session_state.get(f"review-reason:{row.visit_id}", ""),
                ),
                "review.returned",
                label,
                row.visit_id,
            ),
        )
    elif choice == "correct":
        _correct_form(row, standard, stored, label)


def review_visit(person, row: QueuedVisit) -> None:
    """The whole visit on one screen, then the decision."""
    lang = language()
    with engine().connect() as conn:
        visit = get_visit(conn, person, row.visit_id)
        if visit is None:
            st.warning(t("review.not_found"))
            return
        standard = visit_standard(conn, visit)
        stored = stored_answers_frame(conn, visit)
        staff = {member.staff_id: member.display_name for member in visit_staff(conn, visit)}
    items = answer_rows(standard, stored, lang)
    st.markdown(f"## {plain(row.store_name)}")
    st.caption(f"{plain(text_in(row.title, lang))} · {plain(row.shopper or EMPTY)}")
    _facts(row, visit, staff)
    _answers(items)
    _photos(visit, dict(zip(items["item_id"], items["question"], strict=True)))
    _decision(row, standard, stored)
