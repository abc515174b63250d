"""Review: the queue of submitted visits with plausibility flags; approve, return, correct.

Every change is one transaction with its audit-trail row and its notices.
"""

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.access import require, scoped
from audits.records.models import Person, QueuedVisit, records_of
from audits.records.months import refresh_visit_month
from audits.records.scores import rescore_visit, visit_scores_frame
from audits.records.standards import load_standard_version, stored_text
from audits.records.tables import (
    answers,
    assignments,
    attachments,
    people,
    reviews,
    standard_versions,
    stores,
    utcnow,
    visit_scores,
    visits,
)
from audits.visits.notices import notify, store_managers_of
from audits.visits.trail import record
from locales import HOME_ZONE_NAME
from scoring.leniency import shopper_leniency
from scoring.plausibility import FLAGS, plausibility_flags
from standards import AnswerError, parse_answer


class ReviewRefused(Exception):
    """The change is not possible; `code` names the catalog text `review.<code>`."""

    def __init__(self, code: str, message: str, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        """A value the UI text names (a date, an item id), or ""."""
        super().__init__(message)


def _needs_reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise ReviewRefused("reason_required", "give a reason")
    return text[:4000]


def refuse_own_visit(conn: Connection, reviewer: Person, visit_id: str) -> None:
    """Nobody reviews or decides on their own visit, whatever roles they hold."""
    shopper = conn.execute(
        sa.select(visits.c.shopper_id).where(visits.c.id == visit_id)
    ).scalar_one_or_none()
    if shopper is not None and shopper == reviewer.id:
        raise ReviewRefused("own_visit", "you cannot review your own visit")


def _move(conn: Connection, visit_id: str, source: str, target: str, **values: object) -> None:
    """Change the status only from `source`: a second reviewer's click changes nothing."""
    moved = conn.execute(
        sa.update(visits)
        .where(visits.c.id == visit_id, visits.c.status == source)
        .values(status=target, updated_at=utcnow(), **values)
    ).rowcount
    if not moved:
        status = conn.execute(
            sa.select(visits.c.status).where(visits.c.id == visit_id)
        ).scalar_one_or_none()
        if status is None:
            raise ReviewRefused("not_found", f"no visit {visit_id}")
        raise ReviewRefused("not_submitted", f"the visit is {status}, not submitted")


def approve_visit(conn: Connection, reviewer: Person, visit_id: str) -> None:
    """Publish a submitted visit: its score is final, the store's managers are told."""
    require(reviewer, "review")
    refuse_own_visit(conn, reviewer, visit_id)
    _move(conn, visit_id, "submitted", "approved", approved_at=utcnow())
    refresh_visit_month(conn, visit_id)
    conn.execute(
        sa.insert(reviews).values(visit_id=visit_id, reviewer_id=reviewer.id, action="approved")
    )
    record(
        conn,
        reviewer.id,
        "visit",
        visit_id,
        "approve",
        {"status": "submitted"},
        {"status": "approved"},
    )
    store_id = conn.execute(
        sa.select(visits.c.store_id).where(visits.c.id == visit_id)
    ).scalar_one()
    notify(conn, store_managers_of(conn, store_id), "result", visit_id=visit_id)


def return_visit(conn: Connection, reviewer: Person, visit_id: str, reason: str) -> None:
    """Send a submitted visit back to its shopper with a reason they will see."""
    require(reviewer, "review")
    text = _needs_reason(reason)
    refuse_own_visit(conn, reviewer, visit_id)
    _move(conn, visit_id, "submitted", "returned")
    conn.execute(
        sa.insert(reviews).values(
            visit_id=visit_id, reviewer_id=reviewer.id, action="returned", reason=text
        )
    )
    record(
        conn,
        reviewer.id,
        "visit",
        visit_id,
        "return",
        {"status": "submitted"},
        {"status": "returned", "reason": text},
    )
    shopper = conn.execute(
        sa.select(visits.c.shopper_id).where(visits.c.id == visit_id)
    ).scalar_one()
    if shopper is not None:
        notify(conn, [shopper], "returned", visit_id=visit_id)


def change_answer(
    conn: Connection,
    person: Person,
    visit_id: str,
    item_id: str,
    raw: str,
    *,
    action: str,
    reason: str,
) -> tuple[dict, dict]:
    """Set one answer ("na" for not applicable), rescore the visit and record it.

    Shared by a reviewer's correction and an upheld dispute; returns (before, after).
    """
    version_id = conn.execute(
        sa.select(visits.c.standard_version_id).where(visits.c.id == visit_id)
    ).scalar_one()
    standard = load_standard_version(conn, version_id)
    if not standard.has_item(item_id):
        raise ReviewRefused("unknown_item", f"the standard has no item {item_id}")
    try:
        # The standard's own rules hold for reviewers too: N/A only where it allows N/A.
        parsed = parse_answer(standard.item(item_id), raw)
    except AnswerError as error:
        raise ReviewRefused("bad_value", str(error)) from None
    key = (answers.c.visit_id == visit_id) & (answers.c.item_id == item_id)
    old = conn.execute(sa.select(answers.c.value, answers.c.is_na).where(key)).first()
    before = {
        "visit_id": visit_id,
        "item_id": item_id,
        "value": "na" if old is not None and old.is_na else (old.value if old else None),
    }
    values = {"value": parsed.value, "is_na": parsed.na}
    if old is None:
        conn.execute(sa.insert(answers).values(visit_id=visit_id, item_id=item_id, **values))
    else:
        conn.execute(sa.update(answers).where(key).values(**values))
    rescore_visit(conn, visit_id)
    after = {
        "visit_id": visit_id,
        "item_id": item_id,
        "value": "na" if parsed.na else parsed.value,
        "reason": reason,
    }
    record(conn, person.id, "answer", f"{visit_id}:{item_id}", action, before, after)
    return before, after


def correct_answer(
    conn: Connection, reviewer: Person, visit_id: str, item_id: str, raw: str, reason: str
) -> None:
    """A reviewer's correction of a submitted visit, with a mandatory reason; rescored."""
    require(reviewer, "review")
    text = _needs_reason(reason)
    refuse_own_visit(conn, reviewer, visit_id)
    # Claim the visit first (a guarded write): an approval at the same moment either came
    # before (and this refuses) or waits until the correction is done.
    claimed = conn.execute(
        sa.update(visits)
        .where(visits.c.id == visit_id, visits.c.status == "submitted")
        .values(updated_at=utcnow())
    ).rowcount
    if not claimed:
        raise ReviewRefused(
            "not_submitted",
            "only a submitted visit can be corrected; a published one is changed through a dispute",
        )
    change_answer(conn, reviewer, visit_id, item_id, raw, action="correct", reason=text)


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
        .where(visits.c.status == "submitted")
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
        shopper_leniency(visit_scores_frame(conn)),
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
        .where(visits.c.status.in_(("submitted", "approved")), visits.c.ended_at.is_not(None))
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
    # A record-only yes/no (was it a drive-thru visit?) says nothing about leniency.
    types = {
        (version, item.id): item.type if item.scored else "recorded"
        for version in rows["version"].unique()
        for item in load_standard_version(conn, int(version)).items()
    }
    is_yes_no = [
        types.get(key) == "yes_no" for key in zip(rows["version"], rows["item_id"], strict=True)
    ]
    # An N/A answer is neither yes nor no: it does not count for "everything yes".
    rows["yes_no"] = pd.Series(is_yes_no, index=rows.index) & rows["value"].notna()
    rows["yes"] = rows["yes_no"] & (rows["value"] == "yes")
    blank = rows["comment"].fillna("").str.strip() == ""
    rows["failed_without_comment"] = (rows["reason"] == "failed") & blank
    stats = rows.groupby("visit_id")[["yes_no", "yes", "failed_without_comment"]].sum()
    return stats.reset_index()


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
