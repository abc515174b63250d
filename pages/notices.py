"""My notices: returned visits, new results, dispute decisions, new disputes."""

import streamlit as st

from audits.db import transaction
from audits.repo_notices import mark_read, unread_notices
from locales import fmt_date
from pages.auth import require
from pages.ui import engine, language, local_zone, plain, t

person = require("admin", "shopper", "reviewer", "regional_manager", "store_manager", "trainer")
lang = language()
st.title(t("notices.title"))
with engine().connect() as conn:
    notices = unread_notices(conn, person)
if notices.empty:
    st.info(t("notices.none"))
    st.stop()
for row in notices.itertuples():
    when = fmt_date(row.created_at.astimezone(local_zone()), lang)
    st.markdown(f"- {t('notice.' + row.kind, store=plain(row.store or '–'))} · {when}")
if st.button(t("notices.read"), type="primary"):
    with transaction(engine()) as conn:
        mark_read(conn, person)
    st.rerun()
