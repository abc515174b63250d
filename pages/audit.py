"""Admin: the audit trail, filtered by visit or by person, as readable text in the reader's
language and time zone."""

import streamlit as st

from audits.accounts.people import people_frame
from audits.visits.trail import audit_frame, readable_trail, trail_names
from pages.auth import require
from pages.ui import engine, language, local_zone, show_table, t

admin = require("administer")
st.title(t("audit.title"))
with engine().connect() as conn:
    people = people_frame(conn, admin)
names = dict(zip(people["id"], people["full_name"] + " (" + people["username"] + ")", strict=True))
cols = st.columns(2)
visit_id = cols[0].text_input(t("audit.visit"), max_chars=36).strip() or None
person_id = cols[1].selectbox(
    t("audit.person"),
    list(names),
    format_func=names.__getitem__,
    index=None,
    placeholder=t("ui.choose"),
)
zone = local_zone()
with engine().connect() as conn:
    trail = readable_trail(
        audit_frame(conn, visit_id=visit_id, person_id=person_id),
        language(),
        zone,
        trail_names(conn),
    )
st.caption(t("audit.count", count=len(trail)))
show_table(
    trail,
    column_config={
        "at": t("audit.at_zone", zone=zone.key),
        "person": t("audit.person"),
        "entity": t("audit.entity"),
        "item": t("audit.item"),
        "action": t("audit.action"),
        "change": st.column_config.TextColumn(t("audit.change"), width="large"),
    },
)
