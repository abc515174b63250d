"""The logged-in person of this browser session, and the role check every page starts with."""

import datetime as dt
import html
from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from sqlalchemy.engine import Connection

from audits.accounts.access import Capability, NotAllowed, can
from audits.accounts.downloads import session_login, sso_login
from audits.accounts.sessions import SESSION_COOKIE, person_for_email, session_person
from audits.records.db import transaction
from audits.records.models import Person
from audits.visits.actions import ActionRefused
from audits.visits.drafts import VisitLocked
from audits.visits.notices import unread_notices
from audits.visits.photos import MAX_PHOTOS_PER_ITEM, TooManyPhotos
from audits.visits.review import ReviewRefused
from locales import fmt_date
from pages.ui import engine, language, plain, t

T = TypeVar("T")
# Plain HTML buttons (log-in, log-out) look like Streamlit's secondary buttons.
BUTTON_STYLE = (
    "font: inherit; font-size: .9rem; padding: .35rem .9rem; border-radius: .5rem;"
    "border: 1px solid rgba(49, 51, 63, .25); background: white; cursor: pointer;"
)


def cookie_token() -> str | None:
    """The session token the browser sent with this connection (HttpOnly, set by server.py)."""
    return st.context.cookies.get(SESSION_COOKIE)


def current_person() -> Person | None:
    """Looked up again on every run, so a disabled user or an ended session stops at once."""
    with transaction(engine()) as conn:
        return _lookup(conn)


def still_logged_in() -> bool:
    """For a part of a page that reruns on a timer: checks the log-in without extending it."""
    with transaction(engine()) as conn:
        return _lookup(conn, touch=False) is not None


def _lookup(conn: Connection, *, touch: bool = True) -> Person | None:
    person = session_person(conn, cookie_token(), touch=touch)
    st.session_state["login"] = session_login(cookie_token()) if person else None
    if person is None and (email := _sso_email()):
        person = person_for_email(conn, email)
        st.session_state["login"] = sso_login(st.context.cookies) if person else None
    return person


def act(action: Callable[[Connection, Person], T]) -> T | None:
    """Run a widget callback's write for the logged-in person, in one transaction.

    Streamlit runs callbacks before app.py looks the session up again, so the session is
    checked here: after a log-out, a disabled account or a new password, a click in a tab
    still open writes nothing. A refused write leaves its reason in `form_error`.
    """
    try:
        with transaction(engine()) as conn:
            person = _lookup(conn)
            st.session_state["person"] = person
            return action(conn, person) if person is not None else None
    except VisitLocked:
        st.session_state["form_error"] = t("visit.locked")
    except TooManyPhotos:
        st.session_state["form_error"] = t("photo.too_many", count=MAX_PHOTOS_PER_ITEM)
    except NotAllowed:
        st.session_state["form_error"] = t("auth.forbidden")
    except (ReviewRefused, ActionRefused) as refused:
        # Caught outside the transaction: a refused change leaves nothing half-written.
        prefix = "review" if isinstance(refused, ReviewRefused) else "action"
        st.session_state["form_error"] = t(f"{prefix}.{refused.code}", detail=_detail(refused))
    return None


def act_and_tell(
    action: Callable[[Connection, Person], object],
    flash: str,
    text: str,
    *,
    error_flash: str | None = None,
) -> None:
    """`act` for a change that returns nothing; on success `text` waits in `flash` for the
    next run to show (`tell`), a refusal's reason under `error_flash` (default: `flash`),
    for a form that stays on the page while a successful change moves its subject away."""

    def write(conn: Connection, person: Person) -> bool:
        action(conn, person)
        return True

    if act(write):
        st.session_state[flash] = text
    elif "form_error" in st.session_state:
        st.session_state[f"{error_flash or flash}.error"] = st.session_state.pop("form_error")


def tell(flash: str, *, toast: bool = False) -> None:
    """What the last `act_and_tell` under `flash` did: its success text or the reason it was
    refused. Called beside the form that acted, so the message appears where the reader
    looks, not at the top of a long page (a phone would show it a screen or more away).
    `toast` repeats a success in the corner of the screen, for a change whose form is gone
    from the page once it succeeded."""
    if message := st.session_state.pop(flash, None):
        st.success(message)
        if toast:
            st.toast(message, icon=":material/check_circle:")
    if error := st.session_state.pop(f"{flash}.error", None):
        st.error(error)


def _detail(refused: Exception) -> str:
    detail = getattr(refused, "detail", "") or str(refused)
    if getattr(refused, "code", "") == "too_late":
        return fmt_date(dt.date.fromisoformat(detail), language())
    return plain(detail)


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
    # An e-mail the provider says it has not verified could be anyone's: it opens nothing.
    if st.user.get("email_verified") is False:
        return None
    email = st.user.get("email")
    return str(email) if email else None


def require(capability: Capability) -> Person:
    """The current person if the gate lets them do `capability`; otherwise a message, and
    the page stops.

    Navigation already hides pages a person may not open; this check also stops a typed URL.
    """
    person = st.session_state.get("person")
    if not isinstance(person, Person) or not can(person, capability):
        st.error(t("auth.forbidden"))
        st.stop()
    return person


def logout_form() -> None:
    """A log-out button: a POST form to server.py, which ends the session and the cookie."""
    label = html.escape(t("auth.logout"))
    st.sidebar.html(
        '<form method="post" action="/auth/logout" style="margin:0">'
        f'<button type="submit" style="{BUTTON_STYLE}">{label}</button></form>'
    )


def unread_count(person: Person) -> int:
    with engine().connect() as conn:
        return len(unread_notices(conn, person))
