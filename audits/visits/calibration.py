"""Calibration exercises: a reviewer or admin invites shoppers to judge the same interaction
with one standard; each fills the normal form on an assignment of their own, without seeing
the others; when all have submitted (or the reviewer closes it) the agreement can be read.

The exercise's visits are never reviewed or published (audits/visits/review.py refuses
them), so they count in no store's figures.
"""

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.access import require, roles_that_can, scoped
from audits.records.models import Person, Record
from audits.records.standards import load_standard_version, stored_text
from audits.records.tables import (
    answers,
    assignments,
    calibration_exercises,
    people,
    person_roles,
    standard_versions,
    utcnow,
    visit_scores,
    visits,
)
from audits.visits.assignments import AssignmentRejected, check_shoppers_and_stores
from audits.visits.exercise_material import MaterialFile
from audits.visits.trail import record
from standards import Standard
from standards.texts import Text

MAX_TITLE = 200
MAX_MATERIAL = 5000
ANSWER_DAYS = 14
"""How long the invited shoppers have to answer (the assignments' window)."""


class ExerciseRejected(ValueError):
    """The exercise cannot be made or changed as asked; `code` names the reason for the UI's
    message catalog (`calib.<code>`)."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


class Exercise(Record):
    id: int
    title: str
    standard_id: str
    standard_title: Text
    standard_version_id: int
    material: str
    created_at: dt.datetime
    closed_at: dt.datetime | None
    invited: int
    submitted: int


def create_exercise(
    conn: Connection,
    person: Person,
    *,
    title: str,
    standard_version_id: int,
    store_id: str,
    material: str,
    shopper_ids: Sequence[int],
    today: dt.date,
    material_file: MaterialFile | None = None,
) -> int:
    """The exercise and one assignment per invited shopper (the material as its scenario)."""
    require(person, "run_calibration")
    title, material = title.strip(), material.strip()
    if not title or len(title) > MAX_TITLE:
        raise ExerciseRejected("title_error", f"give a title of 1 to {MAX_TITLE} characters")
    if not material or len(material) > MAX_MATERIAL:
        raise ExerciseRejected(
            "material_error", f"describe the material in 1 to {MAX_MATERIAL} characters"
        )
    shoppers = sorted(set(shopper_ids))
    if len(shoppers) < 2:
        raise ExerciseRejected("shoppers_error", "invite at least two shoppers")
    try:
        check_shoppers_and_stores(conn, [store_id], shoppers)
    except AssignmentRejected as problem:
        raise ExerciseRejected(problem.code, str(problem)) from problem
    exercise_id: int = conn.execute(
        sa.insert(calibration_exercises)
        .values(
            title=title,
            standard_version_id=standard_version_id,
            store_id=store_id,
            material=material,
            material_name=material_file.name if material_file else None,
            material_mime=material_file.mime if material_file else None,
            material_bytes=material_file.data if material_file else None,
            created_by=person.id,
        )
        .returning(calibration_exercises.c.id)
    ).scalar_one()
    conn.execute(
        sa.insert(assignments),
        [
            {
                "store_id": store_id,
                "standard_version_id": standard_version_id,
                "shopper_id": shopper,
                "window_start": today,
                "window_end": today + dt.timedelta(days=ANSWER_DAYS),
                "scenario": material,
                "notes": title,
                "exercise_id": exercise_id,
            }
            for shopper in shoppers
        ],
    )
    record(conn, person.id, "exercise", exercise_id, "create", None, {"shoppers": shoppers})
    return exercise_id


def _invited_and_submitted() -> tuple[sa.ColumnElement[int], sa.ColumnElement[int]]:
    invited = (
        sa.select(sa.func.count())
        .where(assignments.c.exercise_id == calibration_exercises.c.id)
        .scalar_subquery()
    )
    submitted = (
        sa.select(sa.func.count())
        .where(visits.c.exercise_id == calibration_exercises.c.id, visits.c.status == "submitted")
        .scalar_subquery()
    )
    return invited, submitted


@scoped
def invitable_shoppers(conn: Connection, person: Person) -> dict[int, str]:
    """Active people who fill visits, by id: "Full Name (username)"."""
    require(person, "run_calibration")
    rows = conn.execute(
        sa.select(people.c.id, people.c.full_name, people.c.username)
        .where(
            people.c.active.is_(True),
            people.c.id.in_(
                sa.select(person_roles.c.person_id).where(
                    person_roles.c.role.in_(roles_that_can("fill_visits"))
                )
            ),
        )
        .order_by(people.c.full_name, people.c.id)
    ).all()
    return {row.id: f"{row.full_name} ({row.username})" for row in rows}


@scoped
def list_exercises(conn: Connection, person: Person) -> list[Exercise]:
    """Every exercise, newest first, with how many shoppers were invited and have answered."""
    require(person, "run_calibration")
    invited, submitted = _invited_and_submitted()
    rows = conn.execute(
        sa.select(
            calibration_exercises.c.id,
            calibration_exercises.c.title,
            standard_versions.c.standard_id,
            standard_versions.c.title.label("standard_title"),
            calibration_exercises.c.standard_version_id,
            calibration_exercises.c.material,
            calibration_exercises.c.created_at,
            calibration_exercises.c.closed_at,
            invited.label("invited"),
            submitted.label("submitted"),
        )
        .join(
            standard_versions,
            standard_versions.c.id == calibration_exercises.c.standard_version_id,
        )
        .order_by(calibration_exercises.c.id.desc())
    ).mappings()
    return [
        Exercise(**{**row, "standard_title": stored_text(row["standard_title"])}) for row in rows
    ]


def close_exercise(conn: Connection, person: Person | None, exercise_id: int) -> bool:
    """Close it: no more answers; open invitations are cancelled. `person` None is the
    closing by the last submission. False when it was already closed."""
    if person is not None:
        require(person, "run_calibration")
    closed = conn.execute(
        sa.update(calibration_exercises)
        .where(
            calibration_exercises.c.id == exercise_id, calibration_exercises.c.closed_at.is_(None)
        )
        .values(closed_at=utcnow(), closed_by=None if person is None else person.id)
    ).rowcount
    if not closed:
        return False
    conn.execute(
        sa.update(assignments)
        .where(assignments.c.exercise_id == exercise_id, assignments.c.status == "open")
        .values(status="cancelled")
    )
    record(conn, None if person is None else person.id, "exercise", exercise_id, "close")
    return True


def close_when_all_answered(conn: Connection, exercise_id: int) -> None:
    """After a submission: the last invited shopper's answer closes the exercise."""
    invited, submitted = _invited_and_submitted()
    row = conn.execute(
        sa.select(invited.label("invited"), submitted.label("submitted")).where(
            calibration_exercises.c.id == exercise_id
        )
    ).one()
    if row.submitted >= row.invited:
        close_exercise(conn, None, exercise_id)


