"""Items answered with a measurement: a `number` (with a unit) or a `duration` (seconds)."""

from decimal import Decimal
from typing import ClassVar, Literal

from pydantic import ValidationInfo, field_validator, model_validator

from standards.base import Number, Share, settle
from standards.bounds import DurationPassIf, DurationTable, PassIf, PointsTable
from standards.errors import custom_error
from standards.item_base import ScoredItem, record_only_refuses


class MeasuredItem(ScoredItem):
    """Passes inside `pass_if`, or earns by a `points` table: exactly one of them when scored,
    neither when record-only. `pass_min` (the share needed to pass) goes with `points`."""

    pass_if: PassIf | None = None
    points: PointsTable | None = None
    pass_min: Share | None = None

    ADDED: ClassVar[dict[str, object]] = {
        **ScoredItem.ADDED,
        "points": None,
        "pass_min": None,
    }

    _record_only = field_validator("pass_if", "points", "pass_min")(record_only_refuses)

    @field_validator("points")
    @classmethod
    def _not_both(cls, points: object, info: ValidationInfo) -> object:
        if points is not None and info.data.get("pass_if") is not None:
            raise custom_error("points_and_pass_if")
        return points

    @field_validator("pass_min")
    @classmethod
    def _with_points(cls, share: float | None, info: ValidationInfo) -> float | None:
        if share is not None and info.data.get("points") is None and "points" in info.data:
            raise custom_error("pass_min_without_points")
        return share

    @model_validator(mode="after")
    def _one_rule(self) -> "MeasuredItem":
        if self.scored and self.pass_if is None and self.points is None:
            raise custom_error("pass_if_missing", type=self.type)
        if self.points is not None and self.pass_min is None:
            settle(self, pass_min=1.0)
        return self


class NumberItem(MeasuredItem):
    """`min` and `max` (both included) bound the answers the item takes; without `min` the
    lowest answer is 0, since a number item counts or measures (a wait, a price, people in a
    queue). A standard that means negative numbers says so: `min: -30` for a temperature."""

    type: Literal["number"]
    unit: str | None = None
    min: Number | None = None
    max: Number | None = None

    ADDED: ClassVar[dict[str, object]] = {**MeasuredItem.ADDED, "min": None, "max": None}

    @field_validator("max")
    @classmethod
    def _max_not_below_min(cls, value: float | None, info: ValidationInfo) -> float | None:
        low = info.data.get("min")
        if value is not None and value < (0 if low is None else low):
            raise custom_error("number_range", min=0 if low is None else low, max=value)
        return value

    @model_validator(mode="after")
    def _zero_is_the_default(self) -> "NumberItem":
        # `min: 0` says what leaving it out says: the same content, the same version.
        if self.min == 0:
            settle(self, min=None)
        return self

    @property
    def lowest(self) -> Decimal:
        """The lowest answer the item takes (its `min`, else 0)."""
        return Decimal(str(self.min)) if self.min is not None else Decimal(0)

    @property
    def highest(self) -> Decimal | None:
        """The highest answer the item takes; None when there is no `max`."""
        return Decimal(str(self.max)) if self.max is not None else None

    def takes(self, number: Decimal) -> bool:
        """Whether `number` lies within the item's `min`..`max`."""
        high = self.highest
        return number >= self.lowest and (high is None or number <= high)


class DurationItem(MeasuredItem):
    """Answers are m:ss, h:mm:ss or whole seconds, stored as whole seconds; bounds may be
    written either way."""

    type: Literal["duration"]
    pass_if: DurationPassIf | None = None
    points: DurationTable | None = None
