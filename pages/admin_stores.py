"""Admin: stores and staff, uploaded as CSV/XLSX through the command line's importers."""

import streamlit as st

from audits.accounts.access import scope_for
from audits.importers import ImportRejected, import_staff, import_stores
from audits.importers.uploads import MAX_SHEET_BYTES, SHEET_SUFFIXES, import_upload
from audits.reads.directory import store_directory
from pages.auth import require
from pages.ui import engine, show_table, t

person = require("administer")
st.title(t("admin.stores.title"))

for kind, importer in (("stores", import_stores), ("staff", import_staff)):
    st.header(t(f"admin.stores.upload_{kind}"))
    st.caption(t(f"admin.stores.columns_{kind}"))
    upload = st.file_uploader(
        t(f"admin.stores.file_{kind}"),
        type=[suffix.lstrip(".") for suffix in SHEET_SUFFIXES],
        key=f"upload-{kind}",
        max_upload_size=MAX_SHEET_BYTES // (1024 * 1024),
    )
    if upload is not None and st.button(t("admin.stores.import"), key=f"import-{kind}"):
        try:
            with st.spinner(t("admin.stores.importing")):
                result = import_upload(
                    engine(), importer, upload.name, upload.getvalue(), person.id
                )
            st.success(
                t(
                    "admin.stores.imported",
                    added=result.added,
                    updated=result.updated,
                    unchanged=result.unchanged,
                )
            )
        except ImportRejected as rejected:
            st.error(t("admin.stores.rejected", count=len(rejected.errors)))
            st.code("\n".join(rejected.errors), language=None)

with engine().connect() as conn:
    stores = store_directory(conn, scope_for(conn, person, "administer"))
st.header(t("home.stores", count=len(stores)))
show_table(
    stores,
    column_config={
        "store_id": t("col.id"),
        "name": t("col.store"),
        "region_id": None,
        "region_name": t("col.region"),
        "city": t("col.city"),
        "district": t("col.district"),
        "address": t("col.address"),
        "active": t("col.active"),
    },
)
