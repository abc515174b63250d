"""Admin: data-subject requests for one staff member or user: export everything stored
about them, or erase them (docs/privacy.md). The command line does the same
(`mystery-audit privacy`)."""

import streamlit as st

from audits.records.db import transaction
from audits.visits.privacy import (
    UnknownSubject,
    erase_staff,
    erase_user,
    export_json,
    export_staff,
    export_user,
)
from pages.auth import require
from pages.files import download_link
from pages.ui import engine, plain, t

admin = require("administer")
st.title(t("privacy.title"))
st.caption(t("privacy.intro"))
kinds = {"staff": t("privacy.staff"), "user": t("privacy.user")}
kind = st.radio(t("privacy.who"), list(kinds), format_func=kinds.get, horizontal=True)
subject = st.text_input(
    t("privacy.staff_id") if kind == "staff" else t("privacy.username"), key="privacy-subject"
).strip()
if not subject:
    st.stop()

export_tab, erase_tab = st.tabs([t("privacy.export"), t("privacy.erase")])
with export_tab:
    # Made on request only: every export is written to the audit trail.
    if st.button(t("privacy.prepare"), key="privacy-prepare"):
        try:
            with transaction(engine()) as conn:
                found = (
                    export_staff(conn, admin, subject)
                    if kind == "staff"
                    else export_user(conn, admin, subject)
                )
        except UnknownSubject:
            st.error(t("privacy.unknown", subject=plain(subject)))
        else:
            records = sum(len(rows) for name, rows in found.items() if name != "subject")
            st.caption(t("privacy.found", count=records))
            download_link(
                t("privacy.download"),
                export_json(found),
                f"privacy-{kind}-{subject}.json",
                "application/json",
                key="privacy-download",
            )
with erase_tab:
    st.warning(t("privacy.erase_warning"))
    sure = st.checkbox(t("privacy.erase_confirm", subject=plain(subject)), key="privacy-sure")
    if st.button(t("privacy.erase_button"), disabled=not sure, type="primary"):
        try:
            with transaction(engine()) as conn:
                if kind == "staff":
                    erase_staff(conn, admin, subject)
                else:
                    erase_user(conn, admin, subject)
        except UnknownSubject:
            st.error(t("privacy.unknown", subject=plain(subject)))
        else:
            st.success(t("privacy.erased", subject=plain(subject)))
