"""A published visit's report: the score and why (sections, each item's points and
reason), the shopper's comments and the photos. Shared by the results and store pages."""

import pandas as pd
import streamlit as st

from audits.reads.published import visit_score_parts
from audits.records.models import Person
from audits.visits.drafts import VisitRecord, stored_answers_frame, visit_standard
from audits.visits.photos import visit_photos
from locales import fmt_number
from pages.dash_parts import localized
from pages.files import photo_url
from pages.ui import engine, plain, show_table, t, texts_of
from scoring.explain import answer_rows, section_bonus
from standards import text_in


def show_report(person: Person, visit: VisitRecord, lang: str) -> pd.DataFrame:
    """Render the report; returns the items frame (item_id, question, result ...) so the
    caller can offer disputes and actions on them."""
    with engine().connect() as conn:
        standard = visit_standard(conn, visit)
        stored = stored_answers_frame(conn, visit)
        items = answer_rows(standard, stored, lang)
        total, sections = visit_score_parts(conn, person, visit.id)
        photos = visit_photos(conn, visit)
    titles = {section.id: text_in(section.title, lang) for section in standard.sections}
    bands = {float(band.min): text_in(band.label, lang) for band in standard.bands}
    score = total.get("score")
    band = bands.get(float(total["band_min"])) if total.get("band_min") is not None else None
    cards = st.columns(3)
    cards[0].metric(t("col.score"), fmt_number(score, lang), border=True)
    cards[1].metric(t("dash.band"), band or "–", border=True)
    cards[2].metric(
        t("dash.critical"),
        t("answer.yes") if total.get("critical_failed") else t("answer.no"),
        border=True,
    )

    st.header(t("report.why"))
    st.caption(t("report.why_help"))
    if total.get("critical_failed"):
        policy = standard.critical_policy
        st.warning(
            t(
                f"report.critical_{policy}",
                computed=fmt_number(total.get("computed"), lang),
            )
        )
    bonus = section_bonus(standard, stored)
    sections = sections.assign(
        section=sections["section_id"].map(lambda s: titles.get(s, s)),
        order=sections["section_id"].map({s: n for n, s in enumerate(titles)}),
        bonus=sections["section_id"].map(lambda s: bonus.get(s)),
    ).sort_values("order")
    show_table(
        localized(
            sections[["section", "score", "earned", "possible", "bonus"]],
            lang,
            {"score": "1", "earned": "1", "possible": "1", "bonus": "1"},
        ),
        column_config={
            "section": t("col.section"),
            "score": st.column_config.NumberColumn(t("col.score")),
            "earned": st.column_config.NumberColumn(t("report.earned")),
            "possible": st.column_config.NumberColumn(t("report.possible")),
            "bonus": st.column_config.NumberColumn(t("report.bonus"), help=t("report.bonus_help")),
        },
        key=f"report-sections-{visit.id}",
    )
    # More earned than possible reads like an error unless the page says a bonus did it.
    for row in sections.itertuples(index=False):
        if row.section_id in bonus and row.earned > row.possible:
            st.info(
                t(
                    "report.bonus_over",
                    section=plain(row.section),
                    earned=fmt_number(row.earned, lang),
                    possible=fmt_number(row.possible, lang),
                    bonus=fmt_number(bonus[row.section_id], lang),
                )
            )
    words = {"yes": t("answer.yes"), "no": t("answer.no"), "N/A": t("answer.na")}
    shown = items.assign(
        why=texts_of(items["result"], "why"),
        result=texts_of(items["result"], "reason"),
        answer=items["answer"].map(lambda a: words.get(a, a)),
    )
    show_table(
        localized(
            shown[
                ["section", "question", "answer", "result", "earned", "possible", "why", "comment"]
            ],
            lang,
            {"earned": "1", "possible": "1"},
        ),
        column_config={
            "section": t("col.section"),
            "question": t("col.question"),
            "answer": t("col.answer"),
            "result": t("col.result"),
            "earned": st.column_config.NumberColumn(t("report.earned")),
            "possible": st.column_config.NumberColumn(t("report.possible")),
            "why": st.column_config.TextColumn(t("report.reason"), width="medium"),
            "comment": st.column_config.TextColumn(t("visit.comment"), width="large"),
        },
        key=f"report-items-{visit.id}",
    )

    if photos:
        st.header(t("report.photos"))
        questions = dict(zip(items["item_id"], items["question"], strict=True))
        columns = st.columns(3)
        for n, photo in enumerate(photos):
            url = photo_url(photo.id, photo.filename)
            if url is None:
                continue
            caption = plain(questions.get(photo.item_id or "", photo.filename))
            columns[n % 3].image(url, caption=caption, width="stretch")
    return items
