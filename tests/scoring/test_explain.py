""" "Why this score" lists every item with its answer, points and the reason it counted."""

import pandas as pd

from scoring.engine import REASONS
from scoring.explain import WHY, explain_visit
from tests.scoring.conftest import standard_from

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
    assert set(WHY) == set(REASONS)
