"""The sheets of an XLSForm as rows of text, numbered the way a spreadsheet shows them."""

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import load_workbook

# XLSForm spells a few columns more than one way; the first spelling is the one we use.
ALIASES = {"list name": "list_name", "value": "name", "relevance": "relevant"}


@dataclass(frozen=True)
class FormRow:
    number: int
    """1 is the header, so the first question is on row 2, as in the spreadsheet."""
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()


@dataclass(frozen=True)
class FormSheet:
    name: str
    columns: tuple[str, ...]
    rows: tuple[FormRow, ...]


class Unreadable(Exception):
    """The file is no workbook openpyxl can read; the message says why."""


def column_name(header: str) -> str:
    """`Label::German (de)` -> `label::German (de)`: the base lower case, the language kept."""
    base, sep, rest = header.strip().partition("::")
    base = " ".join(base.split()).lower()
    base = ALIASES.get(base, base)
    return f"{base}::{rest.strip()}" if sep else base


def read_workbook(source: str | Path | bytes | BinaryIO) -> dict[str, FormSheet]:
    """Every sheet by lower-case name; raises Unreadable for files that are no workbook."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
        # openpyxl reports a damaged or non-Excel file as KeyError, ValueError or BadZipFile.
        raise Unreadable(str(error) or type(error).__name__) from error
    try:
        sheets: dict[str, FormSheet] = {}
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()
            records = [
                [_text(value) for value in values] for values in sheet.iter_rows(values_only=True)
            ]
            sheets.setdefault(sheet.title.strip().lower(), _to_sheet(sheet.title, records))
        return sheets
    finally:
        workbook.close()


def _to_sheet(title: str, records: list[list[str]]) -> FormSheet:
    header = [column_name(cell) for cell in records[0]] if records else []
    rows = []
    for number, cells in enumerate(records[1:], 2):
        values = {
            column: cell
            for column, cell in zip(header, cells, strict=False)
            if column and cell.strip()
        }
        if values:
            rows.append(FormRow(number, values))
    return FormSheet(
        title.strip().lower(), tuple(column for column in header if column), tuple(rows)
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value)
