"""What the first page lists: standards in use and stores, as display-ready tables."""

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from audits.accounts.access import scope_for, scoped
from audits.records import tables
from audits.records.models import Person
from audits.records.standards import list_standard_versions, load_standard_version
from standards import text_in


def list_standards(engine: Engine, lang: str) -> pd.DataFrame:
    """The latest version of each standard, titled in `lang`."""
    rows = []
    with engine.connect() as conn:
        for record in list_standard_versions(conn, latest_only=True):
            standard = load_standard_version(conn, record.id)
            rows.append(
                {
                    "title": text_in(standard.title, lang),
                    "standard_id": standard.id,
                    "channel": standard.channel,
                    "sections": len(standard.sections),
                    "items": len(standard.items()),
                    "version": record.version,
                }
            )
    columns = ["title", "standard_id", "channel", "sections", "items", "version"]
    return pd.DataFrame(rows, columns=columns)


@scoped
def list_stores(engine: Engine, person: Person) -> pd.DataFrame:
    """The stores the person may see, with region, active staff count and visit count."""
    staff = (
        sa.select(tables.staff.c.store_id, sa.func.count().label("staff"))
        .where(tables.staff.c.active.is_(True))
        .group_by(tables.staff.c.store_id)
        .subquery()
    )
    visits = (
        sa.select(tables.visits.c.store_id, sa.func.count().label("visits"))
        .group_by(tables.visits.c.store_id)
        .subquery()
    )
    query = (
        sa.select(
            tables.stores.c.store_id,
            tables.stores.c.name,
            tables.regions.c.name.label("region"),
            tables.stores.c.city,
            sa.func.coalesce(staff.c.staff, 0).label("staff"),
            sa.func.coalesce(visits.c.visits, 0).label("visits"),
        )
        .join(tables.regions, tables.regions.c.id == tables.stores.c.region_id)
        .outerjoin(staff, staff.c.store_id == tables.stores.c.store_id)
        .outerjoin(visits, visits.c.store_id == tables.stores.c.store_id)
        .order_by(tables.stores.c.store_id)
    )
    with engine.connect() as conn:
        query = scope_for(conn, person, "see_results").limit(query, tables.stores.c.store_id)
        return pd.DataFrame(
            conn.execute(query).mappings().all(), columns=[c.name for c in query.selected_columns]
        )
