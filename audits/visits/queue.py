"""The review queue: submitted visits, oldest first, with the plausibility flags each raised
(scoring/plausibility.py judges; this module reads what it needs)."""

import datetime as dt

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.access import require, scoped
from audits.records.models import Person, QueuedVisit, records_of
from audits.records.scores import visit_scores_frame
from audits.records.standards import load_standard_version, stored_text
from audits.records.tables import (
    answers,
    assignments,
    attachments,
    people,
    standard_versions,
    stores,
    visit_scores,
    visits,
)
from locales import HOME_ZONE, HOME_ZONE_NAME
from scoring.leniency import current_leniency
from scoring.plausibility import FLAGS, plausibility_flags
from standards import Item


@scoped
def review_queue(conn: Connection, reviewer: Person) -> list[QueuedVisit]:
    """Submitted visits, oldest first, with the plausibility flags each raised."""
    require(reviewer, "review")
    query = (
        sa.select(
            visits.c.id.label("visit_id"),
            visits.c.store_id,
            stores.c.name.label("store_name"),
            standard_versions.c.standard_id,
            standard_versions.c.title,
            people.c.username.label("shopper"),
            visits.c.started_at,
            visits.c.ended_at,
            visits.c.submitted_at,
            visit_scores.c.score,
            assignments.c.window_start,
            assignments.c.window_end,
        )
        .join(stores, stores.c.store_id == visits.c.store_id)
        .join(standard_versions, standard_versions.c.id == visits.c.standard_version_id)
        .outerjoin(people, people.c.id == visits.c.shopper_id)
        .outerjoin(visit_scores, visit_scores.c.visit_id == visits.c.id)
        .outerjoin(assignments, assignments.c.id == visits.c.assignment_id)
        # Calibration visits wait for their exercise, never for a reviewer.
        .where(visits.c.status == "submitted", visits.c.exercise_id.is_(None))
        .order_by(visits.c.submitted_at, visits.c.id)
    )
    queue = pd.DataFrame(
        conn.execute(query).mappings().all(), columns=list(query.selected_columns.keys())
    )
    if queue.empty:
        return []
    queue["title"] = queue["title"].map(stored_text)
    queue["minutes"] = _minutes(queue["started_at"], queue["ended_at"])
    started = pd.to_datetime(queue["started_at"], utc=True).dt.tz_convert(HOME_ZONE_NAME)
    queue["visit_day"] = started.dt.date
    flags = plausibility_flags(
        queue,
        _reference_minutes(conn),
        _answer_stats(conn, queue),
        _duplicate_photo_visits(conn, list(queue["visit_id"])),
        # The same judgement the calibration page lists (docs/review.md).
        current_leniency(visit_scores_frame(conn), dt.datetime.now(HOME_ZONE).date()),
    )
    raised = flags.set_index("visit_id")[list(FLAGS)]
    queue["flags"] = [
        tuple(flag for flag, on in zip(FLAGS, row, strict=True) if on)
        for row in raised.loc[queue["visit_id"]].to_numpy()
    ]
    return records_of(QueuedVisit, queue)


def _minutes(start: pd.Series, end: pd.Series) -> pd.Series:
    delta = pd.to_datetime(end, utc=True) - pd.to_datetime(start, utc=True)
    return delta.dt.total_seconds() / 60


def _reference_minutes(conn: Connection) -> pd.DataFrame:
    query = (
        sa.select(standard_versions.c.standard_id, visits.c.started_at, visits.c.ended_at)
        .join(standard_versions, standard_versions.c.id == visits.c.standard_version_id)
        .where(
            visits.c.status.in_(("submitted", "approved")),
            visits.c.ended_at.is_not(None),
            visits.c.exercise_id.is_(None),
        )
    )
    rows = pd.DataFrame(conn.execute(query).all(), columns=["standard_id", "start", "end"])
    return pd.DataFrame(
        {"standard_id": rows["standard_id"], "minutes": _minutes(rows["start"], rows["end"])}
    )


def _answer_stats(conn: Connection, queue: pd.DataFrame) -> pd.DataFrame:
    query = (
        sa.select(
            answers.c.visit_id,
            visits.c.standard_version_id,
            answers.c.item_id,
            answers.c.value,
            answers.c.reason,
            answers.c.comment,
        )
        .join(visits, visits.c.id == answers.c.visit_id)
        .where(answers.c.visit_id.in_(list(queue["visit_id"])))
    )
    rows = pd.DataFrame(
        conn.execute(query).all(),
        columns=["visit_id", "version", "item_id", "value", "reason", "comment"],
    )
    items = {
        (version, item.id): item
        for version in rows["version"].unique()
        for item in load_standard_version(conn, int(version)).items()
    }
    keys = list(zip(rows["version"], rows["item_id"], strict=True))
    # A record-only yes/no (was it a drive-thru visit?) says nothing about leniency.
    types = {key: item.type if item.scored else "recorded" for key, item in items.items()}
    is_yes_no = [types.get(key) == "yes_no" for key in keys]
    # An N/A answer is neither yes nor no: it does not count for "everything yes".
    rows["yes_no"] = pd.Series(is_yes_no, index=rows.index) & rows["value"].notna()
    rows["yes"] = rows["yes_no"] & (rows["value"] == "yes")
    # Only a comment the standard asks for is missing: most failed items need none, and a
    # flag on most rows would teach reviewers to ignore it.
    asks = pd.Series([_asks_comment(items.get(key)) for key in keys], index=rows.index)
    failed = rows["reason"] == "failed"
    blank = rows["comment"].fillna("").str.strip() == ""
    rows["comment_missing"] = blank & ((asks == "always") | ((asks == "on_fail") & failed))
    stats = rows.groupby("visit_id")[["yes_no", "yes", "comment_missing"]].sum()
    return stats.reset_index()


def _asks_comment(item: Item | None) -> str:
    return item.require_comment if item is not None else "never"


def _duplicate_photo_visits(conn: Connection, visit_ids: list[str]) -> set[str]:
    """Queued visits holding a photo that another visit holds too."""
    other = attachments.alias("other")
    query = (
        sa.select(attachments.c.visit_id)
        .join(
            other,
            (other.c.sha256 == attachments.c.sha256) & (other.c.visit_id != attachments.c.visit_id),
        )
        .where(attachments.c.visit_id.in_(visit_ids), attachments.c.sha256.is_not(None))
    )
    return set(conn.execute(query).scalars())
