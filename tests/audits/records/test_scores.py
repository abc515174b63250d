"""Scores are stored on import with the visit's version, and read back in scope."""

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.importers import import_visits
from audits.records.scores import item_results_frame, score_unscored, visit_scores_frame
from audits.records.tables import answers, section_scores, visit_scores
from standards import Standard

VISITS = """\
visit_id,store_id,visited_at,staff_id,shopper_id,region
v1,S1,2025-11-03T14:05:00+01:00,MA-1,anna,Nord
v2,S2,2025-11-04T10:00:00+01:00,,,Süd
v3,S2,2025-11-05T10:00:00+01:00,,,Süd
"""
ANSWERS = """\
visit_id,item_id,value
v1,greeted,Ja
v1,friendly,4
v1,wait,45 s
v1,note,Kasse 2
v2,greeted,n/a
v3,greeted,nein
v3,wait,90
"""


@pytest.fixture
def imported(org: Connection, write, standard: Standard) -> Connection:
    import_visits(org, standard, write("visits.csv", VISITS), write("answers.csv", ANSWERS))
    return org


def test_import_stores_each_visit_score_with_its_version(imported: Connection) -> None:
    rows = {r.visit_id: r for r in imported.execute(sa.select(visit_scores))}
    # v1: yes (1) + friendly 4 on 1..5 (0.75) + 45 s within 60 (1) over 3 possible
    assert rows["v1"].score == pytest.approx(100 * 2.75 / 3)
    assert (rows["v1"].earned, rows["v1"].possible) == (2.75, 3.0)
    # v2 answered only N/A: no score, not zero
    assert rows["v2"].score is None
    assert rows["v3"].score == 0.0
    assert {r.standard_version_id for r in rows.values()} == {1}


def test_import_stores_figures_per_answer_and_section(imported: Connection) -> None:
    stored = {
        (r.visit_id, r.item_id): (r.applicable, r.passed, r.earned, r.possible, r.reason)
        for r in imported.execute(sa.select(answers))
    }
    assert stored[("v1", "friendly")] == (True, True, 0.75, 1.0, "counted")
    assert stored[("v1", "note")] == (False, False, 0.0, 0.0, "not_scored")
    assert stored[("v2", "greeted")] == (False, False, 0.0, 0.0, "na")
    assert stored[("v3", "wait")] == (True, False, 0.0, 1.0, "failed")
    sections = {
        (r.visit_id, r.section_id): r.score for r in imported.execute(sa.select(section_scores))
    }
    assert sections == {
        ("v1", "s"): pytest.approx(100 * 2.75 / 3),
        ("v2", "s"): None,
        ("v3", "s"): 0.0,
    }


def test_unscored_visits_are_scored_once_and_scored_ones_never_again(
    imported: Connection,
) -> None:
    imported.execute(sa.delete(section_scores).where(section_scores.c.visit_id == "v1"))
    imported.execute(sa.delete(visit_scores).where(visit_scores.c.visit_id == "v1"))
    imported.execute(sa.update(answers).values(applicable=None, passed=None, reason=None))
    # A stored score is the record: a stale figure elsewhere must stay as it is.
    imported.execute(sa.update(visit_scores).where(visit_scores.c.visit_id == "v3").values(score=5))
    assert score_unscored(imported) == 1
    assert score_unscored(imported) == 0
    scores = dict(imported.execute(sa.select(visit_scores.c.visit_id, visit_scores.c.score)).all())
    assert scores["v1"] == pytest.approx(100 * 2.75 / 3)
    assert scores["v3"] == 5
    reason = imported.execute(
        sa.select(answers.c.reason).where(answers.c.visit_id == "v1", answers.c.item_id == "wait")
    ).scalar_one()
    assert reason == "counted"


def test_frames_are_limited_to_the_scope_given(imported: Connection) -> None:
    everything = visit_scores_frame(imported)
    assert list(everything["visit_id"]) == ["v1", "v2", "v3"]
    assert list(everything["shopper"].fillna("")) == ["anna", "", ""]
    north = visit_scores_frame(imported, region_ids=["nord"])
    assert list(north["visit_id"]) == ["v1"]
    assert visit_scores_frame(imported, store_ids=[]).empty
    results = item_results_frame(imported, store_ids=["S2"])
    assert sorted(zip(results["visit_id"], results["item_id"], results["failed"], strict=True)) == [
        ("v3", "greeted", True),
        ("v3", "wait", True),
    ]
