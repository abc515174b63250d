"""Disputes: a store manager queries one item of a published visit; a reviewer decides.

Both sides see the status and the history. An upheld dispute changes the answer (or sets it
to not applicable) and rescores the visit, in the same transaction as the decision.
"""

import datetime as dt

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.access import can, require, scope_for, scoped
from audits.records.models import Dispute, Person
from audits.records.settings import dispute_days
from audits.records.standards import load_standard_version
from audits.records.tables import disputes, people, stores, utcnow, visits
from audits.visits.notices import notify, reviewers
from audits.visits.review import ReviewRefused, change_answer, refuse_own_visit
from audits.visits.trail import record
from locales import HOME_ZONE

MAX_ATTACHMENT = 10 * 1024 * 1024


def open_dispute(
    conn: Connection,
    manager: Person,
    visit_id: str,
    item_id: str,
    reason: str,
    attachment: tuple[str, str, bytes] | None = None,
) -> int:
    """Open a dispute on one item; raises ReviewRefused with a code the UI words.

    attachment: (file name, content type, bytes), at most 10 MB.
    """
    require(manager, "raise_disputes")
    text = (reason or "").strip()
    if not text:
        raise ReviewRefused("reason_required", "give a reason")
    visit = conn.execute(
        sa.select(
            visits.c.store_id,
            visits.c.status,
            visits.c.approved_at,
            visits.c.standard_version_id,
        ).where(visits.c.id == visit_id)
    ).first()
    # Only the stores the person manages: scopes from other roles (trainer, regional
    # manager) widen what they see, not what they may dispute.
    if visit is None or not scope_for(conn, manager, "raise_disputes").allows(visit.store_id):
        raise ReviewRefused("not_found", "no such visit of your stores")
    if visit.status != "approved" or visit.approved_at is None:
        raise ReviewRefused("not_published", "only a published visit can be disputed")
    deadline = visit.approved_at + dt.timedelta(days=dispute_days(conn))
    if utcnow() > deadline:
        ended = deadline.astimezone(HOME_ZONE).date().isoformat()  # the day as Berlin saw it
        raise ReviewRefused("too_late", f"the dispute period ended on {ended}", ended)
    if not load_standard_version(conn, visit.standard_version_id).has_item(item_id):
        raise ReviewRefused("unknown_item", f"the standard has no item {item_id}")
    already = conn.execute(
        sa.select(disputes.c.id).where(
            disputes.c.visit_id == visit_id,
            disputes.c.item_id == item_id,
            disputes.c.status == "open",
        )
    ).first()
    if already is not None:
        raise ReviewRefused("already_open", "this item already has an open dispute")
    name = mime = data = None
    if attachment is not None:
        name, mime, data = attachment
        if len(data) > MAX_ATTACHMENT:
            raise ReviewRefused("attachment_too_big", "the attachment is larger than 10 MB")
    try:
        with conn.begin_nested():
            dispute_id: int = conn.execute(
                sa.insert(disputes)
                .values(
                    visit_id=visit_id,
                    item_id=item_id,
                    opened_by=manager.id,
                    reason=text[:4000],
                    attachment_name=(name or None) and name[:255],
                    attachment_mime=mime,
                    attachment_bytes=data,
                )
                .returning(disputes.c.id)
            ).scalar_one()
    except sa.exc.IntegrityError:
        # Another manager's dispute on this item arrived a moment earlier.
        raise ReviewRefused("already_open", "this item already has an open dispute") from None
    record(
        conn,
        manager.id,
        "dispute",
        dispute_id,
        "open",
        None,
        {"visit_id": visit_id, "item_id": item_id, "reason": text},
    )
    notify(conn, reviewers(conn), "dispute_opened", visit_id=visit_id, dispute_id=dispute_id)
    return dispute_id


