"""A reviewer's card for one open dispute: everything the decision rests on (the question,
the stored answer and comment, the photos, the store manager's reason and attachment) beside
the form that decides it."""

import streamlit as st

from audits.records.models import Dispute, Person
from audits.visits.disputes import decide_dispute, dispute_attachment
from audits.visits.drafts import get_visit, stored_answers_frame, visit_standard
from audits.visits.photos import visit_photos
from locales import fmt_date
from pages.answer_input import answer_input
from pages.auth import act_and_tell, tell
from pages.files import download_link, photo_url
from pages.ui import EMPTY, engine, language, local_zone, plain, t
from scoring.explain import answer_rows
from standards import text_in


def _facts(person: Person, row: Dispute) -> dict | None:
    with engine().connect() as conn:
        visit = get_visit(conn, person, row.visit_id)
        if visit is None:
            return None
        standard = visit_standard(conn, visit)
        stored = stored_answers_frame(conn, visit)
        photos = [photo for photo in visit_photos(conn, visit) if photo.item_id == row.item_id]
    lang = language()
    if not standard.has_item(row.item_id):
        return None
    words = answer_rows(standard, stored, lang).set_index("item_id")
    raw = stored.set_index("item_id")
    return {
        "visit": visit,
        "item": standard.item(row.item_id),
        "words": words.loc[row.item_id] if row.item_id in words.index else None,
        "raw": raw.loc[row.item_id] if row.item_id in raw.index else None,
        "photos": photos,
    }


def _answer_words(words) -> str:
    if words is None:
        return t("review.no_answer")
    answer = {"yes": t("answer.yes"), "no": t("answer.no"), "N/A": t("answer.na")}.get(
        words["answer"], words["answer"]
    )
    result = t(f"reason.{words['result']}") if isinstance(words["result"], str) else EMPTY
    return f"{answer or EMPTY} ({result})"


def dispute_card(person: Person, row: Dispute) -> None:
    """One open dispute with its context and the uphold/reject form."""
    lang, zone = language(), local_zone()
    facts = _facts(person, row)
    with st.container(border=True):
        if facts is None:
            st.markdown(f"**{plain(row.store_name)}**")
            st.warning(t("review.dispute_item_gone"))
            return
        visit, words, raw = facts["visit"], facts["words"], facts["raw"]
        question = words["question"] if words is not None else text_in(facts["item"].text, lang)
        st.markdown(f"## {plain(row.store_name)}")
        st.markdown(f"**{plain(question)}**")
        st.caption(
            t(
                "review.dispute_visit",
                date=fmt_date(visit.started_at.astimezone(zone).date(), lang),
                name=plain(row.opened_by),
                when=fmt_date(row.created_at.astimezone(zone), lang),
            )
        )
        left, right = st.columns(2)
        with left:
            st.markdown(f"**{t('review.stored_answer')}**")
            st.text(_answer_words(words))
            st.markdown(f"**{t('review.shopper_comment')}**")
            comment = words["comment"] if words is not None else None
            st.text(comment if isinstance(comment, str) and comment.strip() else EMPTY)
            for photo in facts["photos"]:
                if url := photo_url(photo.id, photo.filename):
                    st.image(url, caption=plain(photo.filename), width=240)
        with right:
            st.markdown(f"**{t('review.dispute_reason')}**")
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
        tell(f"dispute-{row.id}")
        with st.form(f"decide-{row.id}"):
            decision = st.text_area(t("review.decision"), max_chars=2000)
            stored_value = raw["value"] if raw is not None else None
            is_na = bool(raw["is_na"]) if raw is not None else False
            new_value = answer_input(
                facts["item"],
                stored_value if isinstance(stored_value, str) else None,
                is_na,
                key=f"decide-{row.id}-value",
            )
            st.caption(t("review.uphold_help"))
            cols = st.columns(2)
            uphold = cols[0].form_submit_button(t("review.uphold"), type="primary")
            reject = cols[1].form_submit_button(t("review.reject"))
            if uphold or reject:
                act_and_tell(
                    lambda conn, me: decide_dispute(
                        conn, me, row.id, uphold=uphold, decision=decision, new_value=new_value
                    ),
                    "review_disputes_done",
                    t("review.decided_one", store=plain(row.store_name), question=plain(question)),
                    error_flash=f"dispute-{row.id}",
                )
                st.rerun()
