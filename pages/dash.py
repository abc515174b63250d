"""What every dashboard page shares: cached reads keyed by the data version, the reader's
scope, and the sidebar filters kept in the URL so a link shows the same view.

Caches are keyed by `data_version` (computed from the shared database on every run), so a
newly approved visit shows on the next page load in every app process.
"""

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from audits.accounts.access import Scope, scope_for
from audits.reads import dashboard as repo
from audits.records.db import database_url
from audits.records.models import Person
from audits.records.standards import list_standard_versions, load_standard_version
from locales import fmt_month
from locales.rounding import half_away
from pages.files import download_link
from pages.ui import engine, language, local_today, t
from scoring.dashboard import Period, default_period, month_start, with_months
from scoring.safe_cells import safe_csv
from standards import text_in

CACHE = {"max_entries": 16, "show_spinner": False}


@dataclass(frozen=True)
class Filters:
    period: Period
    regions: tuple[str, ...]
    """Chosen regions; empty means every region the reader may see."""
    standard: str | None
    channel: str | None


@dataclass(frozen=True)
class View:
    """One page run's scope and filters; the visits are read (from cache) only when a page
    asks for them, so pages built on the monthly figures never load them."""

    filters: Filters
    scope: Scope
    """The reader's results scope, from the gate."""
    chosen: Scope
    """The scope narrowed to the regions in the filter, for database reads."""
    standard_ids: tuple[str, ...] | None
    stores: pd.DataFrame
    standards: dict[str, dict]
    version: str

    @cached_property
    def visits(self) -> pd.DataFrame:
        """Published visits in scope and filters, all months (with a `month` column)."""
        return self._filtered(cached(_published, self.version, self.scope.key, self.scope))

    @cached_property
    def peer_visits(self) -> pd.DataFrame:
        """Published visits of every store matching the filters, scope or not: what the
        reader's stores are ranked against. Pages show figures of in-scope units only."""
        peers = self.scope.peers()
        return self._filtered(cached(_published, self.version, peers.key, peers))

    def _filtered(self, visits: pd.DataFrame) -> pd.DataFrame:
        if self.filters.regions:
            visits = visits[visits["region_id"].isin(self.filters.regions)]
        if self.standard_ids is not None:
            visits = visits[visits["standard_id"].isin(self.standard_ids)]
        return visits


def store_link(store_id: str) -> str:
    """The store page of one store, for link columns."""
    return f"/store?{urlencode({'store': store_id})}"


def data_version() -> str:
    with engine().connect() as conn:
        return repo.data_version(conn)


@st.cache_data(**CACHE)
def _published(url: str, version: str, key: tuple, _scope: Scope) -> pd.DataFrame:
    # `key` stands for the scope in the cache key: readers with the same view share it.
    return with_months(repo.read_published(engine(), _scope))


@st.cache_data(**CACHE)
def _months(url: str, version: str, key: tuple, _scope: Scope) -> list[dt.date]:
    with engine().connect() as conn:
        return repo.visit_months(conn, _scope)


@st.cache_data(**CACHE)
def _stores(url: str, version: str, key: tuple, _scope: Scope) -> pd.DataFrame:
    with engine().connect() as conn:
        return repo.stores_frame(conn, _scope)


@st.cache_data(**CACHE)
def _standards(url: str, version: str, lang: str) -> dict[str, dict]:
    """Per standard id, the texts the dashboards show, from its newest version, and band
    labels of every version."""
    found: dict[str, dict] = {}
    with engine().connect() as conn:
        for record in list_standard_versions(conn, latest_only=False):
            standard = load_standard_version(conn, record.id)
            entry = found.setdefault(
                standard.id,
                {
                    "title": text_in(standard.title, lang),
                    "channel": standard.channel,
                    "target": standard.target,
                    "sections": {s.id: text_in(s.title, lang) for s in standard.sections},
                    "items": {
                        item.id: text_in(item.text, lang)
                        for section in standard.sections
                        for item in section.items
                    },
                    "actions": {
                        item.id: text_in(item.action, lang)
                        for item in standard.items()
                        if item.action
                    },
                    "bands": {},
                },
            )
            for band in standard.bands:
                entry["bands"][(record.id, float(band.min))] = text_in(band.label, lang)
    return found


def cached(loader, *args):
    """A cached read, keyed by the database URL first (tests and processes may use several)
    and then by what the caller passes: always the data version, then scope and filters.
    A Scope itself is passed last, in a parameter whose name starts with `_` (not hashed),
    after its `key`."""
    return loader(database_url(), *args)


def _param_month(name: str, choices: list[dt.date]) -> dt.date | None:
    raw = _param(name)
    try:
        wanted = dt.date.fromisoformat(f"{raw}-01")
    except ValueError:
        return None
    return wanted if wanted in choices else None


_REMEMBERED = "dash_filters"


def _param(name: str) -> str:
    """A filter from the URL; else the one chosen on the last dashboard page, because
    moving to another page in the navigation starts with an empty URL."""
    if name in st.query_params:
        return st.query_params.get(name, "")
    return st.session_state.get(_REMEMBERED, {}).get(name, "")


