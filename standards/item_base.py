"""What every item says, and what an item that can earn points says besides."""

from typing import Any, ClassVar, Literal, get_args

from pydantic import ValidationInfo, field_validator, model_validator

from standards.base import Id, Strict, Weight, settle
from standards.conditions import Condition
from standards.errors import custom_error
from standards.texts import Text

ANSWER_TYPES = ("yes_no", "scale", "choice", "multi_choice", "number", "duration")
"""Types whose answers can earn points; `scored: false` makes one record-only."""
SCORED_TYPES = ANSWER_TYPES
UNSCORED_TYPES = ("text", "photo", "date", "time")
ITEM_TYPES = ANSWER_TYPES + UNSCORED_TYPES
SCORING_KEYS = (
    "weight",
    "critical",
    "bonus",
    "penalty",
    "action",
    "pass_if",
    "points",
    "pass_min",
    "base",
)
"""Keys that only make sense on an item that earns points."""
SCORED_ONLY_KEYS = SCORING_KEYS
Subject = Literal["staff", "store"]
RequireComment = Literal["never", "on_fail", "always"]
SUBJECTS: tuple[str, ...] = get_args(Subject)
REQUIRE_COMMENT: tuple[str, ...] = get_args(RequireComment)


class ItemBase(Strict):
    id: Id
    type: str
    text: Text
    guidance: Text | None = None
    na_allowed: bool = False
    subject: Subject = "store"
    require_comment: RequireComment = "never"
    require_photo: bool = False
    show_if: Condition | None = None


def record_only_refuses(value: Any, info: ValidationInfo) -> Any:
    """A scoring key given on a `scored: false` item is an error, at that key."""
    if value is not None and info.data.get("scored") is False:
        raise custom_error("record_only_key", key=info.field_name)
    return value


class ScoredItem(ItemBase):
    """An item with an answer that can earn points; `scored: false` only records it.

    The scoring keys read None in the file's absence and are filled after validation
    (weight 1, the flags false) on a scored item, so a record-only item can tell a key that
    was written from one that was not.
    """

    scored: bool = True
    weight: Weight | None = None
    critical: bool | None = None
    bonus: bool | None = None
    penalty: bool | None = None
    action: Text | None = None

    ADDED: ClassVar[dict[str, object]] = {"scored": True, "penalty": False, "action": None}

    _check_record_only = field_validator("weight", "critical", "bonus", "penalty", "action")(
        record_only_refuses
    )

    @field_validator("bonus")
    @classmethod
    def _not_critical_and_bonus(cls, bonus: bool | None, info: ValidationInfo) -> bool | None:
        if bonus and info.data.get("critical"):
            raise custom_error("critical_bonus")
        return bonus

    @field_validator("penalty")
    @classmethod
    def _penalty_alone(cls, penalty: bool | None, info: ValidationInfo) -> bool | None:
        if penalty:
            other = [flag for flag in ("critical", "bonus") if info.data.get(flag)]
            if other:
                raise custom_error("penalty_combined", other=other[0])
        return penalty

    @model_validator(mode="after")
    def _fill_scoring(self) -> "ScoredItem":
        if self.scored:
            settle(
                self,
                weight=1.0 if self.weight is None else self.weight,
                critical=bool(self.critical),
                bonus=bool(self.bonus),
                penalty=bool(self.penalty),
            )
        return self


class UnscoredItem(ItemBase):
    """An item that only collects information; its scoring flags read False."""

    @property
    def scored(self) -> bool:
        return False

    @property
    def critical(self) -> bool:
        return False

    @property
    def bonus(self) -> bool:
        return False

    @property
    def penalty(self) -> bool:
        return False

    @property
    def weight(self) -> None:
        return None

    @property
    def action(self) -> None:
        return None
