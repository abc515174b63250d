"""The survey sheet row by row: groups become sections, questions items, and everything a
checklist cannot hold is reported where it stands."""

import re
from dataclasses import dataclass, field
from typing import Any

from standards.base import ID_PATTERN
from standards.xlsform.cells import Context
from standards.xlsform.conditions import Conditions
from standards.xlsform.conventions import (
    COMPANIONS,
    METADATA_TYPES,
    NA,
    SUFFIXES,
    VISIT_FIELDS,
    constraint_for,
    number_bounds,
)
from standards.xlsform.import_items import FITTING, Cache, Lists, read_item
from standards.xlsform.places import Places
from standards.xlsform.sheets import FormRow, FormSheet

_DROPPED = {
    "default": "default answers",
    "read_only": "read-only questions",
    "trigger": "triggers",
    "parameters": "widget parameters",
    "guidance_hint": "second hints (the hint is the guidance)",
    "media": "pictures or sounds in questions",
    "image": "pictures or sounds in questions",
    "audio": "pictures or sounds in questions",
    "video": "pictures or sounds in questions",
    "big-image": "pictures or sounds in questions",
    "bind": "XForm attributes",
    "body": "XForm attributes",
    "instance": "XForm attributes",
}
_SPELLINGS = {"begin group": "begin_group", "end group": "end_group"}
_SPELLINGS |= {"begin repeat": "begin_repeat", "end repeat": "end_repeat"}
_SPELLINGS |= {"select one": "select_one", "select multiple": "select_multiple"}
_HINTS = {
    "range": "; use select_one with item_type scale",
    "datetime": "; ask date and time as two questions",
    "select_one_from_file": "; put the choices on the choices sheet",
    "select_multiple_from_file": "; put the choices on the choices sheet",
}


@dataclass
class _Group:
    name: str
    row: int
    condition: dict[str, Any] | None


