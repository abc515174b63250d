"""The gap report's own queries: the period's visits with their section scores, the
previous period's scores, staff figures and shoppers' comments, each limited to a `Scope`
from the gate; `standard_ids` None means every standard."""

from collections.abc import Sequence

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.access import NotAllowed, Scope, scoped
from audits.reads import dashboard as dash
from audits.records.months import FAILABLE
from audits.records.tables import answers, section_scores, standard_versions, visit_scores, visits
from scoring.dashboard import Period
from scoring.report.data import COMMENTS_PER_ITEM
from scoring.trends import local_naive


@scoped
def published_in(
    scope: Scope, standard_ids: Sequence[str] | None, period: Period
) -> list[sa.ColumnElement[bool]]:
    start, end = dash.period_bounds(period.first, period.last)
    where = [visits.c.status == "approved", visits.c.started_at >= start]
    where.append(visits.c.started_at < end)
    if scope.stores is not None:
        where.append(visits.c.store_id.in_(scope.stores))
    if standard_ids is not None:
        where.append(standard_versions.c.standard_id.in_(list(standard_ids)))
    return where


def local_times(text: pd.Series) -> pd.Series:
    """Stored UTC times read as text (the drivers' own conversion is the slow part): local
    wall-clock times, as the workbook shows them."""
    return local_naive(pd.to_datetime(text, utc=True, format="ISO8601"))


