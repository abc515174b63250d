"""The logged-in person of this browser session, and the role check every page starts with."""

import html

import streamlit as st

from audits.access import CHAIN_WIDE
from audits.db import transaction
from audits.models import Person, Role
from audits.repo_sessions import person_for_email, session_person
from pages.ui import engine, t

COOKIE = "ma_session"  # the name server.py sets
# Plain HTML buttons (log-in, log-out) look like Streamlit's secondary buttons.
BUTTON_STYLE = (
    "font: inherit; font-size: .9rem; padding: .35rem .9rem; border-radius: .5rem;"
    "border: 1px solid rgba(49, 51, 63, .25); background: white; cursor: pointer;"
)


def cookie_token() -> str | None:
    """The session token the browser sent with this connection (HttpOnly, set by server.py)."""
    return st.context.cookies.get(COOKIE)


def current_person() -> Person | None:
    """Looked up again on every run, so a disabled user or an ended session stops at once."""
    with transaction(engine()) as conn:
        person = session_person(conn, cookie_token())
        if person is None and _sso_email():
            person = person_for_email(conn, _sso_email() or "")
    return person


def sso_configured() -> bool:
    """Single sign-on is optional: on when `.streamlit/secrets.toml` has an [auth] section."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


def _sso_email() -> str | None:
    # The identity provider's e-mail, matched to an active account (repo_sessions).
    if not sso_configured() or not st.user.get("is_logged_in"):
        return None
    email = st.user.get("email")
    return str(email) if email else None


def require(*roles: Role) -> Person:
    """The current person if they hold one of `roles`; otherwise a message, and the page stops.

    Navigation already hides pages a person may not open; this check also stops a typed URL.
    """
    person = st.session_state.get("person")
    if not isinstance(person, Person) or not person.has_role(*roles):
        st.error(t("auth.forbidden"))
        st.stop()
    return person


def sees_results(person: Person) -> bool:
    return person.has_role(*CHAIN_WIDE, "regional_manager", "store_manager")


def logout_form() -> None:
    """A log-out button: a POST form to server.py, which ends the session and the cookie."""
    label = html.escape(t("auth.logout"))
    st.sidebar.html(
        '<form method="post" action="/auth/logout" style="margin:0">'
        f'<button type="submit" style="{BUTTON_STYLE}">{label}</button></form>'
    )
