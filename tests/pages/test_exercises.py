"""A calibration exercise from creation to the result, in the app: a reviewer invites three
shoppers, each answers on an assignment of their own, the last answer closes it, and the
page shows the agreement per question, the unclear ones with their guidance, and each
shopper against the majority. None of it reaches a store's figures or the review queue."""

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from audits.accounts.access import scope_for
from audits.accounts.people import get_person
from audits.reads import dashboard as repo
from audits.records.db import make_engine, transaction
from audits.records.standards import register_standard
from audits.records.tables import assignments, calibration_exercises, standard_versions, visits
from audits.visits.calibration import create_exercise
from audits.visits.drafts import open_visit, save_answer, save_details
from audits.visits.exercise_material import material_file
from audits.visits.queue import review_queue
from audits.visits.review import ReviewRefused, approve_visit
from audits.visits.submit import submit_visit
from pages.ui import plain
from scoring.submit_checks import Details
from tests.scoring.test_agreement import STANDARD

SHOPPERS = ("shopper", "s.becker", "m.schulz")
GIVEN = {
    "shopper": {"greeted": "yes", "clean": "yes", "friendly": "4", "wait": "40", "note": "ok"},
    "s.becker": {"greeted": "yes", "clean": "yes", "friendly": "4", "wait": "45", "note": "gut"},
    "m.schulz": {"greeted": "yes", "clean": "no", "friendly": "5", "wait": "90", "note": "nein"},
}
PERIOD = (dt.date(2025, 11, 1), dt.date(2026, 12, 1))


def store_figures(url: str) -> list[pd.DataFrame]:
    """What the dashboards read for the whole chain."""
    with make_engine(url).connect() as conn:
        reviewer = get_person(conn, "reviewer")
        chain = scope_for(conn, reviewer, "see_results")
        return [
            repo.published_frame(conn, chain),
            repo.item_figures(conn, chain, None, *PERIOD),
            repo.section_figures(conn, chain, None, *PERIOD),
            repo.latest_pairs(conn, chain, None, n=3, first=PERIOD[0]),
        ]


def answer_as(url: str, username: str) -> str:
    with transaction(make_engine(url)) as conn:
        shopper = get_person(conn, username)
        assignment = conn.execute(
            sa.select(assignments.c.id).where(
                assignments.c.shopper_id == shopper.id, assignments.c.exercise_id.is_not(None)
            )
        ).scalar_one()
        visit_id = open_visit(conn, shopper, assignment)
        for item, value in GIVEN[username].items():
            save_answer(conn, shopper, visit_id, item, value=value)
        now = dt.datetime.now(dt.UTC)
        save_details(conn, shopper, visit_id, Details(now, now, None, "Aufnahme, Minute 2"))
        assert submit_visit(conn, shopper, visit_id).status == "submitted"
    return visit_id


