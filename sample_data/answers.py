"""One visit's answers, generated generically from the standard's item types."""

from __future__ import annotations

import math

import numpy as np

from standards import Item, Standard

from . import comments
from .model import PassModel, Visit
from .rand import rng_for, unit_hash
from .spec import SCORED, is_steering, options, pass_bounds, scale_range, show_if

COMMENT_ON_FAIL = 0.85  # share of fails the shopper explains without being asked
COMMENT_ON_PASS = 0.03
COMMENT_ON_NA = 0.3
TEXT_ANSWERED = 0.85
DECIMAL_UNITS = ("h", "hours", "std", "km", "eur", "€", "%")


def answer_visit(
    standard: Standard,
    visit: Visit,
    model: PassModel,
    scenarios: dict[str, dict[str, float]],
) -> list[tuple[str, str, str]]:
    """(item_id, value, comment) for each answered item, in the standard's order.

    `scenarios` gives, per steering item, how often each option is chosen (else evenly).
    """
    rng = rng_for("answers", standard.id, visit.visit_id)
    offset = model.visit_offset(visit, rng)
    given: dict[str, str] = {}
    outcomes: list[tuple[Item, bool]] = []
    rows = []
    for item in standard.items():
        cond = show_if(item)
        if cond is not None and given.get(cond[0]) not in cond[1]:
            continue  # hidden: never answered
        if item.type == "photo":
            continue
        passed: bool | None = None
        if is_steering(item):
            value = _scenario(item, scenarios.get(item.id, {}), rng)
        elif item.type in SCORED:
            if item.na_allowed and rng.random() < na_rate(standard.id, item):
                value = "na"
            else:
                p = model.pass_probability(standard.id, item, visit, offset)
                passed = bool(rng.random() < p)
                value = scored_value(item, passed, p, rng)
                outcomes.append((item, passed))
        else:
            value = unscored_value(item, visit, outcomes, rng)
            if value is None:
                continue
        given[item.id] = value
        rows.append((item.id, value, _comment(item, visit.channel, value, passed, rng)))
    return rows


def na_rate(standard_id: str, item: Item) -> float:
    """How often the situation behind an N/A-able item does not arise: 5-35 %."""
    return 0.05 + 0.30 * unit_hash("na", standard_id, item.id)


def scored_value(item: Item, passed: bool, p: float, rng: np.random.Generator) -> str:
    if item.type == "yes_no":
        return "yes" if passed else "no"
    if item.type == "scale":
        lo, hi, pass_min = scale_range(item)
        if passed:
            return str(pass_min + int(rng.binomial(hi - pass_min, 0.25 + 0.6 * p)))
        return str(pass_min - 1 - int(rng.binomial(pass_min - 1 - lo, 0.3)))
    if item.type == "choice":
        return _choice(item, passed, rng)
    return _number(item, passed, rng)


def unscored_value(
    item: Item, visit: Visit, outcomes: list[tuple[Item, bool]], rng: np.random.Generator
) -> str | None:
    if item.type == "date":
        return visit.start.date().isoformat()
    if item.type == "time":
        return visit.start.strftime("%H:%M")
    if rng.random() >= TEXT_ANSWERED:
        return None
    return comments.free_text(item, visit, outcomes, rng)


def _scenario(item: Item, shares: dict[str, float], rng: np.random.Generator) -> str:
    ids = [o.id for o in item.options]
    weights = np.array([shares.get(i, 0.0) if shares else 1.0 for i in ids])
    return ids[int(rng.choice(len(ids), p=weights / weights.sum()))]


def _choice(item: Item, passed: bool, rng: np.random.Generator) -> str:
    opts = options(item)
    pool = [o for o in opts if o[2] == passed] or opts
    weights = np.array([(o[1] ** 2 + 0.1) if passed else 1.0 for o in pool])
    return pool[int(rng.choice(len(pool), p=weights / weights.sum()))][0]


def _number(item: Item, passed: bool, rng: np.random.Generator) -> str:
    lo, hi = pass_bounds(item)
    unit = (item.unit or "").lower()
    whole = all(b is None or float(b).is_integer() for b in (lo, hi))
    step = 0.1 if unit in DECIMAL_UNITS or not whole else 1.0
    if passed:
        low = lo if lo is not None else (step if hi is None or hi >= 1 else hi - 10)
        high = hi if hi is not None else low + max(abs(low), 1.0) * 2
        value = low + (high - low) * float(rng.beta(2.0, 2.5))
        value = min(max(_round(value, step, "nearest"), low), high)
    elif hi is not None and (lo is None or lo <= 0 or rng.random() < 0.7):
        value = _round(hi + step + max(abs(hi), 1.0) * float(rng.exponential(0.7)), step, "up")
    else:
        value = _round(lo - step - max(abs(lo), 1.0) * float(rng.random()) * 0.8, step, "down")
        if lo > 0:
            value = max(value, 0.0)
    text = f"{value:.0f}" if step == 1.0 else f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _round(value: float, step: float, how: str) -> float:
    scaled = value / step
    rounded = {"up": math.ceil, "down": math.floor}.get(how, round)(round(scaled, 9))
    return rounded * step


def _comment(
    item: Item, channel: str, value: str, passed: bool | None, rng: np.random.Generator
) -> str:
    required = item.require_comment
    if value == "na":
        if required == "always" or rng.random() < COMMENT_ON_NA:
            return comments.na_comment(rng)
        return ""
    if passed is None:  # unscored or steering
        return comments.comment(item, channel, value, True, rng) if required == "always" else ""
    if passed or item.bonus:
        wanted = required == "always" or rng.random() < COMMENT_ON_PASS
    else:
        wanted = required in ("always", "on_fail") or rng.random() < COMMENT_ON_FAIL
    return comments.comment(item, channel, value, passed, rng) if wanted else ""
