"""Cell values as the workbook stores them: formula-like text kept as text, characters XML
cannot hold removed, and one reusable styled cell per column for fast streaming."""

import re

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from scoring.safe_cells import FORMULA_STARTS

MAX_TEXT = 32_767
"""Excel's limit for the text of one cell."""

FORMULA_LIKE = re.compile("^[" + re.escape("".join(FORMULA_STARTS)) + "]")


NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")
"""Beyond openpyxl's control characters: the two non-characters and lone surrogates, which
XML cannot hold either (one such comment would otherwise stop the whole export)."""


def clean_text(value: str) -> str:
    """Text without the characters an xlsx file cannot hold, within Excel's limit."""
    return NOT_XML.sub("", ILLEGAL_CHARACTERS_RE.sub("", value))[:MAX_TEXT]


def text_cell(sheet: WriteOnlyWorksheet, value: str, style: str | None = None) -> WriteOnlyCell:
    """A cell that holds `value` as text whatever it starts with.

    openpyxl stores a string starting with "=" as a formula; forcing the string type keeps
    it text, and the quote prefix tells Excel and LibreOffice to keep it text when someone
    edits the cell. Unlike the apostrophe of CSV files, the text itself is unchanged."""
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"
    if style:
        cell.style = style
    cell.quotePrefix = True
    return cell


def safe_value(sheet: WriteOnlyWorksheet, value: object, style: str | None = None) -> object:
    """A value ready to append: text made safe (a text cell where it looks like a formula),
    other values as they are, styled when `style` is given."""
    if isinstance(value, str):
        value = clean_text(value)
        if FORMULA_LIKE.match(value):
            return text_cell(sheet, value, style)
    if style is None or value is None:
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.style = style
    return cell
