""" "Why this score": every item of one visit with its answer, points and reason.

Built from the same engine run as the stored score, so the explanation can never disagree
with the figure it explains.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from scoring.engine import REASONS, UNANSWERED, Scores
from scoring.plan import Plan
from scoring.visits import score_answers
from standards import Standard, answer_text, text_in

WHY = {
    "counted": "passed; counts in full",
    "failed": "did not pass; counts with the points earned",
    "bonus_earned": "bonus: adds its points, adds nothing to the possible points",
    "bonus_missed": "bonus not earned: no gap, nothing lost",
    "na": "answered N/A: left out of earned and possible points",
    "hidden": "not shown for this visit (show_if): does not count",
    "unanswered": "no answer: does not count",
    "not_scored": "collects information only: earns no points",
    "penalty": "penalty: its lost points are deducted from the section",
    "recorded": "recorded only: earns no points and never fails",
}


def shown_reason(item: object, reason: str) -> str:
    """The reason as "why this score" names it: a failed penalty is a deduction, and an
    answer to a record-only question is recorded (the stored reason is the engine's)."""
    if reason == "failed" and getattr(item, "penalty", False):
        return "penalty"
    if reason == "not_scored" and getattr(item, "type", "") not in (
        "text",
        "photo",
        "date",
        "time",
    ):
        return "recorded"
    return reason


@dataclass(frozen=True)
class ItemLine:
    item_id: str
    section_id: str
    type: str
    answer: str | None
    """The stored answer text ("na" for N/A, None when unanswered)."""
    earned: float
    possible: float
    reason: str
    """One of scoring.engine.REASONS."""
    shown: str
    """The reason in "why this score": `reason`, or `penalty` / `recorded` (shown_reason)."""
    critical_failure: bool
    """A failed critical item: zeroes the visit or flags it, as the standard says."""


@dataclass(frozen=True)
class SectionLine:
    section_id: str
    earned: float
    possible: float
    score: float | None
    weight: float
    """The section's share of the overall score in this visit (0 when it has no score)."""


@dataclass(frozen=True)
class Explanation:
    visit_id: str
    score: float | None
    computed: float | None
    critical_failed: bool
    critical_policy: str
    band_index: int
    sections: list[SectionLine]
    items: list[ItemLine]


def explain_visit(standard: Standard | Plan, visit_id: str, answers: pd.DataFrame) -> Explanation:
    """`answers` as for score_answers (visit_id, item_id, value[, is_na]) for this visit."""
    plan = standard if isinstance(standard, Plan) else Plan(standard)
    mine = answers[answers["visit_id"] == visit_id].reset_index(drop=True)
    if mine.empty:
        raise ValueError(f"visit '{visit_id}' has no answers")
    scores = score_answers(plan, mine, rows=True)
    return _explain(plan, visit_id, mine, scores)


def _number(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def _explain(plan: Plan, visit_id: str, answers: pd.DataFrame, scores: Scores) -> Explanation:
    rows = scores.rows or {}
    given = {}
    for n, item_id in enumerate(answers["item_id"].astype(str).str.strip()):
        is_na = bool(answers["is_na"].iloc[n]) if "is_na" in answers else False
        value = answers["value"].iloc[n]
        text = "na" if is_na else (None if pd.isna(value) or value == "" else str(value))
        given[item_id] = (text, n)
    items = []
    for position, item in enumerate(plan.items):
        text, row = given.get(item.id, (None, None))
        if row is None:
            reason = REASONS[_reason_without_row(plan, position, scores)]
            earned = possible = 0.0
        else:
            reason = REASONS[rows["reason"][row]]
            earned, possible = float(rows["earned"][row]), float(rows["possible"][row])
        items.append(
            ItemLine(
                item_id=item.id,
                section_id=plan.section_ids[plan.section_of[position]],
                type=item.type,
                answer=text,
                earned=earned,
                possible=possible,
                reason=reason,
                shown=shown_reason(item, reason),
                critical_failure=bool(plan.critical[position]) and reason == "failed",
            )
        )
    return Explanation(
        visit_id=visit_id,
        score=_number(scores.score[0]),
        computed=_number(scores.computed[0]),
        critical_failed=bool(scores.critical_failed[0]),
        critical_policy=plan.standard.critical_policy,
        band_index=int(scores.band[0]),
        sections=_sections(plan, scores),
        items=items,
    )


def _reason_without_row(plan: Plan, position: int, scores: Scores) -> int:
    # An item nobody answered is "hidden" when its condition did not hold, else unanswered.
    visible = scores.visible_cells
    if visible is not None and not visible[position, 0]:
        return REASONS.index("hidden")
    return UNANSWERED


def _sections(plan: Plan, scores: Scores) -> list[SectionLine]:
    lines = []
    for s, section in enumerate(plan.standard.sections):
        possible = float(scores.section_possible[0, s])
        score = _number(scores.section_score[0, s])
        weight = section.weight if section.weight is not None else possible
        lines.append(
            SectionLine(
                section_id=section.id,
                earned=float(scores.section_earned[0, s]),
                possible=possible,
                score=score,
                weight=float(weight) if score is not None else 0.0,
            )
        )
    return lines


ANSWER_COLUMNS = [
    "item_id",
    "section",
    "question",
    "answer",
    "result",
    "earned",
    "possible",
    "comment",
    "action",
]


def answer_rows(standard: Standard, stored: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A visit's stored answers (audits.visits.drafts.stored_answers_frame) in form order
    and in words: item_id, section, question, answer (option texts for choices, m:ss for
    durations, "N/A"), result (the reason as "why this score" names it), earned, possible,
    comment, action (the standard's recommended action, if any). Items without an answer
    are left out."""
    by_item = {row.item_id: row for row in stored.itertuples(index=False)}
    rows = []
    for section in standard.sections:
        for item in section.items:
            row = by_item.get(item.id)
            if row is None:
                continue
            rows.append(
                {
                    "item_id": item.id,
                    "section": text_in(section.title, lang),
                    "question": text_in(item.text, lang),
                    "answer": "N/A" if row.is_na else answer_text(item, row.value, lang),
                    "result": shown_reason(item, row.reason) if row.reason else None,
                    "earned": row.earned,
                    "possible": row.possible,
                    "comment": row.comment,
                    "action": text_in(item.action, lang) if item.action else None,
                }
            )
    return pd.DataFrame(rows, columns=ANSWER_COLUMNS)


def section_bonus(standard: Standard, stored: pd.DataFrame) -> dict[str, float]:
    """Points the visit's bonus items earned, per section id (sections without any are left
    out). Bonus points add to a section's earned points and nothing to its possible ones,
    so they explain a section that earned more than it could lose (5 of 4 possible)."""
    section_of = {item.id: section.id for section in standard.sections for item in section.items}
    earned = stored.loc[stored["reason"] == "bonus_earned"]
    bonus: dict[str, float] = {}
    for item_id, points in zip(earned["item_id"], earned["earned"], strict=True):
        section = section_of.get(item_id)
        if section is not None and points:
            bonus[section] = bonus.get(section, 0.0) + float(points)
    return bonus
