"""How much the database holds: for `demo --if-empty`, the start page and tests."""

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.records.tables import metadata

# The settings row and the data version counter are seeded by migrations: they say
# nothing about use.
_CONTENT_TABLES = ("regions", "stores", "staff", "people", "standard_versions", "visits")


def count_rows(conn: Connection) -> dict[str, int]:
    """Rows per table, for every table in the schema."""
    return {
        name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
        for name, table in sorted(metadata.tables.items())
    }


def is_empty(conn: Connection) -> bool:
    """True when nothing has been imported or entered yet."""
    return not any(
        conn.execute(sa.select(sa.literal(1)).select_from(metadata.tables[name]).limit(1)).first()
        for name in _CONTENT_TABLES
    )
