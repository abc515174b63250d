"""First page: the standards in use and the stores of the chain."""

import streamlit as st

from audits.access import CHAIN_WIDE
from audits.catalog import list_standards, list_stores
from pages.auth import require
from pages.ui import engine, language, t

person = require("admin", "reviewer", "trainer", "regional_manager", "store_manager")

st.title(t("home.title"))
st.caption(t("home.intro") if not person.has_role(*CHAIN_WIDE) else t("home.intro_chain"))

standards = list_standards(engine(), language())
st.subheader(t("home.standards"))
if standards.empty:
    st.info(t("home.no_standards"))
else:
    standards["channel"] = standards["channel"].map(lambda channel: t(f"channel.{channel}"))
    st.dataframe(
        standards,
        hide_index=True,
        column_config={
            "title": t("col.standard"),
            "standard_id": t("col.id"),
            "channel": t("col.channel"),
            "sections": t("col.sections"),
            "items": t("col.items"),
            "version": t("col.version"),
        },
    )

stores = list_stores(engine(), person)
st.subheader(t("home.stores", count=len(stores)))
if stores.empty:
    st.info(t("home.no_stores"))
else:
    st.dataframe(
        stores,
        hide_index=True,
        column_config={
            "store_id": t("col.id"),
            "name": t("col.store"),
            "region": t("col.region"),
            "city": t("col.city"),
            "staff": t("col.staff"),
            "visits": t("col.visits"),
        },
    )
