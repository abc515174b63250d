"""The small languages inside cells: relevant expressions and the pass_if/points ranges."""

import pytest

from standards.conditions import Condition
from standards.xlsform.ranges import (
    RangeError,
    parse_bounds,
    parse_points,
    write_bounds,
    write_points,
)
from standards.xlsform.relevant import Ref, RelevantError, UnknownName, parse_relevant
from standards.xlsform.relevant_write import write_relevant

MULTI = {"defects"}


def resolve(name: str) -> Ref:
    if name == "ghost":
        raise UnknownName(name, "which is not a name in this form")
    return Ref(name, name in MULTI)


def name(item_id: str) -> tuple[str, bool]:
    return item_id, item_id in MULTI


@pytest.mark.parametrize(
    ("relevant", "show_if"),
    [
        ("${a} = 'x'", {"item": "a", "equals": "x"}),
        ("'x' = ${a}", {"item": "a", "equals": "x"}),
        ("${a} != 'x'", {"item": "a", "not_in": ["x"]}),
        ("${n} < 3", {"item": "n", "below": 3}),
        ("${n} <= 3.5", {"item": "n", "max": 3.5}),
        ("${n} > '3'", {"item": "n", "above": 3}),
        ("3 <= ${n}", {"item": "n", "min": 3}),
        ("${n} = 4.0", {"item": "n", "equals": "4"}),
        ("selected(${defects}, 'litter')", {"item": "defects", "equals": "litter"}),
        ("selected(${a}, 'x')", {"item": "a", "in": ["x"]}),
        ("not(selected(${defects}, 'x'))", {"item": "defects", "not_in": ["x"]}),
        ("${a} = 'x' or ${a} = 'y'", {"item": "a", "in": ["x", "y"]}),
        ("${a} != 'x' and ${a} != 'y'", {"item": "a", "not_in": ["x", "y"]}),
        (
            "${a} = 'x' and ${b} = 'y'",
            {"all": [{"item": "a", "equals": "x"}, {"item": "b", "equals": "y"}]},
        ),
        (
            "(${a} = 'x') or (${a} = 'y')",
            {"any": [{"item": "a", "equals": "x"}, {"item": "a", "equals": "y"}]},
        ),
        (
            "${a} = 'x' or ${b} = 'y' and ${n} > 1",
            {
                "any": [
                    {"item": "a", "equals": "x"},
                    {"all": [{"item": "b", "equals": "y"}, {"item": "n", "above": 1}]},
                ]
            },
        ),
        (
            "(${a} = 'x' OR ${a} = 'y') AND ${n} >= 2",
            {
                "all": [
                    {"item": "a", "in": ["x", "y"]},
                    {"item": "n", "min": 2},
                ]
            },
        ),
    ],
)
def test_the_relevant_subset_reads_as_show_if(relevant: str, show_if: dict) -> None:
    parsed = parse_relevant(relevant, resolve)
    assert parsed == show_if
    # ... and writing the condition and reading it again gives the same condition.
    condition = Condition.model_validate(parsed)
    assert (
        Condition.model_validate(parse_relevant(write_relevant(condition, name), resolve))
        == condition
    )


@pytest.mark.parametrize(
    ("relevant", "says"),
    [
        ("${a} == 'x'", "'==' is no operator"),
        ("${a} = 'x' and", "expected"),
        ("count-selected(${defects}) > 1", "expected a quoted value or a number"),
        ("(${a} = 'x'", "expected ), found the end"),
        ("${n} < 'many'", "'many' is compared with < but is no number"),
        ("${a} = 'x' ; drop", "unexpected"),
        ("(" * 7 + "${a} = 'x'" + ")" * 7, "nest more than 6 levels"),
    ],
)
def test_outside_the_subset_says_where(relevant: str, says: str) -> None:
    with pytest.raises(RelevantError) as caught:
        parse_relevant(relevant, resolve)
    assert says in str(caught.value)


def test_a_name_the_form_does_not_have_is_its_own_error() -> None:
    with pytest.raises(UnknownName) as caught:
        parse_relevant("${ghost} = 'x'", resolve)
    assert caught.value.name == "ghost"


@pytest.mark.parametrize(
    ("text", "bounds", "written"),
    [
        ("10..120", {"min": 10, "max": 120}, "10..120"),
        ("<300", {"below": 300}, "<300"),
        ("<= 300", {"max": 300}, "<=300"),
        (">4", {"above": 4}, ">4"),
        (">=4", {"min": 4}, ">=4"),
        (">10 <20", {"above": 10, "below": 20}, ">10 <20"),
        (">=2,5 and <=7.5", {"min": 2.5, "max": 7.5}, "2.5..7.5"),
    ],
)
def test_pass_if_cells(text: str, bounds: dict, written: str) -> None:
    assert parse_bounds(text) == bounds
    assert write_bounds(bounds) == written


def test_durations_read_and_write_as_minutes_and_seconds() -> None:
    assert parse_bounds("<1:30", duration=True) == {"below": 90}
    assert write_bounds({"below": 90}, duration=True) == "<1:30"
    table = parse_points("<=3:00 = 1; <=240 = 0.8; else = 0", duration=True)
    assert table == [{"max": 180, "score": 1}, {"max": 240, "score": 0.8}, {"score": 0}]
    assert write_points(table, duration=True) == "<=3:00 = 1; <=4:00 = 0.8; else = 0"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("10-120", "is no range"),
        ("", "it is empty"),
        ("<5 <6", "gives < twice"),
        ("<2.880", "is not a number"),
    ],
)
def test_bad_pass_if_cells_say_how_to_write_them(text: str, says: str) -> None:
    with pytest.raises(RangeError) as caught:
        parse_bounds(text)
    assert says in str(caught.value)


def test_bad_points_cells() -> None:
    with pytest.raises(RangeError, match="no points row"):
        parse_points("<=180")
    with pytest.raises(RangeError, match="not a duration"):
        parse_points("<=1.5 = 1", duration=True)
    with pytest.raises(RangeError, match="not a score"):
        parse_points("<=10 = lots")
