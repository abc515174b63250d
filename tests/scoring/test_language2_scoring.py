"""Language 2 scoring rules, each with figures worked out by hand (specs: "Language 2")."""

import math

import pytest

from scoring.engine import REASONS
from scoring.visits import score_answers
from tests.scoring.conftest import answers_frame, score_visits, standard_from


def near(value: float, expected: float | None) -> bool:
    if expected is None:
        return math.isnan(value)
    return math.isclose(value, expected, abs_tol=1e-9)


MULTI = """\
- id: s
  title: S
  items:
    - {id: plain, type: yes_no, text: P}
    - id: defects
      type: multi_choice
      text: D
      weight: 2
      base: 1
      pass_min: 0.5
      options:
        - {id: floor, text: F, score: -0.5}
        - {id: till, text: T, score: -0.75}
        - {id: smile, text: S, score: 0.5}
        - {id: none, text: N, exclusive: true}
"""


@pytest.mark.parametrize(
    ("ticked", "earned", "passes"),
    [
        ("none", 2.0, True),  # base 1, the exclusive option scores 0
        ("floor", 1.0, True),  # 2 x (1 - 0.5) = 1, exactly pass_min x weight
        ("till", 0.5, False),  # 2 x 0.25
        ("floor till", 0.0, False),  # 1 - 1.25 clamps at 0
        ("smile", 2.0, True),  # 1 + 0.5 clamps at 1
        ("floor smile", 2.0, True),  # 1 - 0.5 + 0.5 = 1
    ],
)
def test_a_multi_select_earns_its_clamped_share(ticked, earned, passes) -> None:
    standard = standard_from(MULTI)
    scored = score_answers(
        standard, answers_frame({"v": {"plain": "yes", "defects": ticked}}), rows=True
    )
    assert near(scored.score[0], 100 * (1 + earned) / 3)
    assert bool(scored.rows["passed"][1]) is passes
    assert bool(scored.rows["failed"][1]) is not passes


def test_an_exclusive_option_ticked_with_another_is_an_answer_error() -> None:
    from scoring.engine import AnswersRejected

    with pytest.raises(AnswersRejected, match="can only be ticked on its own"):
        score_visits(standard_from(MULTI), {"v": {"defects": "none floor"}})


POINTS = """\
- id: s
  title: S
  items:
    - id: drive_thru
      type: duration
      text: Drive-thru time
      weight: 10
      pass_min: 0.8
      points:
        - {max: "1:30", score: 1}
        - {above: "1:30", below: "2:00", score: 0.8}
        - {min: "2:00", max: "3:00", score: 0.4}
    - id: guests
      type: number
      text: Guests
      pass_if: {above: 0, below: 5}
"""


@pytest.mark.parametrize(
    ("answer", "share", "passes"),
    [
        ("1:30", 1.0, True),  # max is inclusive
        ("91", 0.8, True),  # above 1:30
        ("1:59", 0.8, True),
        ("2:00", 0.4, False),  # below is exclusive, min inclusive: the third range
        ("3:00", 0.4, False),
        ("3:01", 0.0, False),  # no range holds it: earns 0 and fails
    ],
)
def test_a_points_table_takes_the_first_range_holding_the_value(answer, share, passes) -> None:
    standard = standard_from(POINTS)
    scored = score_answers(standard, answers_frame({"v": {"drive_thru": answer}}), rows=True)
    assert near(scored.score[0], 100 * share)
    assert bool(scored.rows["passed"][0]) is passes
    assert near(scored.rows["earned"][0], 10 * share)


@pytest.mark.parametrize(
    ("guests", "score"), [("0", 0.0), ("0,5", 100.0), ("4", 100.0), ("5", 0.0)]
)
def test_exclusive_bounds_leave_the_bound_itself_out(guests, score) -> None:
    scores = score_visits(standard_from(POINTS), {"v": {"guests": guests}})
    assert near(scores.loc["v", "score"], score)


PENALTY = """\
- id: s
  title: S
  items:
    - {id: a, type: yes_no, text: A}
    - {id: b, type: yes_no, text: B}
    - {id: no_phone, type: yes_no, text: No private call?, penalty: true, weight: 5}
    - {id: tidy, type: scale, text: Tidy, min: 1, max: 5, pass_min: 4, penalty: true, weight: 2}
- id: t
  title: T
  items:
    - {id: c, type: yes_no, text: C}
"""


