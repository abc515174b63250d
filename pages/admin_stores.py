"""Admin: stores and staff, one at a time through a form or many as a CSV/XLSX upload; both
go through the importers' checks, and the upload has a template in the reader's language."""

import streamlit as st

from audits.accounts.access import scope_for
from audits.importers import ImportRejected, import_staff, import_stores
from audits.importers import staff as staff_import
from audits.importers import stores as stores_import
from audits.importers.headers import header, template
from audits.importers.result import Problem
from audits.importers.uploads import MAX_SHEET_BYTES, SHEET_SUFFIXES, import_upload
from audits.reads.directory import store_directory
from audits.records.db import transaction
from audits.records.stores import list_regions
from pages.auth import require
from pages.ui import engine, language, plain, show_table, t

person = require("administer")
lang = language()
st.title(t("admin.stores.title"))
with engine().connect() as conn:
    stores = store_directory(conn, scope_for(conn, person, "administer"))
    region_names = sorted(region.name for region in list_regions(conn))
store_names = dict(zip(stores["store_id"], stores["store_id"] + " " + stores["name"], strict=True))


def _problem(problem: Problem) -> str:
    """A form's problem in the reader's language, naming the field as the form labels it."""
    if problem.code is None or problem.field is None:
        return problem.message
    return t(f"import.error.{problem.code}", field=header(problem.field, lang), **problem.params)


def _upload(kind: str, importer, module) -> None:
    st.header(t(f"admin.stores.upload_{kind}"))
    st.caption(
        t(
            "admin.stores.columns_any",
            required=", ".join(header(column, lang) for column in module.REQUIRED),
            optional=", ".join(header(column, lang) for column in module.OPTIONAL),
        )
    )
    st.download_button(
        t("admin.stores.template"),
        data=template(module.COLUMNS, lang),
        file_name=t(f"admin.stores.template_file_{kind}"),
        mime="text/csv",
        help=t("admin.stores.template_help"),
        key=f"template-{kind}",
    )
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


def _add(kind: str, adder, cells: dict[str, str], name: str) -> None:
    try:
        with transaction(engine()) as conn:
            adder(conn, cells, by=person.id)
        st.success(t(f"admin.stores.added_{kind}", name=plain(name)))
    except ImportRejected as rejected:
        st.error(
            "  \n".join(
                [t("admin.stores.not_added"), *(plain(_problem(p)) for p in rejected.problems)]
            )
        )


_upload("stores", import_stores, stores_import)
with st.expander(t("admin.stores.add_store")), st.form("add-store", clear_on_submit=False):
    cells = {
        column: st.text_input(header(column, lang), key=f"store-{column}", max_chars=300)
        for column in ("store_id", "name")
    }
    cells["region"] = (
        st.selectbox(
            header("region", lang),
            region_names,
            index=None,
            accept_new_options=True,
            placeholder=t("admin.stores.region_choose"),
            key="store-region",
        )
        or ""
    )
    for column in ("city", "district", "address"):
        cells[column] = st.text_input(header(column, lang), key=f"store-{column}", max_chars=300)
    active = st.checkbox(header("active", lang), value=True, key="store-active")
    if st.form_submit_button(t("admin.stores.add"), type="primary"):
        cells["active"] = "true" if active else "false"
        _add("store", stores_import.add_store, cells, f"{cells['store_id']} {cells['name']}")

_upload("staff", import_staff, staff_import)
with st.expander(t("admin.stores.add_staff")), st.form("add-staff", clear_on_submit=False):
    staff_id = st.text_input(header("staff_id", lang), key="staff-staff_id", max_chars=100)
    store_id = st.selectbox(
        header("store_id", lang),
        list(store_names),
        format_func=store_names.get,
        index=None,
        placeholder=t("ui.choose"),
        key="staff-store_id",
    )
    display_name = st.text_input(
        header("display_name", lang), key="staff-display_name", max_chars=200
    )
    staff_active = st.checkbox(header("active", lang), value=True, key="staff-active")
    if st.form_submit_button(t("admin.stores.add"), type="primary"):
        staff_cells = {
            "staff_id": staff_id,
            "store_id": store_id or "",
            "display_name": display_name,
            "active": "true" if staff_active else "false",
        }
        _add("staff", staff_import.add_staff, staff_cells, display_name)

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
