"""Calibration exercises for reviewers and admins: invite shoppers to judge the same
interaction, close the exercise, and read how well they agreed per question and per shopper."""

import pandas as pd
import streamlit as st

from audits.accounts.access import scope_for
from audits.reads.directory import store_directory
from audits.records.db import transaction
from audits.records.standards import list_standard_versions
from audits.visits.calibration import (
    Exercise,
    ExerciseRejected,
    close_exercise,
    create_exercise,
    exercise_results,
    invitable_shoppers,
    list_exercises,
)
from audits.visits.exercise_material import MAX_RECORDING, MaterialRejected, material_file
from locales import fmt_date, fmt_number, fmt_percent
from pages.auth import require
from pages.dash_parts import localized
from pages.ui import engine, language, local_today, local_zone, plain, show_table, t
from scoring.calibration import UNCLEAR_BELOW, item_agreement, shopper_deviations
from standards import text_in

person = require("run_calibration")
lang = language()
st.title(t("calib.title"))
st.caption(t("calib.intro"))
with engine().connect() as conn:
    versions = {
        v.id: text_in(v.title, lang) for v in list_standard_versions(conn, latest_only=True)
    }
    shoppers = invitable_shoppers(conn, person)
    stores = store_directory(conn, scope_for(conn, person, "run_calibration"), active_only=True)
    exercises = list_exercises(conn, person)
store_names = dict(zip(stores["store_id"], stores["name"], strict=True))

with st.expander(t("calib.new"), expanded=not exercises), st.form("new-exercise"):
    title = st.text_input(t("calib.name"), max_chars=200, key="calib-title")
    version = st.selectbox(
        t("col.standard"), list(versions), format_func=versions.get, index=None,
        placeholder=t("ui.choose"), key="calib-standard",
    )  # fmt: skip
    store = st.selectbox(
        t("calib.store"), list(store_names), format_func=store_names.get, index=None,
        placeholder=t("ui.choose"), help=t("calib.store_help"), key="calib-store",
    )  # fmt: skip
    material = st.text_area(
        t("calib.material"), max_chars=5000, help=t("calib.material_help"), key="calib-material"
    )
    upload = st.file_uploader(
        t("calib.material_file"),
        type=["jpg", "jpeg", "png", "webp", "mp3", "m4a", "wav", "ogg"],
        max_upload_size=MAX_RECORDING // (1024 * 1024),
        help=t("calib.material_file_help"),
        key="calib-file",
    )
    invited = st.multiselect(
        t("calib.shoppers"), list(shoppers), format_func=shoppers.get,
        placeholder=t("ui.choose"), key="calib-shoppers",
    )  # fmt: skip
    if st.form_submit_button(t("calib.create"), type="primary"):
        if version is None or store is None:
            st.error(t("calib.choose_standard_store"))
        else:
            try:
                attached = material_file(upload.name, upload.getvalue()) if upload else None
                with transaction(engine()) as conn:
                    create_exercise(
                        conn, person, title=title, standard_version_id=version,
                        store_id=store, material=material, shopper_ids=invited,
                        today=local_today(), material_file=attached,
                    )  # fmt: skip
            except (ExerciseRejected, MaterialRejected) as problem:
                st.error(t(f"calib.{problem.code}"))
            else:
                st.success(t("calib.created", count=len(invited)))
                st.rerun()


def _state(exercise: Exercise) -> str:
    if exercise.closed_at is None:
        return t("calib.open", done=exercise.submitted, invited=exercise.invited)
    day = fmt_date(exercise.closed_at.astimezone(local_zone()).date(), lang)
    return t("calib.closed", day=day, done=exercise.submitted, invited=exercise.invited)


if not exercises:
    st.info(t("calib.none"))
    st.stop()
show_table(
    pd.DataFrame(
        {
            "title": [e.title for e in exercises],  # a table cell shows text as typed
            "standard": [text_in(e.standard_title, lang) for e in exercises],
            "state": [_state(e) for e in exercises],
        }
    ),
    column_config={
        "title": t("calib.name"),
        "standard": t("col.standard"),
        "state": t("calib.state"),
    },
)

