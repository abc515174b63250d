"""What the dashboards read: published visits, the monthly figures and each store's latest
results, always limited to a `Scope` from the gate (audits/accounts/access.py).

Months are first days of calendar months in Berlin.
"""

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from audits.accounts.access import NotAllowed, Scope, scoped
from audits.records.months import RECENT_PLACES, month_bounds
from audits.records.tables import (
    UTCDateTime,
    actions,
    data_versions,
    item_months,
    item_recent,
    people,
    regions,
    section_months,
    standard_versions,
    stores,
    visit_scores,
    visits,
)


def data_version(conn: Connection) -> str:
    """Changes whenever anything a dashboard shows changes (a counter bumped in the same
    transaction): a cheap cache key that every app process reads from the shared database."""
    return str(conn.execute(sa.select(data_versions.c.version)).scalar_one())


def read_parallel(engine: Engine, reads: dict[str, Callable[[Connection], Any]]) -> dict[str, Any]:
    """Run independent reads at the same time, each on its own pooled connection: a page
    that needs four aggregates waits for the slowest, not for their sum."""

    def run(read: Callable[[Connection], Any]) -> Any:
        with engine.connect() as conn:
            return read(conn)

    with ThreadPoolExecutor(max_workers=len(reads) or 1) as pool:
        futures = {name: pool.submit(run, read) for name, read in reads.items()}
        return {name: future.result() for name, future in futures.items()}


def read_frame(conn: Connection, query: sa.Select[*tuple[Any, ...]]) -> pd.DataFrame:
    result = conn.execute(query)
    keys = list(result.keys())
    columns: list[list[object]] = [[] for _ in keys]
    # Column by column (a frame from 100k row objects costs seconds, this a tenth), a slice
    # of rows at a time, so the row objects of a large result never all exist at once.
    for rows in result.partitions(20_000):
        for column, values in zip(columns, zip(*rows, strict=True), strict=True):
            column.extend(values)
    if not columns or not columns[0]:
        # Text-typed empty columns, so merges and joins with filled frames still line up.
        return pd.DataFrame({key: pd.Series(dtype=object) for key in keys})
    return pd.DataFrame(dict(zip(keys, columns, strict=True)))


@scoped
def read_published(engine: Engine, scope: Scope) -> pd.DataFrame:
    """`published_frame` read as fast as the database allows: PostgreSQL builds rows outside
    Python's lock, so two halves read side by side take about two thirds of the time; SQLite
    does not gain, so it reads in one go. The halves split on the visit id: any id falls in
    exactly one, and client-made UUIDs make them about equal."""
    if engine.dialect.name != "postgresql":
        with engine.connect() as conn:
            return published_frame(conn, scope)
    halves = {"low": visits.c.id < "8", "high": visits.c.id >= "8"}
    reads: dict[str, Callable[[Connection], Any]] = {
        name: functools.partial(published_frame, scope=scope, where=where)
        for name, where in halves.items()
    }
    found = read_parallel(engine, reads)
    frame = pd.concat([found[name] for name in halves], ignore_index=True)
    return frame.sort_values("visited_at", kind="stable").reset_index(drop=True)


@scoped
def published_frame(
    conn: Connection, scope: Scope, where: sa.ColumnElement[bool] | None = None
) -> pd.DataFrame:
    """One row per published visit, oldest first: store_id, region_id, standard_id,
    standard_version_id, shopper_id, staff_id, visited_at, score, critical_failed, band_min,
    staff_score.

    All of history: pages cut periods from it in memory. Only the columns every dashboard
    needs, joined in memory from small lookups, because this is the one large read."""
    query = (
        sa.select(
            visits.c.store_id,
            visits.c.standard_version_id,
            visits.c.shopper_id,
            visits.c.staff_id,
            # As text, parsed below in one vectorised step: the drivers' per-row datetime
            # conversion is the slowest part of this read.
            sa.cast(visits.c.started_at, sa.String).label("visited_at"),
            visit_scores.c.score,
            visit_scores.c.critical_failed,
            visit_scores.c.band_min,
            visit_scores.c.staff_score,
        )
        .join(visit_scores, visit_scores.c.visit_id == visits.c.id)
        .where(visits.c.status == "approved")
    )
    if where is not None:
        query = query.where(where)
    frame = read_frame(conn, scope.limit(query, visits.c.store_id))
    region_of = dict(conn.execute(sa.select(stores.c.store_id, stores.c.region_id)).all())
    standard_of = dict(
        conn.execute(sa.select(standard_versions.c.id, standard_versions.c.standard_id)).all()
    )
    frame.insert(1, "region_id", frame["store_id"].map(region_of))
    frame.insert(2, "standard_id", frame["standard_version_id"].map(standard_of))
    frame["visited_at"] = pd.to_datetime(frame["visited_at"], utc=True, format="ISO8601")
    frame["shopper_id"] = frame["shopper_id"].astype("Int64")
    for column in ("score", "band_min", "staff_score"):
        frame[column] = frame[column].astype(float)
    frame["critical_failed"] = frame["critical_failed"].astype(bool)
    return frame.sort_values("visited_at", kind="stable").reset_index(drop=True)


