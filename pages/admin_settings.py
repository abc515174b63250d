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
    Bounds,
    StaffAgreement,
    get_number,
    get_staff_agreement,
    get_staff_display,
    get_staff_roles,
    set_number,
    set_staff_agreement,
    set_staff_display,
    set_staff_roles,
)
from audits.records.tables import STAFF_DISPLAYS
from audits.visits.trail import record
from locales import fmt_date
from pages.auth import require
from pages.ui import date_format, engine, language, local_today, plain, t

admin = require("administer")
st.title(t("settings.title"))

# Whole-number settings: their bounds, label and help. Each Bounds key also names the value
# in the audit entry of a change.
NUMBERS: tuple[tuple[Bounds, str, str | None], ...] = (
    (DISPUTE_DAYS, "settings.dispute_days", None),
    (STAFF_MIN_GROUP, "settings.staff_min_group", "settings.group_help"),
    (RETAIN_STAFF_MONTHS, "settings.retain_staff", "settings.retain_staff_help"),
    (RETAIN_PHOTO_MONTHS, "settings.retain_photos", None),
)
with engine().connect() as conn:
    numbers = {bounds.key: get_number(conn, bounds) for bounds, _, _ in NUMBERS}
    display = get_staff_display(conn)


def _whole(bounds: Bounds, label: str, help_key: str | None) -> int:
    return int(
        st.number_input(
            t(label), bounds.low, bounds.high, value=numbers[bounds.key], step=1,
            help=t(help_key) if help_key else None,
        )
    )  # fmt: skip


with st.form("settings"):
    chosen = {DISPUTE_DAYS.key: _whole(*NUMBERS[0])}
    new_display = st.radio(
        t("settings.staff_display"),
        STAFF_DISPLAYS,
        index=STAFF_DISPLAYS.index(display),
        format_func={value: t(f"settings.staff.{value}") for value in STAFF_DISPLAYS}.__getitem__,
    )
    chosen |= {bounds.key: _whole(bounds, label, tip) for bounds, label, tip in NUMBERS[1:]}
    if st.form_submit_button(t("settings.save"), type="primary"):
        with transaction(engine()) as conn:
            for bounds, label, _ in NUMBERS:
                set_number(conn, bounds, chosen[bounds.key], t(label))
            set_staff_display(conn, new_display)
            record(
                conn, admin.id, "settings", "organisation", "change",
                {**numbers, "staff_display": display}, {**chosen, "staff_display": new_display},
            )  # fmt: skip
        st.success(t("settings.saved"))

st.header(t("settings.council"))
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
        placeholder=t("ui.choose"),
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
