"""My account: who I am, my roles, and a new password."""

import streamlit as st

from audits.accounts.passwords import MAX_LENGTH, MIN_LENGTH, PasswordTooWeak
from audits.accounts.people import set_password
from audits.accounts.sessions import confirm_password
from audits.records.db import transaction
from pages.auth import require
from pages.ui import engine, password_refused, plain, t

person = require("use_account")
st.title(t("account.title"))
st.markdown(f"**{plain(person.full_name)}** · {plain(person.username)}")
st.caption(", ".join(t(f"role.{role}") for role in person.roles))

with st.form("password", clear_on_submit=True):
    st.header(t("account.password"))
    current = st.text_input(t("account.current"), type="password")
    new = st.text_input(
        t("account.new", min=MIN_LENGTH),
        type="password",
        max_chars=MAX_LENGTH,
        help=t("password.help", min=MIN_LENGTH),
    )
    again = st.text_input(t("account.again"), type="password")
    changed = st.form_submit_button(t("account.change"), type="primary")

if changed:
    if new != again:
        st.error(t("account.mismatch"))
    else:
        try:
            with transaction(engine()) as conn:
                checked = confirm_password(conn, person, current)
                if checked.wait:
                    seconds = max(1, round(checked.wait.total_seconds()))
                    st.error(t("auth.wait", seconds=seconds))
                elif checked.person is None:
                    st.error(t("account.wrong_current"))
                else:
                    # Ends every session, this one too: the person logs in with the new one.
                    set_password(conn, person.username, new)
                    st.success(t("account.changed"))
        except PasswordTooWeak as error:
            st.error(password_refused(error))