@scoped
def shopper_names(conn: Connection, scope: Scope) -> dict[int, str]:
    """Username per person id, for the calibration page."""
    if scope.capability != "see_shoppers":
        raise NotAllowed("shopper names need the see_shoppers scope")
    return dict(conn.execute(sa.select(people.c.id, people.c.username)).all())


@scoped
def stores_frame(conn: Connection, scope: Scope) -> pd.DataFrame:
    """store_id, name, city, region_id, region (its name), sorted by region and store."""
    query = (
        sa.select(
            stores.c.store_id,
            stores.c.name,
            stores.c.city,
            stores.c.region_id,
            regions.c.name.label("region"),
        )
        .join(regions, regions.c.id == stores.c.region_id)
        .order_by(regions.c.name, stores.c.store_id)
    )
    return read_frame(conn, scope.limit(query, stores.c.store_id))


def _read_months(
    conn: Connection,
    scope: Scope,
    query: sa.Select[*tuple[Any, ...]],
    table: sa.Table,
    standard_ids: Sequence[str] | None,
    first: dt.date,
    last: dt.date,
) -> pd.DataFrame:
    """`query` over a table of monthly figures, for the months [first, last], the standards
    asked for (None: all) and the stores in scope."""
    query = query.where(table.c.month >= first, table.c.month <= last)
    if standard_ids is not None:
        query = query.where(table.c.standard_id.in_(list(standard_ids)))
    return read_frame(conn, scope.limit(query, table.c.store_id))


@scoped
def section_figures(
    conn: Connection,
    scope: Scope,
    standard_ids: Sequence[str] | None,
    first: dt.date,
    last: dt.date,
    *,
    by: str = "store",
) -> pd.DataFrame:
    """Summed over the months [first, last]: standard_id, section_id, visits, score_sum and,
    by "store", store_id or, by "month", month."""
    key = section_months.c.store_id if by == "store" else section_months.c.month
    query = sa.select(
        key,
        section_months.c.standard_id,
        section_months.c.section_id,
        sa.func.sum(section_months.c.visits).label("visits"),
        sa.func.sum(section_months.c.score_sum).label("score_sum"),
    ).group_by(key, section_months.c.standard_id, section_months.c.section_id)
    frame = _read_months(conn, scope, query, section_months, standard_ids, first, last)
    frame["visits"] = frame["visits"].astype(int)
    frame["score_sum"] = frame["score_sum"].astype(float)
    frame["mean"] = frame["score_sum"] / frame["visits"]
    return frame


@scoped
def item_figures(
    conn: Connection,
    scope: Scope,
    standard_ids: Sequence[str] | None,
    first: dt.date,
    last: dt.date,
    *,
    by_month: bool = False,
    by_store: bool = False,
    with_stores: bool = False,
) -> pd.DataFrame:
    """Per standard and item (and month, and store): applicable, failed and, `with_stores`,
    stores (how many had at least one failure; the costly part, so only on request)."""
    keys = [item_months.c.standard_id, item_months.c.item_id]
    if by_month:
        keys.append(item_months.c.month)
    if by_store:
        keys.append(item_months.c.store_id)
    figures = [
        sa.func.sum(item_months.c.applicable).label("applicable"),
        sa.func.sum(item_months.c.failed).label("failed"),
    ]
    if with_stores:
        with_failure = sa.case((item_months.c.failed > 0, item_months.c.store_id))
        figures.append(sa.func.count(sa.distinct(with_failure)).label("stores"))
    query = sa.select(*keys, *figures).group_by(*keys)
    frame = _read_months(conn, scope, query, item_months, standard_ids, first, last)
    for column in ("applicable", "failed", "stores"):
        if column in frame:
            frame[column] = frame[column].astype(int)
    return frame


