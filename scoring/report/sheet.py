"""One table per sheet, streamed: a header row, rows straight from a frame, an Excel table
with filters, fitted column widths, frozen header, print setup."""

import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from scoring.report.cells import clean_text, safe_value
from scoring.report.fast_rows import (
    append_fast,
    number_texts,
    serial_texts,
    text_values,
)
from scoring.report.styles import style_name

Progress = Callable[[int], None]
"""Called with the number of rows written so far."""

WIDTHS = {"int": 9, "score": 9, "rate": 9, "rate0": 6, "points": 11, "p": 9}
WIDTHS |= {"date": 12, "datetime": 17}
LINE_HEIGHT = 15.0
"""Points per line of text in the default font: spreadsheets do not size rows of wrapped
text that a streamed file leaves without a height, so the writer sets them."""
MAX_WIDTH = {"text": 45, "wrap": 80}
CHUNK = 10_000


@dataclass(frozen=True)
class Column:
    key: str | int
    """The frame's column label (the matrix numbers its item columns)."""
    header: str
    kind: str = "text"
    """text, wrap (long text), yesno, int, score, rate (0.0%), rate0 (0%), points (a change
    of a rate, in percentage points), p, date or datetime."""
    width: float | None = None


def setup_page(sheet: WriteOnlyWorksheet, header: str, title_rows: str | None = "1:1") -> None:
    """Landscape A4, as wide as one page and as long as needed, header rows on every page,
    what and when in the page header, page numbers in the footer."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.oddHeader.left.text = "&A"
    sheet.oddHeader.right.text = header.replace("&", "&&")
    sheet.oddFooter.center.text = "&P / &N"


def fitted_width(column: Column, values: pd.Series) -> float:
    """Wide enough for the longest entry (headers wrap, so their longest word counts)."""
    if column.width is not None:
        return column.width
    word = max((len(w) for w in column.header.split()), default=4)
    if column.kind not in ("text", "wrap", "yesno"):
        return float(max(WIDTHS.get(column.kind, 10), min(word, 20) + 2))
    lengths = values.dropna().astype(str).str.len()
    longest = int(lengths.max()) if len(lengths) else 0
    return float(min(max(longest, word, 6) + 3, MAX_WIDTH.get(column.kind, 45)))


CHARACTERS_PER_WIDTH = 1.15
"""A column's width counts digits; ordinary text is narrower, about this many letters fit."""


def lines_needed(text: str, width: float) -> int:
    """Lines a text takes when wrapped in a column `width` characters wide."""
    return max(1, math.ceil(len(text) / max((width - 1.5) * CHARACTERS_PER_WIDTH, 1)))


def header_height(columns: Sequence[Column], widths: Sequence[float]) -> float:
    lines = max(
        (lines_needed(c.header, w) for c, w in zip(columns, widths, strict=True)), default=1
    )
    return LINE_HEIGHT * lines


def row_heights(
    frame: pd.DataFrame, columns: Sequence[Column], widths: Sequence[float]
) -> list[float | None] | None:
    """Per row, the height its wrapped texts need (None where one line is enough)."""
    wrapped = [(c, w) for c, w in zip(columns, widths, strict=True) if c.kind == "wrap"]
    if not wrapped:
        return None
    lines = np.ones(len(frame), dtype=int)
    for column, width in wrapped:
        length = frame[column.key].fillna("").astype(str).str.len().to_numpy()
        fits = max((width - 1.5) * CHARACTERS_PER_WIDTH, 1)
        lines = np.maximum(lines, np.ceil(length / fits).astype(int))
    return [LINE_HEIGHT * n if n > 1 else None for n in lines.tolist()]


def cell_style(column: Column, top: bool) -> str | None:
    """The named style of a column's cells; plain text needs one only to sit at the top
    of rows that wrapped text makes taller."""
    if column.kind == "wrap":
        return "ma_wrap"
    if column.kind in ("text", "yesno"):
        return "ma_text" if top else None
    return style_name(column.kind)