@scoped
def period_visits(
    conn: Connection,
    scope: Scope,
    standard_ids: Sequence[str] | None,
    period: Period,
    section_ids: Sequence[str],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The period's published visits, oldest first, times local; and their section scores
    (one column per section id, aligned row by row), laid out by the database: far less to
    carry into Python than a row per section."""
    grouped = conn.dialect.name == "postgresql"
    if grouped:
        # PostgreSQL groups 600,000 section rows by the visit in 0.6 s, where a lookup per
        # section and visit takes 1.6 s; SQLite is the other way round (1.3 s and 0.8 s).
        pivot = [
            sa.func.max(section_scores.c.score)
            .filter(section_scores.c.section_id == section_id)
            .label(f"section_{n}")
            for n, section_id in enumerate(section_ids)
        ]
    else:
        pivot = [
            sa.select(section_scores.c.score)
            .where(
                section_scores.c.visit_id == visits.c.id,
                section_scores.c.section_id == section_id,
            )
            .scalar_subquery()
            .label(f"section_{n}")
            for n, section_id in enumerate(section_ids)
        ]
    query = (
        sa.select(
            visits.c.id.label("visit_id"),
            sa.cast(visits.c.started_at, sa.String).label("visited_at"),
            visits.c.store_id,
            standard_versions.c.standard_id,
            visits.c.standard_version_id,
            visits.c.channel,
            visit_scores.c.score,
            visit_scores.c.critical_failed,
            visit_scores.c.band_min,
            *pivot,
        )
        .join(visit_scores, visit_scores.c.visit_id == visits.c.id)
        .join(standard_versions, standard_versions.c.id == visits.c.standard_version_id)
        .where(*published_in(scope, standard_ids, period))
    )
    if grouped:
        # Grouped by the three primary keys, on which every other column depends.
        query = query.outerjoin(section_scores, section_scores.c.visit_id == visits.c.id).group_by(
            visits.c.id, visit_scores.c.visit_id, standard_versions.c.id
        )
    frame = dash.read_frame(conn, query)
    frame["visited_at"] = local_times(frame["visited_at"])
    frame["score"] = frame["score"].astype(float)
    frame["band_min"] = frame["band_min"].astype(float)
    frame["critical_failed"] = frame["critical_failed"].astype(bool)
    frame = frame.sort_values(["visited_at", "visit_id"], kind="stable").reset_index(drop=True)
    names = {f"section_{n}": section_id for n, section_id in enumerate(section_ids)}
    sections = frame[list(names)].astype(float).rename(columns=names)
    return frame.drop(columns=list(names)), sections


@scoped
def period_scores(
    conn: Connection, scope: Scope, standard_ids: Sequence[str] | None, period: Period
) -> pd.DataFrame:
    query = (
        sa.select(visit_scores.c.score, visit_scores.c.critical_failed)
        .join(visits, visits.c.id == visit_scores.c.visit_id)
        .join(standard_versions, standard_versions.c.id == visits.c.standard_version_id)
        .where(*published_in(scope, standard_ids, period))
    )
    frame = dash.read_frame(conn, query)
    frame["score"] = frame["score"].astype(float)
    frame["critical_failed"] = frame["critical_failed"].astype(bool)
    return frame


@scoped
def staff_figures(
    conn: Connection, scope: Scope, period: Period, items: set[tuple[str, str]]
) -> pd.DataFrame:
    """Per staff member, store visited and staff item: applicable and failed in the period
    (by the store of the visit, as the dashboards' staff figures)."""
    if scope.capability != "see_staff":
        raise NotAllowed("staff figures need the see_staff scope")
    columns = ["staff_id", "store_id", "standard_id", "item_id", "applicable", "failed"]
    if not items:
        return pd.DataFrame(columns=columns)
    failed = sa.func.sum(sa.case((answers.c.reason == "failed", 1), else_=0))
    # No join for the standard, which follows from the version: the grouping of a million
    # answers is the cost here, and a narrow key keeps it down.
    query = (
        sa.select(
            visits.c.staff_id,
            visits.c.store_id,
            visits.c.standard_version_id,
            answers.c.item_id,
            sa.func.count().label("applicable"),
            failed.label("failed"),
        )
        .join(answers, answers.c.visit_id == visits.c.id)
        .where(
            *published_in(scope, None, period),
            visits.c.staff_id.is_not(None),
            answers.c.reason.in_(FAILABLE),
            answers.c.item_id.in_(sorted({item for _, item in items})),
        )
        .group_by(
            visits.c.staff_id, visits.c.store_id, visits.c.standard_version_id, answers.c.item_id
        )
    )
    frame = dash.read_frame(conn, query)
    if frame.empty:
        return pd.DataFrame(columns=columns)
    versions = sa.select(standard_versions.c.id, standard_versions.c.standard_id)
    frame["standard_id"] = frame["standard_version_id"].map(dict(conn.execute(versions).all()))
    keep = [key in items for key in zip(frame["standard_id"], frame["item_id"], strict=True)]
    frame = frame[keep]
    frame = frame.groupby(["staff_id", "store_id", "standard_id", "item_id"], as_index=False)[
        ["applicable", "failed"]
    ].sum()
    frame["applicable"] = frame["applicable"].astype(int)
    frame["failed"] = frame["failed"].astype(int)
    return frame[columns]


@scoped
def failed_comments(
    conn: Connection, scope: Scope, standard_ids: Sequence[str] | None, period: Period
) -> pd.DataFrame:
    """The newest COMMENTS_PER_ITEM comments on failed answers per item, with the item's
    total count."""
    key = (standard_versions.c.standard_id, answers.c.item_id)
    ranked = (
        sa.select(
            standard_versions.c.standard_id,
            answers.c.item_id,
            sa.cast(visits.c.started_at, sa.String).label("visited_at"),
            visits.c.store_id,
            answers.c.comment,
            sa.func.row_number()
            .over(partition_by=key, order_by=(visits.c.started_at.desc(), visits.c.id))
            .label("place"),
            sa.func.count().over(partition_by=key).label("total"),
        )
        .join(answers, answers.c.visit_id == visits.c.id)
        .join(standard_versions, standard_versions.c.id == visits.c.standard_version_id)
        .where(
            *published_in(scope, standard_ids, period),
            answers.c.reason == "failed",
            answers.c.comment.is_not(None),
            sa.func.trim(answers.c.comment) != "",
        )
        .subquery()
    )
    columns = ["standard_id", "item_id", "visited_at", "store_id", "comment", "total"]
    query = sa.select(*(ranked.c[name] for name in columns)).where(
        ranked.c.place <= COMMENTS_PER_ITEM
    )
    frame = dash.read_frame(conn, query)
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame["visited_at"] = local_times(frame["visited_at"])
    frame["total"] = frame["total"].astype(int)
    return frame
