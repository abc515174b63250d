"""Shown and exported figures round half away from zero (kaufmännisches Runden), checked
against Python's decimal module, which implements that rule exactly."""

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from locales import fmt_number, fmt_percent
from locales.rounding import half_away, half_away_text
from pages.dash_parts import _number, _signed
from scoring.gaps import chance_sentence


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (78.125, 2, "78.13"),  # the spec's example; Python and numpy give 78.12
        (2.675, 2, "2.68"),  # 267.49999999999997 after scaling: still the tie it means
        (0.5, 0, "1"),
        (1.5, 0, "2"),
        (2.5, 0, "3"),  # half to even would give 2
        (-2.5, 0, "-3"),
        (-0.25, 1, "-0.3"),
        (81.25, 1, "81.3"),
        (-0.04, 1, "0.0"),  # no "-0.0"
        (99.99999999, 2, "100.00"),
    ],
)
def test_ties_round_away_from_zero(value, decimals, shown) -> None:
    assert half_away_text(value, decimals) == shown
    assert half_away(value, decimals) == float(shown)


def test_arrays_keep_their_gaps() -> None:
    rounded = half_away(np.array([0.5, 1.5, 2.5, -2.5, np.nan]))
    assert rounded[:4].tolist() == [1.0, 2.0, 3.0, -3.0]
    assert np.isnan(rounded[4])


@given(st.integers(min_value=-10_000_000, max_value=10_000_000), st.integers(0, 3))
def test_equal_to_decimal_round_half_up_on_three_decimal_values(thousandths, decimals) -> None:
    written = Decimal(thousandths).scaleb(-3)  # a value as a person would type it: 78.125
    expected = written.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if expected == 0:
        expected = abs(expected)  # "-0.00" is not shown
    assert half_away_text(float(written), decimals) == str(expected)


def test_the_formats_of_the_app_round_ties_away_from_zero() -> None:
    assert fmt_number(78.125, "de", 2) == "78,13"
    assert fmt_number(78.125, "en", 2) == "78.13"
    assert fmt_number(81.25, "de") == "81,3"
    assert fmt_percent(0.12345, "en", 2) == "12.35%"
    # Tables and cards of the dashboards
    assert _number(81.25, 1, "de") == "81,3"
    assert _number(-0.25, 1, "en", sign=True) == "-0.3"
    assert _signed(2.25, "de") == "+2,3"


def test_the_chance_sentence_rounds_its_count_away_from_zero() -> None:
    assert "about 3 times in 1,000" in chance_sentence(4, 6, 0.0025, "en")
