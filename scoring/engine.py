"""Visit scores from coded answers: an items x visits matrix, no loop per answer.

Answers arrive as three code arrays (visit, item, value text). One scatter puts each value
code into its (item, visit) cell; then, item by item, the distinct values present are judged
once (`Plan.verdict`) and every figure of the spec is a lookup or a mask over one row of
visits. Working item by item keeps the arrays small, which matters more for speed here than
anything else (memory that is touched once costs more than the arithmetic).
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from scoring.plan import Plan, Verdict
from standards import Condition

NO_ROW, EMPTY_VALUE = -2, -1
"""Cell codes besides value codes: no answer row at all / a row with an empty value."""

# Why an item did or did not count on a visit; stored and shown by "why this score".
COUNTED, FAILED, BONUS_EARNED, BONUS_MISSED, NOT_APPLICABLE, HIDDEN, UNANSWERED, NOT_SCORED = range(
    8
)
REASONS = (
    "counted",
    "failed",
    "bonus_earned",
    "bonus_missed",
    "na",
    "hidden",
    "unanswered",
    "not_scored",
)


class AnswersRejected(ValueError):
    """Answers the standard cannot take; `problems` holds (position in input, message)."""

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} answer(s) rejected; first: {problems[0][1]}")


@dataclass(frozen=True)
class Coded:
    """Answers as codes: `visit` into `visit_ids`, `item` into the plan's items (-1 for an id
    the standard does not have), `value` into `values` (-1 for an empty value)."""

    visit: np.ndarray
    visit_ids: Sequence[str]
    item: np.ndarray
    unknown: list[tuple[int, str]]
    """(position, item id) of the rows whose item the standard does not have."""
    value: np.ndarray
    values: Sequence[str]


@dataclass(frozen=True)
class Scores:
    """Per visit (in `visit_ids` order) and, when asked for, per answer row."""

    plan: Plan
    visit_ids: Sequence[str]
    score: np.ndarray
    """Overall score 0..100 after the critical policy; NaN when no section has a score."""
    computed: np.ndarray
    """Overall score before the critical policy."""
    critical_failed: np.ndarray
    band: np.ndarray
    """Index into `standard.bands` (highest first); -1 without a band."""
    section_score: np.ndarray
    """visits x sections, NaN where a section has no score."""
    section_earned: np.ndarray
    section_possible: np.ndarray
    rows: dict[str, np.ndarray] | None = None
    """applicable, passed, failed, earned, possible, reason: aligned with the input rows."""
    visible_cells: np.ndarray | None = None
    """items x visits, False where show_if hid the item (kept when rows are asked for)."""
    reason_cells: np.ndarray | None = None
    """items x visits, the code of REASONS per cell (kept with `cells` or `rows`)."""

    def kept_reasons(self) -> np.ndarray:
        """`reason_cells`, which the caller asked the engine to keep."""
        if self.reason_cells is None:
            raise ValueError("score with cells=True (or rows) to keep the reason per cell")
        return self.reason_cells


@dataclass
class _Column:
    """Lookups for one item, indexed by cell code + 2 (so NO_ROW is 0, EMPTY_VALUE is 1)."""

    answered: np.ndarray
    na: np.ndarray
    passed: np.ndarray
    fraction: np.ndarray
    canonical: list[str | None]


def _judge(plan: Plan, item: int, cells: np.ndarray, values: Sequence[str]) -> _Column:
    """Judge each distinct value present in one item's cells; raises _BadValue on the first
    value the item cannot take (the caller reports it and judges the rest)."""
    size = len(values) + 2
    present: np.ndarray | list[int] = (
        np.flatnonzero(np.bincount(cells + 2, minlength=size)[2:]) if len(cells) else []
    )
    answered = np.zeros(size, dtype=bool)
    na = np.zeros(size, dtype=bool)
    passed = np.zeros(size, dtype=bool)
    fraction = np.zeros(size)
    canonical: list[str | None] = [None] * size
    for code in np.asarray(present).tolist():
        verdict: Verdict = plan.verdict(item, values[code])
        slot = code + 2
        if verdict.error is not None:
            raise _BadValue(item, code, verdict.error)
        answered[slot] = not verdict.empty
        na[slot] = verdict.na
        passed[slot] = verdict.passed
        fraction[slot] = verdict.fraction
        canonical[slot] = verdict.canonical
    return _Column(answered, na, passed, fraction, canonical)


class _BadValue(Exception):
    def __init__(self, item: int, code: int, message: str) -> None:
        self.item, self.code, self.message = item, code, message


def _opaque(cells: np.ndarray, na_words: np.ndarray, na_allowed: bool) -> _Column:
    """Free texts nobody looks at: only "answered" and "N/A" matter, and no value is judged."""
    size = len(na_words) + 2
    answered = np.ones(size, dtype=bool)
    answered[:2] = False
    na = np.zeros(size, dtype=bool)
    if na_allowed:
        na[2:] = na_words
    return _Column(answered, na, np.zeros(size, dtype=bool), np.zeros(size), [])


def score_coded(plan: Plan, coded: Coded, *, rows: bool = False, cells: bool = False) -> Scores:
    """Score every visit; raises AnswersRejected listing every unusable row.

    `rows` adds per-answer figures; `cells` keeps only the items x visits reasons (cheaper,
    and all that recurring gaps need)."""
    n_visits, n_items = len(coded.visit_ids), len(plan.items)
    cells_of_values = np.full((n_items, n_visits), NO_ROW, dtype=np.int32)
    if coded.unknown:
        known = coded.item >= 0
        cells_of_values[coded.item[known], coded.visit[known]] = coded.value[known]
    else:
        cells_of_values[coded.item, coded.visit] = coded.value
    problems = [_unknown(plan, position, name) for position, name in coded.unknown]
    filled = int(np.count_nonzero(cells_of_values != NO_ROW))
    if filled != len(coded.item) - len(coded.unknown):
        problems += _repeated(plan, coded)
    columns = _columns(plan, coded, cells_of_values, problems)
    if problems:
        problems.sort()
        raise AnswersRejected(problems)
    return _score(plan, coded, cells_of_values, columns, rows, cells)


def _unknown(plan: Plan, position: int, name: str) -> tuple[int, str]:
    if not name:
        return position, "item_id is empty"
    return position, f"unknown item '{name}' (standard {plan.standard.id})"


def _columns(
    plan: Plan, coded: Coded, cells: np.ndarray, problems: list[tuple[int, str]]
) -> list[_Column]:
    from standards import NA_WORDS

    na_words = None
    columns = []
    for item in range(len(plan.items)):
        if plan.opaque[item]:
            if na_words is None:
                na_words = np.array([v.strip().lower() in NA_WORDS for v in coded.values])
            columns.append(_opaque(cells[item], na_words, plan.items[item].na_allowed))
            continue
        while True:
            try:
                columns.append(_judge(plan, item, cells[item], coded.values))
                break
            except _BadValue as bad:
                at = np.flatnonzero((coded.item == bad.item) & (coded.value == bad.code))
                problems.extend((int(position), bad.message) for position in at.tolist())
                # Judge the rest of the item too, so every bad value is reported at once.
                cells[item][cells[item] == bad.code] = EMPTY_VALUE
    return columns


def _repeated(plan: Plan, coded: Coded) -> list[tuple[int, str]]:
    known = np.flatnonzero(coded.item >= 0)
    keys = coded.item[known].astype(np.int64) * len(coded.visit_ids) + coded.visit[known]
    _, first, counts = np.unique(keys, return_index=True, return_counts=True)
    repeated = np.isin(keys, keys[first[counts > 1]])
    later = np.ones(len(known), dtype=bool)
    later[first] = False
    found = []
    for position in known[repeated & later].tolist():
        visit_id = coded.visit_ids[coded.visit[position]]
        item_id = plan.item_ids[coded.item[position]]
        found.append((position, f"visit '{visit_id}' answers item '{item_id}' a second time"))
    return found


def _score(
    plan: Plan,
    coded: Coded,
    cells: np.ndarray,
    columns: list[_Column],
    rows: bool,
    keep_cells: bool,
) -> Scores:
    n_items, n_visits = cells.shape
    n_sections = len(plan.section_ids)
    earned_by = np.zeros((n_sections, n_visits))
    possible_by = np.zeros((n_sections, n_visits))
    critical_failed = np.zeros(n_visits, dtype=bool)
    visible: list[np.ndarray | None] = [None] * n_items
    shows = dict(plan.conditional)
    reason = np.empty((n_items, n_visits), dtype=np.int8) if rows or keep_cells else None
    earned_cells = np.zeros((n_items, n_visits)) if rows else None
    for item in range(n_items):
        slot = cells[item] + 2
        column = columns[item]
        condition = shows.get(item)
        visible[item] = (
            None if condition is None else _holds(plan, condition, columns, cells, visible)
        )
        if not plan.scored[item] and reason is None:
            continue
        answered, na = column.answered[slot], column.na[slot]
        applicable = answered & ~na
        if visible[item] is not None:
            applicable &= visible[item]
        passed = applicable & column.passed[slot]
        if plan.scored[item]:
            section, weight = plan.section_of[item], plan.weight[item]
            if plan.penalty[item]:
                # A penalty deducts the share it did not earn, and only when it fails.
                lost = (1.0 - column.fraction[slot]) * weight
                earned = np.where(applicable & ~passed, -lost, 0.0)
            else:
                earned = np.where(applicable, column.fraction[slot] * weight, 0.0)
            earned_by[section] += earned
            if earned_cells is not None:
                earned_cells[item] = earned
            if not plan.bonus[item] and not plan.penalty[item]:
                possible_by[section] += applicable * weight
            if plan.critical[item]:
                critical_failed |= applicable & ~passed
        if reason is not None:
            reason[item] = _why(plan, item, answered, na, applicable, passed, visible[item])
    figures = (
        None
        if earned_cells is None or reason is None
        else _row_figures(plan, coded, reason, earned_cells)
    )
    result = _finish(plan, coded, earned_by, possible_by, critical_failed, figures)
    if reason is None:
        return result
    shown = np.ones((n_items, n_visits), dtype=bool)
    for item, seen in enumerate(visible):
        if seen is not None:
            shown[item] = seen
    return replace(result, visible_cells=shown, reason_cells=reason)


def _holds(
    plan: Plan,
    condition: Condition,
    columns: list[_Column],
    cells: np.ndarray,
    visible: list[np.ndarray | None],
) -> np.ndarray:
    """Per visit, whether a show_if holds. Each leaf judges the distinct answers of its item
    once; a hidden, unanswered or N/A parent makes the leaf false (canonical None)."""
    if condition.is_leaf:
        parent = plan.index[condition.tested]
        multi = bool(plan.multi[parent])
        opens = np.array(
            [v is not None and condition.leaf_holds(v, multi) for v in columns[parent].canonical],
            dtype=bool,
        )
        seen: np.ndarray = opens[cells[parent] + 2]
        return seen if visible[parent] is None else seen & visible[parent]
    parts = [
        _holds(plan, part, columns, cells, visible)
        for part in condition.group(condition.kind) or ()
    ]
    combine = np.logical_and if condition.kind == "all" else np.logical_or
    held: np.ndarray = combine.reduce(parts)
    return held


def _why(
    plan: Plan,
    item: int,
    answered: np.ndarray,
    na: np.ndarray,
    applicable: np.ndarray,
    passed: np.ndarray,
    visible: np.ndarray | None,
) -> np.ndarray:
    # Later lines win: the first reason that explains why an item did not count.
    if not plan.scored[item]:
        why = np.full(len(answered), NOT_SCORED, dtype=np.int8)
    elif plan.bonus[item]:
        why = np.where(passed, BONUS_EARNED, BONUS_MISSED).astype(np.int8)
    else:
        why = np.where(passed, COUNTED, FAILED).astype(np.int8)
    why[na] = NOT_APPLICABLE
    why[~answered] = UNANSWERED
    if visible is not None:
        why[~visible] = HIDDEN
    return why


def _finish(
    plan: Plan,
    coded: Coded,
    earned_by: np.ndarray,
    possible_by: np.ndarray,
    critical_failed: np.ndarray,
    figures: dict[str, np.ndarray] | None,
) -> Scores:
    has_score = possible_by > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        # Penalties can push a section's earned points below 0; its score stops at 0.
        section_score = np.where(
            has_score, np.clip(100 * earned_by / possible_by, 0.0, 100.0), np.nan
        )
        fixed = ~np.isnan(plan.section_weights)
        weights = np.where(fixed[:, None], plan.section_weights[:, None], possible_by) * has_score
        total = weights.sum(axis=0)
        weighted = (weights * np.nan_to_num(section_score)).sum(axis=0)
        computed = np.where(total > 0, np.minimum(100.0, weighted / total), np.nan)
    zero = critical_failed if plan.standard.critical_policy == "zero" else False
    score = np.where(zero, 0.0, computed)
    return Scores(
        plan=plan,
        visit_ids=coded.visit_ids,
        score=score,
        computed=computed,
        critical_failed=critical_failed,
        band=plan.band_index(score),
        section_score=section_score.T,
        section_earned=earned_by.T,
        section_possible=possible_by.T,
        rows=figures,
    )


def _row_figures(
    plan: Plan, coded: Coded, reason: np.ndarray, earned_cells: np.ndarray
) -> dict[str, np.ndarray]:
    known = coded.item >= 0
    item, visit = coded.item[known], coded.visit[known]
    why = np.full(len(coded.item), NOT_SCORED, dtype=np.int8)
    why[known] = reason[item, visit]
    earned = np.zeros(len(coded.item))
    earned[known] = earned_cells[item, visit]
    applicable = why <= BONUS_MISSED
    failed = why == FAILED
    weight = plan.weight[np.maximum(coded.item, 0)]
    extra = (plan.bonus | plan.penalty)[np.maximum(coded.item, 0)]
    return {
        "applicable": applicable,
        "passed": (why == COUNTED) | (why == BONUS_EARNED),
        "failed": failed,
        "earned": earned,
        "possible": np.where(applicable & ~extra, weight, 0.0),
        "reason": why,
    }
