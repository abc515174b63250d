"""Corrective actions: a failed item or a recurring gap becomes a task for a store.

Status runs open -> in progress -> done -> verified. An action closed as done (or verified)
whose item fails again at that store afterwards is "closed but recurred".
"""

import datetime as dt

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.access import NotAllowed, can, roles_that_can, scope_for, scoped
from audits.records.models import Person
from audits.records.months import bump_data_version
from audits.records.standards import list_standard_versions, load_standard_version
from audits.records.tables import (
    ACTION_STATUSES,
    actions,
    answers,
    standard_versions,
    stores,
    utcnow,
    visits,
)
from audits.visits.trail import record
from standards.texts import Text

NEXT = {
    "open": ("in_progress", "done"),
    "in_progress": ("done", "open"),
    "done": ("verified", "in_progress"),
    "verified": (),
}
"""Allowed status changes; "verified" is final, and only a regional manager or admin sets it."""

VERIFIERS = roles_that_can("verify_actions")


class ActionRefused(ValueError):
    """`code` names the catalog text `action.<code>`."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


def create_action(
    conn: Connection,
    person: Person,
    *,
    store_id: str,
    standard_id: str,
    item_id: str,
    owner: str,
    due_date: dt.date,
    visit_id: str | None = None,
    note: str | None = None,
) -> int:
    """An action from a failed item of a published visit (`visit_id`) or a recurring gap."""
    if not scope_for(conn, person, "manage_actions").allows(store_id):
        raise NotAllowed("this store is not in your scope")
    if not (owner or "").strip():
        raise ActionRefused("owner_required", "name who owns the action")
    if visit_id is not None:
        status = conn.execute(
            sa.select(visits.c.status, visits.c.store_id).where(visits.c.id == visit_id)
        ).first()
        if status is None or status.store_id != store_id or status.status != "approved":
            raise ActionRefused("not_published", "actions come from published visits")
        standard_of_visit = conn.execute(
            sa.select(standard_versions.c.standard_id)
            .join(visits, visits.c.standard_version_id == standard_versions.c.id)
            .where(visits.c.id == visit_id)
        ).scalar_one()
        if standard_of_visit != standard_id:
            raise ActionRefused("not_published", "the item is not from this visit's standard")
    action_id: int = conn.execute(
        sa.insert(actions)
        .values(
            store_id=store_id,
            standard_id=standard_id,
            item_id=item_id,
            visit_id=visit_id,
            source="visit" if visit_id else "gap",
            note=(note or "").strip()[:4000] or None,
            owner=owner.strip()[:200],
            due_date=due_date,
            created_by=person.id,
        )
        .returning(actions.c.id)
    ).scalar_one()
    bump_data_version(conn)  # open actions show on the gap and store pages
    record(
        conn,
        person.id,
        "action",
        action_id,
        "create",
        None,
        {
            "store_id": store_id,
            "item_id": item_id,
            "visit_id": visit_id,
            "owner": owner.strip(),
            "due_date": due_date,
        },
    )
    return action_id


def set_action_status(conn: Connection, person: Person, action_id: int, status: str) -> None:
    if status not in ACTION_STATUSES:
        raise ActionRefused("bad_status", f"unknown status {status!r}")
    row = conn.execute(
        sa.select(actions.c.store_id, actions.c.status, actions.c.visit_id)
        .where(actions.c.id == action_id)
        .with_for_update()
    ).first()
    if row is None or not scope_for(conn, person, "manage_actions").allows(row.store_id):
        raise NotAllowed("no such action in your scope")
    if status not in NEXT[row.status]:
        raise ActionRefused("bad_step", f"an action that is {row.status} cannot become {status}")
    if status == "verified":
        # Refusals a page can explain: a manager who may verify elsewhere learns why not here.
        if not can(person, "verify_actions"):
            raise ActionRefused("not_verifier", "verifying is for " + ", ".join(VERIFIERS))
        if not scope_for(conn, person, "verify_actions").allows(row.store_id):
            raise ActionRefused("verify_outside", f"store {row.store_id} is not yours to verify")
    values: dict[str, object] = {"status": status}
    if status == "done":
        values["done_at"] = utcnow()
    elif status in ("open", "in_progress"):
        values["done_at"] = None
    changed = conn.execute(
        sa.update(actions)
        .where(actions.c.id == action_id, actions.c.status == row.status)
        .values(**values)
    ).rowcount
    if not changed:
        raise ActionRefused("changed_meanwhile", "someone changed the action meanwhile")
    bump_data_version(conn)  # open actions show on the gap and store pages
    record(
        conn,
        person.id,
        "action",
        action_id,
        "status",
        {"status": row.status},
        {"status": status, "visit_id": row.visit_id},
    )


@scoped
def actions_frame(conn: Connection, person: Person, today: dt.date) -> pd.DataFrame:
    """Actions in the person's scope with `store_name`, `question` (the item's text in every
    language, from the newest version of its standard that has it), `overdue` (past due and
    not done) and `recurred` (closed, and the item failed at the store in a visit after it
    was closed)."""
    later_failure = (
        sa.select(sa.func.count())
        .select_from(answers)
        .join(visits, visits.c.id == answers.c.visit_id)
        .join(standard_versions, standard_versions.c.id == visits.c.standard_version_id)
        .where(
            visits.c.store_id == actions.c.store_id,
            standard_versions.c.standard_id == actions.c.standard_id,
            answers.c.item_id == actions.c.item_id,
            answers.c.reason == "failed",
            visits.c.status == "approved",
            visits.c.started_at > actions.c.done_at,
        )
        .scalar_subquery()
    )
    query = (
        sa.select(
            actions.c.id,
            actions.c.store_id,
            stores.c.name.label("store_name"),
            actions.c.standard_id,
            actions.c.item_id,
            actions.c.visit_id,
            actions.c.source,
            actions.c.note,
            actions.c.owner,
            actions.c.due_date,
            actions.c.status,
            actions.c.done_at,
            later_failure.label("failures_since"),
        )
        .join(stores, stores.c.store_id == actions.c.store_id)
        .order_by(actions.c.due_date, actions.c.id)
    )
    query = scope_for(conn, person, "see_actions").limit(query, actions.c.store_id)
    frame = pd.DataFrame(
        conn.execute(query).mappings().all(), columns=list(query.selected_columns.keys())
    )
    closed = frame["status"].isin(("done", "verified"))
    frame["overdue"] = ~closed & (pd.to_datetime(frame["due_date"]) < pd.Timestamp(today))
    frame["recurred"] = closed & (frame["failures_since"].fillna(0) > 0)
    frame["question"] = _questions(conn, frame)
    return frame.drop(columns="failures_since")


def _questions(conn: Connection, frame: pd.DataFrame) -> pd.Series:
    texts: dict[tuple[str, str], Text] = {}
    wanted = set(frame["standard_id"])
    for version in list_standard_versions(conn, latest_only=False):  # newest first
        if version.standard_id not in wanted:
            continue
        for item in load_standard_version(conn, version.id).items():
            texts.setdefault((version.standard_id, item.id), item.text)
    keys = zip(frame["standard_id"], frame["item_id"], strict=True)
    # An item no stored version has any more keeps its id: better than an empty cell.
    return pd.Series([texts.get(key, key[1]) for key in keys], index=frame.index, dtype=object)
