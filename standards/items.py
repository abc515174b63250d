"""What a standard file says about one item; how answers earn points lives in `scoring`.

The item types live beside their kin (`choices`, `measures`); this module names them all
and holds the union that picks the model by `type`.
"""

from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from standards.base import ID_PATTERN, Id, NonEmpty, Number, Strict, Weight, Whole, settle
from standards.bounds import DurationPassIf, DurationRange, PassIf, PointsRange
from standards.choices import ChoiceItem, MultiChoiceItem, MultiOption, Option
from standards.conditions import AnswerValue, Condition, answer_value
from standards.errors import custom_error
from standards.item_base import (
    ANSWER_TYPES,
    ITEM_TYPES,
    REQUIRE_COMMENT,
    SCORED_ONLY_KEYS,
    SCORED_TYPES,
    SCORING_KEYS,
    SUBJECTS,
    UNSCORED_TYPES,
    ItemBase,
    ScoredItem,
    UnscoredItem,
    record_only_refuses,
)
from standards.measures import DurationItem, MeasuredItem, NumberItem

ShowIf = Condition


class YesNoItem(ScoredItem):
    type: Literal["yes_no"]


class ScaleItem(ScoredItem):
    type: Literal["scale"]
    min: Whole = 1
    max: Whole = 5
    pass_min: Whole | None = None
    """Filled with the ceiling of the midpoint when not given, so leaving it out or writing
    the default gives the same content (and the same version)."""

    _record_only = field_validator("pass_min")(record_only_refuses)

    @field_validator("max")
    @classmethod
    def _max_above_min(cls, value: int, info: ValidationInfo) -> int:
        low = info.data.get("min")
        if low is not None and value <= low:
            raise custom_error("scale_range", min=low, max=value)
        return value

    @field_validator("pass_min")
    @classmethod
    def _pass_min_in_range(cls, value: int | None, info: ValidationInfo) -> int | None:
        low, high = info.data.get("min"), info.data.get("max")
        if value is not None and low is not None and high is not None and not low <= value <= high:
            raise custom_error("scale_pass_min", pass_min=value, min=low, max=high)
        return value

    @model_validator(mode="after")
    def _default_pass_min(self) -> "ScaleItem":
        if self.pass_min is None and self.scored:
            settle(self, pass_min=-(-(self.min + self.max) // 2))
        return self

    @property
    def pass_at(self) -> int:
        """The lowest passing value of a scored scale (settled when it was read)."""
        if self.pass_min is None:
            raise ValueError(f"{self.id}: a record-only scale has no pass mark")
        return self.pass_min


class TextItem(UnscoredItem):
    type: Literal["text"]


class PhotoItem(UnscoredItem):
    type: Literal["photo"]


class DateItem(UnscoredItem):
    type: Literal["date"]


class TimeItem(UnscoredItem):
    type: Literal["time"]


Item = Annotated[
    YesNoItem
    | ScaleItem
    | ChoiceItem
    | MultiChoiceItem
    | NumberItem
    | DurationItem
    | TextItem
    | PhotoItem
    | DateItem
    | TimeItem,
    Field(discriminator="type"),
]
"""One checklist item; `type` picks the model, so an unknown type is one clear error."""

ITEM_MODELS: dict[str, type[ItemBase]] = {
    "yes_no": YesNoItem,
    "scale": ScaleItem,
    "choice": ChoiceItem,
    "multi_choice": MultiChoiceItem,
    "number": NumberItem,
    "duration": DurationItem,
    "text": TextItem,
    "photo": PhotoItem,
    "date": DateItem,
    "time": TimeItem,
}

__all__ = [
    "ANSWER_TYPES",
    "ID_PATTERN",
    "ITEM_MODELS",
    "ITEM_TYPES",
    "REQUIRE_COMMENT",
    "SCORED_ONLY_KEYS",
    "SCORED_TYPES",
    "SCORING_KEYS",
    "SUBJECTS",
    "UNSCORED_TYPES",
    "AnswerValue",
    "ChoiceItem",
    "Condition",
    "DateItem",
    "DurationItem",
    "DurationPassIf",
    "DurationRange",
    "Id",
    "Item",
    "ItemBase",
    "MeasuredItem",
    "MultiChoiceItem",
    "MultiOption",
    "NonEmpty",
    "Number",
    "NumberItem",
    "Option",
    "PassIf",
    "PhotoItem",
    "PointsRange",
    "ScaleItem",
    "ScoredItem",
    "ShowIf",
    "Strict",
    "TextItem",
    "TimeItem",
    "UnscoredItem",
    "Weight",
    "YesNoItem",
    "answer_value",
]
