"""show_if conditions as XLSForm `relevant` expressions: the inverse of `relevant.py`.

Where the parser would merge tests (an `any` of equals tests on one question reads back as
one `in`), the tests get parentheses of their own, so the condition reads back unchanged.
"""

from collections.abc import Callable

from standards.conditions import Condition
from standards.numbers import plain_decimal

_SYMBOL = {"below": "<", "max": "<=", "above": ">", "min": ">="}

Name = Callable[[str], tuple[str, bool]]
"""item id -> (the name to write inside ${}, whether the item is a multi-select)."""


def write_relevant(condition: Condition, name: Name) -> str:
    """The relevant expression of a show_if condition (the inverse of parse_relevant)."""
    return _write(condition, name)


def _quote(value: str) -> str:
    return f"'{value}'" if "'" not in value else f'"{value}"'


def _leaf_parts(leaf: Condition, name: Name) -> tuple[list[str], str]:
    ref, multi = name(leaf.item or "")
    kind = leaf.kind
    if kind == "equals":
        part = f"selected(${{{ref}}}, {_quote(leaf.equals or '')})" if multi else None
        return [part or f"${{{ref}}} = {_quote(leaf.equals or '')}"], "or"
    if kind == "in":
        test = "selected(${{{0}}}, {1})" if multi else "${{{0}}} = {1}"
        values = leaf.in_ or ()
        if not multi and len(values) == 1:
            test = "selected(${{{0}}}, {1})"
        return [test.format(ref, _quote(value)) for value in values], "or"
    if kind == "not_in":
        test = "not(selected(${{{0}}}, {1}))" if multi else "${{{0}}} != {1}"
        return [test.format(ref, _quote(value)) for value in leaf.not_in or ()], "and"
    return [f"${{{ref}}} {_SYMBOL[kind]} {plain_decimal(leaf.test(kind))}"], "or"


def _collapsible(children: tuple[Condition, ...], kind: str) -> bool:
    # Leaves the parser would merge into one in/not_in: they get parentheses to stay apart.
    if not all(child.is_leaf for child in children) or len({c.item for c in children}) != 1:
        return False
    wanted = ("equals", "in") if kind == "any" else ("not_in",)
    return all(child.kind in wanted for child in children)


def _write(condition: Condition, name: Name) -> str:
    if condition.is_leaf:
        parts, joiner = _leaf_parts(condition, name)
        return f" {joiner} ".join(parts)
    kind = condition.kind
    children = condition.group(kind) or ()
    guard = _collapsible(children, kind)
    texts = []
    for child in children:
        text = _write(child, name)
        several = not child.is_leaf or len(_leaf_parts(child, name)[0]) > 1
        texts.append(f"({text})" if several or guard else text)
    return f" {'or' if kind == 'any' else 'and'} ".join(texts)
