"""Visits as a shopper fills them in: drafts saved answer by answer, photos, submit.

Every write checks that the visit belongs to the shopper and is still editable (draft or
returned) in the same statement, so a stale tab can never change a submitted visit.
"""

import datetime as dt
import uuid

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.access import NotAllowed, can, scope_for, scoped
from audits.records.models import Person, Record, StaffMember
from audits.records.settings import get_staff_display
from audits.records.standards import load_standard_version
from audits.records.stores import list_staff
from audits.records.tables import (
    answers,
    assignments,
    calibration_exercises,
    reviews,
    staff,
    standard_versions,
    stores,
    utcnow,
    visit_scores,
    visits,
)
from scoring.submit_checks import Answer, Details
from standards import Standard

EDITABLE = ("draft", "returned")
MAX_TEXT = 4000
"""Longest answer or comment kept; a phone keyboard will not reach it by accident."""


class VisitLocked(Exception):
    """The visit is no longer editable (submitted, approved)."""


class VisitRecord(Record):
    id: str
    store_id: str
    store_name: str
    standard_version_id: int
    shopper_id: int | None
    assignment_id: int | None
    channel: str
    status: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    staff_id: str | None
    staff_description: str | None
    submitted_at: dt.datetime | None
    score: float | None = None
    exercise_id: int | None = None
    """Set for a calibration exercise's visit: it judges the material, not the store."""


def open_visit(conn: Connection, shopper: Person, assignment_id: int) -> str:
    """The visit of an assignment: the existing one (any device, any tab) or a new draft."""
    row = conn.execute(
        sa.select(assignments, standard_versions.c.channel)
        .join(standard_versions, standard_versions.c.id == assignments.c.standard_version_id)
        .where(assignments.c.id == assignment_id)
    ).first()
    if row is None or row.shopper_id != shopper.id:
        raise NotAllowed("this assignment is not yours")
    existing = _visit_of_assignment(conn, assignment_id)
    if existing is not None:
        return existing
    # A guarded write first: a cancel running at the same moment waits for it, or won already.
    still_open = conn.execute(
        sa.update(assignments)
        .where(assignments.c.id == assignment_id, assignments.c.status == "open")
        .values(status="open")
    ).rowcount
    if not still_open:
        raise VisitLocked("this assignment is closed")
    visit_id = str(uuid.uuid4())
    try:
        with conn.begin_nested():
            conn.execute(
                sa.insert(visits).values(
                    id=visit_id,
                    store_id=row.store_id,
                    standard_version_id=row.standard_version_id,
                    shopper_id=shopper.id,
                    assignment_id=assignment_id,
                    exercise_id=row.exercise_id,
                    channel=row.channel,
                    started_at=utcnow(),
                    status="draft",
                )
            )
    except sa.exc.IntegrityError:
        # The other device won the race: both now work on its draft.
        return _visit_of_assignment(conn, assignment_id) or visit_id
    return visit_id


def _visit_of_assignment(conn: Connection, assignment_id: int) -> str | None:
    return conn.execute(
        sa.select(visits.c.id).where(visits.c.assignment_id == assignment_id)
    ).scalar_one_or_none()


@scoped
def get_visit(conn: Connection, person: Person, visit_id: str) -> VisitRecord | None:
    """The visit if the person may see it: their own, or one of a store in their scope."""
    row = (
        conn.execute(
            sa.select(visits, stores.c.name.label("store_name"), visit_scores.c.score)
            .join(stores, stores.c.store_id == visits.c.store_id)
            .outerjoin(visit_scores, visit_scores.c.visit_id == visits.c.id)
            .where(visits.c.id == visit_id)
        )
        .mappings()
        .first()
    )
    if row is None:
        return None
    own = row["shopper_id"] == person.id and can(person, "fill_visits")
    if not own:
        if not can(person, "see_results"):
            return None
        if not scope_for(conn, person, "see_results").allows(row["store_id"]):
            return None
        if row["status"] in EDITABLE and not can(person, "review"):
            return None  # managers see a visit only once it is submitted
    fields = set(VisitRecord.model_fields)
    return VisitRecord(**{key: value for key, value in row.items() if key in fields})


def visit_staff(conn: Connection, visit: VisitRecord) -> list[StaffMember]:
    """The active staff of the visit's store, for the shopper's "who served you" list (a
    VisitRecord comes only from the gate-checked get_visit)."""
    return list_staff(conn, visit.store_id, active_only=True)


def visit_standard(conn: Connection, visit: VisitRecord) -> Standard:
    return load_standard_version(conn, visit.standard_version_id)


def staff_asked(conn: Connection, visit: VisitRecord) -> bool:
    """Whether the form asks who served the shopper: not when staff are kept out entirely,
    nor in a calibration exercise (nobody of the named store served anyone)."""
    return visit.exercise_id is None and get_staff_display(conn) != "hidden"


# The readers below take a VisitRecord, which only `get_visit` hands out after its scope
# check: a page cannot read a visit's details without having been allowed to see the visit.


