"""Organisation-wide settings, one text value per key, each with its allowed values here.

The admin page and the setters read the same bounds, so the form offers exactly what is
stored; a stored value outside them (edited by hand) reads as the default.
"""

import datetime as dt
import json
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.records.models import Role, StaffDisplay
from audits.records.tables import ROLES, STAFF_DISPLAYS, settings


class Bounds(NamedTuple):
    """A whole-number setting: its key, smallest and largest value, and default."""

    key: str
    low: int
    high: int
    default: int

    def holds(self, value: int) -> bool:
        return self.low <= value <= self.high


DISPUTE_DAYS = Bounds("dispute_days", 1, 365, 7)
"""Days after publication in which a store may dispute an item."""

STAFF_MIN_GROUP = Bounds("staff_min_group", 1, 50, 3)
"""A store's staff figures show only when at least this many of its staff have results:
with fewer, a code or a rank points at a person too easily."""

RETAIN_STAFF_MONTHS = Bounds("retain_staff_months", 1, 120, 24)
"""Months after a visit when it loses its link to a staff member and the shopper's words
about who served them; its scores and answers stay (docs/privacy.md)."""

RETAIN_PHOTO_MONTHS = Bounds("retain_photo_months", 1, 120, 24)
"""Months after a visit when its photos are deleted."""

STAFF_DISPLAY_KEY = "staff_display"
# Pseudonymous codes unless the organisation decides otherwise (personal data, works council).
STAFF_DISPLAY_DEFAULT: StaffDisplay = "pseudonymous"


def get_setting(conn: Connection, key: str, default: str | None = None) -> str | None:
    value = conn.execute(sa.select(settings.c.value).where(settings.c.key == key)).scalar()
    return default if value is None else value


def set_setting(conn: Connection, key: str, value: str) -> None:
    changed = conn.execute(
        sa.update(settings).where(settings.c.key == key).values(value=value)
    ).rowcount
    if not changed:
        conn.execute(sa.insert(settings).values(key=key, value=value))


def get_number(conn: Connection, bounds: Bounds) -> int:
    value = get_setting(conn, bounds.key)
    try:
        number = int(value) if value is not None else bounds.default
    except ValueError:
        return bounds.default
    return number if bounds.holds(number) else bounds.default


def set_number(conn: Connection, bounds: Bounds, value: int, what: str) -> None:
    """Stores `value`; `what` names the setting in the refusal."""
    if not bounds.holds(value):
        raise ValueError(f"{what} {value} is not between {bounds.low} and {bounds.high}")
    set_setting(conn, bounds.key, str(value))


def get_staff_display(conn: Connection) -> StaffDisplay:
    """How staff appear in results: by name, by pseudonymous code, or not at all."""
    value = get_setting(conn, STAFF_DISPLAY_KEY)
    if value not in STAFF_DISPLAYS:
        return STAFF_DISPLAY_DEFAULT
    return value


def set_staff_display(conn: Connection, value: StaffDisplay) -> None:
    if value not in STAFF_DISPLAYS:
        raise ValueError(f"staff display '{value}' is not one of {', '.join(STAFF_DISPLAYS)}")
    set_setting(conn, STAFF_DISPLAY_KEY, value)


def get_staff_min_group(conn: Connection) -> int:
    return get_number(conn, STAFF_MIN_GROUP)


def set_staff_min_group(conn: Connection, value: int) -> None:
    set_number(conn, STAFF_MIN_GROUP, value, "minimum group size")


def dispute_days(conn: Connection) -> int:
    """Days after publication in which a store may dispute an item (default 7)."""
    return get_number(conn, DISPUTE_DAYS)


def set_dispute_days(conn: Connection, days: int) -> None:
    set_number(conn, DISPUTE_DAYS, days, "dispute period of days")


class StaffAgreement(NamedTuple):
    """The works-council agreement that allows figures per staff member: when it was signed
    and how the organisation refers to it."""

    signed_on: dt.date
    reference: str


STAFF_AGREEMENT_KEY = "staff_agreement"
STAFF_ROLES_KEY = "staff_roles"
MAX_REFERENCE = 200


def get_staff_agreement(conn: Connection) -> StaffAgreement | None:
    """The recorded agreement; None (staff figures off) when none is, or it cannot be read."""
    value = get_setting(conn, STAFF_AGREEMENT_KEY)
    if value is None:
        return None
    try:
        stored = json.loads(value)
        agreement = StaffAgreement(dt.date.fromisoformat(stored["signed_on"]), stored["reference"])
    except (ValueError, KeyError, TypeError):
        return None
    return agreement if agreement.reference.strip() else None


def set_staff_agreement(conn: Connection, agreement: StaffAgreement | None) -> None:
    """Record the agreement, or withdraw it (None): staff figures switch off at once."""
    if agreement is None:
        conn.execute(sa.delete(settings).where(settings.c.key == STAFF_AGREEMENT_KEY))
        return
    reference = agreement.reference.strip()
    if not reference or len(reference) > MAX_REFERENCE:
        raise ValueError(f"the agreement's reference needs 1 to {MAX_REFERENCE} characters")
    stored = {"signed_on": agreement.signed_on.isoformat(), "reference": reference}
    set_setting(conn, STAFF_AGREEMENT_KEY, json.dumps(stored, ensure_ascii=False))


def get_staff_roles(conn: Connection) -> tuple[Role, ...] | None:
    """The roles the organisation chose to see staff figures (once agreed), in the order
    ROLES lists them; None when it has not chosen (the gate's STAFF_ROLES_DEFAULT holds)."""
    value = get_setting(conn, STAFF_ROLES_KEY)
    if value is None:
        return None
    try:
        chosen = set(json.loads(value))
    except (ValueError, TypeError):
        return None
    return tuple(role for role in ROLES if role in chosen)


def set_staff_roles(conn: Connection, roles: tuple[Role, ...]) -> None:
    unknown = sorted(set(roles) - set(ROLES))
    if unknown:
        raise ValueError(f"not a role: {', '.join(unknown)}")
    set_setting(conn, STAFF_ROLES_KEY, json.dumps([role for role in ROLES if role in roles]))
