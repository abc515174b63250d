"""Answers as typed by shoppers or found in CSV cells, turned into canonical values."""

import pytest

from standards import AnswerError, ParsedAnswer, load_standard_text, parse_answer
from tests.standards.conftest import with_items

ITEMS = load_standard_text(
    with_items(
        """\
        - {id: yn, type: yes_no, text: A}
        - {id: yn_na, type: yes_no, text: A, na_allowed: true}
        - {id: scale, type: scale, text: A}
        - id: choice
          type: choice
          text: A
          options: [{id: warm, text: W, score: 1}, {id: cold, text: C, score: 0}]
        - {id: seconds, type: number, text: A, unit: s, pass_if: {max: 120}}
        - {id: note, type: text, text: A}
        - {id: when, type: date, text: A}
        - {id: at, type: time, text: A}
        - {id: shot, type: photo, text: A}
        """
    )
)


def item(item_id: str):
    return ITEMS.item(item_id)


GOOD = [
    ("yn", "yes", "yes"),
    ("yn", "Yes", "yes"),
    ("yn", " NO ", "no"),
    ("yn", "ja", "yes"),
    ("yn", "Nein", "no"),
    ("scale", "4", "4"),
    ("scale", "1", "1"),
    ("scale", "5.0", "5"),
    ("choice", "warm", "warm"),
    ("choice", "COLD", "cold"),
    ("seconds", "2,5", "2.5"),
    ("seconds", "2.50", "2.5"),
    ("seconds", "120", "120"),
    ("seconds", "120.0", "120"),
    ("seconds", "90 s", "90"),
    ("seconds", "1000", "1000"),
    ("note", "  Friendly, but slow  ", "Friendly, but slow"),
    ("note", "n/a", "n/a"),
    ("when", "2025-03-31", "2025-03-31"),
    ("when", "31.03.2025", "2025-03-31"),
    ("when", "1.3.2025", "2025-03-01"),
    ("at", "14:05", "14:05"),
    ("at", "9:05", "09:05"),
    ("at", "14:05:59", "14:05"),
    ("shot", "photos/visit-12.jpg", "photos/visit-12.jpg"),
]


@pytest.mark.parametrize(("item_id", "raw", "value"), GOOD)
def test_accepted_answers_become_canonical_values(item_id, raw, value):
    assert parse_answer(item(item_id), raw) == ParsedAnswer(value, False)


@pytest.mark.parametrize("raw", ["na", "N/A", "n.a."])
def test_na_is_no_value_when_the_item_allows_it(raw):
    assert parse_answer(item("yn_na"), raw) == ParsedAnswer(None, True)


BAD = [
    ("yn", "maybe", "yes or no"),
    ("yn", "j", "yes or no"),
    ("scale", "6", "from 1 to 5"),
    ("scale", "0", "from 1 to 5"),
    ("scale", "3.5", "from 1 to 5"),
    ("scale", "three", "from 1 to 5"),
    ("choice", "lukewarm", "warm, cold"),
    ("seconds", "1.234,5", "without thousands separators"),
    ("seconds", "fast", "a number"),
    ("when", "2025-02-30", "YYYY-MM-DD"),
    ("when", "31/03/2025", "YYYY-MM-DD"),
    ("at", "25:00", "HH:MM"),
    ("at", "14h05", "HH:MM"),
]


@pytest.mark.parametrize(("item_id", "raw", "allowed"), BAD)
def test_invalid_answers_name_the_item_and_what_is_allowed(item_id, raw, allowed):
    with pytest.raises(AnswerError) as caught:
        parse_answer(item(item_id), raw)
    assert caught.value.reason == "invalid"
    assert item_id in str(caught.value) and allowed in str(caught.value)


BOUNDED = load_standard_text(
    with_items(
        """\
        - {id: seconds, type: number, text: A, unit: s, pass_if: {max: 120}}
        - {id: celsius, type: number, text: A, min: -30, max: 10, pass_if: {max: 7}}
        """
    )
)


@pytest.mark.parametrize(
    ("item_id", "raw", "allowed"),
    [
        ("seconds", "-5", "from 0 on (in s)"),
        ("seconds", "-0,5", "from 0 on (in s)"),
        ("celsius", "-31", "from -30 to 10"),
        ("celsius", "10,5", "from -30 to 10"),
    ],
)
def test_a_number_outside_the_items_range_is_refused(item_id, raw, allowed):
    # A wait of -5 seconds passed "at most 120 s" before: a number item starts at 0.
    with pytest.raises(AnswerError) as caught:
        parse_answer(BOUNDED.item(item_id), raw)
    assert caught.value.reason == "out_of_range"
    assert allowed in str(caught.value)