def fast_values(column: Column, values: pd.Series, yes_no: tuple[str, str]) -> list[str | None]:
    """A column as append_fast takes it: text, or numbers as the text of their cell."""
    if column.kind in ("text", "wrap"):
        return text_values(values)
    if column.kind == "yesno":
        yes, no = yes_no
        return [None if v is None or v != v else (yes if v else no) for v in values.tolist()]
    if column.kind in ("date", "datetime"):
        return serial_texts(values, with_time=column.kind == "datetime")
    numbers = pd.to_numeric(values, errors="coerce").astype(float).to_numpy()
    return number_texts(numbers * 100 if column.kind == "points" else numbers)


def unique_headers(columns: Sequence[Column]) -> list[str]:
    """Header texts fit for table column names: on one line (Excel stores a line break in a
    name differently from the cell, and would repair the file) and unique regardless of
    case, a repeated one numbered."""
    taken: set[str] = set()
    names = []
    for column in columns:
        base = " ".join(clean_text(column.header).split()) or str(column.key)
        name, number = base, 1
        while name.casefold() in taken:
            number += 1
            name = f"{base} ({number})"
        taken.add(name.casefold())
        names.append(name)
    return names


def table_sheet(
    sheet: WriteOnlyWorksheet,
    table_name: str,
    frame: pd.DataFrame,
    columns: Sequence[Column],
    *,
    page_header: str,
    yes_no: tuple[str, str],
    empty_note: str,
    freeze_columns: int = 0,
    links: dict[str, list[str | None]] | None = None,
    progress: Progress | None = None,
) -> WriteOnlyWorksheet:
    """Fill an empty sheet with `frame` as an Excel table named `table_name`."""
    headers = unique_headers(columns)
    widths = [fitted_width(c, frame[c.key]) for c in columns]
    for position, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width
    sheet.freeze_panes = f"{get_column_letter(freeze_columns + 1)}2"
    sheet.row_dimensions[1].height = header_height(columns, widths)
    setup_page(sheet, page_header)
    sheet.append([safe_value(sheet, name, "ma_header") for name in headers])
    if frame.empty:
        sheet.append([safe_value(sheet, empty_note)])
        return sheet
    heights = row_heights(frame, columns, widths)
    top = heights is not None
    positions = {c.key: n for n, c in enumerate(columns)}
    linked = {positions[key]: targets for key, targets in (links or {}).items()}
    link_styles = {n: "ma_link_wrap" if columns[n].kind == "wrap" else "ma_link" for n in linked}
    written = 0
    # A slice at a time: the cell texts of 100,000 rows at once would cost ~70 MB.
    for start in range(0, len(frame), CHUNK):
        part = frame.iloc[start : start + CHUNK]
        written += append_fast(
            sheet,
            [fast_values(c, part[c.key], yes_no) for c in columns],
            [c.kind not in ("text", "wrap", "yesno") for c in columns],
            [cell_style(c, top) for c in columns],
            heights=None if heights is None else heights[start : start + CHUNK],
            first=2 + start,
            links={n: targets[start : start + CHUNK] for n, targets in linked.items()},
            link_styles=link_styles,
        )
        if progress:
            progress(written)
    add_table(sheet, table_name, 1, written + 1, headers)
    return sheet


def add_table(
    sheet: WriteOnlyWorksheet, name: str, head: int, last: int, headers: Sequence[str]
) -> None:
    """An Excel table (banded rows, a filter button on each header) over rows head..last.
    Its column names are the header texts, as Excel requires."""
    ref = f"A{head}:{get_column_letter(len(headers))}{last}"
    table = Table(displayName=name, ref=ref, autoFilter=AutoFilter(ref=ref))
    table.tableColumns = [TableColumn(id=n, name=text) for n, text in enumerate(headers, 1)]
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    with warnings.catch_warnings():
        # openpyxl warns in write-only mode that columns must be named by hand: they are.
        warnings.filterwarnings("ignore", "In write-only mode")
        sheet.add_table(table)
