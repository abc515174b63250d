"""XLSForm `relevant` expressions <-> `show_if` conditions, for the subset both can say.

Grammar (recursive descent, nesting limited like show_if itself):

    expr    := conj ('or' conj)*
    conj    := atom ('and' atom)*
    atom    := '(' expr ')' | ref OP literal | literal OP ref
             | 'selected' '(' ref ',' literal ')' | 'not' '(' 'selected' '(' ref ',' literal ')' ')'

Mapping: `${x} = 'v'` is `equals`; `${x} != 'v'` and `not(selected(${x}, 'v'))` are
`not_in: [v]`; `<`, `<=`, `>`, `>=` are below, max, above, min; `selected(${x}, 'v')` is
`equals` on a multi-select and `in: [v]` on a single select. An `or` of bare equals/in tests
on one question is one `in`; an `and` of bare `!=` tests on one question is one `not_in`;
everything else is `any`/`all`, and parentheses make a group of their own.
`relevant_write.write_relevant` is the inverse, so export and import give the same condition.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from standards.conditions import MAX_DEPTH
from standards.numbers import plain_decimal

_TOKEN = re.compile(
    r"\s*(?:(?P<ref>\$\{\s*[^}\s]+\s*\})|'(?P<sq>[^']*)'|\"(?P<dq>[^\"]*)\""
    r"|(?P<num>-?\d+(?:\.\d+)?)|(?P<op>!=|<=|>=|=|<|>)|(?P<punct>[(),])|(?P<word>[A-Za-z_-]+))"
)
_NUMERIC = {"<": "below", "<=": "max", ">": "above", ">=": "min"}
_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "!=": "!="}


class RelevantError(ValueError):
    """The expression is outside the subset; the message says where."""


class UnknownName(ValueError):
    """A `${name}` that is unknown, later or the question itself (raised by `resolve`)."""

    def __init__(self, name: str, why: str) -> None:
        self.name, self.why = name, why
        super().__init__(f"{name}: {why}")


@dataclass(frozen=True)
class Ref:
    item: str
    multi: bool


Resolve = Callable[[str], Ref]


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    while position < len(text.rstrip()):
        found = _TOKEN.match(text, position)
        if not found or found.end() == position:
            raise RelevantError(f"unexpected '{text[position:].strip()[:20]}'")
        kind = found.lastgroup or ""
        value = found.group(kind)
        if kind in ("sq", "dq"):
            kind = "str"
        elif kind == "word":
            value = value.lower()
        tokens.append((kind, value))
        position = found.end()
    return tokens


class _Parser:
    def __init__(self, text: str, resolve: Resolve) -> None:
        self.tokens = _tokens(text)
        self.at = 0
        self.resolve = resolve

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("end", "")

    def take(self, kind: str, value: str | None = None) -> str:
        got_kind, got = self.peek()
        if got_kind != kind or (value is not None and got != value):
            wanted = value or {"ref": "${name}", "str": "a quoted value"}.get(kind, kind)
            raise RelevantError(f"expected {wanted}, found {got or 'the end'}")
        self.at += 1
        return got

    def parse(self) -> dict[str, Any]:
        node, _ = self.expr(1)
        if self.peek()[0] != "end":
            raise RelevantError(f"unexpected '{self.peek()[1]}'")
        return node

    def expr(self, depth: int) -> tuple[dict[str, Any], bool]:
        return self.chain(depth, "or", self.conj)

    def conj(self, depth: int) -> tuple[dict[str, Any], bool]:
        return self.chain(depth, "and", self.atom)

    def chain(
        self, depth: int, word: str, part: Callable[[int], tuple[dict[str, Any], bool]]
    ) -> tuple[dict[str, Any], bool]:
        parts = [part(depth)]
        while self.peek() == ("word", word):
            self.at += 1
            parts.append(part(depth))
        if len(parts) == 1:
            return parts[0]
        return _join("any" if word == "or" else "all", parts), False

    def atom(self, depth: int) -> tuple[dict[str, Any], bool]:
        kind, value = self.peek()
        if (kind, value) == ("punct", "("):
            if depth >= MAX_DEPTH:
                raise RelevantError(f"parentheses nest more than {MAX_DEPTH} levels deep")
            self.at += 1
            node, _ = self.expr(depth + 1)
            self.take("punct", ")")
            return node, False
        if (kind, value) == ("word", "not"):
            self.at += 1
            self.take("punct", "(")
            ref, literal = self.selected()
            self.take("punct", ")")
            return {"item": ref.item, "not_in": [literal]}, True
        if (kind, value) == ("word", "selected"):
            ref, literal = self.selected()
            if ref.multi:
                return {"item": ref.item, "equals": literal}, True
            return {"item": ref.item, "in": [literal]}, True
        return self.comparison(), True

    def selected(self) -> tuple[Ref, str]:
        self.take("word", "selected")
        self.take("punct", "(")
        ref = self.ref()
        self.take("punct", ",")
        literal = self.literal()
        self.take("punct", ")")
        return ref, literal

    def ref(self) -> Ref:
        name = self.take("ref")[2:-1].strip()
        return self.resolve(name)

    def literal(self) -> str:
        kind, value = self.peek()
        if kind not in ("str", "num"):
            raise RelevantError(f"expected a quoted value or a number, found {value or 'the end'}")
        self.at += 1
        # 4, 4.0 and 04 are the same answer; show_if compares canonical answers.
        return plain_decimal(Decimal(value)) if kind == "num" else value

    def comparison(self) -> dict[str, Any]:
        if self.peek()[0] == "ref":
            ref = self.ref()
            op = self.take("op")
            if self.peek()[0] == "op":
                doubled = op + self.peek()[1]
                raise RelevantError(f"'{doubled}' is no operator; use =, !=, <, <=, > or >=")
            literal = self.literal()
        else:
            literal = self.literal()
            op = _FLIPPED[self.take("op")]
            ref = self.ref()
        if op == "=":
            return {"item": ref.item, "equals": literal}
        if op == "!=":
            return {"item": ref.item, "not_in": [literal]}
        try:
            number = Decimal(literal)
        except InvalidOperation:
            raise RelevantError(f"'{literal}' is compared with {op} but is no number") from None
        return {"item": ref.item, _NUMERIC[op]: _plain(number)}


def _plain(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() else float(number)


def _join(kind: str, parts: list[tuple[dict[str, Any], bool]]) -> dict[str, Any]:
    """An `any` of bare equals/in on one item is one `in`; an `all` of bare not_in, one not_in."""
    nodes = [node for node, _ in parts]
    same = len({node.get("item") for node in nodes}) == 1 and all(bare for _, bare in parts)
    if same and kind == "any" and all("equals" in n or "in" in n for n in nodes):
        values = [v for n in nodes for v in ([n["equals"]] if "equals" in n else n["in"])]
        return {"item": nodes[0]["item"], "in": values}
    if same and kind == "all" and all("not_in" in n for n in nodes):
        return {"item": nodes[0]["item"], "not_in": [v for n in nodes for v in n["not_in"]]}
    return {kind: nodes}


def parse_relevant(text: str, resolve: Resolve) -> dict[str, Any]:
    """The show_if condition (plain data) of a relevant expression.

    Raises RelevantError for syntax outside the subset and UnknownName (from `resolve`)
    for names that cannot be used.
    """
    return _Parser(text, resolve).parse()
