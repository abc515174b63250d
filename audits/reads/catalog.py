"""What the first page lists: the stores a person may see."""

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from audits.accounts.access import scope_for, scoped
from audits.records import tables
from audits.records.models import Person


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
