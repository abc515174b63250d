"""The submit checks refuse a stored number the item does not take (-5 seconds)."""

from scoring.submit_checks import Answer, Details, check_visit, failed_items
from tests.scoring.conftest import standard_from

STANDARD = standard_from(
    """\
- id: s
  title: S
  items:
    - {id: wait, type: number, text: W, unit: s, pass_if: {max: 60}}
"""
)
TIMES = Details(None, None)


def _codes(value: str) -> list[str]:
    issues = check_visit(STANDARD, {"wait": Answer(value)}, {}, TIMES, staff_asked=False)
    return [issue.code for issue in issues if issue.item_id == "wait"]


def test_a_negative_wait_stops_the_submit_instead_of_passing() -> None:
    assert _codes("-5") == ["out_of_range"]
    assert failed_items(STANDARD, {"wait": Answer("-5")}) == set()  # no verdict, no crash


def test_a_wait_in_range_goes_through() -> None:
    assert _codes("45") == []
    assert _codes("0") == []
    assert failed_items(STANDARD, {"wait": Answer("75")}) == {"wait"}
