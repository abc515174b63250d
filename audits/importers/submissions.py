"""`import submissions --standard S FILE`: visits filled offline in ODK Collect or KoboCollect
on a form made by `mystery-audit xlsform export`.

FILE is the submissions export of ODK Central (CSV) or KoboToolbox (XLSX or CSV): one row per
visit, one column per question. Each bad cell is reported as `FILE:ROW:COLUMN: message`, and
the visits are stored exactly as `import visits` stores them (`save_visits`), as submitted
visits that wait for review.
"""

import datetime as dt
import re
from pathlib import Path

from sqlalchemy.engine import Connection

from audits.accounts.people import normalise_username
from audits.importers.answer_rows import Answer, VisitAnswers
from audits.importers.common import max_length
from audits.importers.reader import Row, Sheet, read_sheet
from audits.importers.result import ImportResult, Problems
from audits.importers.visit_rows import Lookups, VisitRow, parse_instant
from audits.importers.visits import save_visits
from audits.records.tables import visits
from standards import AnswerError, ParsedAnswer, Standard, parse_answer, version_hash
from standards.xlsform import Column, submission_columns
from standards.xlsform.submission_columns import INSTANCE_COLUMNS

_TIME = re.compile(r"^(\d{1,2}:\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$")
_TICKED = {"1", "true", "yes"}
_ID_LENGTH = max_length(visits.c.id) or 36


def import_submissions(
    conn: Connection, standard: Standard, path: str | Path, *, by: int | None = None
) -> ImportResult:
    """Add the new submissions as submitted visits; known instance ids change nothing."""
    problems = Problems()
    sheet = read_sheet(path, problems)
    columns = _check_header(sheet, standard, problems) if sheet.columns else {}
    if sheet.columns and not sheet.rows:
        # A header alone is a wrong download (another form, a filter), not "0 visits added".
        problems.add(sheet.name, 2, "the file holds no submissions below its header")
    problems.raise_if_any()
    reader = _Reader(sheet, standard, columns, Lookups.load(conn, standard), problems)
    for row in sheet.rows:
        reader.read(row)
    result = save_visits(
        conn,
        standard,
        reader.visits,
        reader.answers,
        sheet,
        reader.lookups,
        problems,
        by=by,
        kind="submissions",
    )
    if reader.photos:
        result.notes.append(
            f"{reader.photos} photo file names not imported (the photos stay in ODK Central "
            "or KoboToolbox)"
        )
    return result


def _bad(problems: Problems, sheet: Sheet, row: int, column: str, message: str) -> None:
    problems.lines.append(f"{sheet.name}:{row}:{column}: {message}")


def _check_header(sheet: Sheet, standard: Standard, problems: Problems) -> dict[str, Column]:
    columns, unknown = submission_columns(standard, sheet.columns)
    for column in unknown:
        _bad(
            problems,
            sheet,
            1,
            column,
            f"no question of standard {standard.id} and no ODK or KoboToolbox metadata; "
            "import with the standard the form was made from (KoboToolbox: export with "
            "XML values and headers)",
        )
    roles = {column.role for column in columns.values()}
    for needed in ("instance", "store_id", "shopper", "start"):
        if needed not in roles:
            name = "meta/instanceID (or _uuid)" if needed == "instance" else needed
            problems.add(
                sheet.name,
                1,
                f"missing column '{name}'; export the submissions of a form made by "
                "`mystery-audit xlsform export`",
            )
    if not roles & {"answer", "option"}:
        problems.add(sheet.name, 1, f"no column holds an item of standard {standard.id}")
    seen: dict[tuple[str, str, str], str] = {}
    for column, role in columns.items():
        key = (role.role, role.item, role.option)
        if role.item and key in seen:
            _bad(problems, sheet, 1, column, f"holds the same as column '{seen[key]}'")
        seen.setdefault(key, column)
    return columns


