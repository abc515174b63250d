"""Turn pydantic's validation errors into problems a trainer can act on, at file positions."""

import difflib
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from standards.choices import SetOption
from standards.errors import KINDS, Problem, render
from standards.items import (
    ITEM_MODELS,
    ITEM_TYPES,
    REQUIRE_COMMENT,
    SCORING_KEYS,
    SUBJECTS,
    UNSCORED_TYPES,
    Condition,
    DurationPassIf,
    DurationRange,
    MultiOption,
    Option,
    PassIf,
    PointsRange,
)
from standards.models import CHANNELS, CRITICAL_POLICIES, Band, Section, Standard
from standards.yamlplaces import describe, locate

ALLOWED_WORDS: dict[str, tuple[str, ...]] = {
    "type": ITEM_TYPES,
    "channel": CHANNELS,
    "subject": SUBJECTS,
    "require_comment": REQUIRE_COMMENT,
    "critical_policy": CRITICAL_POLICIES,
}

_EXPECTED = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
    "string_type": "a text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
}


def known_keys(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def all_item_keys() -> list[str]:
    return sorted({key for model in ITEM_MODELS.values() for key in known_keys(model)})


def did_you_mean(word: object, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def got(value: Any) -> str:
    """How a wrong value looks, in words."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return f"the text '{value}'"
    return str(value)


def plain_number(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def split_tag(loc: Sequence[object]) -> tuple[tuple[object, ...], str | None]:
    """`loc` without the union tag pydantic puts after an item's index, and that tag."""
    parts: list[object] = []
    tag = None
    for index, part in enumerate(loc):
        after_item = index >= 2 and loc[index - 2] == "items" and isinstance(loc[index - 1], int)
        if after_item and isinstance(part, str) and part in ITEM_TYPES:
            tag = part
            continue
        parts.append(part)
    return tuple(parts), tag


def model_at(names: tuple[str, ...], tag: str | None) -> type[BaseModel] | None:
    """The model holding a mapping, from the names along its location."""
    if names and names[-1] == "items":
        return ITEM_MODELS.get(tag or "")
    if "show_if" in names:
        return Condition
    if names[:1] == ("option_sets",):
        return SetOption
    duration = tag == "duration"
    models: dict[tuple[str, ...], type[BaseModel]] = {
        (): Standard,
        ("bands",): Band,
        ("sections",): Section,
        ("sections", "items", "options"): MultiOption if tag == "multi_choice" else Option,
        ("sections", "items", "pass_if"): DurationPassIf if duration else PassIf,
        ("sections", "items", "points"): DurationRange if duration else PointsRange,
    }
    return models.get(names)


def _limit(ctx: dict[str, Any]) -> str:
    low = ctx.get("ge", ctx.get("gt"))
    high = ctx.get("le", ctx.get("lt"))
    if low is not None and high is not None:
        return f"from {plain_number(low)} to {plain_number(high)}"
    if "gt" in ctx:
        return f"more than {plain_number(ctx['gt'])}"
    if "ge" in ctx:
        return f"at least {plain_number(ctx['ge'])}"
    if "lt" in ctx:
        return f"less than {plain_number(ctx['lt'])}"
    return f"at most {plain_number(ctx.get('le'))}"


def _kind_and_fields(
    error: Any, loc: tuple[object, ...], tag: str | None
) -> tuple[str, dict[str, object]]:
    kind, value = error["type"], error.get("input")
    ctx = dict(error.get("ctx") or {})
    names = tuple(part for part in loc if isinstance(part, str))
    key = names[-1] if names else "value"
    if kind in KINDS:
        if kind == "text_type" and ctx.get("key") not in (None, "this value"):
            key = f"{key} ({ctx['key']})"
        return kind, {"key": key, **ctx} if kind in _OWN_KEY else {**ctx, "key": key}
    if kind == "extra_forbidden" and loc[:1] == ("option_sets",):
        # A set's option may carry keys one kind of item knows and the other does not.
        return "set_key_unfit", {"key": key, "type": tag or "choice"}
    if kind == "extra_forbidden":
        if key in SCORING_KEYS and tag in UNSCORED_TYPES:
            return "unscored_key", {"key": key, "type": tag}
        model = model_at(names[:-1], tag)
        return "unknown_key", {"key": key, "hint": did_you_mean(key, known_keys(model or Standard))}
    if kind == "missing":
        return "missing_key", {"key": key}
    if kind == "union_tag_not_found":
        return "missing_key", {"key": "type"}
    if kind in ("union_tag_invalid", "literal_error"):
        word = "type" if kind == "union_tag_invalid" else key
        value = ctx.get("tag", value) if kind == "union_tag_invalid" else value
        allowed = ALLOWED_WORDS.get(word, ())
        hint = did_you_mean(value, allowed)
        return "bad_choice", {
            "value": value,
            "key": word,
            "allowed": ", ".join(allowed),
            "hint": hint,
        }
    if kind == "string_pattern_mismatch":
        if "languages" in names:
            return "bad_language", {"value": value}
        standard_id = names == ("id",)
        characters = "lowercase letters a-z, digits" + (" and -" if standard_id else ", _ and -")
        return "bad_id", {"id": value, "allowed": characters}
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        if key == "weight":
            return "weight", {"value": plain_number(value)}
        if key == "score" and ("options" in names or "option_sets" in names):
            low = plain_number(ctx.get("ge", 0))
            return "option_score", {"value": plain_number(value), "low": low}
        if "bands" in names:
            return "bands_range", {"value": plain_number(value)}
        return "out_of_range", {"key": key, "limit": _limit(ctx), "value": plain_number(value)}
    if kind == "too_short":
        return "too_short", {"key": key}
    expected = _EXPECTED.get(kind, "something else")
    place = f"each entry of '{key}'" if loc and isinstance(loc[-1], int) else f"'{key}'"
    return "wrong_type", {"place": place, "expected": expected, "got": got(value)}


def _typo_fixes(errors: list[Any]) -> set[tuple[object, ...]]:
    """Locations of required keys that an unknown key nearby is a typo of ("txt" for "text")."""
    fixes: set[tuple[object, ...]] = set()
    for detail in errors:
        if detail["type"] == "extra_forbidden":
            loc, tag = split_tag(detail["loc"])
            names = tuple(part for part in loc[:-1] if isinstance(part, str))
            model = model_at(names, tag) or Standard
            close = difflib.get_close_matches(str(loc[-1]), known_keys(model), n=1, cutoff=0.6)
            fixes.update((*loc[:-1], key) for key in close)
    return fixes


_OWN_KEY = ("missing_key",)
"""Kinds whose `key` names the missing key itself, not the place it is missing from."""


def translate(
    error: ValidationError,
    root: Any,
    path: str,
    *,
    skip: Sequence[tuple[object, ...]] = (),
    relocate: Callable[[tuple[object, ...]], tuple[object, ...]] | None = None,
) -> list[Problem]:
    """One problem per pydantic error, placed at the key or value it is about.

    Errors under a location in `skip` were reported by the tree checks already; `relocate`
    maps a location inside an item to where the text really stands (an option set).
    """
    problems = []
    errors = error.errors()
    # "did you mean 'text'?" already covers the missing text; saying it twice is noise.
    typos = _typo_fixes(errors)
    for detail in errors:
        loc, tag = split_tag(detail["loc"])
        if detail["type"] == "missing" and loc in typos:
            continue
        if any(loc[: len(covered)] == covered for covered in skip):
            continue
        # A check of the whole item may name the part it is about (an option, say).
        loc = (*loc, *(detail.get("ctx") or {}).get("at", ()))
        loc = relocate(loc) if relocate else loc
        kind, fields = _kind_and_fields(detail, loc, tag)
        if detail["type"] == "union_tag_invalid":
            line, col = locate(root, (*loc, "type"))
        else:
            line, col = locate(root, loc, at_key=detail["type"] == "extra_forbidden")
        code, message = render(kind, **fields)
        problems.append(Problem(path, line, col, code, describe(root, loc) + message))
    return problems
