"""Ranges of numbers and durations: when a number item passes, and points tables."""

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, model_validator

from standards.base import NonEmpty, Number, Share, Strict
from standards.errors import custom_error
from standards.numbers import parse_duration


def _seconds(value: Any) -> Any:
    # A duration bound may be written as seconds (300) or as a clock text ("5:00").
    if isinstance(value, str):
        seconds = parse_duration(value)
        if seconds is None:
            raise custom_error("duration_bound", value=value)
        return float(seconds)
    return value


Seconds = Annotated[Number, BeforeValidator(_seconds)]
"""A number of seconds, or a clock text such as "5:00" (read as 300 seconds)."""


class Bounds(Strict):
    """`min`/`max` include the bound, `above`/`below` exclude it; each is optional."""

    min: Number | None = None
    max: Number | None = None
    above: Number | None = None
    below: Number | None = None

    ADDED: ClassVar[dict[str, object]] = {"above": None, "below": None}

    def holds(self, value: Decimal | float) -> bool:
        number = Decimal(str(value)) if not isinstance(value, Decimal) else value
        tests: tuple[tuple[float | None, Callable[[Decimal], bool]], ...] = (
            (self.min, lambda bound: number >= bound),
            (self.max, lambda bound: number <= bound),
            (self.above, lambda bound: number > bound),
            (self.below, lambda bound: number < bound),
        )
        return all(test(Decimal(str(bound))) for bound, test in tests if bound is not None)

    @property
    def unbounded(self) -> bool:
        return all(bound is None for bound in (self.min, self.max, self.above, self.below))

    def interval(self) -> tuple[float, bool, float, bool]:
        """(low, low included, high, high included); infinite where there is no bound."""
        low, low_in = -float("inf"), False
        for bound, included in ((self.min, True), (self.above, False)):
            if bound is not None and (bound > low or (bound == low and not included)):
                low, low_in = bound, included
        high, high_in = float("inf"), False
        for bound, included in ((self.max, True), (self.below, False)):
            if bound is not None and (bound < high or (bound == high and not included)):
                high, high_in = bound, included
        return low, low_in, high, high_in

    def empty(self) -> bool:
        """True when no value lies inside (`min: 5, below: 5`)."""
        low, low_in, high, high_in = self.interval()
        return low > high or (low == high and not (low_in and high_in))

    def describe(self) -> str:
        """The range in words for messages and diffs (`from 10 to below 20`)."""
        parts = []
        for bound, word in (
            (self.min, "from"),
            (self.above, "above"),
            (self.max, "up to"),
            (self.below, "below"),
        ):
            if bound is not None:
                parts.append(f"{word} {int(bound) if float(bound).is_integer() else bound}")
        return ", ".join(parts) or "any value"


class PassIf(Bounds):
    """When the answer to a number item passes."""

    @model_validator(mode="after")
    def _some_value_passes(self) -> "PassIf":
        if self.unbounded:
            raise custom_error("pass_if_empty")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise custom_error("pass_if_order", min=self.min, max=self.max)
        if self.empty():
            raise custom_error("pass_if_nothing", range=self.describe())
        return self


class DurationPassIf(PassIf):
    min: Seconds | None = None
    max: Seconds | None = None
    above: Seconds | None = None
    below: Seconds | None = None


class PointsRange(Bounds):
    """One row of a points table: the share of the weight a value inside earns."""

    score: Share

    @model_validator(mode="after")
    def _not_empty(self) -> "PointsRange":
        if self.empty():
            raise custom_error("points_range_empty", range=self.describe())
        return self


class DurationRange(PointsRange):
    min: Seconds | None = None
    max: Seconds | None = None
    above: Seconds | None = None
    below: Seconds | None = None


PointsTable = Annotated[tuple[PointsRange, ...], NonEmpty]
DurationTable = Annotated[tuple[DurationRange, ...], NonEmpty]


def table_share(table: tuple[PointsRange, ...], value: Decimal | float) -> float | None:
    """The share the first range holding `value` gives; None when no range holds it."""
    for row in table:
        if row.holds(value):
            return row.score
    return None


def uncovered(table: tuple[PointsRange, ...], floor: float | None = None) -> bool:
    """Whether some value (from `floor` on, when given) lies in no range of the table."""
    spans = sorted(row.interval() for row in table)
    reach, reach_in = (floor, True) if floor is not None else (-float("inf"), False)
    for low, low_in, high, high_in in spans:
        at_reach = low == reach and low != -float("inf") and not (low_in or reach_in)
        if low > reach or at_reach:
            return True
        if high > reach or (high == reach and high_in):
            reach, reach_in = high, high_in
    return reach != float("inf")