def _set_param(name: str, value: str | None) -> None:
    st.session_state.setdefault(_REMEMBERED, {})[name] = value or ""
    if value:
        st.query_params[name] = value
    elif name in st.query_params:
        del st.query_params[name]


def load_view(person: Person) -> View:
    """The reader's scope and the sidebar filters (written to the URL); cached reads."""
    version = data_version()
    with engine().connect() as conn:
        scope = scope_for(conn, person, "see_results")
    lang = language()
    stores = cached(_stores, version, scope.key, scope)
    standards = cached(_standards, version, lang)
    filters = _sidebar(cached(_months, version, scope.key, scope), stores, standards, lang)
    chosen = stores
    if filters.regions:
        chosen = stores[stores["region_id"].isin(filters.regions)]
    narrowed = scope if not filters.regions else scope.narrowed(chosen["store_id"])
    standard_ids = None
    if filters.standard:
        standard_ids = (filters.standard,)
    elif filters.channel:
        standard_ids = tuple(s for s, e in standards.items() if e["channel"] == filters.channel)
    return View(filters, scope, narrowed, standard_ids, chosen, standards, version)


def _sidebar(
    with_visits: list[dt.date],
    stores: pd.DataFrame,
    standards: dict[str, dict],
    lang: str,
) -> Filters:
    today = local_today().replace(day=1)
    default = default_period(with_visits) or Period(month_start(today, -2), today)
    earliest = min(with_visits[0] if with_visits else month_start(today, -11), default.first)
    months, month = [], earliest
    while month <= max(default.last, today):
        months.append(month)
        month = month_start(month, 1)
    side = st.sidebar
    side.header(t("dash.filters"))
    first = _param_month("from", months) or default.first
    last = _param_month("to", months) or default.last
    if first > last:
        first, last = last, first
    labels = {m: fmt_month(m, lang) for m in months}
    first, last = side.select_slider(
        t("dash.period"),
        options=months,
        value=(first, last),
        format_func=labels.__getitem__,
        key="dash-period",
    )
    _set_param("from", first.strftime("%Y-%m"))
    _set_param("to", last.strftime("%Y-%m"))

    region_names = dict(zip(stores["region_id"], stores["region"], strict=True))
    wanted = [r for r in _param("region").split(",") if r in region_names]
    regions = side.multiselect(
        t("dash.regions"),
        list(region_names),
        default=wanted,
        format_func=region_names.__getitem__,
        placeholder=t("dash.all_regions"),
        key="dash-regions",
    )
    _set_param("region", ",".join(regions))

    channels = sorted({entry["channel"] for entry in standards.values()})
    channel_labels = {"": t("dash.all_channels")} | {c: t(f"channel.{c}") for c in channels}
    wanted_channel = _param("channel")
    channel = side.selectbox(
        t("col.channel"),
        list(channel_labels),
        index=list(channel_labels).index(wanted_channel) if wanted_channel in channels else 0,
        format_func=channel_labels.__getitem__,
        key="dash-channel",
    )
    _set_param("channel", channel)
    titles = {"": t("dash.all_standards")} | {
        sid: entry["title"]
        for sid, entry in sorted(standards.items())
        if not channel or entry["channel"] == channel
    }
    wanted_standard = _param("standard")
    standard = side.selectbox(
        t("col.standard"),
        list(titles),
        index=list(titles).index(wanted_standard) if wanted_standard in titles else 0,
        format_func=titles.__getitem__,
        key="dash-standard",
    )
    _set_param("standard", standard)
    return Filters(Period(first, last), tuple(regions), standard or None, channel or None)


def _months_text(period: Period, lang: str) -> str:
    if period.first == period.last:
        return fmt_month(period.first, lang)
    return f"{fmt_month(period.first, lang)} – {fmt_month(period.last, lang)}"


def period_caption(view: View, compare: bool = True) -> str:
    """The period in words, and the one it is compared with where the page compares."""
    lang = language()
    period = view.filters.period
    if not compare:
        return _months_text(period, lang) + "."
    return t(
        "dash.period_caption",
        period=_months_text(period, lang),
        before=_months_text(period.previous(), lang),
    )


def csv_download(table: pd.DataFrame, headers: dict[str, str], name: str, key: str) -> None:
    """A download button for the table as the reader's spreadsheet expects it: headers in
    their language, German files with semicolons and decimal commas; formula-like text
    written as text (scoring/safe_cells.py)."""
    lang = language()
    shown = table[[column for column in headers if column in table]].copy()
    for column in shown.columns:
        if pd.api.types.is_bool_dtype(shown[column]):
            shown[column] = shown[column].map({True: t("answer.yes"), False: t("answer.no")})
        elif pd.api.types.is_float_dtype(shown[column]):
            shown[column] = half_away(shown[column], 1)
    shown = shown.rename(columns=headers)
    download_link(
        t("dash.download_csv"),
        safe_csv(shown, sep=";" if lang == "de" else ",", decimal="," if lang == "de" else "."),
        name,
        "text/csv",
        key=key,
    )
