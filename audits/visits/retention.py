"""Retention: personal data that has served its purpose is removed on a schedule the
organisation sets (docs/privacy.md, "How long").

- visits older than RETAIN_STAFF_MONTHS lose their staff member and the shopper's words
  about who served them; scores, answers and anonymous figures stay;
- photos of visits older than RETAIN_PHOTO_MONTHS are deleted (the photo item's answer keeps
  the file names it had, so scores stay as they were);
- ended sessions and expired log-in throttle rows are deleted.

The app applies it once a day (pages/upkeep.py), `mystery-audit retention` on request.
"""

import datetime as dt
import logging
from dataclasses import asdict, dataclass

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from audits.accounts.sessions import FAILURE_WINDOW, IDLE_LIMIT
from audits.records.db import transaction
from audits.records.months import bump_data_version
from audits.records.settings import (
    RETAIN_PHOTO_MONTHS,
    RETAIN_STAFF_MONTHS,
    get_number,
    get_setting,
    set_setting,
)
from audits.records.tables import attachments, login_failures, sessions, visits
from audits.visits.trail import record
from locales import HOME_ZONE

LAST_RUN_KEY = "retention_last_run"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Removed:
    """What retention removed (or, on a dry run, would remove)."""

    staff_links: int
    staff_descriptions: int
    photos: int
    sessions: int
    throttle_rows: int

    def any(self) -> bool:
        return any(asdict(self).values())


def months_before(now: dt.datetime, months: int) -> dt.datetime:
    """The same local day and time `months` calendar months earlier (the 31st falls back to
    the month's last day)."""
    local = pd.Timestamp(now.astimezone(HOME_ZONE))
    earlier: dt.datetime = (local - pd.DateOffset(months=months)).to_pydatetime()
    return earlier.astimezone(dt.UTC)


def _count(conn: Connection, table: sa.Table, *where: sa.ColumnElement[bool]) -> int:
    counted: int = conn.execute(
        sa.select(sa.func.count()).select_from(table).where(*where)
    ).scalar_one()
    return counted


def apply_retention(conn: Connection, now: dt.datetime, *, dry_run: bool = False) -> Removed:
    """Remove what is due at `now` (aware), or only count it with `dry_run`."""
    staff_cut = months_before(now, get_number(conn, RETAIN_STAFF_MONTHS))
    photo_cut = months_before(now, get_number(conn, RETAIN_PHOTO_MONTHS))
    old_visit = visits.c.started_at < staff_cut
    linked = [old_visit, visits.c.staff_id.is_not(None)]
    described = [old_visit, visits.c.staff_description.is_not(None)]
    old_photos = attachments.c.visit_id.in_(
        sa.select(visits.c.id).where(visits.c.started_at < photo_cut)
    )
    ended = (sessions.c.expires_at < now) | (
        sessions.c.last_seen_at.is_not(None) & (sessions.c.last_seen_at < now - IDLE_LIMIT)
    )
    expired = (login_failures.c.first_at < now - FAILURE_WINDOW) & (
        login_failures.c.blocked_until.is_(None) | (login_failures.c.blocked_until < now)
    )
    removed = Removed(
        staff_links=_count(conn, visits, *linked),
        staff_descriptions=_count(conn, visits, *described),
        photos=_count(conn, attachments, old_photos),
        sessions=_count(conn, sessions, ended),
        throttle_rows=_count(conn, login_failures, expired),
    )
    if dry_run:
        return removed
    conn.execute(sa.update(visits).where(*linked).values(staff_id=None))
    conn.execute(sa.update(visits).where(*described).values(staff_description=None))
    conn.execute(sa.delete(attachments).where(old_photos))
    conn.execute(sa.delete(sessions).where(ended))
    conn.execute(sa.delete(login_failures).where(expired))
    if removed.staff_links:
        bump_data_version(conn)  # staff figures change
    if removed.staff_links or removed.staff_descriptions or removed.photos:
        record(conn, None, "retention", now.date().isoformat(), "apply", None, asdict(removed))
    set_setting(conn, LAST_RUN_KEY, now.astimezone(HOME_ZONE).date().isoformat())
    return removed


def due_today(conn: Connection, today: dt.date) -> bool:
    """Whether retention has not run yet on this local day."""
    return get_setting(conn, LAST_RUN_KEY) != today.isoformat()


def run_daily(engine: Engine, now: dt.datetime) -> bool:
    """Apply retention if it has not run on this local day yet; False when the database
    could not do it now (a busy database must not stop anyone working; tomorrow's run or
    the command catches up)."""
    try:
        with transaction(engine) as conn:
            if due_today(conn, now.astimezone(HOME_ZONE).date()):
                apply_retention(conn, now)
    except SQLAlchemyError:
        log.exception("retention did not run")
        return False
    return True
