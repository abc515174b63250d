"""The staff-figure rule, in one place for every page, the Excel report and the command line.

Figures per staff member are personal data: they are shown only to roles the gate lets see
them, only while the organisation's setting does not hide them, and every look is written
to the audit log.
"""

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.access import (
    STAFF_ROLES_DEFAULT,
    NotAllowed,
    Scope,
    can,
    operator_scope,
    require,
    scope_for,
    scoped,
)
from audits.records.models import Person, StaffDisplay
from audits.records.settings import (
    get_staff_agreement,
    get_staff_display,
    get_staff_min_group,
    get_staff_roles,
)
from audits.records.tables import audit_log, people, staff
from audits.visits.trail import record
from locales import HOME_ZONE


@dataclass(frozen=True)
class StaffAccess:
    """How staff figures may be shown now: pseudonymous ids or names, and the smallest
    group of visits a figure may rest on."""

    display: StaffDisplay
    min_group: int

    @property
    def named(self) -> bool:
        return self.display == "named"


def staff_scope_for(conn: Connection, person: Person | None) -> Scope | None:
    """The staff-figure scope of `person` (None: the command line's operator), or None: no
    works-council agreement is recorded, or no role of theirs may see staff figures (the
    capability table and the organisation's choice of roles both must allow it)."""
    if get_staff_agreement(conn) is None:
        return None
    if person is None:
        return operator_scope("see_staff")
    chosen_roles = get_staff_roles(conn)
    # An empty choice means nobody; only no choice at all means the defaults.
    allowed = set(STAFF_ROLES_DEFAULT if chosen_roles is None else chosen_roles)
    roles = tuple(role for role in person.roles if role in allowed)
    chosen = person.model_copy(update={"roles": roles})
    return scope_for(conn, chosen, "see_staff") if can(chosen, "see_staff") else None


@scoped
def staff_access(conn: Connection, scope: Scope) -> StaffAccess | None:
    """How staff figures may be shown to the holder of `scope`; None when the
    organisation's setting hides them."""
    if scope.capability != "see_staff":
        raise NotAllowed("staff figures need the see_staff scope")
    display = get_staff_display(conn)
    if display == "hidden" or get_staff_agreement(conn) is None:
        return None
    return StaffAccess(display, get_staff_min_group(conn))


@scoped
def open_staff_view(
    conn: Connection, scope: Scope, action: str, shown: dict[str, Any]
) -> dict[str, str]:
    """Log one look at staff figures (`action`: "view" on a page, "report" for the Excel
    report; what was shown in `shown`) and return the display
    name per staff id of the stores in scope when names are shown, else nothing.

    Raises NotAllowed when the scope is not for staff figures or the setting hides them.
    """
    if scope.capability != "see_staff":
        raise NotAllowed("staff figures need the see_staff scope")
    display = get_staff_display(conn)
    if display == "hidden":
        raise NotAllowed("staff figures are switched off")
    if get_staff_agreement(conn) is None:
        raise NotAllowed("staff figures need a recorded works-council agreement")
    reach = "all" if scope.stores is None else list(scope.stores)
    record(
        conn, scope.person_id, "staff_figures", scope.username, action, None,
        {**shown, "scope": reach},
    )  # fmt: skip
    if display != "named":
        return {}
    query = scope.limit(sa.select(staff.c.staff_id, staff.c.display_name), staff.c.store_id)
    return dict(conn.execute(query).all())


ACCESS_LOG_KINDS = ("view", "report", "settings")
"""What the access log lists: looks at staff figures on a page, in an Excel report, and
changes to the settings that govern them."""


@scoped
def staff_access_log(
    conn: Connection, person: Person, first: dt.date, last: dt.date
) -> pd.DataFrame:
    """Every look at staff figures and every change to the settings that govern them in the
    local days [first, last], newest first: at (UTC), full_name, username, kind (view,
    report or settings), action, details (what was shown or changed, as stored)."""
    require(person, "see_access_log")
    start = dt.datetime.combine(first, dt.time(), HOME_ZONE)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), HOME_ZONE)
    looked = audit_log.c.entity == "staff_figures"
    settings_changed = (audit_log.c.entity == "settings") & audit_log.c.entity_id.in_(
        ("organisation", "staff_agreement")
    )
    query = (
        sa.select(
            audit_log.c.at,
            people.c.full_name,
            people.c.username,
            audit_log.c.entity,
            audit_log.c.action,
            audit_log.c.after,
        )
        .outerjoin(people, people.c.id == audit_log.c.person_id)
        .where(looked | settings_changed, audit_log.c.at >= start, audit_log.c.at < end)
        .order_by(audit_log.c.at.desc(), audit_log.c.id.desc())
    )
    rows = pd.DataFrame(
        conn.execute(query).all(),
        columns=["at", "full_name", "username", "entity", "action", "after"],
    )
    rows["kind"] = rows["action"].where(rows["entity"] == "staff_figures", "settings")
    rows["details"] = [json.loads(text) if text else {} for text in rows["after"]]
    return rows[["at", "full_name", "username", "kind", "action", "details"]]
