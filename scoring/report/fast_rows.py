"""Rows of a large plain table streamed as one XML element per row.

openpyxl's write-only sheet turns every value into a cell object before writing it: about
5 µs a cell here, which makes a sheet of 100,000 visits alone take most of the report's time
budget. For tables without links or per-cell extras, this writer hands openpyxl's own XML
stream (lxml) one finished <row> element instead, with the same cells openpyxl would write:
numbers as <v>, text as inline strings, styles by the workbook's own style ids. Everything
else (styles, tables, print setup, packing) stays with openpyxl; tests read the result back
with openpyxl and LibreOffice. Tied to openpyxl 3.1's write-only internals (pinned)."""

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from lxml.etree import Element, SubElement
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.hyperlink import Hyperlink

from scoring.report.cells import FORMULA_LIKE, clean_text

SPACE = "{http://www.w3.org/XML/1998/namespace}space"
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
"""Day 0 of Excel's serial dates (valid for every date after February 1900)."""


class Quoted(str):
    """Text that starts like a formula: written as text with the quote-prefix style."""


def text_values(values: pd.Series) -> list[str | None]:
    """Cleaned text, None where missing, Quoted where it looks like a formula."""
    out = [None if v is None or v != v else clean_text(str(v)) for v in values.tolist()]
    for at, value in enumerate(out):
        if value is not None and FORMULA_LIKE.match(value):
            out[at] = Quoted(value)
    return out


def number_texts(numbers: np.ndarray) -> list[str | None]:
    """Numbers as the text of <v> elements (whole ones without ".0", so they read back as
    whole numbers); None where missing."""
    return [
        None if v != v else str(int(v)) if v.is_integer() else repr(v) for v in numbers.tolist()
    ]


def serial_texts(values: pd.Series, with_time: bool) -> list[str | None]:
    """Dates as Excel serial numbers (days since 1899-12-30, the time as a fraction)."""
    stamps = pd.to_datetime(values)
    days = ((stamps - EXCEL_EPOCH) / pd.Timedelta(days=1)).to_numpy(dtype=float)
    if not with_time:
        days = np.floor(days)
    return number_texts(days)


def style_id(sheet: WriteOnlyWorksheet, name: str | None, quoted: bool = False) -> str | None:
    """The workbook's id of a named style (registered on first use, as openpyxl does)."""
    if name is None and not quoted:
        return None
    cell = WriteOnlyCell(sheet)
    if name:
        cell.style = name
    if quoted:
        cell.quotePrefix = True
    return str(cell.style_id)


def append_fast(
    sheet: WriteOnlyWorksheet,
    cells: Sequence[list[str | None]],
    numeric: Sequence[bool],
    styles: Sequence[str | None],
    heights: Sequence[float | None] | None = None,
    first: int = 2,
    special: Sequence[bool] | None = None,
    special_styles: Sequence[str | None] | None = None,
    outline: Sequence[int] | None = None,
    links: dict[int, Sequence[str | None]] | None = None,
    link_styles: dict[int, str] | None = None,
) -> int:
    """Append rows (after the header, which went through openpyxl); returns the count.

    `cells` holds one list per column from text_values, number_texts or serial_texts;
    `numeric` tells which columns hold numbers; `styles` the named style of each. Rows
    marked in `special` take `special_styles` instead (the store sheet's region rows);
    `outline` gives each row's outline level (0: none). `links` maps a column to each row's
    link target in the workbook (None: no link), shown in `link_styles`' style."""
    letters = [get_column_letter(n) for n in range(1, len(cells) + 1)]
    plain = [style_id(sheet, name) for name in styles]
    quoted = [style_id(sheet, name, quoted=True) for name in styles]
    links = links or {}
    link_plain = {n: style_id(sheet, name) for n, name in (link_styles or {}).items()}
    link_quoted = {n: style_id(sheet, name, quoted=True) for n, name in (link_styles or {}).items()}
    if special_styles is not None:
        plain_special = [style_id(sheet, name) for name in special_styles]
        quoted_special = [style_id(sheet, name, quoted=True) for name in special_styles]

    # `xf` is lxml's incremental XML writer, which has no type hints to name it by.
    def write_row(xf: Any, values: Sequence[str | None], row_index: int) -> None:
        number = str(row_index)
        attributes = {"r": number}
        at = row_index - first
        if heights is not None and heights[at]:
            attributes["ht"] = str(heights[at])
            attributes["customHeight"] = "1"
        if outline is not None and outline[at]:
            attributes["outlineLevel"] = str(outline[at])
        row = Element("row", attributes)
        plain_ids, quoted_ids = (
            (plain_special, quoted_special)
            if special is not None and special[at]
            else (plain, quoted)
        )
        for position, value in enumerate(values):
            if value is None:
                continue
            reference = letters[position] + number
            target = links[position][at] if position in links else None
            if target:
                # Linked cells are few (the gaps sheet): openpyxl writes the list at the end.
                sheet._hyperlinks.append(Hyperlink(ref=reference, location=target))
            if numeric[position]:
                style = link_plain[position] if target else plain_ids[position]
                cell = SubElement(
                    row, "c", {"r": reference, "s": style} if style else {"r": reference}
                )
                SubElement(cell, "v").text = value
                continue
            quote = isinstance(value, Quoted)
            if target:
                style = (link_quoted if quote else link_plain)[position]
            else:
                style = quoted_ids[position] if quote else plain_ids[position]
            cell = SubElement(
                row,
                "c",
                {"r": reference, "s": style, "t": "inlineStr"}
                if style
                else {"r": reference, "t": "inlineStr"},
            )
            text = SubElement(SubElement(cell, "is"), "t")
            text.text = value
            if value != value.strip():
                text.set(SPACE, "preserve")
        xf.write(row)

    # From here on the sheet's stream takes rows as they are and writes them as above.
    sheet._values_to_row = lambda values, row_index: values
    sheet._writer.write_row = write_row
    count = 0
    for values in zip(*cells, strict=True):
        sheet.append(values)
        count += 1
    return count
