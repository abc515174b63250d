"""XLSForms built in the test with openpyxl, so each test shows the rows it relies on."""

import io
from collections.abc import Sequence

from openpyxl import Workbook

Rows = Sequence[Sequence[object]]


def workbook(survey: Rows, choices: Rows = (), settings: Rows = (), **sheets: Rows) -> bytes:
    """An .xlsx with a survey sheet, and choices, settings and further sheets when given."""
    book = Workbook()
    book.active.title = "survey"
    for row in survey:
        book.active.append(list(row))
    for name, rows in (("choices", choices), ("settings", settings), *sheets.items()):
        if rows:
            sheet = book.create_sheet(name)
            for row in rows:
                sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def table(header: str, *rows: Sequence[object]) -> list[list[object]]:
    """A header given as `a | b | c` and rows padded to it: short rows stay readable."""
    columns = [column.strip() for column in header.split("|")]
    return [columns, *([*row, *[None] * (len(columns) - len(row))] for row in rows)]
