"""Every scoring rule of the spec, with figures worked out by hand."""

import math

import pytest

from scoring.engine import AnswersRejected
from scoring.visits import score_answers
from tests.scoring.conftest import answers_frame, score_visits, standard_from

THREE_YES_NO = """\
- id: s
  title: S
  items:
    - {id: a, type: yes_no, text: A, na_allowed: true}
    - {id: b, type: yes_no, text: B, na_allowed: true}
    - {id: c, type: yes_no, text: C, na_allowed: true}
"""


def near(value: float, expected: float | None) -> bool:
    if expected is None:
        return math.isnan(value)
    return math.isclose(value, expected, abs_tol=1e-9)


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"a": "yes", "b": "yes", "c": "yes"}, 100.0),
        ({"a": "yes", "b": "no", "c": "no"}, 100 / 3),
        # N/A leaves the item out of earned and possible points
        ({"a": "yes", "b": "no", "c": "na"}, 50.0),
        # an item without a row is unanswered and left out the same way
        ({"a": "yes", "b": "no"}, 50.0),
        # an empty value is no answer either
        ({"a": "yes", "b": "no", "c": ""}, 50.0),
        # aliases and any case: ja, nein, n/a
        ({"a": "Ja", "b": "NEIN", "c": "N/A"}, 50.0),
        ({"a": "ja", "b": "nein", "c": "n/a"}, 50.0),
        # nothing applicable: no score at all
        ({"a": "na", "b": "na", "c": "na"}, None),
        ({"a": "", "b": ""}, None),
    ],
)
def test_yes_no_items_pool_earned_over_possible(answers, expected) -> None:
    scores = score_visits(standard_from(THREE_YES_NO), {"v": answers})
    assert near(scores.loc["v", "score"], expected)


TYPES = """\
- id: s
  title: S
  items:
    - {id: friendly, type: scale, text: F, min: 1, max: 5}
    - id: greeting
      type: choice
      text: G
      options:
        - {id: full, text: Full, score: 1}
        - {id: partial, text: Partial, score: 0.5}
        - {id: none, text: None, score: 0}
    - {id: wait, type: number, text: W, unit: s, pass_if: {max: 120}, weight: 2}
    - {id: note, type: text, text: N}
    - {id: day, type: date, text: D}
"""


@pytest.mark.parametrize(
    ("answers", "earned", "possible"),
    [
        # scale 1..5: weight x (value - min) / (max - min)
        ({"friendly": "3"}, 0.5, 1),
        ({"friendly": "5"}, 1.0, 1),
        ({"friendly": "1"}, 0.0, 1),
        # choice: weight x option score
        ({"greeting": "partial"}, 0.5, 1),
        ({"greeting": "FULL"}, 1.0, 1),
        # number: full weight inside pass_if (inclusive), else nothing; units and commas read
        ({"wait": "120"}, 2.0, 2),
        ({"wait": "120 s"}, 2.0, 2),
        ({"wait": "120,5"}, 0.0, 2),
        # unscored items never count
        ({"friendly": "4", "note": "Kasse 2", "day": "2026-03-01"}, 0.75, 1),
    ],
)
def test_item_types_earn_as_the_table_says(answers, earned, possible) -> None:
    scores = score_visits(standard_from(TYPES), {"v": answers})
    assert near(scores.loc["v", "score"], 100 * earned / possible)


def test_pass_flags_follow_pass_min_option_pass_and_bounds() -> None:
    standard = standard_from(TYPES)
    answers = {"friendly": "3", "greeting": "partial", "wait": "121", "note": "x"}
    scored = score_answers(standard, answers_frame({"v": answers}), rows=True)
    by_item = dict(zip(answers, scored.rows["passed"].tolist(), strict=True))
    assert by_item == {"friendly": True, "greeting": False, "wait": False, "note": False}
    failed = dict(zip(answers, scored.rows["failed"].tolist(), strict=True))
    assert failed == {"friendly": False, "greeting": True, "wait": True, "note": False}