def visit_answers(conn: Connection, visit: VisitRecord) -> dict[str, Answer]:
    query = sa.select(answers.c.item_id, answers.c.value, answers.c.is_na, answers.c.comment)
    rows = conn.execute(query.where(answers.c.visit_id == visit.id))
    return {row.item_id: Answer(row.value, bool(row.is_na), row.comment) for row in rows}


def claim_visit(conn: Connection, shopper: Person, visit_id: str) -> None:
    """Claim the visit for this write: the shopper's own and still editable, or raise.

    The check is itself a write (a guarded UPDATE), so it takes the row lock on PostgreSQL and
    the write lock on SQLite before anything is read: a submit on another device either
    happened before (and this raises) or waits until this transaction ends.
    """
    claimed = conn.execute(
        sa.update(visits)
        .where(
            visits.c.id == visit_id,
            visits.c.shopper_id == shopper.id,
            visits.c.status.in_(EDITABLE),
            # A closed calibration exercise takes no more answers: its results stand.
            visits.c.exercise_id.is_(None)
            | visits.c.exercise_id.in_(
                sa.select(calibration_exercises.c.id).where(
                    calibration_exercises.c.closed_at.is_(None)
                )
            ),
        )
        .values(updated_at=utcnow())
    ).rowcount
    if claimed:
        return
    row = conn.execute(
        sa.select(visits.c.shopper_id, visits.c.status).where(visits.c.id == visit_id)
    ).first()
    if row is None or row.shopper_id != shopper.id:
        raise NotAllowed("this visit is not yours")
    if row.status in EDITABLE:
        raise VisitLocked("the calibration exercise is closed")
    raise VisitLocked(f"this visit is {row.status} and can no longer be changed")


def save_answer(
    conn: Connection,
    shopper: Person,
    visit_id: str,
    item_id: str,
    *,
    value: str | None,
    is_na: bool = False,
    comment: str | None = None,
) -> None:
    """Store one answer (or clear it when there is neither value, N/A nor comment)."""
    claim_visit(conn, shopper, visit_id)
    value = _clip(value)
    comment = _clip(comment)
    key = (answers.c.visit_id == visit_id) & (answers.c.item_id == item_id)
    if not value and not is_na and not comment:
        conn.execute(sa.delete(answers).where(key))
    else:
        values = {"value": None if is_na else value, "is_na": is_na, "comment": comment}
        updated = conn.execute(sa.update(answers).where(key).values(**values)).rowcount
        if not updated:
            conn.execute(sa.insert(answers).values(visit_id=visit_id, item_id=item_id, **values))


def _clip(text: str | None) -> str | None:
    if text is None:
        return None
    text = text.strip()
    return text[:MAX_TEXT] if text else None


def last_saved(conn: Connection, shopper: Person, visit_id: str) -> dt.datetime | None:
    """When the shopper's visit last took an answer, from any device; None before the first."""
    answered = sa.exists().where(answers.c.visit_id == visits.c.id)
    return conn.execute(
        sa.select(visits.c.updated_at).where(
            visits.c.id == visit_id, visits.c.shopper_id == shopper.id, answered
        )
    ).scalar_one_or_none()


def save_details(conn: Connection, shopper: Person, visit_id: str, details: Details) -> None:
    """Start and end time and who served the shopper (a staff member or a description)."""
    claim_visit(conn, shopper, visit_id)
    if details.staff_id:
        store_of_staff = conn.execute(
            sa.select(staff.c.store_id).where(staff.c.staff_id == details.staff_id)
        ).scalar_one_or_none()
        store_of_visit = conn.execute(
            sa.select(visits.c.store_id).where(visits.c.id == visit_id)
        ).scalar_one()
        if store_of_staff != store_of_visit:
            raise NotAllowed("this staff member does not work at the visited store")
    values: dict[str, object] = {
        "ended_at": details.ended_at,
        "staff_id": details.staff_id or None,
        "staff_description": _clip(details.staff_description),
        "updated_at": utcnow(),
    }
    if details.started_at is not None:
        values["started_at"] = details.started_at
    conn.execute(sa.update(visits).where(visits.c.id == visit_id).values(**values))


def visit_details(visit: VisitRecord) -> Details:
    return Details(visit.started_at, visit.ended_at, visit.staff_id, visit.staff_description)


def return_message(conn: Connection, visit: VisitRecord) -> str | None:
    """The reviewer's reason when the visit was last sent back, if it was."""
    return conn.execute(
        sa.select(reviews.c.reason)
        .where(reviews.c.visit_id == visit.id, reviews.c.action == "returned")
        .order_by(reviews.c.created_at.desc(), reviews.c.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def stored_answers_frame(conn: Connection, visit: VisitRecord) -> pd.DataFrame:
    """The visit's stored answers as they are: item_id, value, is_na, reason, earned,
    possible, comment (scoring.explain.answer_rows puts them in words for a reader)."""
    query = sa.select(
        answers.c.item_id,
        answers.c.value,
        answers.c.is_na,
        answers.c.reason,
        answers.c.earned,
        answers.c.possible,
        answers.c.comment,
    ).where(answers.c.visit_id == visit.id)
    rows = conn.execute(query).mappings().all()
    return pd.DataFrame(rows, columns=list(query.selected_columns.keys()))
