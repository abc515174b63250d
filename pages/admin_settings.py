"""Admin: organisation settings (dispute period, how staff appear)."""

import streamlit as st

from audits.records.db import transaction
from audits.records.settings import (
    DISPUTE_DAYS,
    STAFF_MIN_GROUP,
    dispute_days,
    get_staff_display,
    get_staff_min_group,
    set_dispute_days,
    set_staff_display,
    set_staff_min_group,
)
from audits.records.tables import STAFF_DISPLAYS
from audits.visits.trail import record
from pages.auth import require
from pages.ui import engine, t

admin = require("administer")
st.title(t("settings.title"))
with engine().connect() as conn:
    days, display = dispute_days(conn), get_staff_display(conn)
    group = get_staff_min_group(conn)
with st.form("settings"):
    new_days = st.number_input(
        t("settings.dispute_days"), DISPUTE_DAYS.low, DISPUTE_DAYS.high, value=days, step=1
    )
    new_display = st.radio(
        t("settings.staff_display"),
        STAFF_DISPLAYS,
        index=STAFF_DISPLAYS.index(display),
        format_func={value: t(f"settings.staff.{value}") for value in STAFF_DISPLAYS}.__getitem__,
    )
    new_group = st.number_input(
        t("settings.staff_min_group"),
        STAFF_MIN_GROUP.low,
        STAFF_MIN_GROUP.high,
        value=group,
        step=1,
        help=t("settings.group_help"),
    )
    if st.form_submit_button(t("settings.save"), type="primary"):
        with transaction(engine()) as conn:
            set_dispute_days(conn, int(new_days))
            set_staff_display(conn, new_display)
            set_staff_min_group(conn, int(new_group))
            record(
                conn,
                admin.id,
                "settings",
                "organisation",
                "change",
                {"dispute_days": days, "staff_display": display, "staff_min_group": group},
                {
                    "dispute_days": int(new_days),
                    "staff_display": new_display,
                    "staff_min_group": int(new_group),
                },
            )
        st.success(t("settings.saved"))