CONDITIONAL = """\
- id: s
  title: S
  items:
    - {id: pay, type: choice, text: P, bonus: true, options: [{id: cash, text: Cash, score: 0},
       {id: card, text: Card, score: 0}]}
    - {id: change, type: yes_no, text: C, show_if: {item: pay, equals: cash}}
    - {id: counted, type: yes_no, text: K, show_if: {item: change, equals: "yes"}}
    - {id: thanks, type: yes_no, text: T}
"""


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"pay": "cash", "change": "no", "thanks": "yes"}, 50.0),
        # hidden by show_if: not applicable whatever was stored
        ({"pay": "card", "change": "no", "thanks": "yes"}, 100.0),
        # a child of a hidden item is hidden too, even if its own condition holds
        ({"pay": "card", "change": "yes", "counted": "no", "thanks": "yes"}, 100.0),
        ({"pay": "cash", "change": "yes", "counted": "no", "thanks": "yes"}, 200 / 3),
        # no answer to the parent hides the child
        ({"change": "no", "thanks": "yes"}, 100.0),
    ],
)
def test_items_hidden_by_show_if_do_not_count(answers, expected) -> None:
    scores = score_visits(standard_from(CONDITIONAL), {"v": answers})
    assert near(scores.loc["v", "score"], expected)


BONUS = """\
- id: s
  title: S
  items:
    - {id: a, type: yes_no, text: A, weight: 2}
    - {id: b, type: yes_no, text: B, weight: 2}
    - {id: extra, type: yes_no, text: E, bonus: true}
"""


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        # bonus adds to earned, not to possible: (2 + 1) / 4
        ({"a": "yes", "b": "no", "extra": "yes"}, 75.0),
        ({"a": "yes", "b": "no", "extra": "no"}, 50.0),
        # capped at 100
        ({"a": "yes", "b": "yes", "extra": "yes"}, 100.0),
        # a bonus alone gives the section no score
        ({"extra": "yes"}, None),
    ],
)
def test_bonus_adds_earned_points_only_and_the_score_is_capped(answers, expected) -> None:
    scores = score_visits(standard_from(BONUS), {"v": answers})
    assert near(scores.loc["v", "score"], expected)
    assert near(scores.loc["v", "section:s"], expected)


def test_a_missed_bonus_is_never_a_failure() -> None:
    standard = standard_from(BONUS)
    scored = score_answers(standard, answers_frame({"v": {"a": "yes", "extra": "no"}}), rows=True)
    assert scored.rows["failed"].tolist() == [False, False]
    assert scored.rows["applicable"].tolist() == [True, True]


CRITICAL = """\
- id: service
  title: Service
  items:
    - {id: polite, type: yes_no, text: P, critical: true, na_allowed: true}
    - {id: quick, type: yes_no, text: Q}
- id: store
  title: Store
  items:
    - {id: clean, type: yes_no, text: C}
"""


@pytest.mark.parametrize(
    ("policy", "answers", "score", "flag"),
    [
        ("zero", {"polite": "no", "quick": "yes", "clean": "yes"}, 0.0, True),
        ("flag_only", {"polite": "no", "quick": "yes", "clean": "yes"}, 200 / 3, True),
        ("zero", {"polite": "yes", "quick": "no", "clean": "yes"}, 200 / 3, False),
        # N/A or unanswered critical items cannot fail
        ("zero", {"polite": "na", "quick": "yes", "clean": "yes"}, 100.0, False),
        ("zero", {"quick": "yes", "clean": "no"}, 50.0, False),
    ],
)
def test_critical_failures_zero_or_flag_the_visit(policy, answers, score, flag) -> None:
    standard = standard_from(CRITICAL, critical_policy=policy)
    scores = score_visits(standard, {"v": answers})
    assert near(scores.loc["v", "score"], score)
    assert bool(scores.loc["v", "critical_failed"]) is flag


def test_a_critical_failure_leaves_section_scores_alone() -> None:
    scores = score_visits(standard_from(CRITICAL), {"v": {"polite": "no", "quick": "yes"}})
    assert scores.loc["v", "score"] == 0.0
    assert near(scores.loc["v", "computed"], 50.0)
    assert near(scores.loc["v", "section:service"], 50.0)


WEIGHTED = """\
- id: a
  title: A
  weight: 1
  items:
    - {id: a1, type: yes_no, text: A1, na_allowed: true}
    - {id: a2, type: yes_no, text: A2, na_allowed: true}
- id: b
  title: B
  weight: 3
  items:
    - {id: b1, type: yes_no, text: B1, na_allowed: true}
    - {id: b2, type: yes_no, text: B2, na_allowed: true}
    - {id: b3, type: yes_no, text: B3, na_allowed: true}
    - {id: b4, type: yes_no, text: B4, na_allowed: true}
"""


