"""Items answered by picking options: one (`choice`) or all that apply (`multi_choice`)."""

from typing import Annotated, ClassVar, Literal, TypeVar

from pydantic import AfterValidator, Field, ValidationInfo, field_validator, model_validator

from standards.base import NA_WORDS, Id, Number, Share, Strict, Whole, settle
from standards.errors import custom_error
from standards.item_base import ScoredItem, record_only_refuses
from standards.texts import Text


def _not_na(option_id: str) -> str:
    # An answer "na" means N/A before any option is looked at, so it could never be chosen.
    if option_id in NA_WORDS:
        raise custom_error("option_na", id=option_id)
    return option_id


OptionId = Annotated[Id, AfterValidator(_not_na)]


class Option(Strict):
    """An option of a `choice`: its share of the weight (0..1) and whether it passes."""

    id: OptionId
    text: Text
    score: Annotated[Number, Field(ge=0, le=1)] | None = None
    pass_: bool | None = Field(default=None, alias="pass")
    """Whether choosing this option passes the item; filled with `score == 1` if not given."""

    @model_validator(mode="after")
    def _default_pass(self) -> "Option":
        if self.pass_ is None:
            settle(self, pass_=self.score == 1)
        return self


class MultiOption(Strict):
    """An option of a `multi_choice`: what ticking it adds (-1..1), and whether it must be
    ticked alone ("nothing of these")."""

    id: OptionId
    text: Text
    score: Annotated[Number, Field(ge=-1, le=1)] | None = None
    exclusive: bool = False


class SetOption(Strict):
    """An option in a named set: it becomes a choice's or a multi_choice's option where an
    item names the set, and is checked there for that kind of item."""

    id: OptionId
    text: Text
    score: Number | None = None
    """Checked where the set is used: 0..1 in a choice, -1..1 in a multi_choice."""
    pass_: bool | None = Field(default=None, alias="pass")
    exclusive: bool = False


_Option = TypeVar("_Option")


def _at_least_two(options: tuple[_Option, ...]) -> tuple[_Option, ...]:
    if len(options) < 2:
        raise custom_error("options_too_few")
    return options


class ChoiceItem(ScoredItem):
    type: Literal["choice"]
    options: tuple[Option, ...]

    _two = field_validator("options")(_at_least_two)

    @model_validator(mode="after")
    def _scores_given(self) -> "ChoiceItem":
        # Record-only choices need no scores; a scored one needs each option's share.
        if self.scored:
            for index, option in enumerate(self.options):
                if option.score is None:
                    raise custom_error("missing_key", key="score", at=("options", index))
        return self

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(f"item {self.id} has no option {option_id!r}")


class MultiChoiceItem(ScoredItem):
    """Tick all that apply. earned = weight x clamp(base + ticked scores, 0, 1); the item
    passes when earned reaches pass_min x weight."""

    type: Literal["multi_choice"]
    options: tuple[MultiOption, ...]
    base: Share | None = None
    min_select: Annotated[Whole, Field(ge=1)] = 1
    max_select: Annotated[Whole, Field(ge=1)] | None = None
    pass_min: Share | None = None

    ADDED: ClassVar[dict[str, object]] = {}

    _two = field_validator("options")(_at_least_two)
    _record_only = field_validator("base", "pass_min")(record_only_refuses)

    @field_validator("max_select")
    @classmethod
    def _max_not_below_min(cls, value: int | None, info: ValidationInfo) -> int | None:
        low = info.data.get("min_select")
        if value is not None and low is not None and value < low:
            raise custom_error("select_order", min_select=low, max_select=value)
        return value

    @model_validator(mode="after")
    def _fits_the_options(self) -> "MultiChoiceItem":
        if self.min_select > len(self.options):
            raise custom_error(
                "select_too_many",
                min_select=self.min_select,
                count=len(self.options),
                at=("min_select",),
            )
        if self.min_select > 1:
            for index, option in enumerate(self.options):
                if option.exclusive:
                    raise custom_error(
                        "exclusive_unreachable",
                        id=option.id,
                        min_select=self.min_select,
                        at=("options", index, "exclusive"),
                    )
        if self.scored:
            filled = tuple(
                option if option.score is not None else option.model_copy(update={"score": 0.0})
                for option in self.options
            )
            base = 0.0 if self.base is None else self.base
            share = 1.0 if self.pass_min is None else self.pass_min
            settle(self, options=filled, base=base, pass_min=share)
        return self

    def option(self, option_id: str) -> MultiOption:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(f"item {self.id} has no option {option_id!r}")

    def share(self, ticked: list[str]) -> float:
        """The share of the weight a set of ticked option ids earns (0..1)."""
        total = (self.base or 0.0) + sum(self.option(oid).score or 0.0 for oid in ticked)
        return min(1.0, max(0.0, total))

    def best_share(self) -> float:
        """The highest share any allowed selection earns (exclusive options tick alone)."""
        best = -1.0
        plain = sorted((o.score or 0.0 for o in self.options if not o.exclusive), reverse=True)
        most = len(plain) if self.max_select is None else min(self.max_select, len(plain))
        for count in range(self.min_select, most + 1):
            total = (self.base or 0.0) + sum(plain[:count])
            best = max(best, min(1.0, max(0.0, total)))
        if self.min_select <= 1:
            for option in self.options:
                if option.exclusive:
                    best = max(best, self.share([option.id]))
        return max(best, 0.0)
