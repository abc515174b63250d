"""Language 2 in the loader: one snippet per new check with its code and place, the warnings,
all problems of a file at once, and versions that stay the same where the content does.

Items start on line 12 (see `with_items`).
"""

import textwrap

import pytest

from standards import check_standard_text, diff_versions, load_standard_text, version_hash
from tests.standards.conftest import HEAD, problems_of, with_items

CASES = {
    "weight on a record-only item": (
        "- {id: a, type: yes_no, text: A, scored: false, weight: 2}\n",
        ("E011", 12, 63),
    ),
    "pass_if on a record-only number": (
        "- {id: a, type: number, text: A, scored: false, pass_if: {max: 3}}\n",
        ("E011", 12, 64),
    ),
    "base on a record-only multi_choice": (
        """\
        - id: a
          type: multi_choice
          text: A
          scored: false
          base: 1
          options: [{id: x, text: X}, {id: y, text: Y}]
        """,
        ("E011", 16, 15),
    ),
    "penalty on a text item": (
        "- {id: a, type: text, text: A, penalty: true}\n",
        ("E011", 12, 38),
    ),
    "action on a photo item": (
        "- {id: a, type: photo, text: A, action: Train}\n",
        ("E011", 12, 39),
    ),
    "penalty that is also critical": (
        "- {id: a, type: yes_no, text: A, critical: true, penalty: true}\n",
        ("E012", 12, 65),
    ),
    "penalty that is also bonus": (
        "- {id: a, type: yes_no, text: A, bonus: true, penalty: true}\n",
        ("E012", 12, 62),
    ),
    "multi_choice option score below -1": (
        """\
        - id: a
          type: multi_choice
          text: A
          options: [{id: x, text: X, score: -2}, {id: y, text: Y}]
        """,
        ("E008", 15, 43),
    ),
    "multi_choice max_select below min_select": (
        """\
        - id: a
          type: multi_choice
          text: A
          min_select: 2
          max_select: 1
          options: [{id: x, text: X}, {id: y, text: Y}, {id: z, text: Z}]
        """,
        ("E008", 16, 21),
    ),
    "multi_choice with min_select 0 (an empty answer is no answer)": (
        """\
        - id: a
          type: multi_choice
          text: A
          min_select: 0
          options: [{id: x, text: X}, {id: y, text: Y, exclusive: true}]
        """,
        ("E021", 15, 21),
    ),
    "multi_choice asking for more ticks than options": (
        """\
        - id: a
          type: multi_choice
          text: A
          min_select: 3
          options: [{id: x, text: X}, {id: y, text: Y}]
        """,
        ("E008", 15, 21),
    ),
    "exclusive option with min_select 2": (
        """\
        - id: a
          type: multi_choice
          text: A
          min_select: 2
          options: [{id: x, text: X}, {id: y, text: Y}, {id: z, text: Z, exclusive: true}]
        """,
        ("E008", 16, 83),
    ),
    "a scored choice option without a score": (
        "- {id: a, type: choice, text: A, options: [{id: x, text: X}, "
        "{id: y, text: Y, score: 1}]}\n",
        ("E003", 12, 50),
    ),
    "an option whose id reads as N/A": (
        "- {id: a, type: choice, text: A, options: [{id: na, text: X, score: 0}, "
        "{id: y, text: Y, score: 1}]}\n",
        ("E008", 12, 55),
    ),
    "an unknown option set": (
        "- {id: a, type: choice, text: A, options: qualty}\n",
        ("E008", 12, 49),
    ),
    "number with both pass_if and points": (
        "- {id: a, type: number, text: A, pass_if: {max: 3}, points: [{score: 1}]}\n",
        ("E010", 12, 67),
    ),
    "pass_if that lets nothing pass": (
        "- {id: a, type: number, text: A, pass_if: {min: 5, below: 5}}\n",
        ("E010", 12, 49),
    ),
    "a points range that holds nothing": (
        "- {id: a, type: number, text: A, points: [{above: 3, max: 3, score: 1}]}\n",
        ("E010", 12, 49),
    ),
    "pass_min beside pass_if": (
        "- {id: a, type: number, text: A, pass_if: {max: 3}, pass_min: 0.5}\n",
        ("E010", 12, 69),
    ),
    "a duration bound that is no duration": (
        "- {id: a, type: duration, text: A, pass_if: {below: '1:75'}}\n",
        ("E010", 12, 59),
    ),
    "a scored duration without a rule": (
        "- {id: a, type: duration, text: A}\n",
        ("E010", 12, 9),
    ),
    "a condition with two tests": (
        "- {id: a, type: yes_no, text: A, show_if: {item: base, equals: 'yes', not_in: ['no']}}\n",
        ("E013", 12, 49),
    ),
    "a numeric test on a yes_no item": (
        "- {id: a, type: yes_no, text: A, show_if: {item: base, below: 3}}\n",
        ("E013", 12, 62),
    ),
    "an unknown item inside any": (
        "- {id: a, type: yes_no, text: A, show_if: {any: [{item: bse, equals: 'yes'}]}}\n",
        ("E013", 12, 63),
    ),
    "a clock time tested on a number item": (
        "- {id: n, type: number, text: N, pass_if: {max: 9}}\n"
        "- {id: a, type: yes_no, text: A, show_if: {item: n, below: '1:00'}}\n",
        ("E013", 13, 66),
    ),
    "a bound that is no number": (
        "- {id: n, type: number, text: N, pass_if: {max: 9}}\n"
        "- {id: a, type: yes_no, text: A, show_if: {item: n, below: abc}}\n",
        ("E013", 13, 66),
    ),
    "an impossible value in not_in": (
        "- {id: a, type: yes_no, text: A, show_if: {item: base, not_in: [maybe]}}\n",
        ("E013", 12, 71),
    ),
    "an empty all": (
        "- {id: a, type: yes_no, text: A, show_if: {all: []}}\n",
        ("E021", 12, 55),
    ),
    "a record-only item as the only one": (
        None,
        ("E016", 5, 1),
    ),
}