@scoped
def exercise_results(
    conn: Connection, person: Person, exercise_ids: Sequence[int]
) -> tuple[Standard, pd.DataFrame, pd.DataFrame, dict[int, str]]:
    """The submitted answers and scores of closed exercises of one standard, for
    scoring.calibration: the newest version among them, answers (exercise_id, shopper_id,
    item_id, value, is_na), scores (exercise_id, shopper_id, score) and shopper names."""
    require(person, "run_calibration")
    chosen = conn.execute(
        sa.select(
            calibration_exercises.c.id,
            calibration_exercises.c.standard_version_id,
            standard_versions.c.standard_id,
        )
        .join(
            standard_versions,
            standard_versions.c.id == calibration_exercises.c.standard_version_id,
        )
        .where(
            calibration_exercises.c.id.in_(list(exercise_ids)),
            calibration_exercises.c.closed_at.is_not(None),
        )
    ).all()
    if not chosen or len({row.standard_id for row in chosen}) > 1:
        raise ExerciseRejected("choose", "choose closed exercises of one standard")
    standard = load_standard_version(conn, max(row.standard_version_id for row in chosen))
    ids = [row.id for row in chosen]
    done = sa.and_(visits.c.exercise_id.in_(ids), visits.c.status == "submitted")
    given = conn.execute(
        sa.select(
            visits.c.exercise_id,
            visits.c.shopper_id,
            answers.c.item_id,
            answers.c.value,
            answers.c.is_na,
        )
        .join(answers, answers.c.visit_id == visits.c.id)
        .where(done)
    ).all()
    answer_frame = pd.DataFrame(
        given, columns=["exercise_id", "shopper_id", "item_id", "value", "is_na"]
    )
    scored = conn.execute(
        sa.select(visits.c.exercise_id, visits.c.shopper_id, visit_scores.c.score)
        .join(visit_scores, visit_scores.c.visit_id == visits.c.id)
        .where(done)
    ).all()
    score_frame = pd.DataFrame(scored, columns=["exercise_id", "shopper_id", "score"])
    names = dict(
        conn.execute(
            sa.select(people.c.id, people.c.full_name).where(
                people.c.id.in_(sa.select(visits.c.shopper_id).where(done))
            )
        ).all()
    )
    return standard, answer_frame, score_frame, names
