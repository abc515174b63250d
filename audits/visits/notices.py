"""In-app notices: what a person should look at since they last did."""

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.access import NOTIFIED, scoped
from audits.records.models import Notice, Person
from audits.records.tables import notices, person_roles, person_stores, stores, utcnow, visits

KINDS = ("returned", "result", "dispute_opened", "dispute_decided")


def notify(
    conn: Connection,
    person_ids: list[int],
    kind: str,
    *,
    visit_id: str | None = None,
    dispute_id: int | None = None,
) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown notice kind {kind!r}")
    rows = [
        {"person_id": pid, "kind": kind, "visit_id": visit_id, "dispute_id": dispute_id}
        for pid in sorted(set(person_ids))
    ]
    if rows:
        conn.execute(sa.insert(notices), rows)


def store_managers_of(conn: Connection, store_id: str) -> list[int]:
    query = (
        sa.select(person_stores.c.person_id)
        .join(person_roles, person_roles.c.person_id == person_stores.c.person_id)
        .where(person_stores.c.store_id == store_id, person_roles.c.role == NOTIFIED["store_news"])
    )
    return list(conn.execute(query).scalars())


def reviewers(conn: Connection) -> list[int]:
    query = sa.select(person_roles.c.person_id).where(
        person_roles.c.role == NOTIFIED["submissions"]
    )
    return list(conn.execute(query).scalars())


@scoped
def unread_notices(conn: Connection, person: Person) -> list[Notice]:
    """The person's unread notices, newest first."""
    query = (
        sa.select(
            notices.c.id,
            notices.c.kind,
            notices.c.visit_id,
            notices.c.dispute_id,
            stores.c.name.label("store"),
            notices.c.created_at,
        )
        .outerjoin(visits, visits.c.id == notices.c.visit_id)
        .outerjoin(stores, stores.c.store_id == visits.c.store_id)
        .where(notices.c.person_id == person.id, notices.c.read_at.is_(None))
        .order_by(notices.c.created_at.desc(), notices.c.id.desc())
    )
    return [Notice(**row) for row in conn.execute(query).mappings()]


def mark_read(conn: Connection, person: Person, notice_ids: list[int] | None = None) -> int:
    """Mark the person's notices read (all, or the ones given); returns how many."""
    query = sa.update(notices).where(notices.c.person_id == person.id, notices.c.read_at.is_(None))
    if notice_ids is not None:
        query = query.where(notices.c.id.in_(notice_ids))
    return conn.execute(query.values(read_at=utcnow())).rowcount
