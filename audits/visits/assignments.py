"""Assignments: which shopper visits which store with which standard, and when."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.access import roles_that_can, scoped
from audits.records.models import Person, Stage, WorkItem
from audits.records.standards import stored_text
from audits.records.tables import (
    assignments,
    people,
    person_roles,
    regions,
    reviews,
    standard_versions,
    stores,
    visit_scores,
    visits,
)
from audits.visits.trail import record
from standards.texts import Text


class AssignmentRejected(ValueError):
    """The assignment cannot be made as asked.

    `code` names the reason for the UI's message catalog (`assign.<code>`), `detail` the ids
    concerned; the English message is for the command line and logs.
    """

    def __init__(self, code: str, message: str, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        super().__init__(message)


def _check(
    conn: Connection,
    store_ids: Sequence[str],
    shopper_ids: Sequence[int],
    start: dt.date,
    end: dt.date,
) -> None:
    if end < start:
        raise AssignmentRejected("window_order", "the visit window ends before it starts")
    check_shoppers_and_stores(conn, store_ids, shopper_ids)


def check_shoppers_and_stores(
    conn: Connection, store_ids: Sequence[str], shopper_ids: Sequence[int]
) -> None:
    """Refuse anyone who is not an active shopper and any store that is not active."""
    shoppers = set(
        conn.execute(
            sa.select(person_roles.c.person_id)
            .join(people, people.c.id == person_roles.c.person_id)
            .where(
                person_roles.c.person_id.in_(list(shopper_ids)),
                person_roles.c.role.in_(roles_that_can("fill_visits")),
                people.c.active.is_(True),
            )
        ).scalars()
    )
    if missing := [pid for pid in shopper_ids if pid not in shoppers]:
        ids = ", ".join(map(str, missing))
        raise AssignmentRejected("no_shopper", f"not an active shopper: {ids}", ids)
    active = set(
        conn.execute(
            sa.select(stores.c.store_id).where(
                stores.c.store_id.in_(list(store_ids)), stores.c.active.is_(True)
            )
        ).scalars()
    )
    if missing_stores := [sid for sid in store_ids if sid not in active]:
        ids = ", ".join(missing_stores)
        raise AssignmentRejected("no_store", f"no active store: {ids}", ids)


def create_assignments(
    conn: Connection,
    *,
    store_ids: Sequence[str],
    standard_version_id: int,
    shopper_ids: Sequence[int],
    window_start: dt.date,
    window_end: dt.date,
    scenario: str | None = None,
    notes: str | None = None,
    by: int | None = None,
) -> list[int]:
    """One assignment per store; shoppers take the stores in turn (one shopper: all).

    For a region, pass its stores: several shoppers share them out evenly. Each gets a
    trail row naming `by` (None: the command line).
    """
    if not store_ids or not shopper_ids:
        raise AssignmentRejected("empty", "choose at least one store and one shopper")
    _check(conn, store_ids, shopper_ids, window_start, window_end)
    _no_duplicates(conn, store_ids, standard_version_id, window_start, window_end)
    rows = [
        {
            "store_id": store_id,
            "standard_version_id": standard_version_id,
            "shopper_id": shopper_ids[n % len(shopper_ids)],
            "window_start": window_start,
            "window_end": window_end,
            "scenario": (scenario or "").strip() or None,
            "notes": (notes or "").strip() or None,
        }
        for n, store_id in enumerate(store_ids)
    ]
    made = []
    for row in rows:
        new_id = conn.execute(
            sa.insert(assignments).values(**row).returning(assignments.c.id)
        ).scalar_one()
        shown = ("store_id", "shopper_id", "standard_version_id", "window_start", "window_end")
        record(conn, by, "assignment", new_id, "create", None, {name: row[name] for name in shown})
        made.append(new_id)
    return made


@dataclass(frozen=True)
class StandardChoice:
    """A standard as the assignment form offers it: its title, and which of its versions
    (1 the first registered) from which day, instead of the version's hash."""

    id: int
    title: Text
    number: int
    registered: dt.datetime


def standard_choices(conn: Connection) -> list[StandardChoice]:
    """The newest version of each standard, numbered among that standard's versions."""
    number = (
        sa.func.row_number()
        .over(partition_by=standard_versions.c.standard_id, order_by=standard_versions.c.id)
        .label("number")
    )
    numbered = sa.select(
        standard_versions.c.id,
        standard_versions.c.standard_id,
        standard_versions.c.title,
        standard_versions.c.created_at,
        number,
    ).subquery()
    newest = sa.select(sa.func.max(standard_versions.c.id)).group_by(
        standard_versions.c.standard_id
    )
    rows = conn.execute(
        sa.select(numbered).where(numbered.c.id.in_(newest)).order_by(numbered.c.standard_id)
    ).all()
    return [
        StandardChoice(row.id, stored_text(row.title), row.number, row.created_at) for row in rows
    ]


