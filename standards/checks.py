"""Checks across items, run on the YAML tree so one malformed item cannot hide the rest.

pydantic checks each value on its own; these checks need the whole standard (ids, show_if,
languages, bands) and work on whatever parts of the file are well formed.
"""

from collections.abc import Iterator
from typing import Any

from pydantic import TypeAdapter, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from standards.answers import AnswerError, parse_answer
from standards.conditions import LIST_TESTS, MAX_DEPTH, NUMBER_TESTS, too_deep
from standards.errors import Problem, render
from standards.items import (
    ITEM_TYPES,
    SCORED_TYPES,
    Item,
    ItemBase,
    MultiChoiceItem,
    answer_value,
)
from standards.numbers import parse_duration
from standards.translate import all_item_keys, did_you_mean, plain_number
from standards.yamlplaces import describe, item_position, key_position, value_position
from standards.yamlread import to_plain

Loc = tuple[object, ...]
Node = tuple[Loc, CommentedMap]

_ITEM: TypeAdapter[Any] = TypeAdapter(Item)
_TEXT_KEYS = ("title", "description", "label", "text", "guidance", "action")
NUMERIC_TYPES = ("scale", "number", "duration")


def _leaves(node: CommentedMap, loc: Loc) -> Iterator[Node]:
    """The leaf conditions (those naming an item) under a condition, with their locations."""
    if "item" in node:
        yield loc, node
        return
    for key in ("all", "any"):
        for child_loc, child in _maps(node.get(key), (*loc, key)):
            yield from _leaves(child, child_loc)


def _maps(node: Any, loc: Loc) -> Iterator[Node]:
    """The mappings in a list, with their locations; anything else is pydantic's to report."""
    if isinstance(node, CommentedSeq):
        for index, child in enumerate(node):
            if isinstance(child, CommentedMap):
                yield (*loc, index), child


def _id(node: CommentedMap) -> str | None:
    value = node.get("id")
    return value if isinstance(value, str) else None


