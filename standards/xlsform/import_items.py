"""One survey row (and its choice list) as one checklist item, in plain data."""

import re
from typing import Any

from standards.base import ID_PATTERN
from standards.item_base import REQUIRE_COMMENT, SUBJECTS
from standards.numbers import clock
from standards.xlsform.cells import Context
from standards.xlsform.conventions import NA
from standards.xlsform.ranges import RangeError, parse_bounds, parse_points
from standards.xlsform.sheets import FormRow

FITTING: dict[str, tuple[str, ...]] = {
    "select_one": ("choice", "yes_no", "scale"),
    "select_multiple": ("multi_choice",),
    "integer": ("number", "duration"),
    "decimal": ("number", "duration"),
    "text": ("text", "duration"),
    "image": ("photo",),
    "date": ("date",),
    "time": ("time",),
}
"""XLSForm question types and the item types each can carry (the first is the default)."""

Lists = dict[str, list[FormRow]]
Cache = dict[tuple[str, str], list[dict[str, Any]]]


def read_item(
    ctx: Context, row: FormRow, base: str, list_name: str | None, lists: Lists, cache: Cache
) -> dict[str, Any] | None:
    """The item of a question row; None (after reporting why) when it cannot be one."""
    marker = row.get("item_type").lower() or None
    fitting = FITTING[base]
    if marker is not None and marker not in fitting:
        what = f"a question of type {base}; use {' or '.join(fitting)}"
        ctx.problems.add("marker", "survey", row.number, marker=marker, what=what)
        return None
    choices: list[FormRow] = []
    if list_name is not None:
        choices = lists.get(list_name, [])
        if not choices:
            ctx.problems.add("no_list", "survey", row.number, list=list_name)
            return None
    names = [choice.get("name") for choice in choices]
    offers_na = NA in names
    answers = [name for name in names if name != NA]
    item_type = marker or _infer(base, answers, choices)
    item: dict[str, Any] = {"id": row.get("name"), "type": item_type}
    _scoring(ctx, row, item)
    if offers_na:
        if item.get("na_allowed") is False:
            allowed = f"list '{list_name}' offers the choice '{NA}' (N/A); write yes or remove it"
            ctx.problems.add(
                "value", "survey", row.number, column="na_allowed", value="no", allowed=allowed
            )
        item["na_allowed"] = True
    if item_type == "yes_no" and sorted(answers) != ["no", "yes"]:
        what = f"list '{list_name}': a yes_no list holds the choices yes and no (and na)"
        ctx.problems.add("marker", "survey", row.number, marker=item_type, what=what)
        return None
    if item_type == "scale" and not _scale(item, answers):
        what = f"list '{list_name}': a scale list holds the whole numbers from min to max"
        ctx.problems.add("marker", "survey", row.number, marker=item_type, what=what)
        return None
    _rules(ctx, row, item)
    item["text"] = ctx.text("survey", row, "label", required=True, what="question")
    for key, base_column in (("guidance", "hint"), ("action", "action")):
        text = ctx.text("survey", row, base_column)
        if text is not None:
            item[key] = text
    if item_type in ("choice", "multi_choice") and list_name is not None:
        kept = (list_name, item_type)
        if kept not in cache:
            cache[kept] = _options(ctx, item_type, [c for c in choices if c.get("name") != NA])
        item["options"] = cache[kept]
    return item


def _infer(base: str, answers: list[str], choices: list[FormRow]) -> str:
    # `select_one yes_no` without scores is the yes/no question every form author writes.
    scored = any(choice.get("score") for choice in choices)
    if base == "select_one" and sorted(answers) == ["no", "yes"] and not scored:
        return "yes_no"
    return FITTING[base][0]


def _scale(item: dict[str, Any], answers: list[str]) -> bool:
    if not answers or not all(re.fullmatch(r"-?\d+", name) for name in answers):
        return False
    numbers = sorted(int(name) for name in answers)
    if numbers != list(range(numbers[0], numbers[-1] + 1)) or len(numbers) < 2:
        return False
    item["min"], item["max"] = numbers[0], numbers[-1]
    return True


def _scoring(ctx: Context, row: FormRow, item: dict[str, Any]) -> None:
    """The columns every item type shares; misuse (weight on a text) is the loader's to name."""
    values: dict[str, Any] = {
        "scored": ctx.flag("survey", row, "scored"),
        "subject": ctx.word("survey", row, "subject", SUBJECTS),
        "weight": ctx.number("survey", row, "weight", above=0),
        "critical": ctx.flag("survey", row, "critical"),
        "bonus": ctx.flag("survey", row, "bonus"),
        "penalty": ctx.flag("survey", row, "penalty"),
        "na_allowed": ctx.flag("survey", row, "na_allowed"),
        "require_comment": ctx.word("survey", row, "require_comment", REQUIRE_COMMENT),
        "require_photo": ctx.flag("survey", row, "require_photo"),
        "unit": row.get("unit") or None,
    }
    item.update({key: value for key, value in values.items() if value is not None})


def _rules(ctx: Context, row: FormRow, item: dict[str, Any]) -> None:
    """pass_min, the multi-select rules, pass_if and points."""
    kind = item["type"]
    if kind == "scale":
        pass_min = ctx.number("survey", row, "pass_min", whole=True)
    else:
        pass_min = ctx.number("survey", row, "pass_min", low=0, high=1)
    values: dict[str, Any] = {
        "base": ctx.number("survey", row, "base", low=0, high=1),
        "min_select": ctx.number("survey", row, "min_select", low=0, whole=True),
        "max_select": ctx.number("survey", row, "max_select", low=1, whole=True),
    }
    duration = kind == "duration"
    for column, parse in (("pass_if", parse_bounds), ("points", parse_points)):
        text = row.get(column)
        if not text:
            continue
        try:
            values[column] = _clock(parse(text, duration)) if duration else parse(text)
        except RangeError as error:
            ctx.problems.add("range", "survey", row.number, column=column, text=text, detail=error)
    values["pass_min"] = pass_min
    item.update({key: value for key, value in values.items() if value is not None})


def _clock(value: Any) -> Any:
    """Duration bounds of a minute or more as m:ss in the YAML, as trainers write them."""
    if isinstance(value, list):
        return [_clock(row) for row in value]
    return {
        key: clock(bound) if key != "score" and bound >= 60 and float(bound).is_integer() else bound
        for key, bound in value.items()
    }


def _options(ctx: Context, item_type: str, choices: list[FormRow]) -> list[dict[str, Any]]:
    low = 0 if item_type == "choice" else -1
    options = []
    for choice in choices:
        option_id = choice.get("name")
        if not re.fullmatch(ID_PATTERN, option_id):
            ctx.problems.add("bad_name", "choices", choice.number, name=option_id)
        option: dict[str, Any] = {
            "id": option_id,
            "text": ctx.text("choices", choice, "label", required=True, what="choice"),
        }
        score = ctx.number("choices", choice, "score", low=low, high=1)
        flags = {column: ctx.flag("choices", choice, column) for column in ("pass", "exclusive")}
        for key, value in (("score", score), *flags.items()):
            if value is not None:
                option[key] = value
        options.append(option)
    return options
