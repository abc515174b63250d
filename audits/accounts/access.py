"""Who may see which stores: the one place that turns roles and scopes into a store filter.

Repositories call `store_scope` for every query that returns store data, so a page that
forgets to check still cannot show another region's results.
"""

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.records.models import Person, Role
from audits.records.tables import stores

CHAIN_WIDE: tuple[Role, ...] = ("admin", "reviewer", "trainer")
"""Roles that see every store."""


class NotAllowed(PermissionError):
    """The person lacks the role or scope for this; the message says which."""


def require_role(person: Person | None, *roles: Role) -> Person:
    """The person, if they hold one of `roles`; raises NotAllowed otherwise."""
    if person is None or not person.active:
        raise NotAllowed("log in first")
    if not person.has_role(*roles):
        raise NotAllowed(f"this needs the role {' or '.join(roles)}")
    return person


def store_scope(
    conn: Connection, person: Person, granted_by: Iterable[Role] | None = None
) -> list[str] | None:
    """The stores the person may see results of: None means every store.

    A regional manager sees the stores of their regions, a store manager their stores; the
    scopes of several roles add up. A person with no results role sees nothing. With
    `granted_by`, only the scope of those of the person's roles counts: a store manager who
    also trains reads every store, but manages only their own.
    """
    roles = set(person.roles) if granted_by is None else set(person.roles) & set(granted_by)
    if roles & set(CHAIN_WIDE):
        return None
    allowed: set[str] = set()
    if "regional_manager" in roles and person.regions:
        query = sa.select(stores.c.store_id).where(stores.c.region_id.in_(person.regions))
        allowed.update(conn.execute(query).scalars())
    if "store_manager" in roles:
        allowed.update(person.stores)
    return sorted(allowed)


def in_scope(store_ids: Iterable[str] | None, store_id: str) -> bool:
    return store_ids is None or store_id in set(store_ids)
