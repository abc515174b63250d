"""The six-checklist experience: a programme written like a real fast-food mystery shop.

Counted things are recorded, not scored; two "mark all that apply" lists; the drive-thru
time earns by a points table; a bonus for an upsell. A visit with a dirty store and a wrong
order must score below 100 %. The mistaken first draft, which wrote the record-only questions
as bonus yes/no items, scored such a visit at 100 % without a word: now it gets a warning.
"""

import math

from scoring.visits import score_answers, visit_frame
from standards import check_standard_text
from tests.scoring.conftest import answers_frame

FAST_FOOD = """\
id: fast-food
title: Fast-food visit
channel: in_store
languages: [en]
sections:
  - id: order
    title: Ordering
    items:
      - id: visit_type
        type: choice
        scored: false
        text: How did you order?
        options: [{id: counter, text: Counter}, {id: drive_thru, text: Drive-thru}]
      - {id: people_queue, type: number, scored: false, unit: count, text: People ahead of you}
      - id: drive_thru_time
        type: duration
        text: Time from order to food
        show_if: {item: visit_type, equals: drive_thru}
        pass_min: 0.8
        points:
          - {max: "3:00", score: 1}
          - {max: "4:00", score: 0.8}
          - {max: "5:00", score: 0.4}
          - {score: 0}
      - {id: order_right, type: yes_no, text: Was the order complete and correct?, weight: 3}
      - {id: upsell, type: yes_no, text: Were you offered a dessert or drink?, bonus: true}
  - id: restaurant
    title: Restaurant
    items:
      - id: dining_defects
        type: multi_choice
        text: What was not in order in the dining area?
        base: 1
        weight: 3
        options:
          - {id: tables_dirty, text: Tables, score: -0.5}
          - {id: floor_dirty, text: Floor, score: -0.5}
          - {id: bins_full, text: Bins, score: -0.25}
          - {id: nothing, text: Nothing, exclusive: true}
      - id: restroom_defects
        type: multi_choice
        text: What was not in order in the restroom?
        base: 1
        weight: 2
        options:
          - {id: no_soap, text: Soap, score: -1}
          - {id: no_paper, text: Paper, score: -0.5}
          - {id: nothing, text: Nothing, exclusive: true}
      - {id: staff_count, type: number, scored: false, unit: count, text: Staff behind the counter}
"""

# The first draft: "record-only" questions written as bonus yes/no items, as the old language
# forced, and the multi-selects as yes/no items.
MISTAKEN = """\
id: fast-food-draft
title: Fast-food visit
channel: in_store
languages: [en]
sections:
  - id: order
    title: Ordering
    items:
      - {id: drive_thru, type: yes_no, text: Drive-thru visit?, bonus: true, weight: 2}
      - {id: queue_over_3, type: yes_no, text: More than 3 people ahead?, bonus: true, weight: 2}
      - {id: order_right, type: yes_no, text: Was the order complete and correct?, weight: 3}
  - id: restaurant
    title: Restaurant
    items:
      - {id: dining_clean, type: yes_no, text: Was the dining area clean?, weight: 3}
      - {id: busy, type: yes_no, text: Was it busy?, bonus: true, weight: 3}
"""

DIRTY_AND_WRONG = {
    "visit_type": "drive_thru",
    "people_queue": "5",
    "drive_thru_time": "3:40",
    "order_right": "no",
    "upsell": "yes",
    "dining_defects": "tables_dirty floor_dirty",
    "restroom_defects": "nothing",
    "staff_count": "4",
}


def test_a_dirty_store_with_a_wrong_order_scores_below_100() -> None:
    standard, warnings = check_standard_text(FAST_FOOD, "fast-food.yaml")
    assert warnings == []
    frame = visit_frame(score_answers(standard, answers_frame({"v": DIRTY_AND_WRONG})))
    row = frame.set_index("visit_id").loc["v"]
    # ordering: drive-thru 0.8 x 1 + order 0 + upsell bonus 1, over 1 + 3 possible
    assert math.isclose(row["section:order"], 100 * 1.8 / 4)
    # restaurant: dining 3 x clamp(1 - 1) = 0, restroom 2 x 1, over 3 + 2
    assert math.isclose(row["section:restaurant"], 100 * 2 / 5)
    assert math.isclose(row["score"], 100 * (1.8 + 2) / 9)


def test_the_mistaken_draft_scores_the_same_visit_100_and_is_warned_about() -> None:
    standard, warnings = check_standard_text(MISTAKEN, "draft.yaml")
    answers = {
        "drive_thru": "yes",
        "queue_over_3": "yes",
        "order_right": "no",
        "dining_clean": "no",
        "busy": "yes",
    }
    row = visit_frame(score_answers(standard, answers_frame({"v": answers}))).iloc[0]
    assert row["score"] == 100.0  # the silent 100 % the issue describes
    assert [(w.code, w.line) for w in warnings] == [("W001", 9), ("W001", 16)]