@pytest.mark.parametrize(
    ("answers", "section_s", "overall"),
    [
        # passing penalties change nothing: 2 of 2
        ({"a": "yes", "b": "yes", "no_phone": "yes", "tidy": "5", "c": "yes"}, 100.0, 100.0),
        # a failed yes/no penalty subtracts its whole weight, floored at 0: (2 - 5) -> 0
        ({"a": "yes", "b": "yes", "no_phone": "no", "c": "yes"}, 0.0, 100 / 3),
        # a failed scale penalty subtracts weight x (1 - share): 3 of 5 is share 0.5, minus 1
        ({"a": "yes", "b": "yes", "tidy": "3", "c": "yes"}, 50.0, 200 / 3),
        # a scale penalty that passes (4 >= pass_min) deducts nothing, though 4 is share 0.75
        ({"a": "yes", "b": "no", "tidy": "4", "c": "no"}, 50.0, 100 / 3),
    ],
)
def test_a_failed_penalty_deducts_and_floors_its_section_at_0(answers, section_s, overall):
    scores = score_visits(standard_from(PENALTY), {"v": answers})
    assert near(scores.loc["v", "section:s"], section_s)
    # pooled: section s counts with its 2 possible points, t with 1
    assert near(scores.loc["v", "score"], overall)


def test_a_failed_penalty_is_stored_as_a_negative_earned_and_no_possible_points() -> None:
    standard = standard_from(PENALTY)
    frame = answers_frame({"v": {"a": "yes", "no_phone": "no"}})
    rows = score_answers(standard, frame, rows=True).rows
    assert list(rows["earned"]) == [1.0, -5.0]
    assert list(rows["possible"]) == [1.0, 0.0]
    assert [REASONS[r] for r in rows["reason"]] == ["counted", "failed"]


CONDITIONS = """\
- id: s
  title: S
  items:
    - id: visit_type
      type: choice
      scored: false
      text: Type
      options: [{id: counter, text: C}, {id: drive_thru, text: D}]
    - {id: party, type: number, scored: false, text: Party size}
    - {id: hidden_parent, type: yes_no, text: H, show_if: {item: visit_type, equals: counter}}
    - {id: base, type: yes_no, text: B}
    - id: window_fast
      type: yes_no
      text: W
      show_if: {any: [{item: hidden_parent, equals: "no"}, {item: visit_type, equals: drive_thru}]}
    - {id: tables, type: yes_no, text: T, show_if: {item: party, below: 3}}
    - {id: not_counter, type: yes_no, text: N, show_if: {item: visit_type, not_in: [counter]}}
    - id: both
      type: yes_no
      text: Both
      show_if: {all: [{item: visit_type, in: [counter]}, {item: party, min: 3}]}
"""


@pytest.mark.parametrize(
    ("answers", "counted"),
    [
        # drive-thru: hidden_parent is hidden, so `any` rests on visit_type alone
        (
            {
                "visit_type": "drive_thru",
                "hidden_parent": "no",
                "base": "yes",
                "window_fast": "no",
                "not_counter": "yes",
            },
            {"base", "window_fast", "not_counter"},
        ),
        # counter: hidden_parent shows and its "no" opens window_fast
        (
            {"visit_type": "counter", "hidden_parent": "no", "window_fast": "yes", "base": "yes"},
            {"hidden_parent", "base", "window_fast"},
        ),
        # not_in over an unanswered item is false: not_counter stays hidden
        ({"base": "yes", "not_counter": "yes"}, {"base"}),
        # numeric tests on a record-only number; `all` needs both leaves
        ({"base": "yes", "party": "2", "tables": "yes", "both": "yes"}, {"base", "tables"}),
        (
            {"visit_type": "counter", "party": "4", "both": "no", "tables": "no"},
            {"both"},
        ),
    ],
)
def test_combined_conditions_and_record_only_parents(answers, counted) -> None:
    standard = standard_from(CONDITIONS)
    full = {item.id: answers.get(item.id, "") for item in standard.items()}
    scored = score_answers(standard, answers_frame({"v": full}), rows=True)
    applicable = {
        item_id
        for item_id, flag in zip(full, scored.rows["applicable"].tolist(), strict=True)
        if flag
    }
    assert applicable == counted


def test_record_only_answers_are_recorded_and_never_count() -> None:
    standard = standard_from(CONDITIONS)
    frame = answers_frame({"v": {"visit_type": "counter", "party": "4", "base": "no"}})
    scored = score_answers(standard, frame, rows=True)
    assert [REASONS[r] for r in scored.rows["reason"]] == ["not_scored", "not_scored", "failed"]
    assert list(scored.rows["possible"]) == [0.0, 0.0, 1.0]
    assert near(scored.score[0], 0.0)


def test_a_standard_with_only_record_only_answers_has_no_score_for_them() -> None:
    standard = standard_from(CONDITIONS)
    scores = score_visits(standard, {"v": {"visit_type": "counter", "party": "4"}})
    assert near(scores.loc["v", "score"], None)
