""" "Why this score" lists every item with its answer, points and the reason it counted."""

import pandas as pd

from scoring.engine import REASONS
from scoring.explain import WHY, answer_rows, explain_visit, section_bonus
from tests.scoring.conftest import answers_frame, standard_from

STANDARD = """\
- id: s
  title: S
  items:
    - {id: pay, type: choice, text: P, bonus: true, options: [{id: cash, text: Cash, score: 0},
       {id: card, text: Card, score: 0}]}
    - {id: change, type: yes_no, text: C, show_if: {item: pay, equals: cash}, critical: true}
    - {id: polite, type: yes_no, text: Po, critical: true}
    - {id: clean, type: yes_no, text: Cl, na_allowed: true}
    - {id: extra, type: yes_no, text: E, bonus: true}
    - {id: wait, type: number, text: W, pass_if: {max: 60}, weight: 2}
    - {id: note, type: text, text: N}
"""


def test_every_item_is_listed_with_why_it_did_or_did_not_count() -> None:
    answers = pd.DataFrame(
        [
            ("v", "pay", "card"),
            ("v", "polite", "nein"),
            ("v", "clean", "na"),
            ("v", "extra", "ja"),
            ("v", "note", "Kasse 2"),
        ],
        columns=["visit_id", "item_id", "value"],
    )
    why = explain_visit(standard_from(STANDARD), "v", answers)
    lines = {line.item_id: line for line in why.items}
    assert [line.item_id for line in why.items] == [
        "pay",
        "change",
        "polite",
        "clean",
        "extra",
        "wait",
        "note",
    ]
    assert {k: v.reason for k, v in lines.items()} == {
        "pay": "bonus_missed",
        "change": "hidden",
        "polite": "failed",
        "clean": "na",
        "extra": "bonus_earned",
        "wait": "unanswered",
        "note": "not_scored",
    }
    assert lines["polite"].critical_failure
    assert (lines["extra"].earned, lines["extra"].possible) == (1.0, 0.0)
    assert lines["clean"].answer == "na"
    assert lines["wait"].answer is None
    # polite failed (0 of 1) + bonus 1: 100 % computed, zeroed by the critical failure
    assert (why.computed, why.score, why.critical_failed) == (100.0, 0.0, True)
    assert why.sections[0].possible == 1.0


def test_every_reason_has_a_plain_sentence() -> None:
    # The engine's reasons, and the two "why this score" names besides (shown_reason).
    assert set(WHY) == {*REASONS, "penalty", "recorded"}


LANGUAGE_2 = """\
- id: s
  title: S
  items:
    - {id: kind, type: choice, scored: false, text: K,
       options: [{id: a, text: A}, {id: b, text: B}]}
    - {id: good, type: yes_no, text: G}
    - {id: no_phone, type: yes_no, text: P, penalty: true, weight: 5}
"""


def test_a_penalty_shows_as_a_deduction_and_a_record_only_answer_as_recorded() -> None:
    answers = answers_frame({"v": {"kind": "a", "good": "yes", "no_phone": "no"}})
    why = explain_visit(standard_from(LANGUAGE_2), "v", answers)
    lines = {line.item_id: line for line in why.items}
    assert (lines["kind"].shown, lines["kind"].reason) == ("recorded", "not_scored")
    assert (lines["no_phone"].shown, lines["no_phone"].earned) == ("penalty", -5.0)
    assert lines["good"].shown == "counted"
    # 1 earned, 5 deducted: the section stops at 0
    assert (why.sections[0].earned, why.sections[0].score) == (-4.0, 0.0)


def test_section_bonus_explains_a_section_earning_over_its_possible_points() -> None:
    standard = standard_from(STANDARD)
    stored = pd.DataFrame(
        [
            ("pay", "card", False, "bonus_missed", 0.0, 0.0),
            ("polite", "yes", False, "counted", 1.0, 1.0),
            ("extra", "yes", False, "bonus_earned", 1.0, 0.0),
            ("wait", "30", False, "counted", 2.0, 2.0),
        ],
        columns=["item_id", "value", "is_na", "reason", "earned", "possible"],
    )
    # 4 earned of 3 possible: the bonus "extra" gave the fourth point.
    assert section_bonus(standard, stored) == {"s": 1.0}
    assert section_bonus(standard, stored[stored["item_id"] != "extra"]) == {}


def test_numbers_read_as_the_reader_writes_them() -> None:
    standard = standard_from(STANDARD)
    stored = pd.DataFrame(
        [("wait", "2.5", False, "counted", 2.0, 2.0, None)],
        columns=["item_id", "value", "is_na", "reason", "earned", "possible", "comment"],
    )
    assert answer_rows(standard, stored, "de")["answer"].tolist() == ["2,5"]
    assert answer_rows(standard, stored, "en")["answer"].tolist() == ["2.5"]
