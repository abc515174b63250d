"""Stored scores: written once when a visit is submitted or imported, read by analytics.

A visit is scored with its own standard version and the figures are kept (per answer, per
section, per visit). Nothing here rescores a visit that already has a score; a later
correction (review, dispute) rescores it deliberately and writes the audit log.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVarTuple

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.records.months import FAILABLE, rebuild_months, refresh_visit_month
from audits.records.standards import load_standard_version
from audits.records.tables import answers, people, section_scores, stores, visit_scores, visits
from scoring.engine import REASONS, Scores
from scoring.visits import score_answers
from standards import Standard

SCORED_STATUSES = ("submitted", "approved")
CHUNK = 1000
ANSWER_FIGURES = ("applicable", "passed", "earned", "possible", "reason")
_Columns = TypeVarTuple("_Columns")


@dataclass(frozen=True)
class ScoredVisits:
    """What to write for a batch of visits of one standard version."""

    answer_figures: list[dict[str, Any]]
    """Per answer row given: applicable, passed, earned, possible, reason."""
    visit_rows: list[dict[str, Any]]
    section_rows: list[dict[str, Any]]


def score_for_storage(
    standard: Standard, version_id: int, answer_rows: Sequence[dict[str, Any]]
) -> ScoredVisits:
    """Score answers given as stored rows (visit_id, item_id, value, is_na)."""
    frame = pd.DataFrame(list(answer_rows), columns=["visit_id", "item_id", "value", "is_na"])
    scores = score_answers(standard, frame, rows=True)
    figures = _answer_figures(scores)
    visit_rows = _visit_rows(scores, version_id)
    staff = staff_scores(standard, frame)
    for row in visit_rows:
        row["staff_score"] = staff.get(row["visit_id"])
    return ScoredVisits(figures, visit_rows, _section_rows(scores))


def staff_scores(standard: Standard, frame: pd.DataFrame) -> dict[str, float | None]:
    """Per visit, the score counting only the items that judge staff (None where none
    applied): the figure staff rankings use, computed once like every other score."""
    if frame.empty or not any(item.subject == "staff" for item in standard.items()):
        return {}
    scores = score_answers(standard, frame, subject="staff")
    return {visit_id: _number(scores.score[n]) for n, visit_id in enumerate(scores.visit_ids)}


def _answer_figures(scores: Scores) -> list[dict[str, Any]]:
    rows = scores.rows or {}
    reasons = np.array(REASONS, dtype=object)[rows["reason"]]
    frame = pd.DataFrame(
        {
            "applicable": rows["applicable"],
            "passed": rows["passed"],
            "earned": rows["earned"],
            "possible": rows["possible"],
            "reason": reasons,
        }
    )
    figures: list[dict[str, Any]] = frame.to_dict("records")
    return figures


def _number(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def _visit_rows(scores: Scores, version_id: int) -> list[dict[str, Any]]:
    band_mins = [band.min for band in scores.plan.standard.bands]
    earned = scores.section_earned.sum(axis=1)
    possible = scores.section_possible.sum(axis=1)
    return [
        {
            "visit_id": visit_id,
            "standard_version_id": version_id,
            "score": _number(scores.score[n]),
            "computed": _number(scores.computed[n]),
            "critical_failed": bool(scores.critical_failed[n]),
            "band_min": band_mins[scores.band[n]] if scores.band[n] >= 0 else None,
            "earned": float(earned[n]),
            "possible": float(possible[n]),
        }
        for n, visit_id in enumerate(scores.visit_ids)
    ]


def _section_rows(scores: Scores) -> list[dict[str, Any]]:
    section_ids = scores.plan.section_ids
    return [
        {
            "visit_id": visit_id,
            "section_id": section_id,
            "earned": float(scores.section_earned[n, s]),
            "possible": float(scores.section_possible[n, s]),
            "score": _number(scores.section_score[n, s]),
        }
        for n, visit_id in enumerate(scores.visit_ids)
        for s, section_id in enumerate(section_ids)
    ]


def write_visit_scores(conn: Connection, scored: ScoredVisits) -> None:
    """Insert the visit and section rows (answers carry their figures already)."""
    for start in range(0, len(scored.visit_rows), CHUNK):
        conn.execute(sa.insert(visit_scores), scored.visit_rows[start : start + CHUNK])
    for start in range(0, len(scored.section_rows), 10 * CHUNK):
        conn.execute(sa.insert(section_scores), scored.section_rows[start : start + 10 * CHUNK])


def score_unscored(conn: Connection) -> int:
    """Score every submitted or approved visit that has no score yet; returns how many.

    For databases filled before scores were stored, and for any visit whose scoring was
    interrupted. Visits that have a score are never touched.
    """
    query = (
        sa.select(visits.c.id, visits.c.standard_version_id, visits.c.status)
        .outerjoin(visit_scores, visit_scores.c.visit_id == visits.c.id)
        .where(visits.c.status.in_(SCORED_STATUSES), visit_scores.c.visit_id.is_(None))
    )
    by_version: dict[int, list[str]] = {}
    published = False
    for visit_id, version_id, status in conn.execute(query):
        by_version.setdefault(version_id, []).append(visit_id)
        published = published or status == "approved"
    for version_id, visit_ids in by_version.items():
        standard = load_standard_version(conn, version_id)
        for start in range(0, len(visit_ids), CHUNK):
            _rescore_stored(conn, standard, version_id, visit_ids[start : start + CHUNK])
    if published:
        rebuild_months(conn)  # rare (old databases, interrupted scoring): rebuild it all
    return sum(len(ids) for ids in by_version.values())


def rescore_visit(conn: Connection, visit_id: str) -> None:
    """Score one visit again from its stored answers (a resubmission or a correction); a
    published visit's month figures follow."""
    version_id, status = conn.execute(
        sa.select(visits.c.standard_version_id, visits.c.status).where(visits.c.id == visit_id)
    ).one()
    conn.execute(sa.delete(section_scores).where(section_scores.c.visit_id == visit_id))
    conn.execute(sa.delete(visit_scores).where(visit_scores.c.visit_id == visit_id))
    _rescore_stored(conn, load_standard_version(conn, version_id), version_id, [visit_id])
    if status == "approved":
        refresh_visit_month(conn, visit_id)


