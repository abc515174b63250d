"""The cells of an item's row that carry its scoring, its rules and when it is required."""

from collections.abc import Callable
from typing import Any

from standards.items import Item, NumberItem
from standards.numbers import plain_decimal
from standards.texts import Text
from standards.xlsform.conventions import COMPANION_NA_TYPES, NA, constraint_for, na_ticked
from standards.xlsform.ranges import write_bounds, write_points

Row = dict[str, Any]


def number_cell(value: float | None) -> int | float | None:
    """A number cell: whole numbers as integers, so the sheet shows 2 and not 2.0."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def required(item: Item) -> str | None:
    if item.na_allowed and item.type in COMPANION_NA_TYPES:
        return f"not({na_ticked(item.id)})"
    return "yes"


def comment_required(item: Item) -> str | None:
    """Required always, or on a failed answer where ODK can tell failure by itself."""
    if item.require_comment == "always":
        return "yes"
    if not item.scored or item.bonus:
        return None  # a missed bonus is no failure; record-only items never fail
    ref = f"${{{item.id}}}"
    if item.type == "yes_no":
        return f"{ref} = 'no'"
    if item.type == "scale":
        return f"{ref} != '' and {ref} != '{NA}' and {ref} < {item.pass_min}"
    if item.type == "choice":
        failing = [f"{ref} = '{o.id}'" for o in item.options if not o.pass_]
        return " or ".join(failing) or None
    return None


def constraint_cells(item: Item, word: Callable[[str], Text]) -> Row:
    exclusive = tuple(o.id for o in getattr(item, "options", ()) if getattr(o, "exclusive", 0))
    constraint = constraint_for(
        item.type,
        item.id,
        na=item.na_allowed,
        min_select=getattr(item, "min_select", 1),
        max_select=getattr(item, "max_select", None),
        exclusive=exclusive,
        bounds=_bounds(item),
    )
    if constraint is None:
        return {}
    key = {"duration": "duration_hint", "number": "number_range"}.get(item.type, "select_rules")
    return {"constraint": constraint, "constraint_message": word(key)}


def _bounds(item: Item) -> tuple[str, str | None] | None:
    # The phone refuses what the standard refuses: -5 seconds, or more than `max`.
    if not isinstance(item, NumberItem):
        return None
    high = item.highest
    return plain_decimal(item.lowest), plain_decimal(high) if high is not None else None


def scoring_cells(item: Item) -> Row:
    """Every scoring detail in the columns XLSForm tools ignore (defaults left empty)."""
    cells: Row = {
        "subject": item.subject if item.subject != "store" else None,
        "na_allowed": "yes" if item.na_allowed else None,
        "require_comment": item.require_comment if item.require_comment != "never" else None,
        "require_photo": "yes" if item.require_photo else None,
        "unit": getattr(item, "unit", None),
        "action": item.action,
    }
    if item.type in ("text", "photo", "date", "time"):
        return cells
    if item.type == "multi_choice":
        cells["min_select"] = item.min_select if item.min_select != 1 else None
        cells["max_select"] = item.max_select
    if not item.scored:
        return cells | {"scored": "no"}
    cells |= {
        "weight": number_cell(item.weight) if item.weight != 1 else None,
        "critical": "yes" if item.critical else None,
        "bonus": "yes" if item.bonus else None,
        "penalty": "yes" if item.penalty else None,
    }
    duration = item.type == "duration"
    pass_if = getattr(item, "pass_if", None)
    points = getattr(item, "points", None)
    if pass_if is not None:
        cells["pass_if"] = write_bounds(pass_if.model_dump(), duration)
    if points is not None:
        cells["points"] = write_points([row.model_dump() for row in points], duration)
    pass_min = getattr(item, "pass_min", None)
    if pass_min is not None and (item.type == "scale" or pass_min != 1):
        cells["pass_min"] = number_cell(pass_min)
    if item.type == "multi_choice":
        cells["base"] = number_cell(item.base) if item.base else None
    return cells