@scoped
def latest_pairs(
    conn: Connection,
    scope: Scope,
    standard_ids: Sequence[str] | None,
    *,
    n: int,
    first: dt.date,
) -> pd.DataFrame:
    """Every store-item pair with latest results, as the gap rules judge it: store_id,
    standard_id, item_id, failures and window (among the last n results), last_failed_at,
    lookback_failures and lookback_window (among the last RECENT_PLACES results from the
    month `first` on)."""
    if not 1 <= n <= RECENT_PLACES:
        raise ValueError(f"need 1 <= n <= {RECENT_PLACES}, got n={n}")
    in_window = item_recent.c.place <= n
    in_lookback = item_recent.c.visited_at >= month_bounds(first)[0]
    failed = item_recent.c.failed.is_(True)

    def count(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[int]:
        return sa.func.sum(sa.case((condition, 1), else_=0))

    last_failed = sa.func.max(sa.case((failed, item_recent.c.visited_at)))
    query = sa.select(
        item_recent.c.store_id,
        item_recent.c.standard_id,
        item_recent.c.item_id,
        count(failed & in_window).label("failures"),
        count(in_window).label("window"),
        sa.type_coerce(last_failed, UTCDateTime()).label("last_failed_at"),
        count(failed & in_lookback).label("lookback_failures"),
        count(in_lookback).label("lookback_window"),
    ).group_by(item_recent.c.store_id, item_recent.c.standard_id, item_recent.c.item_id)
    if standard_ids is not None:
        query = query.where(item_recent.c.standard_id.in_(list(standard_ids)))
    frame = read_frame(conn, scope.limit(query, item_recent.c.store_id))
    for column in ("failures", "window", "lookback_failures", "lookback_window"):
        frame[column] = frame[column].astype(int)
    frame["last_failed_at"] = pd.to_datetime(frame["last_failed_at"], utc=True)
    return frame


@scoped
def month_range(conn: Connection, scope: Scope) -> tuple[dt.date, dt.date] | None:
    """The first and last month with published visits in scope (None when there are none)."""
    query = sa.select(sa.func.min(section_months.c.month), sa.func.max(section_months.c.month))
    first, last = conn.execute(scope.limit(query, section_months.c.store_id)).one()
    if first is None:
        return None
    return _date(first), _date(last)


@scoped
def visit_months(conn: Connection, scope: Scope) -> list[dt.date]:
    """Every month with published visits in scope, oldest first: what the default period is
    chosen from (scoring.dashboard.default_period)."""
    query = (
        sa.select(section_months.c.month)
        .distinct()
        .where(section_months.c.visits > 0)
        .order_by(section_months.c.month)
    )
    return [
        _date(month)
        for month in conn.execute(scope.limit(query, section_months.c.store_id)).scalars()
    ]


def _date(value: object) -> dt.date:
    # SQLite hands aggregates back as text.
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


@scoped
def open_actions(conn: Connection, scope: Scope) -> pd.DataFrame:
    """Actions not yet done: store_id, standard_id, item_id, status, owner, due_date."""
    query = sa.select(
        actions.c.store_id,
        actions.c.standard_id,
        actions.c.item_id,
        actions.c.status,
        actions.c.owner,
        actions.c.due_date,
    ).where(actions.c.status.in_(("open", "in_progress")))
    return read_frame(conn, scope.limit(query, actions.c.store_id))


def period_bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The months [first, last] as a half-open UTC range."""
    return month_bounds(first)[0], month_bounds(last)[1]


@scoped
def store_visits(
    conn: Connection, scope: Scope, store_id: str, start: dt.datetime, end: dt.datetime
) -> pd.DataFrame:
    """A store's published visits in [start, end), newest first: visit_id, visited_at,
    standard_id, standard_version_id, score, critical_failed, band_min."""
    if not scope.allows(store_id):
        raise NotAllowed("this store is not in your scope")
    query = (
        sa.select(
            visits.c.id.label("visit_id"),
            visits.c.started_at.label("visited_at"),
            standard_versions.c.standard_id,
            visits.c.standard_version_id,
            visit_scores.c.score,
            visit_scores.c.critical_failed,
            visit_scores.c.band_min,
        )
        .join(visit_scores, visit_scores.c.visit_id == visits.c.id)
        .join(standard_versions, standard_versions.c.id == visits.c.standard_version_id)
        .where(
            visits.c.status == "approved",
            visits.c.store_id == store_id,
            visits.c.started_at >= start,
            visits.c.started_at < end,
        )
        .order_by(visits.c.started_at.desc(), visits.c.id)
    )
    return read_frame(conn, query)
