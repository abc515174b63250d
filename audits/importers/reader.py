"""Read a CSV or XLSX file into rows of text, numbered the way the user sees the sheet."""

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from audits.importers.result import Problems

EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
_DELIMITERS = ",;\t"


@dataclass(frozen=True)
class Row:
    number: int
    """1 is the header, so the first data row is 2, as in a spreadsheet."""
    cells: dict[str, str]

    def get(self, column: str) -> str:
        """The cell without surrounding spaces; "" when empty or the column is absent."""
        return self.cells.get(column, "").strip()


@dataclass(frozen=True)
class Sheet:
    name: str
    """How errors name the file: the path as the user gave it."""
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


def read_sheet(path: str | Path, problems: Problems) -> Sheet:
    """The file's first sheet; unreadable files and ragged rows are added to `problems`."""
    name = str(path)
    path = Path(path)
    try:
        if path.suffix.lower() in EXCEL_SUFFIXES:
            records = list(_xlsx_records(path))
        elif path.suffix.lower() == ".xls":
            problems.add(name, 1, "old .xls files cannot be read; save the sheet as .xlsx or .csv")
            return Sheet(name, (), ())
        else:
            records = list(_csv_records(path.read_bytes()))
    except (OSError, ValueError, KeyError, csv.Error, zipfile.BadZipFile) as error:
        # openpyxl reports a damaged or non-Excel file as KeyError, ValueError or BadZipFile.
        problems.add(name, 1, f"cannot read the file: {error}")
        return Sheet(name, (), ())
    return _to_sheet(name, records, problems)


def _to_sheet(name: str, records: list[list[str]], problems: Problems) -> Sheet:
    numbered = [(number, cells) for number, cells in enumerate(records, 1) if any(cells)]
    if not numbered or numbered[0][0] != 1:
        problems.add(name, 1, "the first row must hold the column names")
        return Sheet(name, (), ())
    header = [cell.strip().lower() for cell in numbered[0][1]]
    # Spreadsheets often carry empty trailing header cells; they name no column.
    while header and not header[-1]:
        header.pop()
    rows = []
    for number, cells in numbered[1:]:
        extra = [cell for cell in cells[len(header) :] if cell.strip()]
        if extra:
            problems.add(name, number, f"{len(cells)} cells, but the header names {len(header)}")
            continue
        padded = [*cells[: len(header)], *[""] * (len(header) - len(cells))]
        rows.append(Row(number, dict(zip(header, padded, strict=True))))
    return Sheet(name, tuple(header), tuple(rows))


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Not UTF-8: most likely a German Excel "CSV (Trennzeichen-getrennt)" in Windows-1252.
        return data.decode("cp1252", errors="replace")


def _delimiter(first_line: str) -> str:
    counts = {delimiter: first_line.count(delimiter) for delimiter in _DELIMITERS}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _csv_records(data: bytes) -> Iterator[list[str]]:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    yield from csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))


def _xlsx_records(path: Path) -> Iterator[list[str]]:
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        # Some writers store wrong sheet dimensions; without them openpyxl reads every row.
        sheet.reset_dimensions()
        for values in sheet.iter_rows(min_row=1, values_only=True):
            yield [_cell_text(value) for value in values]
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        # Whole: a duration cell 00:02:00 is two minutes, never "00:02" (m:ss, two seconds);
        # a time item drops the seconds itself.
        return value.strftime("%H:%M:%S")
    if isinstance(value, dt.timedelta):
        return str(int(value.total_seconds()))  # a duration of a day or more, in seconds
    return str(value)


def check_columns(
    sheet: Sheet, required: Sequence[str], optional: Iterable[str], problems: Problems
) -> bool:
    """True when the header has every required column and no other than the optional ones."""
    optional = list(optional)
    allowed = f"columns are {', '.join(required)}"
    if optional:
        allowed += f", and optionally {', '.join(optional)}"
    if not sheet.columns:
        return False
    ok = True
    seen: set[str] = set()
    for column in sheet.columns:
        if column in seen:
            problems.add(sheet.name, 1, f"column '{column}' appears twice")
            ok = False
        elif column not in required and column not in optional:
            shown = column or "(empty)"
            problems.add(sheet.name, 1, f"unknown column '{shown}'; the {allowed}")
            ok = False
        seen.add(column)
    for column in required:
        if column not in seen:
            problems.add(sheet.name, 1, f"missing column '{column}'; the {allowed}")
            ok = False
    return ok
