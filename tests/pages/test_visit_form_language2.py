"""The visit form for Language 2: multi-selects that keep their rules as the shopper ticks,
durations typed as 1:30 or 90, combined conditions applied live, penalties and record-only
questions marked."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import APP
from tests.pages.test_visit_form import open_form

NEW_TYPES = """\
id: new-types
title: {de: Neue Typen, en: New types}
channel: in_store
languages: [de, en]
sections:
  - id: main
    title: {de: Hauptteil, en: Main}
    items:
      - id: visit_type
        type: choice
        scored: false
        text: {de: Wie bestellt?, en: How did you order?}
        options:
          - {id: counter, text: {de: Theke, en: Counter}}
          - {id: drive_thru, text: {de: Drive-in, en: Drive-thru}}
      - id: wait
        type: duration
        text: {de: Wartezeit, en: Waiting time}
        pass_if: {below: "3:00"}
      - id: window
        type: yes_no
        text: {de: Fenster freundlich?, en: Window friendly?}
        show_if: {any: [{item: visit_type, equals: drive_thru}, {item: wait, above: "5:00"}]}
      - id: defects
        type: multi_choice
        text: {de: Was war nicht in Ordnung?, en: What was not in order?}
        base: 1
        max_select: 2
        options:
          - {id: floor, text: {de: Boden, en: Floor}, score: -0.5}
          - {id: tables, text: {de: Tische, en: Tables}, score: -0.5}
          - {id: bins, text: {de: Abfall, en: Bins}, score: -0.5}
          - {id: nothing, text: {de: Nichts, en: Nothing}, exclusive: true}
      - id: no_phone
        type: yes_no
        penalty: true
        weight: 5
        text: {de: Kein privates Telefonat?, en: No private phone call?}
"""


@pytest.fixture
def form(tmp_path, monkeypatch):
    return open_form(tmp_path, monkeypatch, NEW_TYPES)


def pills(at):
    return next(group for group in at.button_group if group.label == "What was not in order?")


def captions(at) -> list[str]:
    return [caption.value for caption in at.caption]


def test_the_new_types_get_their_widgets_and_marks(form) -> None:
    at, _, _ = form
    assert pills(at).options == ["Floor", "Tables", "Bins", "Nothing"]
    assert [box.label for box in at.text_input] == ["Waiting time"]
    assert at.text_input[0].placeholder == "m:ss, e.g. 1:30"
    assert "Tick all that apply, at most 2." in captions(at)
    assert "For information only: no points." in captions(at)
    assert "Points are deducted if this is not met." in captions(at)
    assert "Window friendly?" not in [group.label for group in at.button_group]


def test_ticks_are_saved_in_the_standards_order(form) -> None:
    at, saved, _ = form
    pills(at).set_value(["tables", "floor"]).run()
    assert saved()["defects"].value == "floor tables"


def test_an_exclusive_option_clears_the_others_and_the_newest_tick_wins(form) -> None:
    at, saved, _ = form
    pills(at).set_value(["floor"]).run()
    pills(at).set_value(["floor", "nothing"]).run()
    assert pills(at).value == ["nothing"]
    assert saved()["defects"].value == "nothing"
    pills(at).set_value(["nothing", "bins"]).run()
    assert pills(at).value == ["bins"]
    assert saved()["defects"].value == "bins"


def test_a_tick_over_the_limit_is_taken_back_with_a_note(form) -> None:
    at, saved, _ = form
    pills(at).set_value(["floor", "tables"]).run()
    pills(at).set_value(["floor", "tables", "bins"]).run()
    assert pills(at).value == ["floor", "tables"]
    assert saved()["defects"].value == "floor tables"
    assert "At most 2 can be ticked: your last tick was taken back." in [
        w.value for w in at.warning
    ]


@pytest.mark.parametrize(("typed", "stored"), [("1:30", "90"), ("90", "90"), ("2:05", "125")])
def test_a_duration_is_saved_as_seconds(form, typed, stored) -> None:
    at, saved, _ = form
    at.text_input[0].input(typed).run()
    assert saved()["wait"].value == stored


def test_a_duration_that_cannot_be_read_is_not_saved_and_says_how(form) -> None:
    at, saved, _ = form
    at.text_input[0].input("1:75").run()
    assert "wait" not in saved()
    assert [e.value for e in at.error] == [
        "Please enter minutes:seconds (1:30) or whole seconds (90)."
    ]


def test_a_combined_condition_applies_live(form) -> None:
    at, _, _ = form
    labels = lambda: [group.label for group in at.button_group]  # noqa: E731
    at.text_input[0].input("6:00").run()  # above 5:00 opens the window question
    assert "Window friendly?" in labels()
    at.text_input[0].input("1:00").run()
    assert "Window friendly?" not in labels()
    at.radio[0].set_value("drive_thru").run()  # the other leaf of `any`
    assert "Window friendly?" in labels()


NA_DURATION = NEW_TYPES.replace(
    '        pass_if: {below: "3:00"}\n',
    '        pass_if: {below: "3:00"}\n        na_allowed: true\n',
)


def test_a_duration_answered_na_can_be_answered_after_a_reload(tmp_path, monkeypatch) -> None:
    at, saved, visit = open_form(tmp_path, monkeypatch, NA_DURATION)
    at.checkbox[0].check().run()
    assert saved()["wait"].is_na
    # A reload: a new session seeds the widgets from what is stored.
    again = open_form_again(at, visit().id)
    assert again.text_input[0].value == ""
    again.checkbox[0].uncheck().run()
    again.text_input[0].input("1:10").run()
    assert (saved()["wait"].value, saved()["wait"].is_na) == ("70", False)


def open_form_again(at, visit_id: str):
    again = AppTest.from_file(APP, default_timeout=30)
    again.query_params.update(lang="en", visit=visit_id, part="main")
    again.run()
    again.switch_page("pages/visit.py").run()
    return again


def test_option_texts_show_as_typed_not_as_markup(tmp_path, monkeypatch) -> None:
    # Option labels of radios and pills render markdown; a checklist imported from a client's
    # workbook may hold stars, brackets or addresses that must read as written.
    hostile = NEW_TYPES.replace(
        "{de: Theke, en: Counter}", '{de: Theke, en: "**Counter** [x](https://evil.example)"}'
    )
    at, _, _ = open_form(tmp_path, monkeypatch, hostile)
    radio = next(r for r in at.radio if r.label == "How did you order?")
    label = radio.options[0].replace("\u2060", "")
    assert label == r"\*\*Counter\*\* \[x\]\(https\://evil\.example\)"
