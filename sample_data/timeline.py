"""The demo year: twelve full months ending 2026-10-31, shop days and Berlin timestamps."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from locales import HOME_ZONE

FIRST_MONTH = (2025, 11)
MONTHS = 12
LAST_DAY = date(2026, 10, 31)
REVIEW_BACKLOG_FROM = LAST_DAY - timedelta(days=13)  # visits from here on may await review

# nationwide public holidays in the period: stores are closed
HOLIDAYS = frozenset(
    date.fromisoformat(d)
    for d in (
        "2025-12-25",
        "2025-12-26",
        "2026-01-01",
        "2026-04-03",  # Karfreitag
        "2026-04-06",  # Ostermontag
        "2026-05-01",
        "2026-05-14",  # Christi Himmelfahrt
        "2026-05-25",  # Pfingstmontag
        "2026-10-03",
    )
)


def month_start(index: int) -> date:
    year, month = FIRST_MONTH
    month += index
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def shop_days(index: int) -> list[date]:
    """Monday to Saturday of month `index` (0 = November 2025), without public holidays."""
    start, end = month_start(index), month_start(index + 1)
    days = (start + timedelta(days=k) for k in range((end - start).days))
    return [d for d in days if d.weekday() < 6 and d not in HOLIDAYS]


def local_time(day: date, minutes_after_midnight: int) -> datetime:
    hour, minute = divmod(minutes_after_midnight, 60)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=HOME_ZONE)


def iso(moment: datetime) -> str:
    """ISO 8601 with the Berlin offset of that day, e.g. 2026-03-14T10:32:00+01:00."""
    return moment.astimezone(HOME_ZONE).isoformat(timespec="seconds")
