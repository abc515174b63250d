"""Every row a checklist cannot carry is reported at FORM.xlsx:SHEET:ROW with its code:
errors when the form would ask something else, warnings when only decoration goes."""

import pytest

from standards.xlsform import CODES, read_form
from tests.standards.xlsform.forms import table, workbook

HEADER = (
    "type | name | label::German (de) | label::English (en) | relevant | constraint "
    "| calculation | pass_if | choice_filter | item_type"
)
CHOICES = table(
    "list_name | name | label::German (de) | label::English (en) | score",
    ("yes_no", "yes", "Ja", "Yes"),
    ("yes_no", "no", "Nein", "No"),
    ("grades", "top", "Top", "Top", 2),
    ("grades", "flop", "Flop", "Flop", 0),
)


def form(*rows: tuple) -> bytes:
    """Row 2 opens group g, row 3 asks `ok`; the rows given start on row 4."""
    survey = table(
        HEADER,
        ("begin_group", "g", "G", "G"),
        ("select_one yes_no", "ok", "OK?", "OK?"),
        *rows,
        ("end_group",),
    )
    return workbook(survey, CHOICES, [["form_id", "channel"], ["t", "web"]])


CASES = {
    "repeat": (("begin_repeat", "again", "Nochmal", "Again"), ("end_repeat",)),
    "calculate": (("calculate", "total", None, None, None, None, "1 + 1"),),
    "nested group": (("begin_group", "inner", "Innen", "Inner"), ("end_group",)),
    "note": (("note", "hello", "Hallo", "Hello"),),
    "constraint": (("integer", "count", "Anzahl", "Count", None, ". > 0", None, "<5"),),
    "unknown type": (("geopoint", "where", "Wo", "Where"),),
    "select list missing": (("select_one colours", "colour", "Farbe", "Colour"),),
    "bad relevant": (("select_one yes_no", "q", "Q", "Q", "${ok} == 'yes'"),),
    "relevant naming a later question": (
        ("select_one yes_no", "q", "Q", "Q", "${later} = 'yes'"),
        ("select_one yes_no", "later", "L", "L"),
    ),
    "relevant naming an unknown question": (
        ("select_one yes_no", "q", "Q", "Q", "${nowhere} = 'yes'"),
    ),
    "bad pass_if": (("integer", "count", "Anzahl", "Count", None, None, None, "10-120"),),
    "duplicate name": (("select_one yes_no", "ok", "Nochmal", "Again"),),
    "missing label in one language": (("select_one yes_no", "q", "Nur deutsch"),),
    "score out of range": (("select_one grades", "grade", "Note", "Grade"),),
    "bad name": (("select_one yes_no", "Q 1", "Q", "Q"),),
    "choice_filter": (("select_one yes_no", "q", "Q", "Q", None, None, None, None, "x=1"),),
    "item_type that does not fit": (
        ("integer", "q", "Q", "Q", None, None, None, "<5", None, "scale"),
    ),
    "question outside a group": "outside",
    "group never closed": "unclosed",
}
EXPECTED = {
    "repeat": ("survey", 4, "X004"),
    "calculate": ("survey", 4, "X102"),
    "nested group": ("survey", 4, "X104"),
    "note": ("survey", 4, "X101"),
    "constraint": ("survey", 4, "X103"),
    "unknown type": ("survey", 4, "X003"),
    "select list missing": ("survey", 4, "X008"),
    "bad relevant": ("survey", 4, "X009"),
    "relevant naming a later question": ("survey", 4, "X010"),
    "relevant naming an unknown question": ("survey", 4, "X010"),
    "bad pass_if": ("survey", 4, "X011"),
    "duplicate name": ("survey", 4, "X007"),
    "missing label in one language": ("survey", 4, "X012"),
    "score out of range": ("choices", 4, "X013"),
    "bad name": ("survey", 4, "X006"),
    "choice_filter": ("survey", 4, "X017"),
    "item_type that does not fit": ("survey", 4, "X016"),
    "question outside a group": ("survey", 5, "X005"),
    "group never closed": ("survey", 2, "X014"),
}