def _no_duplicates(
    conn: Connection, store_ids: Sequence[str], version_id: int, start: dt.date, end: dt.date
) -> None:
    """Refuse a second open assignment of the same standard for a store in an overlapping
    window: a double click or a repeated bulk run must not send two shoppers."""
    taken = sorted(
        set(
            conn.execute(
                sa.select(assignments.c.store_id).where(
                    assignments.c.store_id.in_(list(store_ids)),
                    assignments.c.standard_version_id == version_id,
                    assignments.c.status == "open",
                    assignments.c.window_start <= end,
                    assignments.c.window_end >= start,
                )
            ).scalars()
        )
    )
    if taken:
        ids = ", ".join(taken)
        raise AssignmentRejected(
            "duplicate", f"already assigned in an overlapping window: {ids}", ids
        )


def region_store_ids(conn: Connection, region_id: str) -> list[str]:
    query = sa.select(stores.c.store_id).where(
        stores.c.region_id == region_id, stores.c.active.is_(True)
    )
    return list(conn.execute(query.order_by(stores.c.store_id)).scalars())


def cancel_assignment(conn: Connection, assignment_id: int) -> bool:
    """Cancel an open assignment nobody has started; False when that is not the case."""
    this = assignments.c.id == assignment_id
    # Lock the assignment first (a guarded write), so a shopper starting it at this moment
    # either finished (and the visit is seen below) or waits until the cancel is done.
    if not conn.execute(
        sa.update(assignments).where(this, assignments.c.status == "open").values(status="open")
    ).rowcount:
        return False
    if conn.execute(sa.select(visits.c.id).where(visits.c.assignment_id == assignment_id)).first():
        return False
    conn.execute(sa.update(assignments).where(this).values(status="cancelled"))
    return True


def assignments_frame(conn: Connection) -> pd.DataFrame:
    """Every assignment for the admin list, newest window first; `title` holds the
    standard's title in every language it has."""
    query = (
        sa.select(
            assignments.c.id,
            assignments.c.store_id,
            stores.c.name.label("store_name"),
            regions.c.name.label("region"),
            standard_versions.c.title,
            standard_versions.c.version,
            people.c.username.label("shopper"),
            assignments.c.window_start,
            assignments.c.window_end,
            assignments.c.status,
            visits.c.status.label("visit_status"),
        )
        .join(stores, stores.c.store_id == assignments.c.store_id)
        .join(regions, regions.c.id == stores.c.region_id)
        .join(standard_versions, standard_versions.c.id == assignments.c.standard_version_id)
        .join(people, people.c.id == assignments.c.shopper_id)
        .outerjoin(visits, visits.c.assignment_id == assignments.c.id)
        .order_by(assignments.c.window_start.desc(), assignments.c.store_id)
    )
    rows = [dict(row) for row in conn.execute(query).mappings()]
    for row in rows:
        row["title"] = stored_text(row["title"])
        # Only an open assignment nobody has started may be cancelled.
        row["cancellable"] = row["status"] == "open" and row["visit_status"] is None
    columns = [c.name for c in query.selected_columns] + ["cancellable"]
    return pd.DataFrame.from_records(rows, columns=columns)


@scoped
def shopper_work(conn: Connection, shopper: Person) -> list[WorkItem]:
    """The shopper's own assignments and visits, one record each with the latest review note,
    in the order their windows end."""
    last_return = (
        sa.select(reviews.c.reason)
        .where(reviews.c.visit_id == visits.c.id, reviews.c.action == "returned")
        .order_by(reviews.c.created_at.desc(), reviews.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    query = (
        sa.select(
            assignments.c.id.label("assignment_id"),
            assignments.c.standard_version_id,
            visits.c.id.label("visit_id"),
            stores.c.store_id,
            stores.c.name.label("store_name"),
            stores.c.city,
            stores.c.address,
            standard_versions.c.title,
            standard_versions.c.channel,
            assignments.c.window_start,
            assignments.c.window_end,
            assignments.c.scenario,
            assignments.c.notes,
            assignments.c.exercise_id,
            assignments.c.status.label("assignment_status"),
            visits.c.status.label("visit_status"),
            visits.c.updated_at,
            visits.c.submitted_at,
            visit_scores.c.score,
            last_return.label("review_message"),
        )
        .select_from(assignments)
        .join(stores, stores.c.store_id == assignments.c.store_id)
        .join(standard_versions, standard_versions.c.id == assignments.c.standard_version_id)
        .outerjoin(visits, visits.c.assignment_id == assignments.c.id)
        .outerjoin(visit_scores, visit_scores.c.visit_id == visits.c.id)
        .where(
            assignments.c.shopper_id == shopper.id,
            # A started visit stays in the list even if its assignment was cancelled meanwhile.
            (assignments.c.status != "cancelled") | visits.c.id.is_not(None),
        )
        .order_by(assignments.c.window_end, assignments.c.id)
    )
    return [
        WorkItem(
            **{**row, "title": stored_text(row["title"])},
            stage=_stage(row["visit_status"]),
        )
        for row in conn.execute(query).mappings()
    ]


def _stage(visit_status: str | None) -> Stage:
    if visit_status is None:
        return "todo"
    return "draft" if visit_status in ("draft", "returned") else "done"
