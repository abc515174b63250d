"""Numbers and dates in the reader's format, and a dash for a missing value of any kind."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from locales import fmt_date, fmt_number, fmt_percent

MISSING = [None, float("nan"), np.float64("nan"), pd.NA, pd.NaT]


@pytest.mark.parametrize("value", MISSING)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_missing_number_shows_a_dash(value, lang) -> None:
    assert fmt_number(value, lang) == "–"
    assert fmt_percent(value, lang) == "–"


@pytest.mark.parametrize("value", MISSING)
def test_a_missing_date_shows_a_dash(value) -> None:
    assert fmt_date(value, "de") == "–"


def test_numbers_and_dates_follow_the_language() -> None:
    assert fmt_number(1234.56, "de") == "1.234,6"
    assert fmt_number(1234.56, "en") == "1,234.6"
    assert fmt_percent(0.125, "de") == "12,5\u00a0%"
    assert fmt_date(dt.date(2026, 3, 14), "de") == "14.03.2026"
    assert fmt_date(pd.Timestamp("2026-03-14"), "de").startswith("14.03.2026, ")
