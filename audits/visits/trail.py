"""The audit trail: every change to a visit after submission, with who, when, before, after."""

import json
from collections.abc import Mapping
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.records.tables import audit_log, people, utcnow


def record(
    conn: Connection,
    person_id: int | None,
    entity: str,
    entity_id: str | int,
    action: str,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> None:
    """One audit row, written in the caller's transaction: no change without its record."""
    conn.execute(
        sa.insert(audit_log).values(
            at=utcnow(),
            person_id=person_id,
            entity=entity,
            entity_id=str(entity_id),
            action=action,
            before=_json(before),
            after=_json(after),
        )
    )


def _json(values: Mapping[str, Any] | None) -> str | None:
    if values is None:
        return None
    return json.dumps(dict(values), ensure_ascii=False, default=str, sort_keys=True)


def audit_frame(
    conn: Connection,
    *,
    visit_id: str | None = None,
    person_id: int | None = None,
    limit: int = 2000,
) -> pd.DataFrame:
    """Newest first: at, username, entity, entity_id, action, before, after.

    `visit_id` finds the visit's own rows and those of its answers, disputes and actions.
    """
    query = (
        sa.select(
            audit_log.c.at,
            people.c.username,
            audit_log.c.entity,
            audit_log.c.entity_id,
            audit_log.c.action,
            audit_log.c.before,
            audit_log.c.after,
        )
        .outerjoin(people, people.c.id == audit_log.c.person_id)
        .order_by(audit_log.c.at.desc(), audit_log.c.id.desc())
        .limit(limit)
    )
    if visit_id is not None:
        query = query.where(
            ((audit_log.c.entity == "visit") & (audit_log.c.entity_id == visit_id))
            | audit_log.c.after.contains(f'"visit_id": "{visit_id}"', autoescape=True)
        )
    if person_id is not None:
        query = query.where(audit_log.c.person_id == person_id)
    rows = conn.execute(query).mappings().all()
    return pd.DataFrame(rows, columns=list(query.selected_columns.keys()))