ONLY_RECORD = HEAD.replace("type: yes_no\n", "type: yes_no\n        scored: false\n")


@pytest.mark.parametrize(("block", "expected"), list(CASES.values()), ids=list(CASES))
def test_each_language_2_check_reports_its_code_at_its_place(block, expected) -> None:
    text = ONLY_RECORD if block is None else with_items(block)
    assert [(p.code, p.line, p.col) for p in problems_of(text)] == [expected]


def test_a_condition_on_a_multi_select_names_one_ticked_option() -> None:
    block = """\
    - id: m
      type: multi_choice
      text: M
      min_select: 2
      options: [{id: a, text: A}, {id: b, text: B}, {id: c, text: C}]
    - {id: x, type: yes_no, text: X, show_if: {item: m, equals: a}}
    - {id: y, type: yes_no, text: Y, show_if: {item: m, not_in: [b, c]}}
    """
    load_standard_text(with_items(block))  # "a is ticked", not "the answer is a"
    wrong = block.replace("equals: a}", "equals: a b}")
    (problem,) = problems_of(with_items(wrong))
    assert problem.code == "E013" and "name one of its options: a, b, c" in problem.message


def test_conditions_nested_too_deep_are_one_problem_not_a_crash() -> None:
    condition = "{item: base, equals: 'yes'}"
    for _ in range(10):
        condition = "{any: [" + condition + "]}"
    text = with_items(f"- {{id: a, type: yes_no, text: A, show_if: {condition}}}\n")
    (problem,) = problems_of(text)
    assert (problem.code, problem.line) == ("E013", 12)
    assert "nest more than 6 levels" in problem.message


MANY = """\
- {id: a, type: yes_no, text: A, scored: false, critical: true}
- {id: b, type: multi_choice, text: B, options: [{id: x, text: X, score: 2}, {id: y, text: Y}]}
- {id: c, type: duration, text: C, points: [{max: "9:99", score: 1}]}
- {id: d, type: number, text: D, pass_if: {max: 3}, points: [{score: 1}]}
- {id: e, type: choice, text: E, options: nope}
- {id: f, type: yes_no, text: F, penalty: true, bonus: true}
- {id: g, type: yes_no, text: G, show_if: {all: [{item: zz, equals: "yes"}, {item: base}]}}
- {id: h, type: text, text: H, action: Fix it}
"""


def test_a_file_full_of_language_2_mistakes_reports_each_in_one_run() -> None:
    found = [(p.code, p.line) for p in problems_of(with_items(MANY))]
    assert found == [
        ("E011", 12),
        ("E008", 13),
        ("E010", 14),
        ("E010", 15),
        ("E008", 16),
        ("E012", 17),
        ("E013", 18),
        ("E013", 18),
        ("E011", 19),
    ]


WARNINGS = {
    "bonus points that fill a section": (
        "- {id: extra, type: yes_no, text: X, bonus: true}\n",
        ("W001", 12, 44),
    ),
    "a points table with a gap": (
        "- {id: a, type: number, text: A, points: [{max: 10, score: 1}, {min: 20, score: 0}]}\n",
        ("W002", 12, 40),
    ),
    "a multi_choice nothing lets pass": (
        """\
        - id: a
          type: multi_choice
          text: A
          pass_min: 0.9
          options: [{id: x, text: X, score: 0.5}, {id: y, text: Y, score: 0.3}]
          max_select: 1
        """,
        ("W004", 15, 9),
    ),
}


@pytest.mark.parametrize(("block", "expected"), list(WARNINGS.values()), ids=list(WARNINGS))
def test_each_warning_is_reported_and_leaves_the_file_valid(block, expected) -> None:
    _, warnings = check_standard_text(with_items(block), "t.yaml")
    assert [(w.code, w.line, w.col) for w in warnings] == [expected]