class _Reader:
    def __init__(
        self,
        sheet: Sheet,
        standard: Standard,
        columns: dict[str, Column],
        lookups: Lookups,
        problems: Problems,
    ) -> None:
        self.sheet, self.standard, self.lookups, self.problems = sheet, standard, lookups, problems
        self.roles: dict[str, list[str]] = {}
        self.of_item: dict[tuple[str, str], str] = {}
        self.options: dict[str, dict[str, str]] = {}
        for column, role in columns.items():
            self.roles.setdefault(role.role, []).append(column)
            if role.role == "option":
                self.options.setdefault(role.item, {})[role.option] = column
            elif role.item:
                self.of_item.setdefault((role.role, role.item), column)
        order = {name: n for n, name in enumerate(INSTANCE_COLUMNS)}
        self.roles.get("instance", []).sort(key=lambda c: order[c.strip().lower()])
        self.visits: dict[str, VisitRow] = {}
        self.answers: VisitAnswers = {}
        self.seen: dict[str, int] = {}
        self.parsed: dict[tuple[str, str], ParsedAnswer | str] = {}
        self.photos = 0

    def bad(self, row: Row, column: str, message: str) -> None:
        _bad(self.problems, self.sheet, row.number, column, message)

    def cell(self, row: Row, role: str) -> tuple[str, str]:
        """(column, value) of a visit field; the column is "" when the file has none."""
        for column in self.roles.get(role, []):
            if row.get(column):
                return column, row.get(column)
        return (self.roles[role][0] if self.roles.get(role) else ""), ""

    def read(self, row: Row) -> None:
        before = len(self.problems.lines)
        visit_id = self.visit_id(row)
        store_column, store_id = self.cell(row, "store_id")
        if store_id not in self.lookups.store_regions:
            message = f"unknown store '{store_id}'" if store_id else "empty; give the store id"
            self.bad(row, store_column, message)
        shopper_column, shopper = self.cell(row, "shopper")
        if normalise_username(shopper) not in self.lookups.people:
            message = "empty; give the shopper's user name"
            if shopper:
                message = f"unknown user '{shopper}'; import the users first"
            self.bad(row, shopper_column, message)
        started_at, ended_at = self.instant(row, "start", True), self.instant(row, "end", False)
        if started_at and ended_at and ended_at < started_at:
            self.bad(row, self.cell(row, "end")[0], "the visit ends before its start")
        staff_column, staff_id = self.cell(row, "staff_id")
        if staff_id and staff_id not in self.lookups.staff_stores:
            self.bad(row, staff_column, f"unknown staff '{staff_id}'")
        version_column, version = self.cell(row, "form_version")
        wanted = version_hash(self.standard)
        if re.fullmatch(r"[0-9a-f]{12}", version) and version != wanted:
            self.bad(
                row,
                version_column,
                f"filled in the form of version {version}, not {wanted} of {self.standard.id}; "
                "import it with the standard of that version",
            )
        given = self.read_answers(row)
        if len(self.problems.lines) != before or visit_id is None:
            return
        values = {
            "store_id": store_id,
            "shopper_id": self.lookups.people[normalise_username(shopper)],
            "staff_id": staff_id or None,
            "channel": self.standard.channel,
            "started_at": started_at,
            "ended_at": ended_at,
        }
        self.visits[visit_id] = VisitRow(visit_id, row, values, "submitted", "")
        self.answers[visit_id] = given

    def visit_id(self, row: Row) -> str | None:
        column, raw = self.cell(row, "instance")
        # ODK writes `uuid:` before the UUID; the 36 characters after it are the visit id.
        visit_id = raw.removeprefix("uuid:")
        if not visit_id:
            self.bad(row, column, "the instance id is empty")
        elif len(visit_id) > _ID_LENGTH or any(char.isspace() for char in visit_id):
            self.bad(row, column, f"'{raw}' is no instance id (at most {_ID_LENGTH} characters)")
        elif visit_id in self.seen:
            self.bad(row, column, f"instance '{raw}' is already on row {self.seen[visit_id]}")
        else:
            self.seen[visit_id] = row.number
            return visit_id
        return None

    def instant(self, row: Row, role: str, required: bool) -> dt.datetime | None:
        column, text = self.cell(row, role)
        if not text:
            if required:
                self.bad(row, column, "empty; the form records the start by itself")
            return None
        value = parse_instant(text)
        if value is None:
            self.bad(row, column, f"'{text}' is not a time such as 2025-11-03T14:05:00+01:00")
        return value

    def read_answers(self, row: Row) -> dict[str, Answer]:
        given: dict[str, Answer] = {}
        for item in self.standard.items():
            column = self.of_item.get(("answer", item.id), "")
            raw = row.get(column) if column else ""
            if not column and item.id in self.options:
                ticked = self.options[item.id].items()
                raw = " ".join(oid for oid, col in ticked if row.get(col).lower() in _TICKED)
            na_column = self.of_item.get(("na", item.id), "")
            comment_column = self.of_item.get(("comment", item.id), "")
            comment = row.get(comment_column) if comment_column else ""
            if item.type == "photo":
                self.photos += bool(raw)
                continue
            if na_column and "na" in row.get(na_column).split():
                if raw:
                    self.bad(row, na_column, f"ticks 'does not apply' beside the answer '{raw}'")
                    continue
                raw, column = "na", na_column
            if not raw:
                if comment:
                    self.bad(row, comment_column, f"a comment needs an answer to item {item.id}")
                continue
            answer = self.parse(item.id, item.type, raw)
            if isinstance(answer, str):
                self.bad(row, column or item.id, answer)
            else:
                given[item.id] = Answer(answer.value, answer.na, comment or None)
        return given

    def parse(self, item_id: str, item_type: str, raw: str) -> ParsedAnswer | str:
        # ODK writes times with seconds and an offset (14:05:00.000+01:00), Excel dates with
        # a time of day; the shopper entered the time and the day only.
        pattern = {"time": _TIME, "date": _DATE}.get(item_type)
        found = pattern.match(raw) if pattern else None
        text = found.group(1) if found else raw
        key = (item_id, text)
        if key not in self.parsed:
            try:
                self.parsed[key] = parse_answer(self.standard.item(item_id), text)
            except AnswerError as error:
                self.parsed[key] = str(error)
        return self.parsed[key]
