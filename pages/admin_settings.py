"""Admin: organisation settings (dispute period, how staff appear) and the works-council
agreement that staff figures need, with the roles that may see them."""

import streamlit as st

from audits.accounts.access import STAFF_ROLES_DEFAULT, roles_that_can
from audits.records.db import transaction
from audits.records.settings import (
    DISPUTE_DAYS,
    MAX_REFERENCE,
    RETAIN_PHOTO_MONTHS,
    RETAIN_STAFF_MONTHS,
    STAFF_MIN_GROUP,
    StaffAgreement,
    dispute_days,
    get_number,
    get_staff_agreement,
    get_staff_display,
    get_staff_min_group,
    get_staff_roles,
    set_dispute_days,
    set_number,
    set_staff_agreement,
    set_staff_display,
    set_staff_min_group,
    set_staff_roles,
)
from audits.records.tables import STAFF_DISPLAYS
from audits.visits.trail import record
from locales import fmt_date
from pages.auth import require
from pages.ui import date_format, engine, language, local_today, plain, t

admin = require("administer")
st.title(t("settings.title"))
with engine().connect() as conn:
    days, display = dispute_days(conn), get_staff_display(conn)
    group = get_staff_min_group(conn)
    keep_staff = get_number(conn, RETAIN_STAFF_MONTHS)
    keep_photos = get_number(conn, RETAIN_PHOTO_MONTHS)
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
    new_keep_staff = st.number_input(
        t("settings.retain_staff"),
        RETAIN_STAFF_MONTHS.low,
        RETAIN_STAFF_MONTHS.high,
        value=keep_staff,
        step=1,
        help=t("settings.retain_staff_help"),
    )
    new_keep_photos = st.number_input(
        t("settings.retain_photos"),
        RETAIN_PHOTO_MONTHS.low,
        RETAIN_PHOTO_MONTHS.high,
        value=keep_photos,
        step=1,
    )
    if st.form_submit_button(t("settings.save"), type="primary"):
        with transaction(engine()) as conn:
            set_dispute_days(conn, int(new_days))
            set_staff_display(conn, new_display)
            set_staff_min_group(conn, int(new_group))
            set_number(conn, RETAIN_STAFF_MONTHS, int(new_keep_staff), "months")
            set_number(conn, RETAIN_PHOTO_MONTHS, int(new_keep_photos), "months")
            record(
                conn,
                admin.id,
                "settings",
                "organisation",
                "change",
                {
                    "dispute_days": days,
                    "staff_display": display,
                    "staff_min_group": group,
                    "retain_staff_months": keep_staff,
                    "retain_photo_months": keep_photos,
                },
                {
                    "dispute_days": int(new_days),
                    "staff_display": new_display,
                    "staff_min_group": int(new_group),
                    "retain_staff_months": int(new_keep_staff),
                    "retain_photo_months": int(new_keep_photos),
                },
            )
        st.success(t("settings.saved"))

st.subheader(t("settings.council"))
st.caption(t("settings.council_help"))
with engine().connect() as conn:
    agreement, staff_roles = get_staff_agreement(conn), get_staff_roles(conn)
if agreement is None:
    st.warning(t("settings.council_missing"))
else:
    st.success(
        t(
            "settings.council_recorded",
            day=fmt_date(agreement.signed_on, language()),
            reference=plain(agreement.reference),
        )
    )
with st.form("council"):
    signed_on = st.date_input(
        t("settings.council_signed"),
        value=agreement.signed_on if agreement else None,
        max_value=local_today(),
        format=date_format(),
        key="council-signed",
    )
    reference = st.text_input(
        t("settings.council_reference"),
        value=agreement.reference if agreement else "",
        max_chars=MAX_REFERENCE,
        key="council-reference",
    )
    may_see = roles_that_can("see_staff")
    chosen_roles = st.multiselect(
        t("settings.staff_roles"),
        may_see,
        default=[
            role
            for role in (STAFF_ROLES_DEFAULT if staff_roles is None else staff_roles)
            if role in may_see
        ],
        format_func=lambda role: t(f"role.{role}"),
        help=t("settings.staff_roles_help"),
        key="council-roles",
    )
    record_it = st.form_submit_button(t("settings.council_save"), type="primary")
    withdraw = agreement is not None and st.form_submit_button(t("settings.council_withdraw"))
if record_it:
    if signed_on is None or not reference.strip():
        st.error(t("settings.council_incomplete"))
    else:
        new = StaffAgreement(signed_on, reference.strip())
        with transaction(engine()) as conn:
            set_staff_agreement(conn, new)
            set_staff_roles(conn, tuple(chosen_roles))
            record(
                conn, admin.id, "settings", "staff_agreement", "record",
                None if agreement is None else agreement._asdict(),
                {**new._asdict(), "roles": list(chosen_roles)},
            )  # fmt: skip
        st.rerun()
if withdraw:
    with transaction(engine()) as conn:
        set_staff_agreement(conn, None)
        record(
            conn, admin.id, "settings", "staff_agreement", "withdraw",
            agreement._asdict() if agreement else None, None,
        )  # fmt: skip
    st.rerun()
