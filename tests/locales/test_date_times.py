"""Times of day as the reader writes them: German day.month.year, English with the month's
name (a British and an American reader read 12/7/26 differently), both on a 24-hour clock."""

import datetime as dt

from locales import HOME_ZONE, fmt_date

AT = dt.datetime(2026, 12, 7, 14, 2, tzinfo=HOME_ZONE)


def test_a_german_time_reads_day_month_year_on_a_24_hour_clock() -> None:
    assert fmt_date(AT, "de") == "07.12.2026, 14:02"


def test_an_english_time_names_the_month_and_has_no_am_or_pm() -> None:
    assert fmt_date(AT, "en") == "7 Dec 2026, 14:02"


def test_a_day_alone_keeps_its_medium_format() -> None:
    assert fmt_date(AT.date(), "de") == "07.12.2026"
