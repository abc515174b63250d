"""Admin: the audit trail, filtered by visit or by person."""

import streamlit as st

from audits.accounts.people import people_frame
from audits.visits.trail import audit_frame
from pages.auth import require
from pages.ui import engine, show_table, t

admin = require("administer")
st.title(t("audit.title"))
with engine().connect() as conn:
    people = people_frame(conn, admin)
names = dict(zip(people["id"], people["username"], strict=True))
cols = st.columns(2)
visit_id = cols[0].text_input(t("audit.visit"), max_chars=36).strip() or None
person_id = cols[1].selectbox(
    t("audit.person"),
    list(names),
    format_func=names.__getitem__,
    index=None,
    placeholder=t("ui.choose"),
)
with engine().connect() as conn:
    trail = audit_frame(conn, visit_id=visit_id, person_id=person_id)
st.caption(t("audit.count", count=len(trail)))
show_table(
    trail,
    column_config={
        "at": st.column_config.DatetimeColumn(t("audit.at"), format="DD.MM.YYYY HH:mm"),
        "username": t("audit.person"),
        "entity": t("audit.entity"),
        "entity_id": t("col.id"),
        "action": t("audit.action"),
        "before": t("audit.before"),
        "after": t("audit.after"),
    },
)
