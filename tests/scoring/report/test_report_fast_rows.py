"""The streamed row writer gives the same cells as openpyxl's own path: values, types and
number formats read back alike, whatever the text holds."""

import datetime as dt
from pathlib import Path

import pandas as pd
from openpyxl import Workbook, load_workbook

from scoring.report.fast_rows import append_fast
from scoring.report.sheet import Column, cell_style, column_values, fast_values, stream
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


def _write(path: Path, fast: bool) -> None:
    book = Workbook(write_only=True)
    add_styles(book, "de")
    sheet = book.create_sheet("T")
    sheet.append([column.header for column in COLUMNS])
    if fast:
        append_fast(
            sheet,
            [fast_values(c, FRAME[c.key], ("Ja", "Nein")) for c in COLUMNS],
            [c.kind not in ("text", "wrap", "yesno") for c in COLUMNS],
            [cell_style(c, top=True) for c in COLUMNS],
            heights=[None, 30.0, None],
        )
    else:
        cells = [column_values(sheet, c, FRAME[c.key], ("Ja", "Nein"), True) for c in COLUMNS]
        stream(sheet, COLUMNS, cells, heights=[None, 30.0, None])
    book.save(path)


def test_both_writers_give_the_same_cells(tmp_path: Path) -> None:
    _write(tmp_path / "slow.xlsx", fast=False)
    _write(tmp_path / "fast.xlsx", fast=True)
    slow = load_workbook(tmp_path / "slow.xlsx")["T"]
    fast = load_workbook(tmp_path / "fast.xlsx")["T"]
    for expected, got in zip(slow.iter_rows(), fast.iter_rows(), strict=True):
        for a, b in zip(expected, got, strict=True):
            assert (b.value, b.data_type, b.number_format, b.quotePrefix) == (
                a.value,
                a.data_type,
                a.number_format,
                a.quotePrefix,
            ), b.coordinate
            assert b.alignment.wrap_text == a.alignment.wrap_text
    assert fast.row_dimensions[3].height == 30
    assert fast["A2"].value == dt.datetime(2026, 3, 1, 9, 30)
    assert fast["B3"].value == dt.datetime(2024, 2, 29)
    assert fast["C3"].value == "  spaced  "
    assert fast["C2"].value == "=SUM(A1)" and fast["C2"].quotePrefix
    assert fast["G2"].value == -5 and fast["H4"].value == 12000