PENALTY_SECTION = (
    HEAD
    + "  - id: conduct\n    title: C\n    items:\n"
    + "      - {id: no_phone, type: yes_no, text: P, penalty: true, weight: 5}\n"
)


def test_penalties_in_a_section_without_possible_points_are_a_warning() -> None:
    _, warnings = check_standard_text(PENALTY_SECTION, "t.yaml")
    assert [(w.code, w.line, w.col) for w in warnings] == [("W005", 15, 47)]


def test_a_standard_of_bonus_and_penalty_items_only_has_no_score() -> None:
    text = PENALTY_SECTION.replace(
        "        text: Base\n", "        text: Base\n        bonus: yes\n"
    )
    assert [(p.code, p.line) for p in problems_of(text)] == [("E016", 5)]


def test_an_option_set_nobody_uses_is_a_warning_at_its_name() -> None:
    text = HEAD.replace("sections:", "option_sets:\n  spare:\n    - {id: a, text: A}\nsections:")
    _, warnings = check_standard_text(text, "t.yaml")
    assert [(w.code, w.line, w.col) for w in warnings] == [("W003", 6, 3)]


def test_a_file_without_additions_has_no_warnings() -> None:
    assert check_standard_text(HEAD, "t.yaml")[1] == []


SETS = """\
id: t
title: T
channel: web
languages: [en]
option_sets:
  quality:
    - {id: good, text: Good, score: 1}
    - {id: poor, text: Poor, score: 0}
sections:
  - id: s
    title: S
    items:
      - {id: food, type: choice, text: Food, options: quality}
      - {id: drinks, type: choice, text: Drinks, options: quality}
"""


def test_moving_options_into_a_set_keeps_the_version() -> None:
    inline = SETS.replace(
        "options: quality",
        "options: [{id: good, text: Good, score: 1}, {id: poor, text: Poor, score: 0}]",
    )
    inline = inline.split("option_sets:")[0] + "sections:" + inline.split("sections:")[1]
    assert version_hash(load_standard_text(SETS)) == version_hash(load_standard_text(inline))


def test_a_problem_in_a_set_is_reported_once_where_the_set_stands() -> None:
    text = SETS.replace("{id: poor, text: Poor, score: 0}", "{id: poor, text: Poor, score: -1}")
    (problem,) = problems_of(text)
    assert (problem.code, problem.line) == ("E008", 8)
    assert problem.message.startswith("option set 'quality', option 'poor': ")


def test_a_set_key_one_kind_of_item_does_not_know_says_which_kind() -> None:
    text = SETS.replace(
        "{id: poor, text: Poor, score: 0}", "{id: poor, text: Poor, exclusive: true}"
    )
    (problem,) = problems_of(text)
    assert (problem.code, problem.line) == ("E008", 8)
    assert "'exclusive' does not fit a choice item" in problem.message


def test_the_same_option_twice_in_a_set_is_named_as_a_set_problem() -> None:
    text = SETS.replace("{id: poor, text: Poor, score: 0}", "{id: good, text: Poor, score: 0}")
    messages = [p.message for p in problems_of(text)]
    assert "option id 'good' is used twice in option set 'quality'" in messages


def test_the_diff_names_language_2_changes_in_words() -> None:
    old = load_standard_text(
        with_items(
            textwrap.dedent(
                """\
                - {id: wait, type: duration, text: W, pass_if: {below: "2:00"}}
                - {id: x, type: yes_no, text: X, show_if: {item: base, equals: "yes"}}
                """
            )
        )
    )
    new = load_standard_text(
        with_items(
            textwrap.dedent(
                """\
                - id: wait
                  type: duration
                  text: W
                  points: [{max: 90, score: 1}, {score: 0}]
                - id: x
                  type: yes_no
                  text: X
                  penalty: true
                  show_if: {any: [{item: base, equals: "yes"}, {item: wait, below: 60}]}
                """
            )
        )
    )
    assert diff_versions(old, new) == [
        "item wait: pass_if below 120 -> none",
        "item wait: points none -> up to 90: 1; any value: 0",
        "item wait: pass_min none -> 1",
        "item x: penalty false -> true",
        "item x: show_if base = yes -> (base = yes or wait < 60)",
    ]


def test_the_diff_of_a_question_turned_record_only_is_one_line() -> None:
    old = load_standard_text(
        with_items("- {id: drive, type: yes_no, text: D, bonus: true, weight: 2, action: Go}\n")
    )
    new = load_standard_text(with_items("- {id: drive, type: yes_no, text: D, scored: false}\n"))
    assert diff_versions(old, new) == [
        "item drive: scored true -> false",
        "item drive: action 'Go' -> none",
    ]
