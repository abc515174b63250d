"""My notices: returned visits, new results, dispute decisions, new disputes."""

import streamlit as st

from audits.records.db import transaction
from audits.visits.notices import mark_read, unread_notices
from locales import fmt_date
from pages.auth import require
from pages.ui import EMPTY, engine, language, local_zone, plain, t

person = require("use_account")
lang = language()
st.title(t("notices.title"))
with engine().connect() as conn:
    notices = unread_notices(conn, person)
if not notices:
    st.info(t("notices.none"))
    st.stop()
for notice in notices:
    when = fmt_date(notice.created_at.astimezone(local_zone()), lang)
    store = plain(notice.store) if notice.store is not None else EMPTY
    st.markdown(f"- {t('notice.' + notice.kind, store=store)} · {when}")
if st.button(t("notices.read"), type="primary"):
    with transaction(engine()) as conn:
        mark_read(conn, person)
    st.rerun()
