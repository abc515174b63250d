"""ANSWERS rows of a visit import: one per answered item, checked against the standard."""

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.importers.reader import Sheet
from audits.importers.result import Problems
from audits.records.tables import answers
from standards import AnswerError, ParsedAnswer, Standard, parse_answer

REQUIRED = ("visit_id", "item_id", "value")
OPTIONAL = ("comment",)
CHUNK = 1000


@dataclass(frozen=True)
class Answer:
    value: str | None
    is_na: bool
    comment: str | None


VisitAnswers = dict[str, dict[str, Answer]]
"""visit id -> item id -> answer"""


def read_answers(
    sheet: Sheet,
    standard: Standard,
    visit_ids: Collection[str],
    visits_file: str,
    problems: Problems,
) -> VisitAnswers:
    """Every usable answer by visit; bad rows go to `problems`.

    An empty value means "not answered" and the row is skipped, unless it carries a comment.
    """
    items = {item.id: item for item in standard.items()}
    # Few distinct (item, value) pairs stand behind tens of thousands of rows.
    parsed: dict[tuple[str, str], ParsedAnswer | str] = {}
    seen: dict[tuple[str, str], int] = {}
    found: VisitAnswers = {}
    for row in sheet.rows:
        visit_id, item_id, raw = row.get("visit_id"), row.get("item_id"), row.get("value")
        comment = row.get("comment") or None
        messages = []
        if not visit_id:
            messages.append("visit_id is empty")
        elif visit_id not in visit_ids:
            messages.append(f"visit '{visit_id}' is not in {visits_file}")
        if not item_id:
            messages.append("item_id is empty")
        elif item_id not in items:
            messages.append(f"unknown item '{item_id}' (standard {standard.id})")
        elif (visit_id, item_id) in seen:
            first = seen[(visit_id, item_id)]
            messages.append(f"visit '{visit_id}' answers item '{item_id}' already on row {first}")
        elif not raw and comment:
            messages.append(f"item {item_id}: a comment needs an answer; give the answer or na")
        elif raw:
            key = (item_id, raw)
            if key not in parsed:
                parsed[key] = _parse(standard, item_id, raw)
            if isinstance(parsed[key], str):
                messages.append(str(parsed[key]))
        for message in messages:
            problems.add(sheet.name, row.number, message)
        if visit_id and item_id:
            seen.setdefault((visit_id, item_id), row.number)
        if messages or not raw:
            continue
        answer = parsed[(item_id, raw)]
        if isinstance(answer, ParsedAnswer):
            found.setdefault(visit_id, {})[item_id] = Answer(answer.value, answer.na, comment)
    return found


def _parse(standard: Standard, item_id: str, raw: str) -> ParsedAnswer | str:
    try:
        return parse_answer(standard.item(item_id), raw)
    except AnswerError as error:
        return str(error)


def stored_answers(conn: Connection, visit_ids: Iterable[str]) -> VisitAnswers:
    ids = list(visit_ids)
    found: VisitAnswers = {}
    for start in range(0, len(ids), CHUNK):
        query = sa.select(answers).where(answers.c.visit_id.in_(ids[start : start + CHUNK]))
        for row in conn.execute(query):
            found.setdefault(row.visit_id, {})[row.item_id] = Answer(
                row.value, row.is_na, row.comment
            )
    return found


def answer_rows(visit_answers: VisitAnswers, visit_ids: Iterable[str]) -> list[dict[str, Any]]:
    return [
        {
            "visit_id": visit_id,
            "item_id": item_id,
            "value": answer.value,
            "is_na": answer.is_na,
            "comment": answer.comment,
        }
        for visit_id in visit_ids
        for item_id, answer in visit_answers.get(visit_id, {}).items()
    ]
