"""Versions of a standard: a hash of its content, and a readable diff between two of them."""

import hashlib
import json
from typing import Any

from standards.base import Strict
from standards.item_base import ScoredItem, UnscoredItem
from standards.items import Condition, PointsRange
from standards.models import Section, Standard
from standards.texts import text_in

_TEXT_FIELDS = ("title", "description", "label", "text", "guidance", "action")
# Keys that stop counting when an item becomes record-only: "scored true -> false" says it.
_SCORING = ("weight", "critical", "bonus", "penalty", "pass_min", "base", "pass_if", "points")
_SHORT = 60


def _content(model: Strict) -> dict[str, Any]:
    return model.model_dump(mode="json", by_alias=True)


def version_hash(standard: Standard) -> str:
    """12 hex digits of the SHA-256 of the content with defaults filled in.

    Layout, comments, key order and writing a default out make no new version, because
    none of them reach the dumped model.
    """
    canonical = json.dumps(
        _content(standard), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(_show(part) for part in value) or "none"
    if isinstance(value, dict):
        parts = [f"{key} {_show(part)}" for key, part in value.items() if part is not None]
        return ", ".join(parts) or "none"
    return str(value)


def _quote(text: str | None) -> str:
    if text is None:
        return "none"
    short = text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"
    return f"'{short}'"


def _text_lines(name: str, old: Any, new: Any, langs: list[str]) -> list[str]:
    if old == new:
        return []
    if not isinstance(old, dict) and not isinstance(new, dict):
        return [f"{name} {_quote(old)} -> {_quote(new)}"]
    mapped = [text for text in (old, new) if isinstance(text, dict)]
    keys = list(dict.fromkeys([*langs, *(lang for text in mapped for lang in text)]))
    lines = []
    for lang in keys:
        before = old if isinstance(old, str) else (old or {}).get(lang)
        after = new if isinstance(new, str) else (new or {}).get(lang)
        if before != after:
            lines.append(f"{name} ({lang}) {_quote(before)} -> {_quote(after)}")
    return lines


def _condition(show_if: dict[str, Any] | None) -> str:
    if show_if is None:
        return "none"
    return Condition.model_validate(show_if).describe()


def _points(table: list[dict[str, Any]] | None) -> str:
    if not table:
        return "none"
    rows = [PointsRange.model_validate(row) for row in table]
    return "; ".join(f"{row.describe()}: {_show(row.score)}" for row in rows)


# Left out of the content while at their default (Strict.ADDED); a diff names the default.
_ADDED_DEFAULTS = {"scored": True, "penalty": False, "exclusive": False}


def _field_lines(
    old: dict[str, Any], new: dict[str, Any], langs: list[str], skip: tuple[str, ...] = ()
) -> list[str]:
    lines = []
    old = {**{k: v for k, v in _ADDED_DEFAULTS.items() if k in new}, **old}
    new = {**{k: v for k, v in _ADDED_DEFAULTS.items() if k in old}, **new}
    for key in dict.fromkeys([*new, *old]):
        if key in skip or old.get(key) == new.get(key):
            continue
        if key in _TEXT_FIELDS:
            lines += _text_lines(key, old.get(key), new.get(key), langs)
        elif key == "show_if":
            lines.append(f"show_if {_condition(old.get(key))} -> {_condition(new.get(key))}")
        elif key == "points":
            lines.append(f"points {_points(old.get(key))} -> {_points(new.get(key))}")
        else:
            lines.append(f"{key} {_show(old.get(key))} -> {_show(new.get(key))}")
    return lines


def _order_line(what: str, old: list[str], new: list[str]) -> list[str]:
    kept = set(old) & set(new)
    before, after = [i for i in old if i in kept], [i for i in new if i in kept]
    return [f"{what} order {', '.join(before)} -> {', '.join(after)}"] if before != after else []


def _by_id(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {entry["id"]: entry for entry in entries}


def _option_lines(
    old: list[dict[str, Any]], new: list[dict[str, Any]], langs: list[str]
) -> list[str]:
    before, after = _by_id(old), _by_id(new)
    lines = [f"option {oid} removed" for oid in before if oid not in after]
    for oid, option in after.items():
        if oid not in before:
            lines.append(f"option {oid} added (score {_show(option['score'])})")
        else:
            lines += [f"option {oid}: {line}" for line in _field_lines(before[oid], option, langs)]
    return lines + _order_line("option", list(before), list(after))


def _item_lines(
    old: ScoredItem | UnscoredItem, new: ScoredItem | UnscoredItem, langs: list[str]
) -> list[str]:
    before, after = _content(old), _content(new)
    skip: tuple[str, ...] = ("options",)
    if old.scored and not new.scored:
        skip += tuple(key for key in _SCORING if after.get(key) is None)
    lines = _field_lines(before, after, langs, skip=skip)
    if before.get("options") != after.get("options"):
        lines += _option_lines(before.get("options") or [], after.get("options") or [], langs)
    return [f"item {new.id}: {line}" for line in lines]


def _homes(standard: Standard) -> dict[str, tuple[ScoredItem | UnscoredItem, Section]]:
    return {item.id: (item, s) for s in standard.sections for item in s.items}


def _section_lines(old: Standard, new: Standard, langs: list[str]) -> list[str]:
    before = {s.id: s for s in old.sections}
    after = {s.id: s for s in new.sections}
    lines = [f"section {sid} removed" for sid in before if sid not in after]
    lines += [f"section {sid} added" for sid in after if sid not in before]
    for sid in (sid for sid in after if sid in before):
        old_fields = _content(before[sid])
        new_fields = _content(after[sid])
        changed = _field_lines(old_fields, new_fields, langs, skip=("items",))
        lines += [f"section {sid}: {line}" for line in changed]
        old_ids = [item.id for item in before[sid].items]
        new_ids = [item.id for item in after[sid].items]
        lines += [f"section {sid}: {line}" for line in _order_line("item", old_ids, new_ids)]
    return lines + _order_line("section", list(before), list(after))


def _items_lines(old: Standard, new: Standard, langs: list[str]) -> list[str]:
    before, after = _homes(old), _homes(new)
    lines = [
        f"item {iid} removed (was in section {section.id})"
        for iid, (_, section) in before.items()
        if iid not in after
    ]
    for iid, (item, section) in after.items():
        if iid not in before:
            lines.append(f"item {iid} added to section {section.id}")
            continue
        old_item, old_section = before[iid]
        if old_section.id != section.id:
            lines.append(f"item {iid} moved from section {old_section.id} to section {section.id}")
        lines += _item_lines(old_item, item, langs)
    return lines


def _bands(standard: Standard, lang: str) -> str:
    return ", ".join(f"{_show(b.min)} {text_in(b.label, lang)}" for b in standard.bands) or "none"


def diff_versions(old: Standard, new: Standard) -> list[str]:
    """What changed from `old` to `new`, one readable line per change (empty if nothing)."""
    langs = list(dict.fromkeys([*new.languages, *old.languages]))
    lines = _field_lines(_content(old), _content(new), langs, skip=("bands", "sections"))
    if old.bands != new.bands:
        lines.append(f"bands {_bands(old, langs[0])} -> {_bands(new, langs[0])}")
    return lines + _section_lines(old, new, langs) + _items_lines(old, new, langs)
