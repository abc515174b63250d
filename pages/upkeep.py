"""Work the app does by itself once a day in each server process: retention
(audits/visits/retention.py). A marker in the database keeps a second process from
repeating it the same day."""

import datetime as dt

import streamlit as st

from audits.records.db import database_url
from audits.visits.retention import run_daily
from locales import HOME_ZONE
from pages.ui import engine


@st.cache_resource(show_spinner=False, max_entries=2)
def _once(url: str, day: dt.date) -> bool:
    """Runs at most once per process, database and local day (the cache key)."""
    return run_daily(engine(), dt.datetime.now(dt.UTC))


def daily() -> None:
    _once(database_url(), dt.datetime.now(HOME_ZONE).date())
