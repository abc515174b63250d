"""The `pass_if` and `points` cells: short range texts instead of YAML mappings.

pass_if: `10..120` (both included), or bounds separated by spaces: `<300`, `<=300`, `>4`,
`>=4`, `>10 <20`. Durations may be written as m:ss (`<1:30`). points: rows separated by `;`,
each `RANGE = SCORE`, first match wins, `else` for a row without bounds:
`<=3:00 = 1; <=4:00 = 0.8; else = 0`.
"""

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import cast

from standards.numbers import clock, parse_decimal, parse_duration, plain_decimal

_OPERATORS = {">=": "min", ">": "above", "<=": "max", "<": "below"}
_SYMBOLS = {key: symbol for symbol, key in _OPERATORS.items()}
_NUMBER = r"-?\d+(?:[.,:]\d+)*"
_PART = re.compile(rf"\s*(?:({_NUMBER})\s*\.\.\s*({_NUMBER})|(>=|<=|>|<)\s*({_NUMBER}))\s*")
_KEYS = ("min", "above", "max", "below")


class RangeError(ValueError):
    """A range text that cannot be read; the message says how to write it."""


def _value(text: str, duration: bool) -> int | float:
    if duration:
        seconds = parse_duration(text)
        if seconds is None:
            raise RangeError(f"'{text}' is not a duration; write seconds (90) or m:ss (1:30)")
        return seconds
    number = parse_decimal(text)
    if number is None:
        raise RangeError(f"'{text}' is not a number such as 12 or 2.5")
    return int(number) if number == number.to_integral_value() else float(number)


def parse_bounds(text: str, duration: bool = False) -> dict[str, int | float]:
    """`10..120` -> {min: 10, max: 120}; `<300` -> {below: 300}; raises RangeError."""
    bounds: dict[str, int | float] = {}
    rest = text.strip()
    if not rest:
        raise RangeError("it is empty; write a range such as 10..120, <300 or >=4")
    while rest:
        found = _PART.match(rest)
        if not found:
            raise RangeError(f"'{rest}' is no range; write 10..120, <300, <=300, >4 or >=4")
        low, high, operator, number = found.groups()
        pairs = (
            [("min", low), ("max", high)] if operator is None else [(_OPERATORS[operator], number)]
        )
        for key, raw in pairs:
            if key in bounds:
                raise RangeError(f"it gives {_SYMBOLS[key]} twice")
            bounds[key] = _value(raw, duration)
        rest = rest[found.end() :]
        if rest.lower().startswith("and "):
            rest = rest[4:]
    return bounds


def parse_points(text: str, duration: bool = False) -> list[dict[str, int | float]]:
    """`<=180 = 1; <=240 = 0.8; else = 0` -> the rows of a points table."""
    rows = []
    for part in (part.strip() for part in text.split(";")):
        if not part:
            continue
        head, sep, score = part.rpartition("=")
        if not sep or not head.strip() or head.rstrip().endswith(("<", ">")):
            raise RangeError(f"'{part}' is no points row; write RANGE = SCORE, such as <=180 = 1")
        bounds = {} if head.strip().lower() == "else" else parse_bounds(head, duration)
        share = parse_decimal(score)
        if share is None:
            raise RangeError(f"'{score.strip()}' is not a score from 0 to 1")
        rows.append({**bounds, "score": _plain(share)})
    if not rows:
        raise RangeError("it is empty; write rows such as <=180 = 1; else = 0")
    return rows


def _plain(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() else float(number)


def _show(value: float, duration: bool) -> str:
    if duration and float(value).is_integer() and value >= 60:
        return clock(value)
    return plain_decimal(value)


def write_bounds(bounds: Mapping[str, float | None], duration: bool = False) -> str:
    """The inverse of parse_bounds: `10..120`, `<1:30`, `>10 <20`."""
    given: dict[str, float] = {
        key: value for key in _KEYS if (value := bounds.get(key)) is not None
    }
    if set(given) == {"min", "max"}:
        return f"{_show(given['min'], duration)}..{_show(given['max'], duration)}"
    return " ".join(f"{_SYMBOLS[key]}{_show(value, duration)}" for key, value in given.items())


def write_points(rows: list[Mapping[str, float | None]], duration: bool = False) -> str:
    """The inverse of parse_points: `<=3:00 = 1; <=4:00 = 0.8; else = 0`."""
    parts = []
    for row in rows:
        bounds = write_bounds(row, duration) or "else"
        parts.append(f"{bounds} = {plain_decimal(cast(float, row['score']))}")
    return "; ".join(parts)
