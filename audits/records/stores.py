"""Regions, stores and staff: the organisation the visits are about."""

from collections.abc import Collection

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.records.models import Region, StaffMember
from audits.records.tables import regions, staff, stores

STORE_COLUMNS = [
    "store_id",
    "name",
    "region_id",
    "region_name",
    "city",
    "district",
    "address",
    "active",
]


def list_regions(conn: Connection) -> list[Region]:
    rows = conn.execute(sa.select(regions).order_by(regions.c.name)).mappings()
    return [Region(**row) for row in rows]


def list_stores(
    conn: Connection,
    *,
    region_ids: Collection[str] | None = None,
    store_ids: Collection[str] | None = None,
    active_only: bool = False,
) -> pd.DataFrame:
    """Stores with their region's name, sorted by store id.

    `region_ids` / `store_ids` restrict the list to a manager's scope; None means no limit.
    """
    query = (
        sa.select(
            stores.c.store_id,
            stores.c.name,
            stores.c.region_id,
            regions.c.name.label("region_name"),
            stores.c.city,
            stores.c.district,
            stores.c.address,
            stores.c.active,
        )
        .join(regions, regions.c.id == stores.c.region_id)
        .order_by(stores.c.store_id)
    )
    if region_ids is not None:
        query = query.where(stores.c.region_id.in_(list(region_ids)))
    if store_ids is not None:
        query = query.where(stores.c.store_id.in_(list(store_ids)))
    if active_only:
        query = query.where(stores.c.active)
    rows = conn.execute(query).mappings().all()
    frame = pd.DataFrame.from_records([dict(row) for row in rows], columns=STORE_COLUMNS)
    return frame.astype({"active": bool})


def list_staff(conn: Connection, store_id: str, *, active_only: bool = False) -> list[StaffMember]:
    query = sa.select(staff).where(staff.c.store_id == store_id).order_by(staff.c.staff_id)
    if active_only:
        query = query.where(staff.c.active)
    return [StaffMember(**row) for row in conn.execute(query).mappings()]
