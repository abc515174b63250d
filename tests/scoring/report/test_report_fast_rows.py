"""The streamed row writer gives the cells openpyxl itself would write: values, types,
number formats, quote prefix, wrapping, row heights and links read back alike."""

import datetime as dt
from pathlib import Path

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet.hyperlink import Hyperlink

from scoring.report.fast_rows import append_fast
from scoring.report.sheet import Column, cell_style, fast_values
from scoring.report.styles import add_styles

COLUMNS = [
    Column("when", "When", "datetime"),
    Column("day", "Day", "date"),
    Column("name", "Name"),
    Column("note", "Note", "wrap"),
    Column("score", "Score", "score"),
    Column("rate", "Rate", "rate"),
    Column("change", "Change", "points"),
    Column("count", "Count", "int"),
    Column("flag", "Flag", "yesno"),
]
FRAME = pd.DataFrame(
    {
        "when": [dt.datetime(2026, 3, 1, 9, 30), dt.datetime(1999, 12, 31, 23, 59), None],
        "day": [dt.date(2026, 2, 28), dt.date(2024, 2, 29), None],
        "name": ["=SUM(A1)", "  spaced  ", None],
        "note": ["Zeile 1\nZeile 2", "+49", "ü & <b>"],
        "score": [85.25, 100.0, None],
        "rate": [0.125, 1 / 3, 0.0],
        "change": [-0.05, 0.1, None],
        "count": [3, 0, 12000],
        "flag": [True, False, None],
    }
)
HEIGHTS = [None, 30.0, None]
LINKS = {2: ["'Other'!A1", None, "'Other'!B7"], 7: [None, "'Other'!C2", None]}


def _by_openpyxl(sheet) -> None:
    """The reference: one openpyxl cell per value, styled and typed by hand."""
    for index, row in enumerate(FRAME.itertuples(index=False)):
        cells = []
        for position, (column, value) in enumerate(zip(COLUMNS, row, strict=True)):
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                cells.append(None)
                continue
            if column.kind == "yesno":
                value = "Ja" if value else "Nein"
            elif column.kind == "points":
                value *= 100
            elif column.kind == "date":
                value = pd.Timestamp(value).to_pydatetime()
            cell = WriteOnlyCell(sheet, value)
            target = LINKS.get(position, [None] * 3)[index]
            style = cell_style(column, top=True)
            if target:
                style = "ma_link_wrap" if column.kind == "wrap" else "ma_link"
                cell.hyperlink = Hyperlink(ref="", location=target)
            if style:
                cell.style = style
            if isinstance(value, str) and value[:1] in "=+-@\t\r":
                cell.data_type = "s"
                cell.quotePrefix = True
            cells.append(cell)
        if HEIGHTS[index]:
            sheet.row_dimensions[index + 2].height = HEIGHTS[index]
        sheet.append(cells)


def _write(path: Path, fast: bool) -> None:
    book = Workbook(write_only=True)
    add_styles(book, "de")
    book.create_sheet("Other")
    sheet = book.create_sheet("T")
    sheet.append([column.header for column in COLUMNS])
    if fast:
        append_fast(
            sheet,
            [fast_values(c, FRAME[c.key], ("Ja", "Nein")) for c in COLUMNS],
            [c.kind not in ("text", "wrap", "yesno") for c in COLUMNS],
            [cell_style(c, top=True) for c in COLUMNS],
            heights=HEIGHTS,
            links=LINKS,
            link_styles={2: "ma_link", 7: "ma_link"},
        )
    else:
        _by_openpyxl(sheet)
    book.save(path)


def test_the_streamed_rows_read_back_as_openpyxls_own(tmp_path: Path) -> None:
    _write(tmp_path / "openpyxl.xlsx", fast=False)
    _write(tmp_path / "fast.xlsx", fast=True)
    expected_sheet = load_workbook(tmp_path / "openpyxl.xlsx")["T"]
    fast = load_workbook(tmp_path / "fast.xlsx")["T"]
    for expected, got in zip(expected_sheet.iter_rows(), fast.iter_rows(), strict=True):
        for a, b in zip(expected, got, strict=True):
            assert (b.value, b.data_type, b.number_format, b.quotePrefix) == (
                a.value,
                a.data_type,
                a.number_format,
                a.quotePrefix,
            ), b.coordinate
            assert b.alignment.wrap_text == a.alignment.wrap_text, b.coordinate
            assert (b.hyperlink and b.hyperlink.location) == (
                a.hyperlink and a.hyperlink.location
            ), b.coordinate
    assert fast.row_dimensions[3].height == 30
    assert fast["A2"].value == dt.datetime(2026, 3, 1, 9, 30)
    assert fast["B3"].value == dt.datetime(2024, 2, 29)
    assert fast["C3"].value == "  spaced  "
    assert fast["C2"].value == "=SUM(A1)" and fast["C2"].quotePrefix
    assert fast["C2"].hyperlink.location == "'Other'!A1" and fast["C2"].font.u == "single"
    assert fast["G2"].value == -5 and fast["H4"].value == 12000
    assert fast["H3"].hyperlink.location == "'Other'!C2" and fast["H3"].value == 0
