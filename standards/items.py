"""What a standard file says about one item; how answers earn points lives in `scoring`."""

from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from standards.errors import custom_error
from standards.numbers import plain_decimal
from standards.texts import Text

ID_PATTERN = r"^[a-z0-9_-]+$"
SCORED_TYPES = ("yes_no", "scale", "choice", "number")
UNSCORED_TYPES = ("text", "photo", "date", "time")
ITEM_TYPES = SCORED_TYPES + UNSCORED_TYPES
SCORED_ONLY_KEYS = ("weight", "critical", "bonus")
Subject = Literal["staff", "store"]
RequireComment = Literal["never", "on_fail", "always"]
SUBJECTS: tuple[str, ...] = get_args(Subject)
REQUIRE_COMMENT: tuple[str, ...] = get_args(RequireComment)


class Strict(BaseModel):
    """Base of every model read from a file: typos are errors, values never change later."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, validate_default=True, validate_by_name=True
    )

    def __hash__(self) -> int:
        # Texts are dicts, so pydantic's field-tuple hash would fail; the content is the key.
        return hash(self.model_dump_json(by_alias=True))


def _no_bool(kind: str) -> Any:
    # pydantic reads `weight: true` as 1; in a hand-written file that is a slip, not a number.
    def check(value: Any) -> Any:
        if isinstance(value, bool):
            raise PydanticCustomError(kind, "Input should be a valid number")
        return value

    return BeforeValidator(check)


def _non_empty(value: Any) -> Any:
    # Field(min_length=..) would count only the entries that validated, so one bad item
    # would add a false "needs at least one entry"; checking the raw list avoids that.
    if isinstance(value, list | tuple) and not value:
        raise custom_error("too_short", key="this list")
    return value


NonEmpty = BeforeValidator(_non_empty)
Number = Annotated[float, _no_bool("float_type")]
Whole = Annotated[int, _no_bool("int_type")]
Weight = Annotated[Number, Field(gt=0)]
Id = Annotated[str, Field(pattern=ID_PATTERN)]


def answer_value(value: Any) -> Any:
    # show_if values are compared with stored answers, which are canonical strings.
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return plain_decimal(value)
    return value


AnswerValue = Annotated[str, BeforeValidator(answer_value)]


class ShowIf(Strict):
    """Show an item only when an earlier item got one of some answers."""

    item: str
    equals: AnswerValue | None = None
    in_: Annotated[tuple[AnswerValue, ...], NonEmpty] | None = Field(default=None, alias="in")

    @model_validator(mode="after")
    def _one_test(self) -> "ShowIf":
        if (self.equals is None) == (self.in_ is None):
            detail = "both" if self.equals is not None else "neither"
            raise custom_error("show_if_shape", detail=detail)
        return self

    @property
    def values(self) -> tuple[str, ...]:
        """The answers of `item` that show the item."""
        return (self.equals,) if self.equals is not None else (self.in_ or ())


class ItemBase(Strict):
    id: Id
    type: str
    text: Text
    guidance: Text | None = None
    na_allowed: bool = False
    subject: Subject = "store"
    require_comment: RequireComment = "never"
    require_photo: bool = False
    show_if: ShowIf | None = None

    @property
    def scored(self) -> bool:
        """Whether answers to this item earn points (yes_no, scale, choice, number)."""
        return self.type in SCORED_TYPES


class ScoredItem(ItemBase):
    weight: Weight = 1.0
    critical: bool = False
    bonus: bool = False

    @field_validator("bonus")
    @classmethod
    def _not_critical_and_bonus(cls, bonus: bool, info: ValidationInfo) -> bool:
        if bonus and info.data.get("critical"):
            raise custom_error("critical_bonus")
        return bonus


class UnscoredItem(ItemBase):
    """An item that only collects information; `critical` and `bonus` read False for it."""

    @property
    def critical(self) -> bool:
        return False

    @property
    def bonus(self) -> bool:
        return False


class YesNoItem(ScoredItem):
    type: Literal["yes_no"]


class ScaleItem(ScoredItem):
    type: Literal["scale"]
    min: Whole = 1
    max: Whole = 5
    pass_min: Whole | None = None
    """Filled with the ceiling of the midpoint when not given, so leaving it out or writing
    the default gives the same content (and the same version)."""

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
        known = value is not None and low is not None and high is not None
        if known and not low <= value <= high:
            raise custom_error("scale_pass_min", pass_min=value, min=low, max=high)
        return value

    @model_validator(mode="after")
    def _default_pass_min(self) -> "ScaleItem":
        if self.pass_min is None:
            object.__setattr__(self, "pass_min", -(-(self.min + self.max) // 2))
        return self


class Option(Strict):
    id: Id
    text: Text
    score: Annotated[Number, Field(ge=0, le=1)]
    pass_: bool | None = Field(default=None, alias="pass")
    """Whether choosing this option passes the item; filled with `score == 1` if not given."""

    @model_validator(mode="after")
    def _default_pass(self) -> "Option":
        if self.pass_ is None:
            object.__setattr__(self, "pass_", self.score == 1)
        return self


class ChoiceItem(ScoredItem):
    type: Literal["choice"]
    options: tuple[Option, ...]

    @field_validator("options")
    @classmethod
    def _at_least_two(cls, options: tuple[Option, ...]) -> tuple[Option, ...]:
        if len(options) < 2:
            raise custom_error("options_too_few")
        return options

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(f"item {self.id} has no option {option_id!r}")


class PassIf(Strict):
    min: Number | None = None
    max: Number | None = None

    @model_validator(mode="after")
    def _a_bound(self) -> "PassIf":
        if self.min is None and self.max is None:
            raise custom_error("pass_if_empty")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise custom_error("pass_if_order", min=self.min, max=self.max)
        return self


class NumberItem(ScoredItem):
    type: Literal["number"]
    unit: str | None = None
    pass_if: PassIf


class TextItem(UnscoredItem):
    type: Literal["text"]


class PhotoItem(UnscoredItem):
    type: Literal["photo"]


class DateItem(UnscoredItem):
    type: Literal["date"]


class TimeItem(UnscoredItem):
    type: Literal["time"]


Item = Annotated[
    YesNoItem | ScaleItem | ChoiceItem | NumberItem | TextItem | PhotoItem | DateItem | TimeItem,
    Field(discriminator="type"),
]
"""One checklist item; `type` picks the model, so an unknown type is one clear error."""

ITEM_MODELS: dict[str, type[ItemBase]] = {
    "yes_no": YesNoItem,
    "scale": ScaleItem,
    "choice": ChoiceItem,
    "number": NumberItem,
    "text": TextItem,
    "photo": PhotoItem,
    "date": DateItem,
    "time": TimeItem,
}