@pytest.mark.parametrize(
    ("weighted", "answers", "expected"),
    [
        # with weights: (1 x 50 + 3 x 100) / 4
        (True, {"a1": "yes", "a2": "no", "b1": "yes", "b2": "yes"}, 87.5),
        # pooled without weights: 3 of 4 points
        (False, {"a1": "yes", "a2": "no", "b1": "yes", "b2": "yes"}, 75.0),
        # an empty section drops out, weight and all
        (True, {"a1": "na", "a2": "na", "b1": "yes", "b2": "no"}, 50.0),
        (True, {"a1": "yes", "a2": "no", "b1": "na", "b2": "na"}, 50.0),
        # pooled: (1 + 3) / (2 + 4)
        (False, {"a1": "yes", "a2": "no", "b1": "yes", "b2": "yes", "b3": "no", "b4": "no"}, 50.0),
        (True, {"a1": "yes", "a2": "no", "b1": "yes", "b2": "yes", "b3": "no", "b4": "no"}, 50.0),
    ],
)
def test_section_weights_fix_shares_and_empty_sections_drop_out(
    weighted, answers, expected
) -> None:
    body = (
        WEIGHTED if weighted else WEIGHTED.replace("  weight: 1\n", "").replace("  weight: 3\n", "")
    )
    scores = score_visits(standard_from(body), {"v": answers})
    assert near(scores.loc["v", "score"], expected)


def test_a_section_without_applicable_items_has_no_score() -> None:
    scores = score_visits(standard_from(WEIGHTED), {"v": {"a1": "na", "b1": "yes"}})
    assert math.isnan(scores.loc["v", "section:a"])
    assert scores.loc["v", "section:b"] == 100.0


BANDS = """{bands: [{min: 90, label: Excellent}, {min: 75, label: Good}, {min: 0, label: Poor}]}"""


@pytest.mark.parametrize(
    ("yes_count", "band"),
    [(4, "Poor"), (15, "Good"), (17, "Good"), (18, "Excellent"), (20, "Excellent"), (0, "Poor")],
)
def test_band_is_the_highest_min_not_above_the_score(yes_count, band) -> None:
    items = "\n".join(f"    - {{id: i{n}, type: yes_no, text: I}}" for n in range(20))
    body = f"- id: s\n  title: S\n  items:\n{items}\n"
    standard = standard_from(
        body, bands="[{min: 90, label: Excellent}, {min: 75, label: Good}, {min: 0, label: Poor}]"
    )
    answers = {f"i{n}": "yes" if n < yes_count else "no" for n in range(20)}
    assert score_visits(standard, {"v": answers}).loc["v", "band"] == band


def test_no_score_has_no_band() -> None:
    standard = standard_from(THREE_YES_NO, bands="[{min: 0, label: Any}]")
    assert score_visits(standard, {"v": {"a": "na"}}).loc["v", "band"] == ""


def test_visits_keep_the_order_they_first_appear_in() -> None:
    visits = {"z": {"a": "yes"}, "b": {"a": "no"}, "m": {"a": "yes", "b": "no"}}
    scores = score_visits(standard_from(THREE_YES_NO), visits)
    assert list(scores.index) == ["z", "b", "m"]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([("v", "a", "maybe")], [(0, "item a: 'maybe' is not a valid answer")]),
        ([("v", "a", "yes"), ("v", "zz", "yes")], [(1, "unknown item 'zz' (standard t)")]),
        ([("v", "a", "yes"), ("v", "a", "no")], [(1, "visit 'v' answers item 'a' a second")]),
        ([("v", "", "yes")], [(0, "item_id is empty")]),
    ],
)
def test_unusable_rows_are_all_reported_with_their_position(rows, expected) -> None:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=["visit_id", "item_id", "value"])
    with pytest.raises(AnswersRejected) as caught:
        score_answers(standard_from(THREE_YES_NO), frame)
    got = [(position, message) for position, message in caught.value.problems]
    assert len(got) == len(expected)
    for (position, message), (want_position, want_start) in zip(got, expected, strict=True):
        assert position == want_position
        assert message.startswith(want_start)


def test_every_bad_value_is_reported_not_just_the_first() -> None:
    import pandas as pd

    rows = [("v1", "a", "maybe"), ("v1", "b", "yes"), ("v2", "a", "perhaps"), ("v3", "a", "x")]
    frame = pd.DataFrame(rows, columns=["visit_id", "item_id", "value"])
    with pytest.raises(AnswersRejected) as caught:
        score_answers(standard_from(THREE_YES_NO), frame)
    assert [position for position, _ in caught.value.problems] == [0, 2, 3]