class Checker:
    def __init__(self, root: CommentedMap, path: str) -> None:
        self.root, self.path = root, path
        self.problems: list[Problem] = []
        self.sections = list(_maps(root.get("sections"), ("sections",)))
        self.items = [
            item
            for loc, section in self.sections
            for item in _maps(section.get("items"), (*loc, "items"))
        ]

    def add(self, kind: str, at: tuple[int, int], loc: Loc, **fields: Any) -> None:
        code, message = render(kind, **fields)
        self.problems.append(Problem(self.path, *at, code, describe(self.root, loc) + message))

    def unique_ids(self, nodes: list[Node], kind: str, **fields: Any) -> None:
        first: dict[str, int] = {}
        for loc, node in nodes:
            value = _id(node)
            if value is None:
                continue
            at = value_position(node, "id")
            if value in first:
                # Named by the enclosing section or item: "item 'a': item id 'a'" says it twice.
                self.add(kind, at, loc[:-2], id=value, first_line=first[value], **fields)
            else:
                first[value] = at[0]

    def ids(self) -> None:
        self.unique_ids(self.sections, "duplicate_id", what="section")
        self.unique_ids(self.items, "duplicate_id", what="item")
        for loc, item in self.items:
            self.unique_ids(list(_maps(item.get("options"), (*loc, "options"))), "option_duplicate")
        sets = self.root.get("option_sets")
        if isinstance(sets, CommentedMap):
            for name, options in sets.items():
                where = ("option_sets", name)
                self.unique_ids(list(_maps(options, where)), "set_option_duplicate", name=name)

    def keys_of_untyped_items(self) -> None:
        # pydantic stops at an unknown type, so without this a typo next to it would hide.
        known = all_item_keys()
        for loc, item in self.items:
            if item.get("type") in ITEM_TYPES:
                continue
            for key in item:
                if str(key) not in known:
                    hint = did_you_mean(key, known)
                    self.add("unknown_key", key_position(item, key), loc, key=key, hint=hint)

    def show_ifs(self) -> None:
        order: dict[str, int] = {}
        for index, (_, item) in enumerate(self.items):
            order.setdefault(_id(item) or "", index)
        for index, (loc, item) in enumerate(self.items):
            condition = item.get("show_if")
            if not isinstance(condition, CommentedMap):
                continue
            if too_deep(condition):
                at = key_position(item, "show_if")
                self.add("show_if_too_deep", at, (*loc, "show_if"), depth=MAX_DEPTH)
                continue
            for where, leaf in _leaves(condition, (*loc, "show_if")):
                self.show_if_leaf(where, leaf, item, index, order)

    def show_if_leaf(
        self, where: Loc, leaf: CommentedMap, item: CommentedMap, index: int, order: dict[str, int]
    ) -> None:
        target = leaf.get("item")
        if not isinstance(target, str):
            return
        at = value_position(leaf, "item")
        if target == _id(item):
            self.add("show_if_self", at, where)
        elif target not in order:
            hint = did_you_mean(target, [name for name in order if name])
            self.add("show_if_unknown", at, where, item=target, hint=hint)
        elif order[target] > index:
            self.add("show_if_later", at, where, item=target)
        else:
            self.show_if_values(where, leaf, self.items[order[target]][1])

    def show_if_values(self, where: Loc, condition: CommentedMap, target: CommentedMap) -> None:
        try:
            item = _ITEM.validate_python(to_plain(self.with_sets(target)))
        except ValidationError:
            return  # the target's own problems are reported where it stands
        for test in NUMBER_TESTS:
            if test in condition and item.type not in NUMERIC_TYPES:
                at = key_position(condition, test)
                self.add("show_if_number_test", at, where, test=test, item=item.id, type=item.type)
            elif (
                isinstance(condition.get(test), str)
                and parse_duration(condition[test]) is not None
                and item.type != "duration"
            ):
                at = value_position(condition, test)
                value = condition[test]
                self.add("show_if_clock", at, where, value=value, item=item.id, type=item.type)
        values: list[tuple[Any, tuple[int, int]]] = []
        if "equals" in condition:
            values.append((condition["equals"], value_position(condition, "equals")))
        for key in LIST_TESTS:
            if isinstance(condition.get(key), CommentedSeq):
                seq = condition[key]
                values.extend((value, item_position(seq, n)) for n, value in enumerate(seq))
        for raw, at in values:
            value = answer_value(to_plain(raw))
            if isinstance(value, str):
                why = _why_impossible(item, value)
                if why:
                    self.add("show_if_value", at, where, value=value, item=item.id, why=why)

    def with_sets(self, item: CommentedMap) -> CommentedMap:
        """The item with a named option set filled in, as the loader will validate it."""
        name = item.get("options")
        sets = self.root.get("option_sets")
        if isinstance(name, str) and isinstance(sets, CommentedMap) and name in sets:
            filled = CommentedMap(item)
            filled["options"] = sets[name]
            return filled
        return item

    def option_sets(self) -> None:
        sets = self.root.get("option_sets")
        names = [str(name) for name in sets] if isinstance(sets, CommentedMap) else []
        for loc, item in self.items:
            name = item.get("options")
            if isinstance(name, str) and name not in names:
                hint = did_you_mean(name, names)
                at = value_position(item, "options")
                self.add("option_set_unknown", at, (*loc, "options"), name=name, hint=hint)

    def languages(self) -> None:
        declared = self.root.get("languages")
        if not isinstance(declared, CommentedSeq):
            return
        seen: list[str] = []
        for index, lang in enumerate(declared):
            if isinstance(lang, str) and lang in seen:
                at = item_position(declared, index)
                self.add("duplicate_language", at, ("languages",), value=lang)
            elif isinstance(lang, str):
                seen.append(lang)
        for loc, holder in self._text_holders():
            for key in _TEXT_KEYS:
                if isinstance(holder.get(key), CommentedMap):
                    self._text_languages(loc, holder, key, seen)

    def _text_languages(self, loc: Loc, holder: CommentedMap, key: str, langs: list[str]) -> None:
        text = holder[key]
        given = {str(lang) for lang in text}
        for lang in langs:
            if lang not in given:
                self.add("text_missing", key_position(holder, key), loc, key=key, lang=lang)
        for lang in text:
            if str(lang) not in langs:
                at = key_position(text, lang)
                self.add("text_extra", at, loc, key=key, lang=lang, languages=", ".join(langs))

    def _text_holders(self) -> Iterator[Node]:
        yield (), self.root
        yield from _maps(self.root.get("bands"), ("bands",))
        yield from self.sections
        for loc, item in self.items:
            yield loc, item
            yield from _maps(item.get("options"), (*loc, "options"))
        sets = self.root.get("option_sets")
        if isinstance(sets, CommentedMap):
            for name, options in sets.items():
                yield from _maps(options, ("option_sets", name))

    def scored_item(self) -> None:
        types = [item.get("type") for _, item in self.items]
        # With an unknown type the author's intent is unclear; E006 already says enough.
        if not types or any(kind not in ITEM_TYPES for kind in types):
            return
        # A score needs possible points: bonus and penalty items add none.
        scored = [
            item.get("type") in SCORED_TYPES
            and _flag(item.get("scored"), True)
            and not _flag(item.get("bonus"), False)
            and not _flag(item.get("penalty"), False)
            for _, item in self.items
        ]
        if not any(scored):
            self.add("no_scored_item", key_position(self.root, "sections"), ())

    def bands(self) -> None:
        bands = list(_maps(self.root.get("bands"), ("bands",)))
        if not bands:
            return
        first: set[float] = set()
        all_numbers = True
        for loc, band in bands:
            value = band.get("min")
            if isinstance(value, bool) or not isinstance(value, int | float):
                all_numbers = False
                continue
            if value in first:
                at = value_position(band, "min")
                self.add("bands_overlap", at, (*loc, "min"), value=plain_number(value))
            first.add(value)
        if all_numbers and 0 not in first:
            self.add("bands_no_zero", key_position(self.root, "bands"), ())


def _flag(value: object, default: bool) -> bool:
    """A true/false key as the models read it (`no` and `false` alike), or the default."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "yes", "false", "no"):
        return value.strip().lower() in ("true", "yes")
    return default


def _why_impossible(target: ItemBase, value: str) -> str | None:
    if isinstance(target, MultiChoiceItem):
        # A test on a multi-select names one option that is ticked, not a whole answer.
        ids = [option.id for option in target.options]
        return None if value in ids else f"name one of its options: {', '.join(ids)}"
    try:
        parsed = parse_answer(target, value)
    except AnswerError as error:
        return error.allowed or str(error)
    if parsed.na:
        return "show_if cannot test for N/A; list the answers that show this item"
    if parsed.value != value:
        return f"write it as '{parsed.value}'"
    return None


def check_tree(root: CommentedMap, path: str) -> list[Problem]:
    """Every cross-item problem in the tree of one standard file."""
    checker = Checker(root, path)
    checker.ids()
    checker.keys_of_untyped_items()
    checker.show_ifs()
    checker.languages()
    checker.option_sets()
    checker.scored_item()
    checker.bands()
    return checker.problems