def decide_dispute(
    conn: Connection,
    reviewer: Person,
    dispute_id: int,
    *,
    uphold: bool,
    decision: str,
    new_value: str | None = None,
) -> None:
    """Uphold (the item becomes `new_value`, "na" for not applicable) or reject, always with
    a reason; the store manager is told."""
    require(reviewer, "decide_disputes")
    text = (decision or "").strip()
    if not text:
        raise ReviewRefused("reason_required", "give a reason")
    row = conn.execute(
        sa.select(disputes.c.visit_id, disputes.c.item_id, disputes.c.opened_by).where(
            disputes.c.id == dispute_id
        )
    ).first()
    if row is None:
        raise ReviewRefused("not_open", "the dispute is not open")
    refuse_own_visit(conn, reviewer, row.visit_id)
    # Decide first, as a guarded write: of two reviewers deciding at once, one wins and the
    # other's transaction (answer change included) is refused and rolled back.
    decided = conn.execute(
        sa.update(disputes)
        .where(disputes.c.id == dispute_id, disputes.c.status == "open")
        .values(
            status="upheld" if uphold else "rejected",
            decided_by=reviewer.id,
            decision=text[:4000],
            decided_at=utcnow(),
        )
    ).rowcount
    if not decided:
        raise ReviewRefused("not_open", "the dispute is not open")
    before_value = after_value = None
    if uphold:
        if not (new_value or "").strip():
            raise ReviewRefused("value_required", "say what the item becomes")
        before, after = change_answer(
            conn,
            reviewer,
            row.visit_id,
            row.item_id,
            new_value or "",
            action="dispute_upheld",
            reason=text,
        )
        before_value, after_value = before["value"], after["value"]
        conn.execute(
            sa.update(disputes)
            .where(disputes.c.id == dispute_id)
            .values(before_value=before_value, after_value=after_value)
        )
    record(
        conn,
        reviewer.id,
        "dispute",
        dispute_id,
        "uphold" if uphold else "reject",
        {"status": "open"},
        {"status": "upheld" if uphold else "rejected", "visit_id": row.visit_id, "decision": text},
    )
    notify(conn, [row.opened_by], "dispute_decided", visit_id=row.visit_id, dispute_id=dispute_id)


@scoped
def list_disputes(conn: Connection, person: Person) -> list[Dispute]:
    """Disputes the person may see (reviewers all, managers their stores), newest first."""
    opener, decider = people.alias("opener"), people.alias("decider")
    query = (
        sa.select(
            disputes.c.id,
            disputes.c.visit_id,
            visits.c.store_id,
            stores.c.name.label("store_name"),
            disputes.c.item_id,
            disputes.c.status,
            disputes.c.reason,
            disputes.c.decision,
            disputes.c.before_value,
            disputes.c.after_value,
            opener.c.username.label("opened_by"),
            decider.c.username.label("decided_by"),
            disputes.c.created_at,
            disputes.c.decided_at,
            disputes.c.attachment_name,
        )
        .join(visits, visits.c.id == disputes.c.visit_id)
        .join(stores, stores.c.store_id == visits.c.store_id)
        .join(opener, opener.c.id == disputes.c.opened_by)
        .outerjoin(decider, decider.c.id == disputes.c.decided_by)
        .order_by(disputes.c.created_at.desc(), disputes.c.id.desc())
    )
    if not can(person, "decide_disputes"):
        query = scope_for(conn, person, "see_results").limit(query, visits.c.store_id)
    return [Dispute(**row) for row in conn.execute(query).mappings()]


def dispute_counts(conn: Connection, by: str) -> pd.DataFrame:
    """Disputes and upheld disputes per store (`by="store"`) or per shopper (`"shopper"`)."""
    key = visits.c.store_id if by == "store" else people.c.username
    query = (
        sa.select(
            key.label(by),
            sa.func.count().label("disputes"),
            sa.func.sum(sa.case((disputes.c.status == "upheld", 1), else_=0)).label("upheld"),
        )
        .select_from(disputes)
        .join(visits, visits.c.id == disputes.c.visit_id)
        .outerjoin(people, people.c.id == visits.c.shopper_id)
        .group_by(key)
        .order_by(key)
    )
    frame = pd.DataFrame(conn.execute(query).all(), columns=[by, "disputes", "upheld"])
    return frame.astype({"disputes": int, "upheld": int})


@scoped
def dispute_attachment(
    conn: Connection, person: Person, dispute_id: int
) -> tuple[str, str, bytes] | None:
    """(file name, content type, bytes) of a dispute's attachment, for those who may see it."""
    row = conn.execute(
        sa.select(
            disputes.c.attachment_name,
            disputes.c.attachment_mime,
            disputes.c.attachment_bytes,
            visits.c.store_id,
        )
        .join(visits, visits.c.id == disputes.c.visit_id)
        .where(disputes.c.id == dispute_id)
    ).first()
    if row is None or row.attachment_bytes is None:
        return None
    if not can(person, "decide_disputes") and not (
        can(person, "see_results") and scope_for(conn, person, "see_results").allows(row.store_id)
    ):
        return None
    return (
        row.attachment_name or "attachment",
        row.attachment_mime or "",
        bytes(row.attachment_bytes),
    )
