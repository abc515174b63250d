"""Monthly pre-aggregates of approved visits: item fail counts and section score sums per
store, standard and calendar month.

Months are calendar months in the organisation's time zone, the same as the trend charts.
A store-month is always rebuilt whole from the stored answers, never patched by adding or
subtracting, so a correction or an upheld dispute cannot leave a stale count behind.
"""

import datetime as dt
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.records.tables import (
    answers,
    data_versions,
    item_months,
    item_recent,
    section_months,
    section_scores,
    standard_versions,
    stores,
    visits,
)
from locales import HOME_ZONE
from scoring.gaps import LOOKBACK_VISITS

RECENT_PLACES = LOOKBACK_VISITS
"""Latest results kept per store and item: as many as the lookback of how unusual a gap is
counts (migration 0007 keeps the stored ones in step)."""


def month_of(moment: dt.datetime) -> dt.date:
    """First day of the local calendar month of a moment (naive moments are UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone(HOME_ZONE)
    return dt.date(local.year, local.month, 1)


def next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The month as a half-open UTC range [start, end)."""
    start = dt.datetime(month.year, month.month, 1, tzinfo=HOME_ZONE)
    after = next_month(month)
    end = dt.datetime(after.year, after.month, 1, tzinfo=HOME_ZONE)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def _in_month(month: dt.date, store_id: str | None) -> list[sa.ColumnElement[bool]]:
    start, end = month_bounds(month)
    where = [visits.c.status == "approved", visits.c.started_at >= start]
    where.append(visits.c.started_at < end)
    if store_id is not None:
        where.append(visits.c.store_id == store_id)
    return where


# Only items that can fail count: a bonus is never a gap, so it never dilutes a fail rate.
FAILABLE = ("counted", "failed")


def bump_data_version(conn: Connection) -> None:
    """Tell every app process that what dashboards show has changed (in the caller's
    transaction, so the new version and the change become visible together)."""
    conn.execute(sa.update(data_versions).values(version=data_versions.c.version + 1))


def _lock_stores(conn: Connection, store_ids: list[str] | None) -> None:
    # Rebuilds delete and re-insert a store's rows; two at once on PostgreSQL would both
    # insert. Locking the store rows first makes the second wait and then see the first's.
    query = sa.select(stores.c.store_id).with_for_update()
    if store_ids is not None:
        query = query.where(stores.c.store_id.in_(store_ids))
    conn.execute(query.order_by(stores.c.store_id)).all()


def _fill(conn: Connection, month: dt.date, store_id: str | None) -> None:
    where = _in_month(month, store_id)
    month_value = sa.literal(month, sa.Date)
    failed = sa.func.sum(sa.case((answers.c.reason == "failed", 1), else_=0))
    items = (
        sa.select(
            visits.c.store_id,
            standard_versions.c.standard_id,
            answers.c.item_id,
            month_value,
            sa.func.count(),
            failed,
        )
        .join(answers, answers.c.visit_id == visits.c.id)
        .join(standard_versions, standard_versions.c.id == visits.c.standard_version_id)
        .where(*where, answers.c.reason.in_(FAILABLE))
        .group_by(visits.c.store_id, standard_versions.c.standard_id, answers.c.item_id)
    )
    item_columns = ["store_id", "standard_id", "item_id", "month", "applicable", "failed"]
    conn.execute(sa.insert(item_months).from_select(item_columns, items))
    sections = (
        sa.select(
            visits.c.store_id,
            standard_versions.c.standard_id,
            section_scores.c.section_id,
            month_value,
            sa.func.count(),
            sa.func.sum(section_scores.c.score),
        )
        .join(section_scores, section_scores.c.visit_id == visits.c.id)
        .join(standard_versions, standard_versions.c.id == visits.c.standard_version_id)
        .where(*where, section_scores.c.score.is_not(None))
        .group_by(visits.c.store_id, standard_versions.c.standard_id, section_scores.c.section_id)
    )
    section_columns = ["store_id", "standard_id", "section_id", "month", "visits", "score_sum"]
    conn.execute(sa.insert(section_months).from_select(section_columns, sections))


def _clear(conn: Connection, month: dt.date, store_id: str | None) -> None:
    for table in (item_months, section_months):
        statement = sa.delete(table).where(table.c.month == month)
        if store_id is not None:
            statement = statement.where(table.c.store_id == store_id)
        conn.execute(statement)


def refresh_store_month(conn: Connection, store_id: str, month: dt.date) -> None:
    """Rebuild one store's figures for one month, and its latest results, from its approved
    visits."""
    _lock_stores(conn, [store_id])
    _clear(conn, month, store_id)
    _fill(conn, month, store_id)
    rebuild_recent(conn, [store_id])


def rebuild_recent(conn: Connection, store_ids: Iterable[str] | None = None) -> None:
    """Rebuild the latest results per item of these stores (of every store when None)."""
    where = [visits.c.status == "approved", answers.c.reason.in_(FAILABLE)]
    clear = sa.delete(item_recent)
    chosen = None if store_ids is None else sorted(set(store_ids))
    _lock_stores(conn, chosen)
    if chosen is not None:
        where.append(visits.c.store_id.in_(chosen))
        clear = clear.where(item_recent.c.store_id.in_(chosen))
    conn.execute(clear)
    place = sa.func.row_number().over(
        partition_by=(visits.c.store_id, standard_versions.c.standard_id, answers.c.item_id),
        order_by=(visits.c.started_at.desc(), visits.c.id.desc()),
    )
    ranked = (
        sa.select(
            visits.c.store_id,
            standard_versions.c.standard_id,
            answers.c.item_id,
            place.label("place"),
            (answers.c.reason == "failed").label("failed"),
            visits.c.started_at.label("visited_at"),
        )
        .join(answers, answers.c.visit_id == visits.c.id)
        .join(standard_versions, standard_versions.c.id == visits.c.standard_version_id)
        .where(*where)
        .subquery()
    )
    columns = ["store_id", "standard_id", "item_id", "place", "failed", "visited_at"]
    latest = sa.select(*(ranked.c[name] for name in columns)).where(ranked.c.place <= RECENT_PLACES)
    conn.execute(sa.insert(item_recent).from_select(columns, latest))
    bump_data_version(conn)


def refresh_visit_month(conn: Connection, visit_id: str) -> None:
    """Rebuild the store-month a visit belongs to (after approval or a rescore)."""
    row = conn.execute(
        sa.select(visits.c.store_id, visits.c.started_at).where(visits.c.id == visit_id)
    ).one()
    refresh_store_month(conn, row.store_id, month_of(row.started_at))


def rebuild_months(conn: Connection, months: Iterable[dt.date] | None = None) -> int:
    """Rebuild whole months for every store (all months with approved visits when None);
    returns how many months were rebuilt. With None, every store's latest results too."""
    if months is None:
        rebuild_recent(conn)
        conn.execute(sa.delete(item_months))
        conn.execute(sa.delete(section_months))
        first, last = conn.execute(
            sa.select(sa.func.min(visits.c.started_at), sa.func.max(visits.c.started_at)).where(
                visits.c.status == "approved"
            )
        ).one()
        months = _month_range(first, last) if first is not None else []
    _lock_stores(conn, None)
    done = 0
    for month in sorted(set(months)):
        _clear(conn, month, None)
        _fill(conn, month, None)
        done += 1
    bump_data_version(conn)
    return done


def _month_range(first: dt.datetime, last: dt.datetime) -> list[dt.date]:
    month, end = month_of(first), month_of(last)
    found = []
    while month <= end:
        found.append(month)
        month = next_month(month)
    return found
