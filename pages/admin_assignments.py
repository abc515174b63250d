"""Admin: assignments for one store, or for every store of a region in one go."""

import datetime as dt

import streamlit as st

from audits.accounts.access import can, scope_for
from audits.accounts.people import list_people
from audits.reads.directory import store_directory
from audits.records.db import transaction
from audits.records.stores import list_regions
from audits.visits.assignments import (
    AssignmentRejected,
    assignments_frame,
    cancel_assignment,
    create_assignments,
    region_store_ids,
    standard_choices,
)
from locales import fmt_date
from pages.auth import require
from pages.ui import (
    date_format,
    engine,
    language,
    local_today,
    local_zone,
    show_table,
    t,
    texts_of,
)
from standards import text_in

admin = require("administer")


def _local_day(registered: dt.datetime) -> dt.date:
    """The reader's day of a registration stored in UTC."""
    return registered.replace(tzinfo=dt.UTC).astimezone(local_zone()).date()


lang = language()
st.title(t("admin.assign.title"))
with engine().connect() as conn:
    # By title, version number and day, never by the version's hash (it means nothing to anyone).
    versions = {
        choice.id: t(
            "admin.assign.standard_label",
            title=text_in(choice.title, lang),
            number=choice.number,
            date=fmt_date(_local_day(choice.registered), lang),
        )
        for choice in standard_choices(conn)
    }
    shoppers = {
        p.id: f"{p.full_name} ({p.username})"
        for p in list_people(conn, admin)
        if p.active and can(p, "fill_visits")
    }
    stores = store_directory(conn, scope_for(conn, admin, "administer"), active_only=True)
    regions = {region.id: region.name for region in list_regions(conn)}
store_names = dict(zip(stores["store_id"], stores["store_id"] + " " + stores["name"], strict=True))
today = local_today()


def _common(prefix: str) -> tuple:
    version = st.selectbox(
        t("col.standard"),
        list(versions),
        format_func=versions.get,
        key=f"{prefix}-std",
        index=None,
        placeholder=t("ui.choose"),
    )
    start = st.date_input(
        t("admin.assign.start"),
        value=today,
        key=f"{prefix}-start",
        format=date_format(),
    )
    end = st.date_input(
        t("admin.assign.end"),
        value=today + dt.timedelta(days=14),
        key=f"{prefix}-end",
        format=date_format(),
    )
    scenario = st.text_area(t("shopper.scenario"), key=f"{prefix}-scenario", max_chars=2000)
    notes = st.text_area(t("shopper.notes"), key=f"{prefix}-notes", max_chars=2000)
    return version, start, end, scenario, notes


def _create(store_ids: list[str], shopper_ids: list[int], common: tuple) -> None:
    version, start, end, scenario, notes = common
    if version is None:
        st.error(t("assign.no_standard"))
        return
    try:
        with transaction(engine()) as conn:
            made = create_assignments(
                conn,
                store_ids=store_ids,
                standard_version_id=version,
                shopper_ids=shopper_ids,
                window_start=start,
                window_end=end,
                scenario=scenario,
                notes=notes,
                by=admin.id,
            )
        st.success(t("admin.assign.created", count=len(made)))
    except AssignmentRejected as error:
        st.error(t(f"assign.{error.code}", ids=error.detail))


one, bulk = st.tabs([t("admin.assign.one"), t("admin.assign.region")])
with one, st.form("assign-one"):
    # Nothing is pre-chosen, so a hasty click cannot assign the first store to the first shopper.
    store = st.selectbox(
        t("col.store"),
        list(store_names),
        format_func=store_names.get,
        index=None,
        placeholder=t("ui.choose"),
    )
    shopper = st.selectbox(
        t("admin.assign.shopper"),
        list(shoppers),
        format_func=shoppers.get,
        index=None,
        placeholder=t("ui.choose"),
    )
    common = _common("one")
    if st.form_submit_button(t("admin.assign.create"), type="primary"):
        _create([store] if store else [], [shopper] if shopper else [], common)
with bulk, st.form("assign-region"):
    region = st.selectbox(
        t("col.region"),
        list(regions),
        format_func=regions.get,
        key="bulk-region",
        index=None,
        placeholder=t("ui.choose"),
    )
    chosen = st.multiselect(
        t("admin.assign.shoppers"),
        list(shoppers),
        format_func=shoppers.get,
        help=t("admin.assign.shoppers_help"),
        key="bulk-shoppers",
        placeholder=t("ui.choose"),
    )
    common = _common("bulk")
    if st.form_submit_button(t("admin.assign.create_region"), type="primary"):
        with engine().connect() as conn:
            region_stores = region_store_ids(conn, region) if region else []
        _create(region_stores, chosen, common)

with engine().connect() as conn:
    table = assignments_frame(conn)
    table["title"] = [text_in(title, lang) for title in table["title"]]
st.header(t("admin.assign.list", count=len(table)))
table["status"] = table["status"].map(lambda s: t(f"assignment.{s}"))
table["visit_status"] = texts_of(table["visit_status"], "status")
open_ids = [int(i) for i in table.loc[table["cancellable"], "id"]]
show_table(
    table,
    column_config={
        "id": t("col.id"),
        "store_id": None,
        "store_name": t("col.store"),
        "region": t("col.region"),
        "title": t("col.standard"),
        "version": None,
        "shopper": t("admin.assign.shopper"),
        "window_start": st.column_config.DateColumn(t("admin.assign.start")),
        "window_end": st.column_config.DateColumn(t("admin.assign.end")),
        "status": t("col.status"),
        "visit_status": t("admin.assign.visit"),
        "cancellable": None,
    },
)
with st.form("cancel"):
    to_cancel = st.selectbox(
        t("admin.assign.cancel_which"), open_ids, index=None, placeholder=t("ui.choose")
    )
    if st.form_submit_button(t("admin.assign.cancel")) and to_cancel is not None:
        with transaction(engine()) as conn:
            ok = cancel_assignment(conn, to_cancel)
        if ok:
            st.success(t("admin.assign.cancelled"))
        else:
            st.error(t("admin.assign.not_cancelled"))