@pytest.mark.parametrize(
    ("item_id", "raw", "value"),
    [("seconds", "0", "0"), ("celsius", "-18", "-18"), ("celsius", "10,0", "10")],
)
def test_a_number_inside_the_items_range_is_taken(item_id, raw, value):
    assert parse_answer(BOUNDED.item(item_id), raw) == ParsedAnswer(value, False)


@pytest.mark.parametrize("item_id", ["yn", "scale", "choice", "seconds", "when", "at"])
def test_na_on_an_item_without_na_allowed_says_so(item_id):
    with pytest.raises(AnswerError) as caught:
        parse_answer(item(item_id), "n/a")
    assert caught.value.reason == "na_not_allowed"
    assert "does not allow N/A" in str(caught.value)


@pytest.mark.parametrize("raw", ["", "   ", None])
def test_an_empty_answer_is_an_error_of_its_own_kind(raw):
    with pytest.raises(AnswerError) as caught:
        parse_answer(item("note"), raw)
    assert caught.value.reason == "empty"
    assert caught.value.item_id == "note"


LANGUAGE_2 = load_standard_text(
    with_items(
        """\
        - id: defects
          type: multi_choice
          text: A
          max_select: 2
          options:
            - {id: floor, text: F, score: -0.5}
            - {id: till, text: T, score: -0.5}
            - {id: smell, text: S, score: -0.5}
            - {id: none, text: N, exclusive: true}
        - {id: wait, type: duration, text: A, pass_if: {below: "5:00"}}
        - {id: count, type: number, text: A, pass_if: {max: 3000}}
        """
    )
)

GOOD_2 = [
    ("defects", "floor", "floor"),
    ("defects", "till floor", "floor till"),  # stored in the standard's option order
    ("defects", "Floor, smell", "floor smell"),
    ("defects", "none", "none"),
    ("wait", "90", "90"),
    ("wait", "1:30", "90"),
    ("wait", "01:30", "90"),
    ("wait", "1:02:03", "3723"),
    ("wait", "45 s", "45"),
    ("wait", "0:05", "5"),
    ("count", "2880", "2880"),
    ("count", "2,88", "2.88"),
    ("count", "0,250", "0.25"),  # a leading 0 is a decimal
    ("count", "2,5", "2.5"),
    ("count", "1234,567", "1234.567"),  # four digits before the mark: no thousands group
    ("count", "12,3456", "12.3456"),  # more than three digits after: a decimal
]


@pytest.mark.parametrize(("item_id", "raw", "value"), GOOD_2)
def test_language_2_answers_become_canonical_values(item_id, raw, value):
    assert parse_answer(LANGUAGE_2.item(item_id), raw) == ParsedAnswer(value, False)


BAD_2 = [
    ("defects", "floor floor", "ticked twice"),
    ("defects", "floor door", "'door' is not an option"),
    ("defects", "none floor", "'none' can only be ticked on its own"),
    ("defects", "floor till smell", "at most 2"),
    ("wait", "1:75", "1:30"),
    ("wait", "1.5", "whole seconds"),
    ("wait", "-5", "whole seconds"),
    ("wait", "²", "whole seconds"),  # a digit to str.isdigit, but no number
    ("wait", "1:3²", "whole seconds"),
    ("count", "2.880", "write 2880 for the whole number, or 2,88 for the decimal"),
    ("count", "1,234", "write 1234 for the whole number, or 1,2340 for the decimal"),
    ("count", "1.234.567", "write 1234567 for the whole number"),
]


@pytest.mark.parametrize(("item_id", "raw", "hint"), BAD_2)
def test_language_2_answers_refused_with_what_to_write(item_id, raw, hint):
    with pytest.raises(AnswerError) as caught:
        parse_answer(LANGUAGE_2.item(item_id), raw)
    assert hint in str(caught.value)
    assert str(caught.value).startswith(f"item {item_id}: '{raw}' is not a valid answer")


def test_a_multi_select_below_its_minimum_is_refused() -> None:
    with pytest.raises(AnswerError, match="at least 1"):
        parse_answer(LANGUAGE_2.item("defects"), ",")
