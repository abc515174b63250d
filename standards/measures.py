"""Items answered with a measurement: a `number` (with a unit) or a `duration` (seconds)."""

from typing import ClassVar, Literal

from pydantic import ValidationInfo, field_validator, model_validator

from standards.base import Share, settle
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
    type: Literal["number"]
    unit: str | None = None


class DurationItem(MeasuredItem):
    """Answers are m:ss, h:mm:ss or whole seconds, stored as whole seconds; bounds may be
    written either way."""

    type: Literal["duration"]
    pass_if: DurationPassIf | None = None
    points: DurationTable | None = None
