"""Submitting a visit: every check again, the status change and the score, in one transaction."""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.access import NotAllowed
from audits.records.models import Person
from audits.records.scores import rescore_visit
from audits.records.tables import assignments, utcnow, visits
from audits.visits.calibration import close_when_all_answered
from audits.visits.drafts import (
    EDITABLE,
    VisitLocked,
    VisitRecord,
    claim_visit,
    get_visit,
    staff_asked,
    visit_answers,
    visit_details,
    visit_standard,
)
from audits.visits.photos import photo_counts
from scoring.submit_checks import Issue, check_visit


@dataclass(frozen=True)
class SubmitOutcome:
    status: str
    """submitted (now), already (an earlier click did it) or incomplete."""
    issues: list[Issue]


def visit_issues(conn: Connection, visit: VisitRecord) -> list[Issue]:
    return check_visit(
        visit_standard(conn, visit),
        visit_answers(conn, visit),
        photo_counts(conn, visit),
        visit_details(visit),
        staff_asked=staff_asked(conn, visit),
    )


def submit_visit(conn: Connection, shopper: Person, visit_id: str) -> SubmitOutcome:
    """Check and submit in one transaction; a second click or a retry changes nothing."""
    try:
        claim_visit(conn, shopper, visit_id)  # from here on no other device can change it
    except VisitLocked:
        return SubmitOutcome("already", [])
    visit = get_visit(conn, shopper, visit_id)
    if visit is None:  # cannot happen after the claim above; never submit blindly
        raise NotAllowed("this visit is not yours")
    issues = visit_issues(conn, visit)
    if issues:
        return SubmitOutcome("incomplete", issues)
    now = utcnow()
    done = conn.execute(
        sa.update(visits)
        .where(visits.c.id == visit_id, visits.c.status.in_(EDITABLE))
        .values(status="submitted", submitted_at=now, updated_at=now)
    ).rowcount
    if not done:
        return SubmitOutcome("already", [])
    rescore_visit(conn, visit_id)
    if visit.assignment_id is not None:
        conn.execute(
            sa.update(assignments)
            .where(assignments.c.id == visit.assignment_id, assignments.c.status == "open")
            .values(status="done")
        )
    exercise_id = conn.execute(
        sa.select(visits.c.exercise_id).where(visits.c.id == visit_id)
    ).scalar_one()
    if exercise_id is not None:
        close_when_all_answered(conn, exercise_id)
    return SubmitOutcome("submitted", [])
