"""The survey and choices rows of one item: its question, its companions and its list."""

import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from standards.conditions import Condition
from standards.items import Item
from standards.texts import Text
from standards.xlsform.conventions import (
    COMMENT,
    COMPANION_NA_TYPES,
    NA,
    NA_LIST,
    NOT_APPLICABLE,
    SECONDS,
    seconds_calculation,
    word,
)
from standards.xlsform.export_cells import (
    comment_required,
    constraint_cells,
    number_cell,
    required,
    scoring_cells,
)
from standards.xlsform.relevant import Ref, parse_relevant
from standards.xlsform.relevant_write import Name, write_relevant

Row = dict[str, Any]
OptionKey = tuple[tuple[str, str], ...]
"""(id, text as JSON) of each option in a list."""
_XLSFORM_TYPE = {
    "yes_no": "select_one",
    "scale": "select_one",
    "choice": "select_one",
    "multi_choice": "select_multiple",
    "number": "decimal",
    "duration": "text",
    "text": "text",
    "photo": "image",
    "date": "date",
    "time": "time",
}
# Where the XLSForm type alone does not say which item it is, item_type does.
_MARKED = ("yes_no", "scale", "choice", "duration", "text")


@dataclass
class Rows:
    languages: tuple[str, ...]
    multilingual: bool
    sets: dict[str, OptionKey]
    """Option set name -> its options' ids and texts, to name a list after its set."""
    survey: list[Row] = field(default_factory=list)
    choices: list[Row] = field(default_factory=list)
    lists: dict[str, tuple[object, ...]] = field(default_factory=dict)
    """List name -> the content it was written with (a second item with the same reuses it)."""

    def word(self, key: str) -> Text:
        return word(key, self.languages, self.multilingual)

    def add_list(self, wanted: str, content: tuple[object, ...], rows: list[Row]) -> str:
        """Write a choice list once; the same content again reuses it, other content under
        another name."""
        for name, known in self.lists.items():
            if known == content:
                return name
        name, number = wanted, 1
        while name in self.lists:
            number += 1
            name = f"{wanted}_{number}"
        self.lists[name] = content
        self.choices += [{"list_name": name, **row} for row in rows]
        return name

    def item(self, item: Item, name: Name) -> None:
        relevant, exact = _relevant(item, name)
        if item.na_allowed and item.type in COMPANION_NA_TYPES:
            self.na_list()
            self.survey.append(
                {
                    "type": f"select_multiple {NA_LIST}",
                    "name": item.id + NOT_APPLICABLE,
                    "label": item.text,
                    "relevant": relevant,
                    "item_type": "na",
                }
            )
        row: Row = {"type": self.question_type(item), "name": item.id, "label": item.text}
        row["hint"] = item.guidance
        row["required"] = required(item)
        row["relevant"], row["show_if"] = relevant, exact
        row["item_type"] = item.type if item.type in _MARKED else None
        row |= constraint_cells(item, self.word)
        row["appearance"] = "likert" if item.type == "scale" else None
        # The app keeps photos at 1600 pixels on the long side; larger ones only cost data.
        row["parameters"] = "max-pixels=1600" if item.type == "photo" else None
        row |= scoring_cells(item)
        self.survey.append(row)
        if item.type == "duration":
            calculation = seconds_calculation(item.id)
            self.survey.append(
                {
                    "type": "calculate",
                    "name": item.id + SECONDS,
                    "calculation": calculation,
                    "item_type": "seconds",
                }
            )
        if item.require_comment != "never":
            on_fail = item.require_comment == "on_fail"
            self.survey.append(
                {
                    "type": "text",
                    "name": item.id + COMMENT,
                    "label": self.word("comment"),
                    "hint": self.word("comment_on_fail") if on_fail else None,
                    "required": comment_required(item),
                    "relevant": relevant,
                    "item_type": "comment",
                }
            )

    def question_type(self, item: Item) -> str:
        kind = _XLSFORM_TYPE[item.type]
        if item.type == "yes_no":
            rows = [{"name": n, "label": self.word(n)} for n in ("yes", "no")]
            content: tuple[object, ...] = ("yes_no", item.na_allowed)
            wanted = "yes_no_na" if item.na_allowed else "yes_no"
            return f"{kind} {self.add_list(wanted, content, self.na(rows, item))}"
        if item.type == "scale":
            numbers = range(item.min, item.max + 1)
            rows = [{"name": str(n), "label": str(n)} for n in numbers]
            wanted = f"scale_{item.min}_{item.max}".replace("-", "m")
            content = ("scale", item.min, item.max, item.na_allowed)
            return f"{kind} {self.add_list(wanted, content, self.na(rows, item))}"
        if item.type in ("choice", "multi_choice"):
            rows = [_option_row(item, option) for option in item.options]
            content = tuple(json.dumps(row, sort_keys=True) for row in rows)
            wanted = next(
                (n for n, c in self.sets.items() if c == option_key(item.options)), item.id
            )
            if item.na_allowed:
                wanted, content = f"{wanted}_na", (*content, NA)
            return f"{kind} {self.add_list(wanted, content, self.na(rows, item))}"
        return kind

    def na(self, rows: list[Row], item: Item) -> list[Row]:
        return [*rows, {"name": NA, "label": self.word("na")}] if item.na_allowed else rows

    def na_list(self) -> None:
        self.add_list(NA_LIST, (NA_LIST,), [{"name": NA, "label": self.word("na")}])


def option_key(options: Any) -> OptionKey:
    """What names a list after an option set: the options' ids and texts."""
    return tuple((o.id, json.dumps(o.text, sort_keys=True)) for o in options)


def _option_row(item: Item, option: Any) -> Row:
    row: Row = {"name": option.id, "label": option.text}
    if item.type == "choice":
        row["score"] = number_cell(option.score)
        if option.pass_ != (option.score == 1):
            row["pass"] = "yes" if option.pass_ else "no"
    else:
        row["score"] = number_cell(option.score) if option.score else None
        row["exclusive"] = "yes" if option.exclusive else None
    return row


def _relevant(item: Item, name: Name) -> tuple[str | None, str | None]:
    """The relevant, and the exact condition as JSON when relevant alone would read back as
    another condition of the same meaning (`in` with one value on a multi-select, ...)."""
    if item.show_if is None:
        return None, None
    relevant = write_relevant(item.show_if, name)
    try:
        again = Condition.model_validate(parse_relevant(relevant, lambda ref: _ref(ref, name)))
    except (ValueError, ValidationError):
        again = None
    if again == item.show_if:
        return relevant, None
    exact = item.show_if.model_dump(by_alias=True, exclude_none=True, mode="json")
    return relevant, json.dumps(exact, ensure_ascii=False)


def _ref(ref: str, name: Name) -> Ref:
    item_id = ref[: -len(SECONDS)] if ref.endswith(SECONDS) else ref
    return Ref(item_id, name(item_id)[1])
