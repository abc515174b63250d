"""Export, then import: every shipped standard (and one that uses every corner) comes back
with the same version, and pyxform, the reference converter, accepts every exported form."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from standards import Standard, load_library, load_standard, load_standard_text, version_hash
from standards.xlsform import FormError, read_form, write_form

ROOT = Path(__file__).resolve().parents[3]
LIBRARY = {standard.id: standard for standard in load_library(ROOT / "standards" / "library")}
EDGE = load_standard(Path(__file__).with_name("edge-cases.yaml"))
STANDARDS = {**LIBRARY, EDGE.id: EDGE}


def exported(standard: Standard) -> bytes:
    out = io.BytesIO()
    write_form(standard, out)
    return out.getvalue()


@pytest.mark.parametrize("standard_id", list(STANDARDS))
def test_pyxform_accepts_the_exported_form(standard_id: str) -> None:
    standard = STANDARDS[standard_id]
    warnings: list[str] = []
    result = convert(
        xlsform=io.BytesIO(exported(standard)),
        validate=False,
        warnings=warnings,
        file_type=".xlsx",
    )
    xform = result.xform
    # What import submissions relies on: the instance id, the visit's store, shopper and
    # times, and a readable name for each submission in ODK Central and KoboToolbox.
    for node in ("<instanceID/>", "<instanceName/>", "<store_id/>", "<shopper/>", "<start/>"):
        assert node in xform
    assert f'id="{standard.id}" version="{version_hash(standard)}"' in xform
    for item in standard.items():
        assert f"<{item.id}/>" in xform
    assert not [w for w in warnings if "max-pixels" in w]


@pytest.mark.parametrize("standard_id", list(STANDARDS))
def test_export_then_import_keeps_the_version(standard_id: str) -> None:
    standard = STANDARDS[standard_id]
    result = read_form(exported(standard), f"{standard_id}.xlsx")
    assert result.errors == []
    assert [p.code for p in result.warnings if not p.code.startswith("W")] == []
    assert version_hash(result.standard) == version_hash(standard)
    again = load_standard_text(result.yaml_text, "again.yaml")
    assert version_hash(again) == version_hash(standard)


def test_the_form_carries_the_scoring_in_columns_tools_ignore() -> None:
    book = load_workbook(io.BytesIO(exported(LIBRARY["fast-food-visit"])))
    survey = list(book["survey"].iter_rows(values_only=True))
    header, rows = survey[0], {row[1]: dict(zip(survey[0], row, strict=True)) for row in survey}
    assert header[:4] == ("type", "name", "label::German (de)", "label::English (en)")
    serve = rows["order_to_food"]
    assert (serve["type"], serve["item_type"], serve["weight"]) == ("text", "duration", 3)
    assert serve["points"] == "<=3:00 = 1; <=4:00 = 0.8; <=5:00 = 0.4; else = 0"
    assert serve["pass_min"] == 0.8
    assert rows["order_to_food__seconds"]["type"] == "calculate"
    assert rows["window_wait"]["pass_if"] == "<1:30"
    assert rows["queue_managed"]["relevant"] == (
        "${guests_ahead} >= 4 and ${order_channel} != 'kiosk'"
    )
    assert rows["no_bare_hands"]["penalty"] == "yes"
    assert rows["food_safe__comment"]["required"] == "${food_safe} = 'no'"
    settings = dict(zip(*book["settings"].iter_rows(values_only=True), strict=True))
    assert (settings["form_id"], settings["channel"], settings["target"]) == (
        "fast-food-visit",
        "in_store",
        85,
    )
    choices = list(book["choices"].iter_rows(values_only=True))
    impression = [row for row in choices if row[0] == "impression"]
    assert [row[1] for row in impression] == ["warm", "correct", "cold"]
    assert [row[0] for row in book["bands"].iter_rows(values_only=True)] == ["min", 90, 75, 60, 0]


def test_a_condition_relevant_would_read_back_otherwise_travels_in_show_if() -> None:
    book = load_workbook(io.BytesIO(exported(EDGE)))
    survey = list(book["survey"].iter_rows(values_only=True))
    rows = {row[1]: dict(zip(survey[0], row, strict=True)) for row in survey}
    assert rows["q2"]["relevant"] == "${kind} = 'a'"
    assert rows["q2"]["show_if"] == '{"all": [{"item": "kind", "equals": "a"}]}'
    # Parentheses keep two equals tests from reading back as one `in`.
    assert rows["q3"]["relevant"] == "(${kind} = 'a') or (${kind} = 'b')"
    assert rows["q3"]["show_if"] is None


def test_an_edited_relevant_wins_over_a_stale_show_if_column() -> None:
    book = load_workbook(io.BytesIO(exported(EDGE)))
    sheet = book["survey"]
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[1].value == "q2":
            row[header.index("relevant")].value = "${kind} = 'b'"
    out = io.BytesIO()
    book.save(out)
    result = read_form(out.getvalue(), "edited.xlsx")
    assert [p.code for p in result.warnings if p.code.startswith("X")] == ["X107"]
    assert result.standard.item("q2").show_if.equals == "b"


def test_a_show_if_cell_nested_without_end_is_set_aside_not_a_crash() -> None:
    book = load_workbook(io.BytesIO(exported(EDGE)))
    sheet = book["survey"]
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[1].value == "q2":
            row[header.index("show_if")].value = '{"all": [' * 3000 + "]}" * 3000
    out = io.BytesIO()
    book.save(out)
    result = read_form(out.getvalue(), "hostile.xlsx")
    assert [p.code for p in result.errors] == []
    assert result.standard.item("q2").show_if.equals == "a"  # the relevant is read instead


def test_names_odk_cannot_take_stop_the_export_with_every_reason() -> None:
    text = (ROOT / "tests/standards/xlsform/edge-cases.yaml").read_text()
    text = text.replace("  - id: one\n", "  - id: 1st\n").replace("id: note,", "id: shopper,")
    standard = load_standard_text(text, "bad.yaml")
    with pytest.raises(FormError) as caught:
        write_form(standard, io.BytesIO(), "bad.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "bad.yaml: X018 section '1st' cannot be an XLSForm name: it must start with a letter or _",
        "bad.yaml: X018 item 'shopper' cannot be an XLSForm name: the form uses that name for "
        "its own questions; rename it",
    ]


NO_SELECTS = """\
id: timings
title: Timings
channel: phone
languages: [en]
sections:
  - id: s
    title: S
    items:
      - {id: rings, type: number, unit: count, text: Rings, pass_if: {max: 4}}
      - {id: hold, type: duration, text: Hold, pass_if: {below: "1:00"}}
