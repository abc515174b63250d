"""ANSWERS files for `score`, `gaps` and `rank`: read fast, report slowly.

A well-formed CSV goes through pyarrow straight into dictionary codes. When anything is
wrong with it, the file is read again by the importers' reader, which knows the row number
of every record (quoted line breaks, blank lines), so each message names the exact row.
"""

import csv
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from cli.output import InputProblem
from scoring.engine import AnswersRejected, Coded, Scores, score_coded
from scoring.plan import Plan

if TYPE_CHECKING:
    import pyarrow as pa

    from audits.importers.reader import Sheet
    from audits.importers.result import Problems

REQUIRED = ("visit_id", "item_id", "value")
OPTIONAL = ("comment",)
_DELIMITERS = ",;\t"


def score_answers_file(plan: Plan, path: str, *, rows: bool = False) -> Scores:
    """Every visit of the file scored; InputProblem with `FILE:ROW: message` lines if not."""
    return read_and_score(plan, path, rows=rows)[0]


def read_and_score(
    plan: Plan, path: str, *, rows: bool = False, cells: bool = False
) -> tuple[Scores, Coded]:
    """The scores and the coded answers they came from (rows in file order)."""
    table = _fast_table(path)
    if table is not None:
        from scoring.arrow import code_table

        coded, no_visit = code_table(plan, table)
        if not len(no_visit) and not _comment_without_value(table).any():
            try:
                return score_coded(plan, coded, rows=rows, cells=cells), coded
            except AnswersRejected:
                pass  # reported with row numbers below
    return _score_carefully(plan, path, rows=rows, cells=cells)


def _header(path: Path) -> tuple[list[str], str] | None:
    with path.open("rb") as handle:
        first = handle.readline()
    try:
        line = first.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError:
        return None
    counts = {d: line.count(d) for d in _DELIMITERS}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    names = next(csv.reader([line], delimiter=delimiter), [])
    return [name.strip().lower() for name in names], delimiter


def _fast_table(path_text: str) -> "pa.Table | None":
    """The file as an Arrow table of dictionary columns, or None to take the careful path."""
    path = Path(path_text)
    if path.suffix.lower() not in (".csv", ".txt", ".tsv") or not path.is_file():
        return None
    header = _header(path)
    if header is None:
        return None
    names, delimiter = header
    if sorted(names) not in (sorted(REQUIRED), sorted(REQUIRED + OPTIONAL)):
        return None
    import pyarrow as pa
    import pyarrow.csv as pacsv

    coded = pa.dictionary(pa.int32(), pa.string())
    try:
        return pacsv.read_csv(
            path,
            # Larger blocks than the default 1 MB: fewer chunks to stitch, same parallel parse.
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, block_size=8 << 20),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, coded), strings_can_be_null=False
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError):
        return None


def _comment_without_value(table: "pa.Table") -> np.ndarray:
    if "comment" not in table.column_names:
        return np.zeros(0, dtype=bool)
    from scoring.arrow import dictionary_codes

    value, _ = dictionary_codes(table.column("value"))
    comment, _ = dictionary_codes(table.column("comment"))
    return (value < 0) & (comment >= 0)


def _score_carefully(plan: Plan, path: str, *, rows: bool, cells: bool) -> tuple[Scores, Coded]:
    # The careful path needs the importers' reader (and openpyxl for .xlsx); the fast path
    # never loads them, which saves a second on every well-formed file.
    import pandas as pd

    from audits.importers.reader import check_columns, read_sheet
    from audits.importers.result import Problems
    from scoring.visits import code_answers

    problems = Problems()
    sheet = read_sheet(path, problems)
    if sheet.columns and not check_columns(sheet, REQUIRED, OPTIONAL, problems):
        raise InputProblem(problems.lines)
    if problems:
        raise InputProblem(problems.lines)
    numbers, kept = [], []
    for row in sheet.rows:
        if not row.get("visit_id"):
            problems.add(sheet.name, row.number, "visit_id is empty")
        elif not row.get("value") and row.get("comment"):
            message = f"item {row.get('item_id')}: a comment needs an answer; give it or na"
            problems.add(sheet.name, row.number, message)
        else:
            numbers.append(row.number)
            kept.append([row.get(name) for name in REQUIRED])
    frame = pd.DataFrame(kept, columns=list(REQUIRED), dtype=object)
    coded = code_answers(plan, frame)
    try:
        scores = score_coded(plan, coded, rows=rows, cells=cells)
    except AnswersRejected as error:
        for position, message in error.problems:
            problems.add(sheet.name, numbers[position], message)
        _raise_sorted(sheet, problems)
    _raise_sorted(sheet, problems)
    return scores, coded


def _raise_sorted(sheet: "Sheet", problems: "Problems") -> None:
    if not problems:
        return
    prefix = f"{sheet.name}:"

    def row_of(line: str) -> int:
        return int(line[len(prefix) :].split(":", 1)[0])

    raise InputProblem(sorted(problems.lines, key=row_of))
