"""A slow, obviously correct scorer written straight from the spec, one visit at a time.

It shares nothing with `scoring` but `parse_answer`, so a mistake in the vectorised engine
cannot hide by being made twice.
"""

from dataclasses import dataclass

from standards import AnswerError, Standard, parse_answer


@dataclass
class Result:
    score: float | None
    critical_failed: bool
    sections: dict[str, float | None]
    band: str


def _inside(bounds, number: float) -> bool:
    return (
        (bounds.min is None or number >= bounds.min)
        and (bounds.max is None or number <= bounds.max)
        and (bounds.above is None or number > bounds.above)
        and (bounds.below is None or number < bounds.below)
    )


def _share(item, value: str) -> tuple[float, bool]:
    """(share of the weight earned, passed), straight from the spec's tables."""
    if item.type == "yes_no":
        return (1.0, True) if value == "yes" else (0.0, False)
    if item.type == "scale":
        number = int(value)
        return (number - item.min) / (item.max - item.min), number >= item.pass_min
    if item.type == "choice":
        option = next(option for option in item.options if option.id == value)
        return option.score, bool(option.pass_)
    if item.type == "multi_choice":
        ticked = value.split()
        total = item.base + sum(o.score for o in item.options if o.id in ticked)
        share = min(1.0, max(0.0, total))
        return share, share * item.weight >= item.pass_min * item.weight - 1e-9
    number = float(value)
    if item.points is not None:
        for row in item.points:
            if _inside(row, number):
                return row.score, row.score >= item.pass_min - 1e-9
        return 0.0, False
    ok = _inside(item.pass_if, number)
    return (1.0 if ok else 0.0), ok


def _condition_holds(condition, canonical: dict, visible: dict, types: dict) -> bool:
    if condition.item is None:
        parts = condition.all_ if condition.all_ is not None else condition.any_
        results = [_condition_holds(part, canonical, visible, types) for part in parts]
        return all(results) if condition.all_ is not None else any(results)
    value = canonical.get(condition.item)
    if not visible.get(condition.item) or value is None:
        return False  # hidden, unanswered or N/A
    ticked = set(value.split()) if types[condition.item] == "multi_choice" else {value}
    if condition.equals is not None:
        return condition.equals in ticked
    if condition.in_ is not None:
        return bool(ticked & set(condition.in_))
    if condition.not_in is not None:
        return not ticked & set(condition.not_in)
    number = float(value)
    for bound, holds in (
        (condition.min, lambda b: number >= b),
        (condition.max, lambda b: number <= b),
        (condition.above, lambda b: number > b),
        (condition.below, lambda b: number < b),
    ):
        if bound is not None:
            return holds(bound)
    raise AssertionError("a leaf without a test")


def reference_score(standard: Standard, answers: dict[str, str]) -> Result:
    canonical: dict[str, str | None] = {}
    visible: dict[str, bool] = {}
    earned: dict[str, float] = {}
    possible: dict[str, float] = {}
    critical_failed = False
    types = {item.id: item.type for item in standard.items()}
    for section in standard.sections:
        earned[section.id] = possible[section.id] = 0.0
        for item in section.items:
            shown = True
            if item.show_if is not None:
                shown = _condition_holds(item.show_if, canonical, visible, types)
            visible[item.id] = shown
            raw = answers.get(item.id)
            if raw is None:
                continue
            try:
                parsed = parse_answer(item, raw)
            except AnswerError as error:
                if error.reason == "empty":
                    continue
                raise
            canonical[item.id] = parsed.value
            if not (shown and item.scored and not parsed.na):
                continue
            share, passed = _share(item, parsed.value)
            if item.penalty:
                if not passed:
                    earned[section.id] -= item.weight * (1 - share)
            else:
                earned[section.id] += item.weight * share
            if not item.bonus and not item.penalty:
                possible[section.id] += item.weight
            if item.critical and not passed:
                critical_failed = True
    scores: dict[str, float | None] = {}
    total_weight = weighted = 0.0
    for section in standard.sections:
        if possible[section.id] == 0:
            scores[section.id] = None
            continue
        score = min(100.0, max(0.0, 100.0 * earned[section.id] / possible[section.id]))
        scores[section.id] = score
        weight = section.weight if section.weight is not None else possible[section.id]
        total_weight += weight
        weighted += weight * score
    overall = min(100.0, weighted / total_weight) if total_weight else None
    if overall is not None and critical_failed and standard.critical_policy == "zero":
        overall = 0.0
    band = ""
    if overall is not None:
        for candidate in standard.bands:  # highest first
            if candidate.min <= overall:
                band = candidate.label if isinstance(candidate.label, str) else ""
                break
    return Result(overall, critical_failed, scores, band)
