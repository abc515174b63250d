"""Excel gap report: the sidebar's period, regions and standard, a store choice, then the
workbook built with a progress bar and offered for download (docs/report.md)."""

import io
import logging

import streamlit as st

from audits.reads.report import ReportError, ReportFilters, read_report, report_scopes
from locales import fmt_number
from pages.auth import require
from pages.dash import load_view, period_caption
from pages.files import download_link
from pages.ui import engine, language, t
from scoring.report import report_file_name, write_report

logger = logging.getLogger(__name__)
person = require("export_report")
lang = language()
st.title(t("xlsx.page.title"))
view = load_view(person)
st.caption(period_caption(view, compare=False))
st.write(t("xlsx.page.intro"))

# The report may cover fewer stores than the dashboards: only the roles that may export
# it count (a reviewer who also manages a store exports only that store).
export_scope, staff_scope = report_scopes(engine(), person)
mine = view.stores[[export_scope.allows(s) for s in view.stores["store_id"]]]
names = dict(zip(mine["store_id"], mine["name"], strict=True))
chosen = st.multiselect(
    t("xlsx.chosen.stores"),
    list(names),
    format_func=lambda store_id: f"{names[store_id]} ({store_id})",
    placeholder=t("xlsx.all.stores"),
    key="report-stores",
)
filters = ReportFilters(
    period=view.filters.period,
    regions=tuple(r for r in view.filters.regions if r in set(mine["region_id"])),
    stores=tuple(chosen),
    standards=view.standard_ids or (),
)
made = st.session_state.get("report_file")
if made and made["filters"] != (filters, lang):
    made = None

if st.button(t("xlsx.page.make"), type="primary", icon=":material/table_view:"):
    made = None
    try:
        with st.spinner(t("dash.loading")):
            data = read_report(engine(), export_scope, staff_scope, filters)
    except ReportError:
        # The choices come from the reader's own scope, so this means the data changed.
        st.error(t("xlsx.page.changed"))
        st.stop()
    bar = st.progress(0.0, text=t("xlsx.page.writing"))
    buffer = io.BytesIO()
    try:
        write_report(data, lang, buffer, progress=lambda share, label: bar.progress(share, label))
    except Exception:
        logger.exception("the gap report could not be made")
        bar.empty()
        st.error(t("xlsx.page.failed"))
        st.stop()
    bar.empty()
    made = {
        "filters": (filters, lang),
        "bytes": buffer.getvalue(),
        "name": report_file_name(filters.period, lang),
        "visits": len(data.visits),
        "stores": len(data.stores),
    }
    st.session_state["report_file"] = made

if made:
    st.success(
        t(
            "xlsx.page.ready",
            visits=fmt_number(made["visits"], lang, 0),
            stores=fmt_number(made["stores"], lang, 0),
        )
    )
    download_link(
        t("xlsx.page.download", name=made["name"]),
        made["bytes"],
        made["name"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