@dataclass
class Walk:
    ctx: Context
    lists: Lists
    sections: list[dict[str, Any]] = field(default_factory=list)
    places: Places = field(default_factory=dict)
    item_lists: dict[str, str] = field(default_factory=dict)
    cache: Cache = field(default_factory=dict)
    stack: list[_Group] = field(default_factory=list)

    def run(self, survey: FormSheet) -> None:
        self.conditions = Conditions(self.ctx, _positions(self.ctx, survey))
        repeat_depth = 0
        for row in survey.rows:
            kind, _, rest = _type(row)
            if repeat_depth:
                repeat_depth += {"begin_repeat": 1, "end_repeat": -1}.get(kind, 0)
                continue
            if kind == "begin_repeat":
                self.ctx.problems.add("repeat", "survey", row.number, name=row.get("name"))
                repeat_depth = 1
            elif kind in ("begin_group", "end_group", "end_repeat"):
                self.group(row, kind)
            elif kind in METADATA_TYPES or not kind:
                continue
            elif kind in ("note", "calculate"):
                self.skipped(row, kind)
            elif kind in FITTING:
                self.question(row, kind, rest)
            else:
                hint = _HINTS.get(kind, "")
                self.ctx.problems.add("type", "survey", row.number, type=row.get("type"), hint=hint)
        for group in self.stack:
            detail = f"group '{group.name}' is never closed; add an end_group row"
            self.ctx.problems.add("group_end", "survey", group.row, detail=detail)

    def group(self, row: FormRow, kind: str) -> None:
        if kind != "begin_group":
            if not self.stack or kind == "end_repeat":
                detail = f"{kind} without a begin_{kind[4:]} before it"
                self.ctx.problems.add("group_end", "survey", row.number, detail=detail)
            else:
                self.stack.pop()
            return
        name = row.get("name")
        condition = self.conditions.of_row(row, name)
        if self.stack:
            outer = self.stack[0].name
            self.ctx.problems.add("nested", "survey", row.number, name=name, section=outer)
            self.stack.append(_Group(name, row.number, condition))
            return
        self.stack.append(_Group(name, row.number, condition))
        self.check_name(row, name)
        title = self.ctx.text("survey", row, "label")
        if title is None:
            detail = f"group '{name}' has no label; the section title is its name"
            self.ctx.problems.add("assumed", "survey", row.number, detail=detail)
        section: dict[str, Any] = {"id": name, "title": title or name}
        weight = self.ctx.number("survey", row, "weight", above=0)
        if weight is not None:
            section["weight"] = weight
        section["items"] = []
        self.places[("sections", len(self.sections))] = ("survey", row.number)
        self.sections.append(section)

    def skipped(self, row: FormRow, kind: str) -> None:
        name = row.get("name")
        marker = row.get("item_type").lower()
        if kind == "calculate" and marker == "seconds":
            self.conditions.companion(row, name, "seconds")
        else:
            self.ctx.problems.add(kind, "survey", row.number, name=name)

    def question(self, row: FormRow, kind: str, rest: str) -> None:
        name = row.get("name")
        marker = row.get("item_type").lower()
        if marker in COMPANIONS:
            self.conditions.companion(row, name, marker)
            return
        if not self.stack:
            if name not in VISIT_FIELDS:
                self.ctx.problems.add("outside", "survey", row.number, name=name)
            return
        list_name = rest.split()[0] if rest.split() else None
        if kind.startswith("select") and list_name is None:
            hint = f"; name its choice list: {kind} LIST"
            self.ctx.problems.add("type", "survey", row.number, type=kind, hint=hint)
            return
        if kind.startswith("select") and "or_other" in rest.split()[1:]:
            self.ctx.problems.add("changes_question", "survey", row.number, column="or_other")
            return
        self.check_name(row, name)
        self.check_columns(row, name)
        item = read_item(self.ctx, row, kind, list_name, self.lists, self.cache)
        if item is None:
            return
        self.conditions.learn(name, item["type"])
        # A hidden group hides its questions: its condition joins each question's own.
        parts = [g.condition for g in self.stack if g.condition is not None]
        own = self.conditions.of_row(row, name)
        parts += [own] if own is not None else []
        show_if = parts[0] if len(parts) == 1 else ({"all": parts} if parts else None)
        if show_if is not None:
            item = _before_texts(item, "show_if", show_if)
        self.check_constraint(row, item)
        section_index = len(self.sections) - 1
        items = self.sections[section_index]["items"]
        where = ("sections", section_index, "items", len(items))
        self.places[where] = ("survey", row.number)
        if list_name is not None:
            self.item_lists[name] = list_name
            rows = [c for c in self.lists.get(list_name, []) if c.get("name") != NA]
            for index, choice in enumerate(rows):
                self.places[(*where, "options", index)] = ("choices", choice.number)
        items.append(item)

    def check_name(self, row: FormRow, name: str) -> None:
        if not re.fullmatch(ID_PATTERN, name) or name.endswith(SUFFIXES):
            self.ctx.problems.add("bad_name", "survey", row.number, name=name)

    def check_columns(self, row: FormRow, name: str) -> None:
        if row.get("choice_filter"):
            self.ctx.problems.add("changes_question", "survey", row.number, column="choice_filter")
        for column in row.cells:
            base = column.split("::")[0]
            pixels = re.fullmatch(r"max-pixels=\d+", row.get(column)) and row.get("type") == "image"
            if base in _DROPPED and not (base == "parameters" and pixels):
                what = _DROPPED[base]
                self.ctx.problems.add(
                    "dropped", "survey", row.number, column=column, name=name, what=what
                )
        if row.get("calculation"):
            self.ctx.problems.add(
                "dropped",
                "survey",
                row.number,
                column="calculation",
                name=name,
                what="calculated answers",
            )

    def check_constraint(self, row: FormRow, item: dict[str, Any]) -> None:
        given = " ".join(row.get("constraint").split())
        if not given:
            return
        options = item.get("options") or []
        bounds = number_bounds(given) if item["type"] == "number" else None
        if bounds is not None:
            # A number's range travels in its constraint; 0 from on is the default.
            low, high = bounds
            if float(low) != 0:
                item["min"] = _number(low)
            if high is not None:
                item["max"] = _number(high)
        expected = constraint_for(
            item["type"],
            item["id"],
            na=bool(item.get("na_allowed")),
            min_select=item.get("min_select", 1),
            max_select=item.get("max_select"),
            exclusive=tuple(o["id"] for o in options if o.get("exclusive")),
            bounds=bounds,
        )
        if given != expected:
            self.ctx.problems.add("constraint", "survey", row.number, name=item["id"])


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value


def _before_texts(item: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    # show_if reads best just before the texts, as in the shipped standards.
    head = {k: v for k, v in item.items() if k not in ("text", "guidance", "action", "options")}
    return {**head, key: value, **{k: v for k, v in item.items() if k not in head}}


def _type(row: FormRow) -> tuple[str, str, str]:
    text = " ".join(row.get("type").split())
    for spelling, canonical in _SPELLINGS.items():
        if text.lower().startswith(spelling):
            text = canonical + text[len(spelling) :]
    kind, sep, rest = text.partition(" ")
    return kind.lower(), sep, rest


def _positions(ctx: Context, survey: FormSheet) -> dict[str, int]:
    """Every question's name with the row it stands on; a name used twice is reported.

    Groups have names of their own: a section and an item may share an id, as in a standard.
    """
    positions: dict[str, int] = {}
    groups: dict[str, int] = {}
    for row in survey.rows:
        kind = _type(row)[0]
        name = row.get("name")
        if not name or kind.startswith("end_"):
            continue
        seen = groups if kind.startswith("begin_") else positions
        if name in seen:
            ctx.problems.add("duplicate", "survey", row.number, name=name, first=seen[name])
            continue
        seen[name] = row.number
    return positions