def source(case: str) -> bytes:
    rows = CASES[case]
    if rows == "outside":
        survey = table(
            HEADER,
            ("begin_group", "g", "G", "G"),
            ("select_one yes_no", "ok", "OK?", "OK?"),
            ("end_group",),
            ("select_one yes_no", "lost", "L", "L"),
        )
        return workbook(survey, CHOICES, [["form_id", "channel"], ["t", "web"]])
    if rows == "unclosed":
        survey = table(
            HEADER, ("begin_group", "g", "G", "G"), ("select_one yes_no", "ok", "O", "O")
        )
        return workbook(survey, CHOICES, [["form_id", "channel"], ["t", "web"]])
    return form(*rows)


@pytest.mark.parametrize("case", list(CASES))
def test_each_bad_row_is_reported_with_sheet_row_and_code(case: str) -> None:
    result = read_form(source(case), "form.xlsx")
    found = [(p.sheet, p.row, p.code) for p in result.errors + result.warnings]
    assert found == [EXPECTED[case]]
    problem = (result.errors + result.warnings)[0]
    sheet, row, code = EXPECTED[case]
    assert str(problem).startswith(f"form.xlsx:{sheet}:{row}: {code} ")
    assert code in CODES
    # Warnings only drop decoration: the standard is still written; errors write nothing.
    assert (result.yaml_text is None) == (not problem.warning)


def test_messages_say_what_is_wrong_and_what_to_do() -> None:
    def message(case: str) -> str:
        result = read_form(source(case), "form.xlsx")
        return (result.errors + result.warnings)[0].message

    assert "'${ok} == 'yes'' cannot be read: '==' is no operator; use =" in message("bad relevant")
    assert "'later', which comes later; name an earlier question" in message(
        "relevant naming a later question"
    )
    assert "'10-120'" in message("bad pass_if") and "10..120" in message("bad pass_if")
    assert "no text for 'en'" in message("missing label in one language")
    assert "score '2' is not allowed: give a number from 0 to 1" in message("score out of range")
    assert "first on row 3" in message("duplicate name")
    assert "put it into a group" in message("question outside a group")


def test_all_problems_of_a_form_come_at_once() -> None:
    rows = [
        row for case in ("repeat", "note", "unknown type", "bad pass_if") for row in CASES[case]
    ]
    # Names must differ, so the second case's `count` does not clash with another one.
    result = read_form(form(*rows), "form.xlsx")
    assert [(p.row, p.code) for p in result.errors] == [(4, "X004"), (7, "X003"), (8, "X011")]
    assert [(p.row, p.code) for p in result.warnings] == [(6, "X101")]
    assert result.yaml_text is None


def test_problems_the_standard_finds_point_at_the_row_that_holds_them() -> None:
    # A penalty item cannot also be critical: the standard's own check (E012), at its row.
    survey = table(
        "type | name | label | critical | penalty",
        ("begin_group", "g", "G"),
        ("select_one yes_no", "ok", "OK?"),
        ("select_one yes_no", "both", "Both?", "yes", "yes"),
        ("end_group",),
    )
    result = read_form(
        workbook(survey, CHOICES[:3], [["form_id", "channel"], ["t", "web"]]), "f.xlsx"
    )
    assert [(p.sheet, p.row, p.code) for p in result.errors] == [("survey", 4, "E012")]


def test_an_unknown_language_and_a_file_that_is_no_workbook() -> None:
    survey = table("type | name | label::Klingon", ("begin_group", "g", "G"))
    result = read_form(workbook(survey), "f.xlsx")
    assert str(result.errors[0]) == (
        "f.xlsx:survey:1: X015 cannot tell the language of column 'label::Klingon'; "
        "write it as 'label::German (de)'"
    )
    broken = read_form(b"not a workbook", "broken.xlsx")
    assert [p.code for p in broken.errors] == ["X001"]
    assert str(broken.errors[0]).startswith("broken.xlsx: X001 cannot read the file")
