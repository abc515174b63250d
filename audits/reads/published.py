"""Published visits a person may see, newest first (the store manager's results list)."""

from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.access import NotAllowed, scope_for, scoped
from audits.records.models import Person, PublishedVisit
from audits.records.standards import stored_text
from audits.records.tables import section_scores, standard_versions, stores, visit_scores, visits


@scoped
def published_visits(
    conn: Connection, person: Person, *, also: str | None = None
) -> list[PublishedVisit]:
    """The newest 500 approved visits in scope, and the visit `also` (a link may name an
    older one)."""
    query = (
        sa.select(
            visits.c.id.label("visit_id"),
            visits.c.store_id,
            stores.c.name.label("store_name"),
            standard_versions.c.title,
            standard_versions.c.standard_id,
            visits.c.started_at.label("visited_at"),
            visits.c.approved_at,
            visit_scores.c.score,
        )
        .join(stores, stores.c.store_id == visits.c.store_id)
        .join(standard_versions, standard_versions.c.id == visits.c.standard_version_id)
        .outerjoin(visit_scores, visit_scores.c.visit_id == visits.c.id)
        .where(visits.c.status == "approved")
        .order_by(visits.c.started_at.desc(), visits.c.id)
    )
    query = scope_for(conn, person, "see_results").limit(query, visits.c.store_id)
    rows = list(conn.execute(query.limit(500)).mappings())
    if also and also not in {row["visit_id"] for row in rows}:
        rows += conn.execute(query.where(visits.c.id == also)).mappings().all()
    return [PublishedVisit(**{**row, "title": stored_text(row["title"])}) for row in rows]


@scoped
def visit_score_parts(
    conn: Connection, person: Person, visit_id: str
) -> tuple[dict[str, Any], pd.DataFrame]:
    """The stored score of a visit ({score, computed, critical_failed, band_min}) and its
    sections (section_id, earned, possible, score), for "why this score"."""
    store_id = conn.execute(sa.select(visits.c.store_id).where(visits.c.id == visit_id)).scalar()
    if store_id is None or not scope_for(conn, person, "see_results").allows(store_id):
        raise NotAllowed("this visit is not in your scope")
    total = (
        conn.execute(
            sa.select(
                visit_scores.c.score,
                visit_scores.c.computed,
                visit_scores.c.critical_failed,
                visit_scores.c.band_min,
            ).where(visit_scores.c.visit_id == visit_id)
        )
        .mappings()
        .first()
    )
    query = sa.select(
        section_scores.c.section_id,
        section_scores.c.earned,
        section_scores.c.possible,
        section_scores.c.score,
    ).where(section_scores.c.visit_id == visit_id)
    sections = pd.DataFrame(
        conn.execute(query).mappings().all(), columns=list(query.selected_columns.keys())
    )
    return dict(total or {}), sections
