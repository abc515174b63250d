"""The organisation's directory as pages list it: stores and staff within a reader's scope.

audits/records/stores.py holds the plain queries; these are the gate-checked reads of them.
"""

import pandas as pd
from sqlalchemy.engine import Connection

from audits.accounts.access import Scope, scoped
from audits.records import stores as records


@scoped
def store_directory(conn: Connection, scope: Scope, *, active_only: bool = False) -> pd.DataFrame:
    """The stores in scope with their region's name, sorted by store id (columns as
    audits.records.stores.STORE_COLUMNS)."""
    return records.list_stores(conn, store_ids=scope.stores, active_only=active_only)
