"""The log-in page: a plain HTML form posting to server.py's /auth/login."""

import html

import streamlit as st

from audits.accounts.sessions import TYPED_NAME_COOKIE
from audits.importers.demo import DEMO_SETTING
from audits.records.settings import get_setting
from pages.auth import sso_configured
from pages.ui import engine, language, language_switch, plain, t

NOTICES = {"failed": "auth.failed", "wait": "auth.wait", "out": "auth.logged_out"}

language_switch(st.container())
st.title(t("auth.title"))
st.caption(t("auth.intro"))
notice = st.query_params.get("login")
if notice == "failed":
    st.error(t("auth.failed"))
elif notice == "wait":
    seconds = st.query_params.get("seconds", "")
    # Only a number from the URL reaches the text: a crafted link cannot add markup.
    st.warning(t("auth.wait", seconds=int(seconds) if seconds.isdecimal() else 60))
elif notice == "out":
    st.info(t("auth.logged_out"))

target = st.query_params.get("next", "")
typed = html.escape(st.context.cookies.get(TYPED_NAME_COOKIE, "")[:100])
focus = ("", " autofocus") if typed else (" autofocus", "")
fields = {
    "username": html.escape(t("auth.username")),
    "password": html.escape(t("auth.password")),
    "submit": html.escape(t("auth.submit")),
}
st.html(
    f"""
<form method="post" action="/auth/login" class="ma-login">
  <input type="hidden" name="lang" value="{html.escape(language())}">
  <input type="hidden" name="next" value="{html.escape(target)}">
  <label for="ma-user">{fields["username"]}</label>
  <input id="ma-user" name="username" value="{typed}" autocomplete="username"
         autocapitalize="none" required{focus[0]}>
  <label for="ma-pass">{fields["password"]}</label>
  <input id="ma-pass" name="password" type="password" autocomplete="current-password"
         required{focus[1]}>
  <button type="submit" class="ma-button">{fields["submit"]}</button>
</form>
<style>
  .ma-login {{ display: flex; flex-direction: column; gap: .4rem; max-width: 22rem; }}
  .ma-login input {{ font: inherit; padding: .55rem .7rem; border-radius: .5rem;
                     border: 1px solid rgba(49, 51, 63, .3); }}
  .ma-button {{ font: inherit; margin-top: .6rem; padding: .55rem 1rem; border: 0;
                border-radius: .5rem; background: #0f6e6e; color: white; cursor: pointer; }}
</style>
"""
)
if sso_configured():
    st.button(t("auth.sso"), on_click=st.login, icon=":material/key:")
    if st.user.get("is_logged_in"):
        # Signed in with the identity provider, but no active account has that e-mail.
        st.warning(t("auth.sso_unknown", email=plain(str(st.user.get("email") or "–"))))
        st.button(t("auth.logout"), on_click=st.logout)
with engine().connect() as conn:
    if get_setting(conn, DEMO_SETTING):
        st.caption(t("auth.demo_hint"))
