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


def _points(item, value: str) -> tuple[float, bool]:
    if item.type == "yes_no":
        return (item.weight, True) if value == "yes" else (0.0, False)
    if item.type == "scale":
        number = int(value)
        return item.weight * (number - item.min) / (item.max - item.min), number >= item.pass_min
    if item.type == "choice":
        option = next(option for option in item.options if option.id == value)
        return item.weight * option.score, bool(option.pass_)
    number = float(value)
    low, high = item.pass_if.min, item.pass_if.max
    ok = (low is None or number >= low) and (high is None or number <= high)
    return (item.weight if ok else 0.0), ok


def reference_score(standard: Standard, answers: dict[str, str]) -> Result:
    canonical: dict[str, str | None] = {}
    visible: dict[str, bool] = {}
    earned: dict[str, float] = {}
    possible: dict[str, float] = {}
    critical_failed = False
    for section in standard.sections:
        earned[section.id] = possible[section.id] = 0.0
        for item in section.items:
            shown = True
            if item.show_if is not None:
                parent = item.show_if.item
                shown = visible[parent] and canonical.get(parent) in item.show_if.values
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
            got, passed = _points(item, parsed.value)
            earned[section.id] += got
            if not item.bonus:
                possible[section.id] += item.weight
            if item.critical and not passed:
                critical_failed = True
    scores: dict[str, float | None] = {}
    total_weight = weighted = 0.0
    for section in standard.sections:
        if possible[section.id] == 0:
            scores[section.id] = None
            continue
        score = min(100.0, 100.0 * earned[section.id] / possible[section.id])
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
