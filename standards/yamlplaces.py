"""Where a pydantic location sits in a tree read by standards/yamlread.py: as a line and
column for editors, and in words for people ("item 'greeted', option 'warm': ")."""

from collections.abc import Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

Position = tuple[int, int]
"""1-based line and column, as editors show them."""


def _lc(pair: Sequence[int] | None) -> Position | None:
    return (pair[0] + 1, pair[1] + 1) if pair else None


def find_key(mapping: CommentedMap, part: object) -> object | None:
    """The key of `mapping` that a pydantic location part stands for."""
    if part in mapping:
        return part
    return next((key for key in mapping if str(key) == str(part)), None)


def start_of(node: Any) -> Position:
    if isinstance(node, CommentedMap | CommentedSeq):
        return node.lc.line + 1, node.lc.col + 1
    return 1, 1


def key_position(mapping: CommentedMap, key: object) -> Position:
    return _lc(mapping.lc.key(key)) or start_of(mapping)


def value_position(mapping: CommentedMap, key: object) -> Position:
    return _lc(mapping.lc.value(key)) or key_position(mapping, key)


def item_position(seq: CommentedSeq, index: int) -> Position:
    return _lc(seq.lc.item(index)) or start_of(seq)


def locate(root: Any, loc: Sequence[object], at_key: bool = False) -> Position:
    """The position of pydantic location `loc` in the tree.

    Parts that are not in the tree are skipped: the tag of a discriminated union, and a key
    that is missing (its problem then points at the mapping that should hold it).
    """
    node, position = root, start_of(root)
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, CommentedMap):
            key = find_key(node, part)
            if key is None:
                continue
            position = key_position(node, key) if at_key and last else value_position(node, key)
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            position, node = item_position(node, part), node[part]
        else:
            break
    return position


def _label(parent: object, index: int, node: Any) -> str:
    name = node.get("id") if isinstance(node, CommentedMap) else None
    if parent == "bands":
        return f"band {index + 1}"
    nouns = {
        "sections": "section",
        "items": "item",
        "options": "option",
        "points": "points range",
        "all": "condition",
        "any": "condition",
    }
    noun = nouns.get(str(parent), "entry")
    return f"{noun} '{name}'" if isinstance(name, str) and name else f"{noun} {index + 1}"


def describe(root: Any, loc: Sequence[object]) -> str:
    """Where in the standard `loc` is, in words ("item 'greeted', option 'warm': ")."""
    labels: list[str] = []
    node = root
    for index, part in enumerate(loc):
        if isinstance(node, CommentedMap):
            key = find_key(node, part)
            if key is None:
                continue
            node = node[key]
            if index == 1 and loc[0] == "option_sets":
                labels = [f"option set '{key}'"]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            parent = loc[index - 1] if index else None
            if index == 2 and loc[0] == "option_sets":
                parent = "options"
            node = node[part]
            label = _label(parent, part, node)
            # Item ids are unique in the whole standard, so a named item needs no section.
            if parent in ("sections", "bands") or (parent == "items" and "'" in label):
                labels = [label]
            else:
                labels.append(label)
        else:
            break
    return ", ".join(labels) + ": " if labels else ""
