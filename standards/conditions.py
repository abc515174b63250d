"""`show_if`: when an item is asked, from the answers to earlier items.

A leaf names one earlier item and one test; `all` and `any` combine conditions. A leaf whose
item is hidden, unanswered or N/A is false whatever its test, so a hidden parent hides its
children through every kind of test, `not_in` included.
"""

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field, model_validator

from standards.base import NonEmpty, Number, Strict
from standards.errors import custom_error
from standards.numbers import parse_duration, plain_decimal

LIST_TESTS = ("in", "not_in")
NUMBER_TESTS = ("min", "max", "above", "below")
TESTS = ("equals", *LIST_TESTS, *NUMBER_TESTS)
MAX_DEPTH = 6
"""How deep `all`/`any` may nest: deeper than anyone writes by hand, shallow enough that a
hostile file cannot exhaust the stack."""


def answer_value(value: Any) -> Any:
    # Conditions are compared with stored answers, which are canonical strings.
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return plain_decimal(value)
    return value


AnswerValue = Annotated[str, BeforeValidator(answer_value)]


def _bound(value: Any) -> Any:
    # A number, or for a duration a clock text ("5:00" is 300 seconds); the tree checks
    # refuse a clock text on a scale or number item.
    if isinstance(value, str):
        seconds = parse_duration(value)
        if seconds is None:
            raise custom_error("show_if_bound", value=value)
        return float(seconds)
    return value


Bound = Annotated[Number, BeforeValidator(_bound)]
Values = Annotated[tuple[AnswerValue, ...], NonEmpty]


class Condition(Strict):
    """A leaf (`item` and one test) or a group (`all` or `any` of further conditions)."""

    item: str | None = None
    equals: AnswerValue | None = None
    in_: Values | None = Field(default=None, alias="in")
    not_in: Values | None = None
    min: Bound | None = None
    max: Bound | None = None
    above: Bound | None = None
    below: Bound | None = None
    all_: Annotated[tuple["Condition", ...], NonEmpty] | None = Field(default=None, alias="all")
    any_: Annotated[tuple["Condition", ...], NonEmpty] | None = Field(default=None, alias="any")

    ADDED: ClassVar[dict[str, object]] = dict.fromkeys(("not_in", *NUMBER_TESTS, "all", "any"))

    @model_validator(mode="after")
    def _one_form(self) -> "Condition":
        tests = [name for name in TESTS if self.test(name) is not None]
        groups = [name for name in ("all", "any") if self.group(name) is not None]
        if groups:
            if len(groups) > 1 or tests or self.item is not None:
                extra = [*groups, *tests, *(["item"] if self.item is not None else [])]
                raise custom_error("show_if_shape", detail=_words(extra))
        elif self.item is None or len(tests) != 1:
            found = ([] if self.item is None else ["item"]) + tests
            raise custom_error("show_if_shape", detail=_words(found) if found else "nothing")
        return self

    def test(self, name: str) -> Any:
        return getattr(self, {"in": "in_"}.get(name, name))

    def group(self, name: str) -> tuple["Condition", ...] | None:
        return self.all_ if name == "all" else self.any_

    @property
    def is_leaf(self) -> bool:
        return self.item is not None

    @property
    def tested(self) -> str:
        """The item a leaf tests; a group tests none (asking is a programming error)."""
        if self.item is None:
            raise ValueError("a group of conditions tests no single item")
        return self.item

    @property
    def kind(self) -> str:
        """The test of a leaf (`equals`, `in`, ...), or `all`/`any` for a group."""
        if not self.is_leaf:
            return "all" if self.all_ is not None else "any"
        return next(name for name in TESTS if self.test(name) is not None)

    @property
    def values(self) -> tuple[str, ...]:
        """The answers an `equals`/`in` leaf lists (empty for other tests)."""
        if self.equals is not None:
            return (self.equals,)
        return self.in_ or ()

    def leaves(self) -> Iterator["Condition"]:
        if self.is_leaf:
            yield self
            return
        for part in self.group(self.kind) or ():
            yield from part.leaves()

    def holds(self, answers: Mapping[str, str | None], shown: set[str], multi: set[str]) -> bool:
        """Whether the condition holds for canonical `answers` (None for N/A) of the items in
        `shown`; items in `multi` are multi-selects (their answer lists ticked ids)."""
        if not self.is_leaf:
            parts = (part.holds(answers, shown, multi) for part in self.group(self.kind) or ())
            return all(parts) if self.kind == "all" else any(parts)
        value = answers.get(self.item) if self.item in shown else None
        if value is None:
            return False
        return self.leaf_holds(value, self.item in multi)

    def leaf_holds(self, value: str, multi: bool) -> bool:
        """The leaf's test on one canonical answer (answered, not N/A)."""
        kind = self.kind
        if kind in ("equals", "in", "not_in"):
            listed = set(self.values if kind != "not_in" else self.not_in or ())
            given = set(value.split()) if multi else {value}
            return not (given & listed) if kind == "not_in" else bool(given & listed)
        number = Decimal(value)
        bound = Decimal(str(self.test(kind)))
        return {
            "min": number >= bound,
            "max": number <= bound,
            "above": number > bound,
            "below": number < bound,
        }[kind]

    def describe(self) -> str:
        """The condition in words, for diffs (`visit_type = drive_thru or party_size < 3`)."""
        if not self.is_leaf:
            joined = f" {'and' if self.kind == 'all' else 'or'} "
            parts = [part.describe() for part in self.group(self.kind) or ()]
            return "(" + joined.join(parts) + ")" if len(parts) > 1 else parts[0]
        kind = self.kind
        if kind == "equals":
            return f"{self.item} = {self.equals}"
        if kind in LIST_TESTS:
            listed = ", ".join(self.test(kind))
            return f"{self.item} {'in' if kind == 'in' else 'not in'} [{listed}]"
        symbol = {"min": ">=", "max": "<=", "above": ">", "below": "<"}[kind]
        return f"{self.item} {symbol} {plain_decimal(self.test(kind))}"


def _words(names: list[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)


def too_deep(node: Any) -> bool:
    """Whether `all`/`any` nest deeper than MAX_DEPTH in a raw condition read from a file.

    Walked with a list, not by recursion, so a hostile file cannot exhaust the stack here.
    """
    pending = [(node, 1)]
    while pending:
        current, level = pending.pop()
        if level > MAX_DEPTH:
            return True
        if isinstance(current, Mapping):
            for key in ("all", "any"):
                parts = current.get(key)
                if isinstance(parts, list | tuple):
                    pending.extend((part, level + 1) for part in parts)
    return False
