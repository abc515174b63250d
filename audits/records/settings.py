"""Organisation-wide settings, one text value per key."""

from typing import cast, get_args

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.records.models import StaffDisplay
from audits.records.tables import settings

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


def get_staff_display(conn: Connection) -> StaffDisplay:
    """How staff appear in results: by name, by pseudonymous code, or not at all."""
    value = get_setting(conn, STAFF_DISPLAY_KEY)
    if value not in get_args(StaffDisplay):
        return STAFF_DISPLAY_DEFAULT
    return cast(StaffDisplay, value)


def set_staff_display(conn: Connection, value: StaffDisplay) -> None:
    if value not in get_args(StaffDisplay):
        allowed = ", ".join(get_args(StaffDisplay))
        raise ValueError(f"staff display '{value}' is not one of {allowed}")
    set_setting(conn, STAFF_DISPLAY_KEY, value)


STAFF_MIN_GROUP_KEY = "staff_min_group"
STAFF_MIN_GROUP_DEFAULT = 3
"""A store's staff figures show only when at least this many of its staff have results:
with fewer, a code or a rank points at a person too easily."""


def get_staff_min_group(conn: Connection) -> int:
    value = get_setting(conn, STAFF_MIN_GROUP_KEY)
    try:
        number = int(value) if value is not None else STAFF_MIN_GROUP_DEFAULT
    except ValueError:
        return STAFF_MIN_GROUP_DEFAULT
    return number if 1 <= number <= 50 else STAFF_MIN_GROUP_DEFAULT


def set_staff_min_group(conn: Connection, value: int) -> None:
    if not 1 <= value <= 50:
        raise ValueError(f"minimum group size {value} is not between 1 and 50")
    set_setting(conn, STAFF_MIN_GROUP_KEY, str(value))
