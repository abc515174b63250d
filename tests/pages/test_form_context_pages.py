"""Issue 18, the form's context: the language of the section picker, ?lang= on the way to the
visit page, number answers in the reader's writing and range, a bonus that lifts a section
over its possible points, and one leniency judgement for calibration and review."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from audits.accounts.people import get_person
from audits.records.db import make_engine, transaction
from audits.visits.drafts import save_answer
from audits.visits.queue import review_queue
from tests.pages.conftest import APP, Login
from tests.pages.test_visit_form import EVERY_TYPE, open_form

# A store visit of the demo store S07 whose section "content" earned 7 of 6 possible points:
# a bonus question gave the seventh.
BONUS_VISIT = "6eb97945-9983-5b3e-ab71-ce934046beeb"


@pytest.fixture
def german_form(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    return open_form(tmp_path, monkeypatch, EVERY_TYPE, lang="de")


def _wait_box(at: AppTest):
    return next(box for box in at.text_input if box.label == "Wartezeit (s)")


def test_a_negative_wait_is_refused_with_a_german_message(german_form) -> None:
    at, saved, _ = german_form
    _wait_box(at).input("-5").run()
    assert "Nicht gespeichert: bitte eine Zahl ab 0 eingeben." in [e.value for e in at.error]
    assert "wait" not in saved()


def test_numbers_show_as_a_german_reader_writes_them(german_form) -> None:
    at, saved, _ = german_form
    _wait_box(at).input("150,00").run()
    assert saved()["wait"].value == "150"
    assert _wait_box(at).value == "150"  # never 150.00
    _wait_box(at).input("2.5").run()
    assert saved()["wait"].value == "2.5"
    assert _wait_box(at).value == "2,5"
    assert not at.error


def test_a_stored_negative_number_stops_the_submit(german_form, tmp_path) -> None:
    # A draft saved by the old form (or another device) still holds -5: the server refuses.
    at, _, visit = german_form
    engine = make_engine(f"sqlite:///{tmp_path / 'form.db'}")
    with transaction(engine) as conn:
        anna = get_person(conn, "anna")
        save_answer(conn, anna, visit().id, "wait", value="-5")
    at.session_state[f"part:{visit().id}"] = "submit"
    at.run()
    next(b for b in at.button if b.label == "Besuch einreichen").click().run()
    assert visit().status == "draft"
    at.session_state[f"part:{visit().id}"] = "main"
    at.run()
    assert "Diese Zahl ist hier nicht möglich: bitte eine Zahl ab 0 eingeben." in [
        e.value for e in at.error
    ]


def test_a_language_switch_mid_form_keeps_the_section_and_renames_the_picker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at, _, _ = open_form(tmp_path, monkeypatch, EVERY_TYPE, lang="en")
    picker = at.selectbox[0]
    assert picker.value == "main" and "1. Main" in picker.options
    at.session_state["lang"] = "de"  # what the sidebar switch does
    at.run()
    picker = at.selectbox[0]
    assert picker.label == "Abschnitt"
    assert picker.value == "main"
    assert picker.options == ["Besuchsdaten", "1. Hauptteil", "Prüfen und einreichen"]
    assert [r.label for r in at.radio] == ["Stimmung"]
    assert picker.options[picker.index] == "1. Hauptteil"


def test_starting_a_visit_keeps_the_language_in_the_url(login: Login) -> None:
    at = login("shopper", lang="en", page="pages/shopper_home.py")
    next(b for b in at.button if b.label == "Start visit").click().run()
    assert at.query_params.get("visit")
    assert at.query_params.get("lang") in ("en", ["en"])


def test_the_visit_report_says_a_bonus_lifted_a_section_over_its_possible_points(
    login: Login,
) -> None:
    at = login("store", lang="de", page="pages/store_results.py")
    at.session_state["results-visit"] = BONUS_VISIT
    at.run()
    assert not at.exception, at.exception
    notes = [i.value for i in at.info]
    assert any("7,0 von 6,0 möglichen Punkten (inkl. Bonus 1,0)" in note for note in notes), notes
    sections = at.dataframe[0].value
    assert "bonus" in sections.columns


def test_calibration_and_the_review_queue_name_the_same_shoppers(login: Login, demo_db) -> None:
    # A dashboard period of two months flagged nobody on the calibration page while the queue,
    # over all of history, marked two shoppers lenient and strict.
    at = login("reviewer", lang="de")
    at.query_params.update({"from": "2026-09", "to": "2026-10"})
    at.switch_page("pages/calibration.py").run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    page_says = {
        row.shopper: "lenient" if row.leniency > 0 else "strict"
        for row in table.itertuples()
        if row.flagged
    }
    with make_engine(demo_db).connect() as conn:
        queued = review_queue(conn, get_person(conn, "reviewer"))
    queue_says = {
        row.shopper: flag for row in queued for flag in row.flags if flag in ("lenient", "strict")
    }
    assert queue_says, "the demo queue marks lenient and strict shoppers"
    queued_shoppers = {row.shopper for row in queued}
    assert {s: v for s, v in page_says.items() if s in queued_shoppers} == queue_says


def test_a_reload_shows_the_stored_number_in_german(german_form) -> None:
    at, _, visit = german_form
    _wait_box(at).input("2.5").run()
    again = AppTest.from_file(APP, default_timeout=30)
    again.query_params.update(lang="de", visit=visit().id, part="main")
    again.run()
    again.switch_page("pages/visit.py").run()
    assert _wait_box(again).value == "2,5"
