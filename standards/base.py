"""The building blocks every model of a standard file shares."""

from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_serializer
from pydantic_core import PydanticCustomError

from standards.errors import custom_error

ID_PATTERN = r"^[a-z0-9_-]+$"
NA_WORDS = frozenset({"na", "n/a", "n.a.", "n. a."})
"""Answer texts meaning "not applicable", compared in lower case."""


class Strict(BaseModel):
    """Base of every model read from a file: typos are errors, values never change later."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, validate_default=True, validate_by_name=True
    )

    ADDED: ClassVar[dict[str, object]] = {}
    """Keys that Language 2 added, with their defaults. While a key holds its default it is
    left out of the content, so a file written before Language 2 keeps its version hash."""

    @model_serializer(mode="wrap")
    def _without_unused_additions(self, handler: Any) -> Any:
        data = handler(self)
        if isinstance(data, dict):
            for key, default in self.ADDED.items():
                if key in data and data[key] == default:
                    del data[key]
        return data

    def __hash__(self) -> int:
        # Texts are dicts, so pydantic's field-tuple hash would fail; the content is the key.
        return hash(self.model_dump_json(by_alias=True))


def settle(model: BaseModel, **values: object) -> None:
    """Fill defaults that depend on other fields, after validation (models are frozen)."""
    for key, value in values.items():
        object.__setattr__(model, key, value)


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
# YAML's .nan and .inf are numbers to pydantic, but no bound or weight a trainer means.
Number = Annotated[float, _no_bool("float_type"), Field(allow_inf_nan=False)]
Whole = Annotated[int, _no_bool("int_type")]
Weight = Annotated[Number, Field(gt=0)]
Share = Annotated[Number, Field(ge=0, le=1)]
"""A share of an item's weight, 0..1."""
Id = Annotated[str, Field(pattern=ID_PATTERN)]
