"""Language 2 through storage: a fast-food programme imported, scored and aggregated.

Record-only answers are stored and listed but never reach a rate; a multi-select answer is
listed by its option texts; a failed penalty is stored as a deduction and counts as a gap.
"""

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.people import get_person
from audits.importers import import_visits
from audits.records.tables import answers, item_months, item_recent, visit_scores
from audits.visits.drafts import get_visit, stored_answers_frame, visit_standard
from scoring.explain import answer_rows
from standards import load_standard_text

PROGRAMME = """\
id: quick
title: {de: Schnell, en: Quick}
channel: in_store
languages: [de, en]
sections:
  - id: s
    title: {de: Alles, en: Everything}
    items:
      - id: how
        type: choice
        scored: false
        text: {de: Wie bestellt?, en: How ordered?}
        options:
          - {id: counter, text: {de: Theke, en: Counter}}
          - {id: drive, text: {de: Drive-in, en: Drive-thru}}
      - id: wait
        type: duration
        text: {de: Wartezeit, en: Wait}
        points: [{max: "2:00", score: 1}, {max: "4:00", score: 0.5}, {score: 0}]
      - id: defects
        type: multi_choice
        base: 1
        text: {de: Mängel, en: Defects}
        options:
          - {id: floor, text: {de: Boden, en: Floor}, score: -0.5}
          - {id: bins, text: {de: Abfall, en: Bins}, score: -0.5}
          - {id: none, text: {de: Nichts, en: Nothing}, exclusive: true}
      - {id: clean_hands, type: yes_no, penalty: true, weight: 2, text: {de: H, en: H}}
"""
VISITS = """\
visit_id,store_id,visited_at
q1,S1,2026-03-03T12:00:00+01:00
q2,S1,2026-03-10T12:00:00+01:00
"""
ANSWERS = """\
visit_id,item_id,value
q1,how,drive
q1,wait,3:10
q1,defects,bins floor
q1,clean_hands,nein
q2,how,counter
q2,wait,95
q2,defects,none
q2,clean_hands,ja
"""


def test_language_2_answers_are_stored_scored_and_aggregated(org: Connection, write) -> None:
    standard = load_standard_text(PROGRAMME, "quick.yaml")
    import_visits(org, standard, write("v.csv", VISITS), write("a.csv", ANSWERS))
    stored = {
        (row.visit_id, row.item_id): (row.value, row.reason, row.earned, row.possible)
        for row in org.execute(sa.select(answers))
    }
    assert stored[("q1", "how")] == ("drive", "not_scored", 0.0, 0.0)
    assert stored[("q1", "wait")] == ("190", "failed", 0.5, 1.0)
    assert stored[("q1", "defects")] == ("floor bins", "failed", 0.0, 1.0)
    assert stored[("q1", "clean_hands")] == ("no", "failed", -2.0, 0.0)
    scores = dict(org.execute(sa.select(visit_scores.c.visit_id, visit_scores.c.score)).all())
    # q1: 0.5 + 0 - 2 earned over 2 possible: below 0, so 0; q2: 2 of 2
    assert scores == {"q1": 0.0, "q2": 100.0}

    months = {
        row.item_id: (row.applicable, row.failed) for row in org.execute(sa.select(item_months))
    }
    # record-only questions never reach a rate; the failed penalty is a gap like any failure
    assert months == {"wait": (2, 1), "defects": (2, 1), "clean_hands": (2, 1)}
    recent = {row.item_id for row in org.execute(sa.select(item_recent))}
    assert "how" not in recent


def test_a_visit_lists_record_only_and_multi_select_answers_in_words(
    org: Connection, write
) -> None:
    standard = load_standard_text(PROGRAMME, "quick.yaml")
    import_visits(org, standard, write("v.csv", VISITS), write("a.csv", ANSWERS))
    reviewer = get_person(org, "ben")  # a regional manager of Nord sees S1's visits
    visit = get_visit(org, reviewer, "q1")
    stored = stored_answers_frame(org, visit)
    listed = answer_rows(visit_standard(org, visit), stored, "de").set_index("item_id")
    assert listed.loc["how", ["answer", "result"]].tolist() == ["Drive-in", "recorded"]
    assert listed.loc["defects", "answer"] == "Boden, Abfall"
    assert listed.loc["wait", "answer"] == "3:10"
    assert listed.loc["clean_hands", ["result", "earned"]].tolist() == ["penalty", -2.0]
