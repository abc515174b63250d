"""The visit form: a widget per item type, each answer saved as it is given, show_if live."""

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from audits.accounts.people import add_person
from audits.accounts.sessions import start_session
from audits.importers import import_stores
from audits.records.db import make_engine, open_database, transaction
from audits.records.standards import register_standard
from audits.visits.assignments import create_assignments
from audits.visits.drafts import get_visit, open_visit, visit_answers
from pages.ui import plain
from standards import load_standard_text
from tests.pages.conftest import APP

EVERY_TYPE = """\
id: every-type
title: {de: Alle Typen, en: Every type}
channel: in_store
languages: [de, en]
sections:
  - id: main
    title: {de: Hauptteil, en: Main}
    items:
      - {id: greeted, type: yes_no, text: {de: Begrüßt?, en: Greeted?},
         guidance: {de: Innerhalb von 30 Sekunden., en: Within 30 seconds.},
         require_comment: on_fail}
      - {id: why, type: text, text: {de: Was geschah?, en: What happened?},
         show_if: {item: greeted, equals: no}}
      - {id: friendly, type: scale, text: {de: Freundlich?, en: Friendly?}, min: 1, max: 5,
         na_allowed: true}
      - id: mood
        type: choice
        text: {de: Stimmung, en: Mood}
        options:
          - {id: good, text: {de: Gut, en: Good}, score: 1}
          - {id: bad, text: {de: Schlecht, en: Bad}, score: 0}
      - {id: wait, type: number, text: {de: Wartezeit, en: Wait}, unit: s, pass_if: {max: 60},
         na_allowed: true}
      - {id: receipt_date, type: date, text: {de: Datum auf dem Bon, en: Receipt date}}
      - {id: receipt_time, type: time, text: {de: Uhrzeit auf dem Bon, en: Receipt time}}
"""


@pytest.fixture
def form(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    return open_form(tmp_path, monkeypatch, EVERY_TYPE)


def open_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, standard_text: str, lang: str = "en"
):
    """The app on the visit form of a new draft of `standard_text`, section `main`, as anna
    (in `lang`); returns (app, saved answers reader, visit reader)."""
    url = f"sqlite:///{tmp_path / 'form.db'}"
    engine = open_database(url)
    stores = tmp_path / "stores.csv"
    stores.write_text("store_id,name,region,city\nS1,Hamburg Mitte,Nord,Hamburg\n")
    with transaction(engine) as conn:
        import_stores(conn, stores)
        anna = add_person(conn, "anna", "Anna", ["shopper"], language=lang)
        version = register_standard(conn, load_standard_text(standard_text, "form.yaml"))
        [assignment] = create_assignments(
            conn,
            store_ids=["S1"],
            standard_version_id=version,
            shopper_ids=[anna.id],
            window_start=dt.date(2026, 11, 1),
            window_end=dt.date(2026, 11, 30),
        )
        visit_id = open_visit(conn, anna, assignment)
        token = start_session(conn, anna.id)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setattr("pages.auth.cookie_token", lambda: token)
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/visit.py")
    at.query_params["visit"] = visit_id
    at.query_params["part"] = "main"
    at.run()
    assert not at.exception, at.exception

    def saved():
        with make_engine(url).connect() as conn:
            return visit_answers(conn, get_visit(conn, anna, visit_id))

    def visit():
        with make_engine(url).connect() as conn:
            return get_visit(conn, anna, visit_id)

    return at, saved, visit


def test_every_item_type_gets_its_widget_and_guidance(form) -> None:
    at, _, _ = form
    assert [g.label for g in at.button_group] == ["Greeted?", "Friendly?"]
    assert at.button_group[1].options == ["1", "2", "3", "4", "5", "N/A – not applicable"]
    assert [r.label for r in at.radio] == ["Mood"]
    assert [n.label for n in at.text_input] == ["Wait (s)"]  # a number in the reader's way
    assert [d.label for d in at.date_input] == ["Receipt date"]
    assert [t.label for t in at.time_input] == ["Receipt time"]
    assert plain("Within 30 seconds.") in [c.value for c in at.caption]
    assert [c.label for c in at.checkbox] == ["N/A – not applicable"]  # the number's N/A
    assert not at.text_area  # "What happened?" waits for a "no"


def test_each_answer_is_saved_the_moment_it_is_given(form) -> None:
    at, saved, _ = form
    at.radio[0].set_value("good").run()
    at.text_input[0].input("45").run()
    at.date_input[0].set_value(dt.date(2026, 11, 20)).run()
    at.time_input[0].set_value(dt.time(14, 5)).run()
    answers = saved()
    assert {k: a.value for k, a in answers.items()} == {
        "mood": "good",
        "wait": "45",
        "receipt_date": "2026-11-20",
        "receipt_time": "14:05",
    }
    assert "4 of 6 answered" in [c.value for c in at.caption]  # "why" is hidden: 6, not 7


def test_a_no_shows_its_follow_up_and_asks_for_a_comment(form) -> None:
    at, saved, _ = form
    greeted = next(g for g in at.button_group if g.label == "Greeted?")
    greeted.set_value("no").run()
    assert [t.label for t in at.text_area] == ["Comment (required)", "What happened?"]
    assert saved()["greeted"].value == "no"


def test_not_applicable_is_saved_as_such(form) -> None:
    at, saved, _ = form
    at.checkbox[0].check().run()
    assert saved()["wait"].is_na


def test_after_an_incomplete_submit_the_messages_stay_beside_the_items(form) -> None:
    at, _, visit = form
    at.session_state[f"part:{visit().id}"] = "submit"
    at.run()
    next(b for b in at.button if b.label == "Submit visit").click().run()
    assert at.error[0].value.startswith("Not complete yet")
    assert at.query_params["checked"] == "1"
    assert visit().status == "draft"
    # A reload (a new session with the same URL) still shows each item's message.
    again = AppTest.from_file(APP, default_timeout=30)
    again.query_params.update(lang="en", visit=visit().id, checked="1", part="main")
    again.run()
    again.switch_page("pages/visit.py").run()
    assert "Please answer." in [e.value for e in again.error]


def test_a_click_after_the_session_ended_saves_nothing(form, monkeypatch) -> None:
    at, saved, _ = form
    monkeypatch.setattr("pages.auth.cookie_token", lambda: "ended-or-forged")
    at.radio[0].set_value("good").run()
    assert "mood" not in saved()