running = {e.id: e.title for e in exercises if e.closed_at is None}
if running:
    with st.form("close-exercise"):
        chosen = st.selectbox(t("calib.close_which"), list(running), format_func=running.get)
        if st.form_submit_button(t("calib.close")):
            with transaction(engine()) as conn:
                close_exercise(conn, person, chosen)
            st.rerun()

closed = [e for e in exercises if e.closed_at is not None and e.submitted]
st.header(t("calib.results"))
if not closed:
    st.info(t("calib.no_results"))
    st.stop()
by_id = {e.id: e for e in closed}
first = closed[0]
shown = st.multiselect(
    t("calib.results_of"),
    [e.id for e in closed if e.standard_id == first.standard_id],
    default=[first.id],
    format_func=lambda i: by_id[i].title,
    help=t("calib.results_of_help"),
    placeholder=t("ui.choose"),
)
if not shown:
    st.stop()
with st.spinner(t("calib.computing")), engine().connect() as conn:
    standard, answers, scores, names = exercise_results(conn, person, shown)
items = item_agreement(standard, answers)
texts = {item.id: text_in(item.text, lang) for item in standard.items()}
guidance = {
    item.id: text_in(item.guidance, lang) if item.guidance else "" for item in standard.items()
}
st.caption(t("calib.figures_one") if len(shown) == 1 else t("calib.figures_many", count=len(shown)))
st.caption(t("calib.figures_help"))


def _figure(frame: pd.DataFrame, name: str, percent: bool = False) -> list[str]:
    """A figure with its 90 % range in one cell, "0,78 (0,12 – 1,00)"; a dash where it
    cannot be computed (AC1 of a number, alpha of a single exercise)."""

    def shown(value: float) -> str:
        return fmt_percent(value, lang, 0) if percent else fmt_number(value, lang, 2)

    cells = []
    for value, low, high in zip(
        frame[name], frame[f"{name}_low"], frame[f"{name}_high"], strict=True
    ):
        if value != value:
            cells.append("–")
        elif low != low:
            cells.append(shown(value))
        else:
            cells.append(f"{shown(value)} ({shown(low)} – {shown(high)})")
    return cells


table = pd.DataFrame(
    {
        "question": [texts.get(i, i) for i in items["item_id"]],
        "raters": items["raters"],
        "agreement": _figure(items, "agreement", percent=True),
        "ac1": _figure(items, "ac1"),
        "alpha": _figure(items, "alpha"),
    }
)
show_table(
    table,
    column_config={
        "question": t("col.question"),
        "raters": t("calib.raters"),
        "agreement": st.column_config.TextColumn(
            t("calib.agreement"), help=t("calib.agreement_help")
        ),
        "ac1": st.column_config.TextColumn("AC1", help=t("calib.ac1_help")),
        "alpha": st.column_config.TextColumn("Alpha", help=t("calib.alpha_help")),
    },
    key="calib-items",
)

unclear = items[items["unclear"]]
st.header(t("calib.unclear", threshold=fmt_number(UNCLEAR_BELOW, lang, 1)))
if unclear.empty:
    st.success(t("calib.all_clear"))
for item_id in unclear["item_id"]:
    with st.container(border=True):
        st.markdown(f"**{plain(texts.get(item_id, item_id))}**")
        st.caption(
            t("calib.guidance", text=plain(guidance[item_id]))
            if guidance.get(item_id)
            else t("calib.no_guidance")
        )

st.header(t("calib.per_shopper"))
deviations = shopper_deviations(standard, answers, scores)
show_table(
    localized(
        deviations.assign(
            shopper=[names.get(s, str(s)) for s in deviations["shopper_id"]],
            differ_share=deviations["differ_share"] * 100,
        )[["shopper", "items", "differs", "differ_share", "score_vs_median"]],
        lang,
        {"differ_share": "pct", "score_vs_median": "signed"},
    ),
    column_config={
        "shopper": t("calib.raters"),
        "items": t("calib.compared"),
        "differs": t("calib.differs"),
        "differ_share": st.column_config.NumberColumn(t("calib.differ_share")),
        "score_vs_median": st.column_config.NumberColumn(
            t("calib.score_vs_median"), help=t("calib.score_vs_median_help")
        ),
    },
    key="calib-shopper-table",
)
