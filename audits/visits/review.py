"""Review decisions on a submitted visit: approve, return, correct (the queue with its
plausibility flags is audits/visits/queue.py).

Every change is one transaction with its audit-trail row and its notices.
"""

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.access import require
from audits.records.models import Person
from audits.records.months import refresh_visit_month
from audits.records.scores import rescore_visit
from audits.records.standards import load_standard_version
from audits.records.tables import (
    answers,
    reviews,
    utcnow,
    visits,
)
from audits.visits.notices import notify, store_managers_of
from audits.visits.trail import record
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
        .where(
            visits.c.id == visit_id,
            visits.c.status == source,
            # A calibration visit judges the exercise's material, not the store.
            visits.c.exercise_id.is_(None),
        )
        .values(status=target, updated_at=utcnow(), **values)
    ).rowcount
    if not moved:
        row = conn.execute(
            sa.select(visits.c.status, visits.c.exercise_id).where(visits.c.id == visit_id)
        ).first()
        if row is None:
            raise ReviewRefused("not_found", f"no visit {visit_id}")
        if row.exercise_id is not None:
            raise ReviewRefused("calibration", "calibration visits are never published")
        raise ReviewRefused("not_submitted", f"the visit is {row.status}, not submitted")


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
) -> tuple[dict[str, str | None], dict[str, str | None]]:
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
        .where(
            visits.c.id == visit_id,
            visits.c.status == "submitted",
            visits.c.exercise_id.is_(None),
        )
        .values(updated_at=utcnow())
    ).rowcount
    if not claimed:
        raise ReviewRefused(
            "not_submitted",
            "only a submitted visit can be corrected; a published one is changed through a dispute",
        )
    change_answer(conn, reviewer, visit_id, item_id, raw, action="correct", reason=text)