"""


def test_a_standard_without_select_questions_comes_back_too() -> None:
    """Its choices sheet has no rows; the reader still needs the sheet's header."""
    standard = load_standard_text(NO_SELECTS, "timings.yaml")
    back = read_form(io.BytesIO(exported(standard)), "timings.xlsx")
    assert [str(p) for p in back.errors] == []
    assert version_hash(back.standard) == version_hash(standard)


def test_a_form_without_survey_sheet_or_columns_is_a_coded_problem() -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "choices"
    book.active.append(["label"])
    out = io.BytesIO()
    book.save(out)
    result = read_form(io.BytesIO(out.getvalue()), "form.xlsx")
    assert [str(p) for p in result.errors] == ["form.xlsx: X002 the form has no 'survey' sheet"]
    survey = book.create_sheet("survey")
    survey.append(["label"])
    out = io.BytesIO()
    book.save(out)
    result = read_form(io.BytesIO(out.getvalue()), "form.xlsx")
    assert [str(p) for p in result.errors] == [
        "form.xlsx:survey:1: X002 the 'survey' sheet has no 'type' column",
        "form.xlsx:survey:1: X002 the 'survey' sheet has no 'name' column",
    ]


BOUNDED = load_standard_text(
    """\
id: bounded-numbers
title: Bounded
channel: in_store
languages: [de, en]
sections:
  - id: main
    title: Main
    items:
      - {id: wait, type: number, text: Wait, unit: s, pass_if: {max: 60}, na_allowed: true}
      - {id: fridge, type: number, text: Fridge, min: -30, max: 10.5, pass_if: {max: 7}}
""",
    "bounded.yaml",
)


def test_a_number_items_range_travels_in_its_constraint() -> None:
    book = load_workbook(io.BytesIO(exported(BOUNDED)))
    rows = list(book["survey"].iter_rows(values_only=True))
    head = rows[0]
    constraint = {row[head.index("name")]: row[head.index("constraint")] for row in rows[1:]}
    # The phone refuses what the standard refuses: -5 seconds, or a fridge at 12 degrees.
    assert constraint["wait"].startswith(". >= 0 and not(")
    assert constraint["fridge"] == ". >= -30 and . <= 10.5"
    result = read_form(exported(BOUNDED), "bounded.xlsx")
    assert [p.code for p in result.warnings if not p.code.startswith("W")] == []
    assert version_hash(result.standard) == version_hash(BOUNDED)
    fridge = result.standard.item("fridge")
    assert (fridge.min, fridge.max) == (-30, 10.5)