def test_an_exercise_from_invitation_to_agreement(login, demo_db) -> None:
    with transaction(make_engine(demo_db)) as conn:
        register_standard(conn, STANDARD)
    before = store_figures(demo_db)

    at = login("reviewer", "en", page="pages/exercises.py")
    assert at.title[0].value == "Calibration exercises"
    # AppTest keeps formatted choices only through the widgets' keys (tests/pages/test_admin.py).
    with make_engine(demo_db).connect() as conn:
        invited = [get_person(conn, name).id for name in SHOPPERS]
        version = conn.execute(
            sa.select(sa.func.max(standard_versions.c.id)).where(
                standard_versions.c.standard_id == "calib"
            )
        ).scalar_one()
    labels = [w.label for w in at.selectbox] + [w.label for w in at.multiselect]
    assert {"Standard", "Store on the visit form", "Invited shoppers"} <= set(labels)
    at.session_state["calib-title"] = "Telefonat (März)"
    at.session_state["calib-standard"] = version
    at.session_state["calib-store"] = "S07"
    at.session_state["calib-material"] = "Aufnahme im Ordner Schulung/März, Minute 0 bis 4."
    at.session_state["calib-shoppers"] = invited
    next(b for b in at.button if b.label == "Invite").click()
    at.run()
    assert not at.exception, at.exception
    listed = at.dataframe[0].value
    # A table cell shows text as typed: no markdown escapes in it.
    assert (listed["title"][0], listed["state"][0]) == ("Telefonat (März)", "open · 0/3")

    visit_ids = [answer_as(demo_db, username) for username in SHOPPERS]
    with make_engine(demo_db).connect() as conn:
        closed = conn.execute(sa.select(calibration_exercises.c.closed_at)).scalar_one()
        reviewer = get_person(conn, "reviewer")
        queued = {row.visit_id for row in review_queue(conn, reviewer)}
    assert closed is not None  # the third answer closed it
    assert not queued & set(visit_ids)

    at.run()
    assert not at.exception, at.exception
    items = at.dataframe[1].value
    assert list(items["question"]) == ["Greeted?", "Clean?", "Friendly?", "Wait"]
    assert list(items["raters"]) == [3, 3, 3, 3]
    # Greeted: all agree; whoever is left out, the rest agree too.
    assert items["ac1"][0] == "1.00 (1.00 – 1.00)"
    # Clean: 2 yes, 1 no. One agreeing pair of three: 33 %; p_e = 2 x 2/3 x 1/3 = 4/9;
    # AC1 = (1/3 - 4/9) / (5/9) = -0.2.
    assert items["agreement"][1].startswith("33%") and items["ac1"][1].startswith("-0.20 (")
    assert set(items["alpha"]) == {"–"}  # one exercise: no alpha
    assert items["ac1"][3] == "–"  # a number gets alpha only
    headers = [h.value for h in at.header]
    assert "Unclear question or guidance (AC1 below 0.6)" in headers
    # Clean (AC1 -0.2) and Friendly (4, 4, 5: AC1 0.25) are unclear; Greeted is not.
    assert [m.value for m in at.markdown] == ["**Clean?**", "**Friendly?**"]
    assert "Guidance today: " + plain("Floor and shelves.") in [c.value for c in at.caption]
    shoppers = at.dataframe[2].value.set_index("shopper")
    assert shoppers.loc["Martin Schulz", "differs"] == 2  # clean and friendly
    assert shoppers.loc["Lena Vogel", "differs"] == 0

    # Calibration visits never reach a store: not publishable, no figure changed.
    with transaction(make_engine(demo_db)) as conn, pytest.raises(ReviewRefused) as refused:
        approve_visit(conn, get_person(conn, "reviewer"), visit_ids[0])
    assert refused.value.code == "calibration"
    for old, new in zip(before, store_figures(demo_db), strict=True):
        pd.testing.assert_frame_equal(old, new)
    with make_engine(demo_db).connect() as conn:
        statuses = conn.execute(
            sa.select(visits.c.status).where(visits.c.id.in_(visit_ids))
        ).scalars()
        assert set(statuses) == {"submitted"}


def test_shoppers_and_store_managers_find_no_such_page(login) -> None:
    for username in ("shopper", "store"):
        at = login(username, "en")
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page("pages/exercises.py")


def test_the_invited_shopper_finds_the_exercise_and_its_material(login, demo_db) -> None:
    with transaction(make_engine(demo_db)) as conn:
        reviewer = get_person(conn, "reviewer")
        version = conn.execute(sa.select(sa.func.max(standard_versions.c.id))).scalar_one()
        create_exercise(
            conn, reviewer, title="Anruf März", standard_version_id=version, store_id="S07",
            material="Die Aufnahme anhören.", today=dt.date.today(),
            shopper_ids=[get_person(conn, name).id for name in ("j.wagner", "t.klein")],
            material_file=material_file("anruf.mp3", b"ID3" + bytes(99)),
        )  # fmt: skip
    at = login("j.wagner", "de")
    assert not at.exception, at.exception
    assert any(i.value.startswith("Kalibrierungsübung: Anruf März") for i in at.info)
    assert [b.label for b in at.get("link_button")] == ["Material öffnen"]


def test_a_closed_exercise_takes_no_late_answer_nor_a_correction(demo_db) -> None:
    """Found by review: a started visit stayed open after the exercise closed, and a
    reviewer's correction reached calibration answers."""
    from audits.visits.calibration import close_exercise
    from audits.visits.drafts import VisitLocked
    from audits.visits.review import correct_answer

    with transaction(make_engine(demo_db)) as conn:
        reviewer = get_person(conn, "reviewer")
        version = conn.execute(sa.select(sa.func.max(standard_versions.c.id))).scalar_one()
        late, done = get_person(conn, "a.yilmaz"), get_person(conn, "e.murphy")
        exercise = create_exercise(
            conn, reviewer, title="Spät", standard_version_id=version, store_id="S07",
            material="Szene", today=dt.date.today(), shopper_ids=[late.id, done.id],
        )  # fmt: skip
        assignment = conn.execute(
            sa.select(assignments.c.id).where(
                assignments.c.exercise_id == exercise, assignments.c.shopper_id == late.id
            )
        ).scalar_one()
        visit_id = open_visit(conn, late, assignment)
        close_exercise(conn, reviewer, exercise)
    with transaction(make_engine(demo_db)) as conn, pytest.raises(VisitLocked, match="closed"):
        save_answer(conn, late, visit_id, "greeted_within_30s", value="yes")
    with transaction(make_engine(demo_db)) as conn:
        conn.execute(sa.update(visits).where(visits.c.id == visit_id).values(status="submitted"))
    with transaction(make_engine(demo_db)) as conn, pytest.raises(ReviewRefused):
        correct_answer(conn, reviewer, visit_id, "greeted_within_30s", "no", "Korrektur")
