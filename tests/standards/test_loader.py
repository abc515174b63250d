"""Loading files and libraries: every problem at once, unreadable files, the shipped library."""

from pathlib import Path

import pytest

from standards import StandardError, load_library, load_standard, load_standard_text, version_hash
from tests.standards.conftest import problems_of

LIBRARY = Path(__file__).resolve().parents[2] / "standards" / "library"

MANY_PROBLEMS = """\
id: Store Visit
title: {de: Filialbesuch, en: Store visit}
channel: shop
languages: [de, en]
bands:
  - {min: 80, label: {de: Gut, en: Good}}
  - {min: 80, label: {de: Sehr gut, en: Very good}}
sections:
  - id: greeting
    title: {de: Begrüßung}
    items:
      - id: greeted
        type: yesno
        text: {de: Begrüßt?, en: Greeted?}
      - id: greeted
        type: yes_no
        text: {de: Nochmal?, en: Again?}
        weight: [2]
      - id: follow_up
        type: text
        text: {de: Warum?, en: Why?}
        critical: true
        show_if: {item: greetd, equals: "no"}
      - id: manner
        type: choice
        text: {de: Wie?, en: How?}
        options:
          - {id: warm, text: {de: Herzlich, en: Warm}, score: 2}
          - {id: warm, text: {de: Kühl, en: Cold}, score: 0}
      - id: scale_item
        type: scale
        text: {de: Skala, en: Scale}
        min: 5
        max: 1
        show_if: {item: later_one, equals: "yes"}
      - id: later_one
        type: yes_no
        text: {de: Später, en: Later, fr: Plus tard}
        guidence: {de: Hinweis, en: Hint}
"""


def test_a_file_with_many_problems_reports_all_of_them_in_one_run():
    found = {(p.code, p.line) for p in problems_of(MANY_PROBLEMS)}
    assert found == {
        ("E005", 1),  # id with a space and capitals
        ("E006", 3),  # channel
        ("E014", 5),  # bands do not start at 0
        ("E014", 7),  # two bands at 80
        ("E015", 10),  # section title without en
        ("E006", 13),  # the malformed item: unknown type ...
        ("E004", 15),  # ... does not hide the duplicate id after it
        ("E017", 18),  # weight is a list
        ("E011", 22),  # critical on a text item
        ("E013", 23),  # show_if names an unknown item
        ("E008", 28),  # option score 2
        ("E008", 29),  # option id twice
        ("E009", 34),  # scale max below min
        ("E013", 35),  # show_if names a later item
        ("E015", 38),  # a French text in a de/en standard
        ("E002", 39),  # guidence
    }


def test_every_problem_line_reads_path_line_col_code_message(tmp_path):
    path = tmp_path / "visit.yaml"
    path.write_text(MANY_PROBLEMS, encoding="utf-8")
    with pytest.raises(StandardError) as caught:
        load_standard(path)
    lines = str(caught.value).splitlines()
    assert len(lines) == len(caught.value.problems) == 16
    assert lines[0] == f"{path}:1:5: E005 'Store Visit' is not a valid id: use only lowercase " + (
        "letters a-z, digits and -"
    )
    numbers = [problem.line for problem in caught.value.problems]
    assert numbers == sorted(numbers)


def test_duplicate_yaml_keys_are_all_reported_and_the_rest_is_still_checked():
    text = "id: t\nid: u\ntitle: T\nchannel: web\nchannel: phone\nlanguages: [en]\nsections: []\n"
    found = [(p.code, p.line) for p in problems_of(text)]
    assert found == [("E018", 2), ("E018", 5), ("E021", 7)]


def test_a_loaded_standard_keeps_its_source_text(small_standard):
    assert load_standard_text(small_standard).source == small_standard


def test_a_file_that_does_not_exist_is_reported_not_raised_as_oserror(tmp_path):
    with pytest.raises(StandardError) as caught:
        load_standard(tmp_path / "missing.yaml")
    (problem,) = caught.value.problems
    assert (problem.code, problem.line, problem.col) == ("E020", 1, 1)


def test_a_file_that_is_not_utf8_is_reported(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: Begrüßung\n".encode("latin-1"))
    with pytest.raises(StandardError) as caught:
        load_standard(path)
    assert [p.code for p in caught.value.problems] == ["E020"]
    assert "UTF-8" in caught.value.problems[0].message


def test_a_byte_order_mark_from_windows_editors_is_accepted(tmp_path, small_standard):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + small_standard.encode("utf-8"))
    assert load_standard(path).id == "small"


def test_library_reports_the_problems_of_all_files_at_once(tmp_path, small_standard):
    (tmp_path / "a.yaml").write_text("id: a\ntitle: [x\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text("", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(small_standard, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a standard", encoding="utf-8")
    with pytest.raises(StandardError) as caught:
        load_library(tmp_path)
    assert [(Path(p.path).name, p.code) for p in caught.value.problems] == [
        ("a.yaml", "E001"),
        ("b.yml", "E019"),
    ]


def test_library_rejects_a_standard_id_used_by_two_files(tmp_path, small_standard):
    (tmp_path / "one.yaml").write_text(small_standard, encoding="utf-8")
    (tmp_path / "two.yaml").write_text("# copy\n" + small_standard, encoding="utf-8")
    with pytest.raises(StandardError) as caught:
        load_library(tmp_path)
    (problem,) = caught.value.problems
    assert (Path(problem.path).name, problem.line, problem.col, problem.code) == (
        "two.yaml",
        2,
        5,
        "E004",
    )
    assert "one.yaml" in problem.message


def test_library_of_a_missing_folder_is_a_problem(tmp_path):
    with pytest.raises(StandardError) as caught:
        load_library(tmp_path / "nowhere")
    assert [p.code for p in caught.value.problems] == ["E020"]


def test_library_lists_standards_in_file_name_order(tmp_path, small_standard):
    (tmp_path / "b.yaml").write_text(small_standard, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(small_standard.replace("id: small", "id: first"), "utf-8")
    assert [s.id for s in load_library(tmp_path)] == ["first", "small"]


SHIPPED = sorted(LIBRARY.glob("*.y*ml"))


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_every_shipped_standard_loads_and_keeps_its_version_when_reloaded(path):
    standard = load_standard(path)
    assert standard.items()
    assert version_hash(load_standard_text(standard.source)) == version_hash(standard)


def test_the_shipped_library_loads_as_a_whole():
    assert len(load_library(LIBRARY)) == len(SHIPPED)
