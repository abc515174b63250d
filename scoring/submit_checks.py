"""What a visit needs before it can be submitted; each problem points at its item.

Pure: the form calls it for messages beside the items, the submit calls it again inside its
transaction, so a stale browser cannot submit an incomplete visit.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from scoring.engine import REASONS
from scoring.visits import score_answers
from standards import AnswerError, Standard, parse_answer, visible_items


@dataclass(frozen=True)
class Answer:
    value: str | None
    is_na: bool = False
    comment: str | None = None

    @property
    def given(self) -> bool:
        return self.is_na or bool(self.value)


@dataclass(frozen=True)
class Details:
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    staff_id: str | None = None
    staff_description: str | None = None


@dataclass(frozen=True)
class Issue:
    item_id: str | None
    """None for the visit details (times, staff)."""
    code: str
    """missing, na_not_allowed, invalid, out_of_range, comment_required, photo_required,
    times_missing, times_order, staff_missing. The form shows the catalog text
    `check.<code>`."""
    params: dict[str, str] = field(default_factory=dict)


def unreadable(standard: Standard, answers: Mapping[str, Answer]) -> dict[str, str]:
    """Stored answers the standard refuses, by item: "out_of_range" (a number outside the
    item's min..max, such as -5 seconds) or "invalid". A draft may hold one (saved before
    the check, or by an older form); submitting is refused until it is changed."""
    known = {item.id: item for item in standard.items()}
    refused = {}
    for item_id, answer in answers.items():
        item = known.get(item_id)
        if item is None or answer.is_na or not answer.value:
            continue
        try:
            parse_answer(item, answer.value)
        except AnswerError as error:
            refused[item_id] = "out_of_range" if error.reason == "out_of_range" else "invalid"
    return refused


def failed_items(standard: Standard, answers: Mapping[str, Answer]) -> set[str]:
    """Items whose answer fails (the engine's verdict; a missed bonus is no failure).
    Answers the standard refuses (`unreadable`) are left out: they are no verdict yet."""
    refused = unreadable(standard, answers)
    given = [
        (item_id, a.value, a.is_na)
        for item_id, a in answers.items()
        if a.given and item_id not in refused
    ]
    if not given:
        return set()
    frame = pd.DataFrame(given, columns=["item_id", "value", "is_na"]).assign(visit_id="v")
    scores = score_answers(standard, frame, rows=True)
    failed = REASONS.index("failed")
    reasons = (scores.rows or {})["reason"]
    return {row[0] for row, reason in zip(given, reasons, strict=True) if reason == failed}


def check_visit(
    standard: Standard,
    answers: Mapping[str, Answer],
    photos: Mapping[str, int],
    details: Details,
    *,
    staff_asked: bool,
) -> list[Issue]:
    """Every reason the visit cannot be submitted yet, in form order; empty when it can."""
    shown = visible_items(standard, _values(answers))
    failed = failed_items(standard, answers)
    refused = unreadable(standard, answers)
    issues: list[Issue] = []
    if details.started_at is None or details.ended_at is None:
        issues.append(Issue(None, "times_missing"))
    elif details.ended_at < details.started_at:
        issues.append(Issue(None, "times_order"))
    if staff_asked and not details.staff_id and not (details.staff_description or "").strip():
        issues.append(Issue(None, "staff_missing"))
    for item in standard.items():
        if item.id not in shown:
            continue
        answer = answers.get(item.id, Answer(None))
        has_photo = photos.get(item.id, 0) > 0
        if item.type == "photo":
            if not has_photo:
                issues.append(Issue(item.id, "photo_required"))
            continue
        if not answer.given:
            issues.append(Issue(item.id, "missing"))
            continue
        if answer.is_na and not item.na_allowed:
            issues.append(Issue(item.id, "na_not_allowed"))
        if item.id in refused:
            issues.append(Issue(item.id, refused[item.id]))
        needs_comment = item.require_comment == "always" or (
            item.require_comment == "on_fail" and item.id in failed
        )
        if needs_comment and not (answer.comment or "").strip():
            issues.append(Issue(item.id, "comment_required"))
        if item.require_photo and not has_photo:
            issues.append(Issue(item.id, "photo_required"))
    return issues


def _values(answers: Mapping[str, Answer]) -> dict[str, str | None]:
    return {item_id: (None if a.is_na else a.value) for item_id, a in answers.items()}
