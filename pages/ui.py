"""Small helpers every page shares: the database engine, the language and its texts."""

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine
from streamlit.delta_generator import DeltaGenerator

from audits.accounts.passwords import MAX_LENGTH, MIN_LENGTH, PasswordTooWeak
from audits.records.db import database_url, make_engine
from audits.records.models import Person
from locales import HOME_ZONE, HOME_ZONE_NAME, LANGUAGES, normalize_language, translate

_LANG_KEY = "lang"
LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}


def engine() -> Engine:
    """One engine (and connection pool) per server process and database URL."""
    return _engine_for(database_url())


@st.cache_resource
def _engine_for(url: str) -> Engine:
    return make_engine(url)


def language() -> str:
    """The user's language: chosen in the sidebar, else the browser's, else German."""
    if _LANG_KEY not in st.session_state:
        chosen = st.query_params.get(_LANG_KEY) or st.context.locale
        st.session_state[_LANG_KEY] = normalize_language(chosen)
    return st.session_state[_LANG_KEY]


def local_zone() -> ZoneInfo:
    """The browser's time zone; the organisation's when the browser sends none or one we
    do not know."""
    try:
        return ZoneInfo(st.context.timezone or HOME_ZONE_NAME)
    except (ValueError, ZoneInfoNotFoundError):
        return HOME_ZONE


def local_today() -> dt.date:
    return dt.datetime.now(local_zone()).date()


def date_format() -> str:
    """How the date pickers show dates: as German readers write them, else ISO."""
    return "DD.MM.YYYY" if language() == "de" else "YYYY-MM-DD"


def action_inputs(recommended: str | None = None) -> tuple[str, dt.date, str]:
    """Owner, due date (two weeks on unless changed) and note of a new corrective action,
    inside the caller's form. The note starts as the standard's recommended action for the
    item, when it has one; the caller picks the item outside the form, so the text follows
    the choice."""
    owner = st.text_input(t("actions.owner"), max_chars=200)
    due = st.date_input(
        t("actions.due"), value=local_today() + dt.timedelta(days=14), format=date_format()
    )
    note = st.text_area(t("actions.note"), value=recommended or "", max_chars=2000)
    return owner, due, note


def adopt_language(person: Person | None) -> None:
    """After log-in, the person's own language, unless one was chosen in this session or URL."""
    chosen = st.query_params.get(_LANG_KEY) or st.session_state.get("lang_chosen")
    if person is not None and not chosen and st.session_state.get("lang_for") != person.id:
        st.session_state[_LANG_KEY] = person.language
        st.session_state["lang_for"] = person.id


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:=])")
# Markdown turns www.x, http://x and a@b.c into links whatever is escaped; an invisible
# word joiner inside each breaks the pattern and leaves the text as it reads.
_AUTOLINK = re.compile(r"(?i)www(?=\\\.)|:(?=//)|@")


def plain(text: object) -> str:
    """User-written text made safe for a markdown label: every markup character escaped,
    so a comment like `**urgent**` or `[link](x)` shows exactly as typed, and no web or
    e-mail address in it becomes a link."""
    escaped = _MARKDOWN.sub(r"\\\1", str(text)).replace("\n", "  \n")
    return _AUTOLINK.sub(lambda match: match.group(0) + "\u2060", escaped)


EMPTY = "–"
"""What an empty cell or a missing figure shows, in every language."""


def show_table(data: object, **options: object) -> object:
    """A read-only table without the index, where an empty cell shows a dash: Streamlit's
    own placeholder is the word "None"."""
    options.setdefault("hide_index", True)
    return st.dataframe(data, placeholder=EMPTY, **options)


def password_refused(error: PasswordTooWeak) -> str:
    """Why a new password was refused, in the reader's language."""
    return t(f"password.{error.reason}", min=MIN_LENGTH, max=MAX_LENGTH)


def texts_of(codes: pd.Series, prefix: str) -> pd.Series:
    """The UI text `prefix.code` of each code in a column, a dash where the code is missing."""
    return codes.map(lambda code: t(f"{prefix}.{code}") if isinstance(code, str) else EMPTY)


def t(key: str, **params: object) -> str:
    """The UI text for `key` in the current language."""
    return translate(language(), key, **params)


def _language_chosen() -> None:
    # A callback runs before the next run: the choice holds even when that run finds the
    # session ended and shows the log-in page, where the switch sits elsewhere.
    choice = st.session_state.get("lang_switch")
    if choice:
        st.session_state[_LANG_KEY] = choice
        st.session_state["lang_chosen"] = choice
        st.query_params[_LANG_KEY] = choice


def language_switch(where: DeltaGenerator | None = None) -> None:
    """The language switch, in the sidebar unless `where` says otherwise (the log-in page
    shows it in the page: a phone keeps the sidebar shut); the choice also goes into the
    URL so a shared link keeps it."""
    (where or st.sidebar).segmented_control(
        "Sprache · Language",
        options=list(LANGUAGES),
        default=language(),
        format_func=LANGUAGE_NAMES.__getitem__,
        key="lang_switch",
        on_change=_language_chosen,
    )
