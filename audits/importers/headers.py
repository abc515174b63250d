"""Column names as people write them: the internal name, or its header in any of the app's
languages. The headers live in the message catalogs (`import.col.<name>`), the one place
that maps them, so the downloadable templates and the importers cannot disagree."""

import csv
import io
from collections.abc import Sequence

from audits.importers.reader import Row, Sheet
from locales import LANGUAGES, translate


def header(column: str, lang: str) -> str:
    """The column's header in `lang`, as the template writes it."""
    return translate(lang, f"import.col.{column}")


def internal_names(sheet: Sheet, columns: Sequence[str]) -> Sheet:
    """The sheet with each known header (`Filial-ID`, `Store ID`, `store_id`) renamed to its
    internal name; unknown headers stay as they are, for check_columns to report."""
    names: dict[str, str] = {}
    for column in columns:
        for lang in LANGUAGES:
            names[header(column, lang).strip().lower()] = column
        names[column] = column
    renamed = tuple(names.get(column, column) for column in sheet.columns)
    if renamed == sheet.columns:
        return sheet
    rows = tuple(
        Row(row.number, {names.get(name, name): value for name, value in row.cells.items()})
        for row in sheet.rows
    )
    return Sheet(sheet.name, renamed, rows)


def template(columns: Sequence[str], lang: str) -> bytes:
    """A CSV holding only the header row in `lang`. German Excel splits CSV files on
    semicolons and needs the byte-order mark to read umlauts as UTF-8."""
    buffer = io.StringIO()
    delimiter = ";" if lang == "de" else ","
    csv.writer(buffer, delimiter=delimiter).writerow([header(column, lang) for column in columns])
    return buffer.getvalue().encode("utf-8-sig")