def _rescore_stored(
    conn: Connection, standard: Standard, version_id: int, visit_ids: list[str]
) -> None:
    columns = (answers.c.visit_id, answers.c.item_id, answers.c.value, answers.c.is_na)
    stored = [
        dict(row._mapping)
        for row in conn.execute(sa.select(*columns).where(answers.c.visit_id.in_(visit_ids)))
    ]
    scored = score_for_storage(standard, version_id, stored)
    updates = [
        {"b_visit": row["visit_id"], "b_item": row["item_id"], **figures}
        for row, figures in zip(stored, scored.answer_figures, strict=True)
    ]
    if updates:
        statement = (
            sa.update(answers)
            .where(
                answers.c.visit_id == sa.bindparam("b_visit"),
                answers.c.item_id == sa.bindparam("b_item"),
            )
            .values({name: sa.bindparam(name) for name in ANSWER_FIGURES})
        )
        conn.execute(statement, updates)
    # A visit without any answer still gets its (empty) score row, so it is not retried.
    answered = {row["visit_id"] for row in scored.visit_rows}
    empty = [
        {
            "visit_id": visit_id,
            "standard_version_id": version_id,
            "score": None,
            "computed": None,
            "critical_failed": False,
            "band_min": None,
            "earned": 0.0,
            "possible": 0.0,
            "staff_score": None,
        }
        for visit_id in visit_ids
        if visit_id not in answered
    ]
    write_visit_scores(conn, ScoredVisits([], scored.visit_rows + empty, scored.section_rows))


def _scope(
    query: sa.Select[*_Columns],
    *,
    region_ids: Iterable[str] | None,
    store_ids: Iterable[str] | None,
    statuses: Sequence[str],
) -> sa.Select[*_Columns]:
    query = query.where(visits.c.status.in_(statuses))
    if region_ids is not None:
        query = query.where(stores.c.region_id.in_(list(region_ids)))
    if store_ids is not None:
        query = query.where(visits.c.store_id.in_(list(store_ids)))
    return query


def visit_scores_frame(
    conn: Connection,
    *,
    region_ids: Iterable[str] | None = None,
    store_ids: Iterable[str] | None = None,
    statuses: Sequence[str] = ("approved",),
) -> pd.DataFrame:
    """One row per scored visit in scope: visit_id, store_id, region_id, staff_id, shopper
    (username), visited_at, standard_version_id, score, critical_failed.

    `region_ids` / `store_ids` are a manager's scope: None means no limit, an empty list
    means nothing.
    """
    query = (
        sa.select(
            visits.c.id.label("visit_id"),
            visits.c.store_id,
            stores.c.region_id,
            visits.c.staff_id,
            people.c.username.label("shopper"),
            visits.c.started_at.label("visited_at"),
            visit_scores.c.standard_version_id,
            visit_scores.c.score,
            visit_scores.c.critical_failed,
        )
        .join(visit_scores, visit_scores.c.visit_id == visits.c.id)
        .join(stores, stores.c.store_id == visits.c.store_id)
        .outerjoin(people, people.c.id == visits.c.shopper_id)
        .order_by(visits.c.started_at, visits.c.id)
    )
    query = _scope(query, region_ids=region_ids, store_ids=store_ids, statuses=statuses)
    frame = pd.DataFrame(
        conn.execute(query).mappings().all(), columns=list(query.selected_columns.keys())
    )
    frame["visited_at"] = pd.to_datetime(frame["visited_at"], utc=True)
    frame["score"] = frame["score"].astype(float)
    return frame


def item_results_frame(
    conn: Connection,
    *,
    region_ids: Iterable[str] | None = None,
    store_ids: Iterable[str] | None = None,
    statuses: Sequence[str] = ("approved",),
) -> pd.DataFrame:
    """One row per scored answer that could fail, in scope: visit_id, store_id, region_id,
    visited_at, standard_version_id, item_id, passed, failed. Bonus items never fail, so they
    are left out, as in the gap rule and the monthly figures."""
    query = (
        sa.select(
            visits.c.id.label("visit_id"),
            visits.c.store_id,
            stores.c.region_id,
            visits.c.started_at.label("visited_at"),
            visits.c.standard_version_id,
            answers.c.item_id,
            answers.c.passed,
            (answers.c.reason == "failed").label("failed"),
        )
        .join(answers, answers.c.visit_id == visits.c.id)
        .join(stores, stores.c.store_id == visits.c.store_id)
        .where(answers.c.reason.in_(FAILABLE))
    )
    query = _scope(query, region_ids=region_ids, store_ids=store_ids, statuses=statuses)
    frame = pd.DataFrame(
        conn.execute(query).mappings().all(), columns=list(query.selected_columns.keys())
    )
    frame["visited_at"] = pd.to_datetime(frame["visited_at"], utc=True)
    for column in ("passed", "failed"):
        frame[column] = frame[column].astype(bool)
    return frame
