"""Read a CSV or XLSX file into rows of text, numbered the way the user sees the sheet."""

import csv
import datetime as dt
import io
import itertools
import struct
import sys
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from defusedxml.common import DefusedXmlException
from openpyxl import load_workbook

from audits.importers.result import Problems

EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
_DELIMITERS = ",;\t"
MAX_UNZIPPED = 200 * 1024 * 1024
"""What a workbook may unpack to. A 20 MB workbook unpacks to about 150 MB; a small file
that unpacks to gigabytes (a zip bomb) is refused before anything is parsed."""
EXCEL_ROWS = 1_048_576
"""Excel's own limit: the most rows a workbook is read for."""
ROW_LIMIT: ContextVar[int | None] = ContextVar("row_limit", default=None)
"""A tighter limit for every read in this context (the app's uploads set one)."""


@contextmanager
def row_limit(rows: int) -> Iterator[None]:
    """Within the block, a file of more than `rows` rows is refused as a whole."""
    token = ROW_LIMIT.set(rows)
    try:
        yield
    finally:
        ROW_LIMIT.reset(token)


class TooLarge(ValueError):
    """The file is bigger than a reader will take; the message says how much bigger."""


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


# How a damaged file surfaces: openpyxl reports a non-Excel file as KeyError, ValueError or
# BadZipFile; a damaged part as an XML parse error (a SyntaxError), a broken compressed
# stream as zlib.error, a cut one as EOFError, broken zip headers as struct.error, an
# unknown compression method as NotImplementedError.
DAMAGED = (
    OSError,
    ValueError,
    KeyError,
    SyntaxError,
    EOFError,
    NotImplementedError,
    csv.Error,
    struct.error,
    zlib.error,
    zipfile.BadZipFile,
)


def read_sheet(path: str | Path, problems: Problems) -> Sheet:
    """The file's first sheet; unreadable files and ragged rows are added to `problems`.

    A file over the row limit (blank rows included) is refused as a whole: a workbook at
    Excel's own limit, any file at the limit of `row_limit` where one is set.
    """
    name = str(path)
    path = Path(path)
    limit = ROW_LIMIT.get()
    try:
        if path.suffix.lower() in EXCEL_SUFFIXES:
            max_rows = min(limit or EXCEL_ROWS, EXCEL_ROWS)
            records = list(itertools.islice(_xlsx_records(path), max_rows + 1))
        elif path.suffix.lower() == ".xls":
            problems.add(name, 1, "old .xls files cannot be read; save the sheet as .xlsx or .csv")
            return Sheet(name, (), ())
        else:
            max_rows = limit or sys.maxsize - 1
            records = list(itertools.islice(_csv_records(path.read_bytes()), max_rows + 1))
        if len(records) > max_rows:
            raise TooLarge(f"it has more than {max_rows:,} rows; split it into smaller files")
    except TooLarge as error:
        problems.add(name, 1, f"the file is too large: {error}")
        return Sheet(name, (), ())
    except DAMAGED as error:
        if _caused_by(error, DefusedXmlException):  # openpyxl wraps what defusedxml raised
            problems.add(name, 1, ENTITIES)
        else:
            problems.add(name, 1, f"cannot read the file: {_plain(error)}")
        return Sheet(name, (), ())
    return _to_sheet(name, records, problems)


ENTITIES = (
    "cannot read the file: it holds XML entity declarations, which no spreadsheet needs; "
    "open it in Excel or LibreOffice and save it again as .xlsx"
)


def _caused_by(error: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _plain(error: BaseException) -> str:
    """The reason without the server's folders (a temporary upload path means nothing)."""
    text = (str(error) or type(error).__name__).splitlines()[0]
    return text.split(" in '/")[0].split(": '/")[0]


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
    with zipfile.ZipFile(path) as archive:
        unzipped = sum(entry.file_size for entry in archive.infolist())
    if unzipped > MAX_UNZIPPED:
        raise TooLarge(
            f"it unpacks to {unzipped / 1024 / 1024:,.0f} MB, more than a workbook of its "
            "kind ever holds; save only the rows you need"
        )
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        if not workbook.worksheets:
            raise ValueError("the workbook holds no sheet; open it in Excel and save it again")
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
