"""One row of the VISITS file: parsed, and checked against what the database knows."""

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.people import normalise_username
from audits.importers.common import slug, unique_key
from audits.importers.reader import Row, Sheet
from audits.importers.result import Problems
from audits.records.tables import people, regions, staff, stores, visits
from locales import HOME_ZONE
from standards import Standard
from standards.models import CHANNELS

# A time without an offset is read as the organisation's local time (a German chain).
IMPORT_STATUSES = ("submitted", "approved")
DEFAULT_STATUS = "approved"


@dataclass(frozen=True)
class VisitRow:
    visit_id: str
    row: Row
    values: dict[str, Any]
    """store_id, shopper_id, staff_id, channel, started_at, ended_at: as stored."""
    status: str
    region: str


@dataclass(frozen=True)
class Lookups:
    store_regions: dict[str, str]
    region_names: dict[str, str]
    staff_stores: dict[str, str]
    people: dict[str, int]
    default_channel: str

    @classmethod
    def load(cls, conn: Connection, standard: Standard) -> "Lookups":
        return cls(
            store_regions=_pairs(conn, sa.select(stores.c.store_id, stores.c.region_id)),
            region_names=_pairs(conn, sa.select(regions.c.id, regions.c.name)),
            staff_stores=_pairs(conn, sa.select(staff.c.staff_id, staff.c.store_id)),
            people=_pairs(conn, sa.select(people.c.username, people.c.id)),
            default_channel=standard.channel,
        )

    def check_new(self, visit: VisitRow) -> list[str]:
        """Checks for new visits only: staff move and regions get renamed after a visit."""
        messages = []
        store_id, staff_id = visit.values["store_id"], visit.values["staff_id"]
        if staff_id and self.staff_stores[staff_id] != store_id:
            messages.append(
                f"staff '{staff_id}' works in store {self.staff_stores[staff_id]}, not {store_id}"
            )
        region_id = self.store_regions[store_id]
        if visit.region and slug(visit.region) != region_id:
            messages.append(
                f"store {store_id} is in region '{self.region_names[region_id]}', "
                f"not '{visit.region}'"
            )
        return messages


_Key = TypeVar("_Key")
_Value = TypeVar("_Value")


def _pairs(conn: Connection, query: sa.Select[_Key, _Value]) -> dict[_Key, _Value]:
    return {key: value for key, value in conn.execute(query)}


def parse_instant(text: str) -> dt.datetime | None:
    """An ISO 8601 date or date and time as aware UTC; None when it is not one."""
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=HOME_ZONE)
    return value.astimezone(dt.UTC)


def read_visit_row(
    sheet: Sheet, row: Row, lookups: Lookups, seen: dict[str, int], problems: Problems
) -> VisitRow | None:
    """The row's visit, or None after reporting what is wrong with it."""
    before = len(problems.lines)

    def bad(message: str) -> None:
        problems.add(sheet.name, row.number, message)

    visit_id = unique_key(sheet, row, "visit_id", visits, seen, problems, table_column="id")
    if visit_id and any(char.isspace() for char in visit_id):
        bad(f"visit_id '{visit_id}' contains a space")
    store_id = row.get("store_id")
    if not store_id:
        bad("store_id is empty")
    elif store_id not in lookups.store_regions:
        bad(f"unknown store '{store_id}'")
    started_at = _instant(row, "visited_at", bad, required=True)
    ended_at = _instant(row, "ended_at", bad, required=False)
    if started_at and ended_at and ended_at < started_at:
        bad("ended_at is before visited_at")
    staff_id = row.get("staff_id") or None
    if staff_id and staff_id not in lookups.staff_stores:
        bad(f"unknown staff '{staff_id}'")
    shopper = normalise_username(row.get("shopper_id"))
    if shopper and shopper not in lookups.people:
        bad(f"unknown shopper '{row.get('shopper_id')}'; import the users first")
    channel = row.get("channel").lower() or lookups.default_channel
    if channel not in CHANNELS:
        bad(f"channel '{row.get('channel')}' is not one of {', '.join(CHANNELS)}")
    status = row.get("status").lower() or DEFAULT_STATUS
    if status not in IMPORT_STATUSES:
        bad(f"status '{row.get('status')}' is not one of {', '.join(IMPORT_STATUSES)}")
    if len(problems.lines) != before or visit_id is None:
        return None
    values = {
        "store_id": store_id,
        "shopper_id": lookups.people[shopper] if shopper else None,
        "staff_id": staff_id,
        "channel": channel,
        "started_at": started_at,
        "ended_at": ended_at,
    }
    return VisitRow(visit_id, row, values, status, row.get("region"))


def _instant(row: Row, column: str, bad: Any, *, required: bool) -> dt.datetime | None:
    text = row.get(column)
    if not text:
        if required:
            bad(f"{column} is empty")
        return None
    value = parse_instant(text)
    if value is None:
        bad(f"{column} '{text}' is not an ISO 8601 date and time such as 2025-11-03T14:05+01:00")
    return value
