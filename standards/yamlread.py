"""Read a standard's YAML safely (bounded in size, depth and values) keeping where every key
and value sits; standards/yamlplaces.py finds positions in the tree it returns."""

import datetime
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    ScalarEvent,
)
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode
from ruamel.yaml.reader import ReaderError

from standards.errors import Problem, render

# Parser wording -> words for someone who edits YAML by hand now and then.
_PLAIN_WORDS: tuple[tuple[str, str], ...] = (
    (
        r"found character '\\t' that cannot start any token",
        "a tab is used for indentation; indent with spaces only",
    ),
    (
        r"mapping values are not allowed here",
        "a ': ' inside a value; put the whole value in quotes",
    ),
    (
        r"expected <block end>, but found",
        "this line is not indented like the lines above it; check the spaces at its start",
    ),
    (r"found undefined alias '(.*)'", r"'*\1' refers to an anchor '&\1' that is not defined"),
    (r"while scanning a quoted scalar", "a quote is opened here but never closed"),
    (r"while parsing a flow sequence", "a list in [ ] starts here but is not closed properly"),
    (r"while parsing a flow mapping", "a mapping in { } starts here but is not closed properly"),
)


class YamlProblems(Exception):
    """The text cannot be turned into a tree at all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(problems)


def _yaml(allow_duplicates: bool = False) -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = allow_duplicates
    return yaml


def _plain_words(error: MarkedYAMLError) -> tuple[str, Any]:
    problem, context = error.problem or "", error.context or ""
    for pattern, words in _PLAIN_WORDS:
        if re.search(pattern, context):
            return words, error.context_mark
        if re.search(pattern, problem):
            return re.sub(f".*{pattern}.*", words, problem), error.problem_mark
    detail = f"{problem} ({context})" if context else problem
    return detail, error.problem_mark or error.context_mark


def _syntax_problem(path: str, text: str, error: YAMLError) -> Problem:
    line, col, detail = 1, 1, str(error).splitlines()[0] if str(error) else "unknown problem"
    if isinstance(error, MarkedYAMLError):
        detail, mark = _plain_words(error)
        if mark is not None:
            line, col = mark.line + 1, mark.column + 1
    elif isinstance(error, ReaderError):
        before = text[: error.position]
        line, col = before.count("\n") + 1, len(before) - before.rfind("\n")
        detail = f"it holds a control character (code {error.character!r}) that YAML does not allow"
    code, message = render("yaml_syntax", detail=detail)
    return Problem(path, line, col, code, message)


def _duplicate_keys(node: Node, path: str, seen: set[int] | None = None) -> list[Problem]:
    seen = set() if seen is None else seen
    if id(node) in seen:  # an alias points back at a node already walked
        return []
    seen.add(id(node))
    problems: list[Problem] = []
    if isinstance(node, MappingNode):
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key == "<<":
                continue
            mark = key_node.start_mark
            if key in first:
                code, message = render("duplicate_key", key=key, first_line=first[key])
                problems.append(Problem(path, mark.line + 1, mark.column + 1, code, message))
            else:
                first[key] = mark.line + 1
            problems.extend(_duplicate_keys(value_node, path, seen))
    elif isinstance(node, SequenceNode):
        for child in node.value:
            problems.extend(_duplicate_keys(child, path, seen))
    return problems


TIMESTAMP = "tag:yaml.org,2002:timestamp"
MAX_BYTES = 5_000_000
"""A standard of a thousand items is about 500 kB; ten times that is no checklist."""
MAX_DEPTH = 64
"""Nesting the loader accepts; a standard needs about 20 levels (conditions included)."""
MAX_VALUES = 500_000
"""Values a file may hold once its aliases are expanded; a large standard holds 50,000."""
_BRACKETS = 2 * MAX_DEPTH
_BRACKET = re.compile(r"[\[\]{}]")
"""Open brackets in a row that stop the reading before the parser sees them: the parser
slows down with every unclosed flow bracket, so a hostile file is refused by a plain scan."""


def _problem_at(path: str, line: int, col: int, kind: str, **fields: Any) -> Problem:
    code, message = render(kind, **fields)
    return Problem(path, line, col, code, message)


def _check_size(text: str, path: str) -> None:
    """Refuse, in milliseconds, what would take the parser or the tree minutes: a huge file,
    deep nesting, and aliases that repeat a part until the file holds billions of values."""
    if len(text) > MAX_BYTES:
        raise YamlProblems([_problem_at(path, 1, 1, "too_large", mb=MAX_BYTES // 1_000_000)])
    depth = 0
    for bracket in _BRACKET.finditer(text):
        depth = depth + 1 if bracket.group() in "[{" else max(0, depth - 1)
        if depth > _BRACKETS:
            at = bracket.start()
            line, start = text.count("\n", 0, at), text.rfind("\n", 0, at) + 1
            raise YamlProblems(
                [_problem_at(path, line + 1, at - start + 1, "too_deep", depth=MAX_DEPTH)]
            )
    _check_events(text, path)


def _check_events(text: str, path: str) -> None:
    sizes: dict[str, int] = {}  # values under each anchor, once its collection has ended
    open_counts: list[list[Any]] = []  # [values so far, anchor] per open collection
    total = 0
    for event in _yaml().parse(text):
        mark = event.start_mark
        added = 0
        if isinstance(event, CollectionStartEvent):
            open_counts.append([1, event.anchor])
            if len(open_counts) > MAX_DEPTH:
                problem = _problem_at(
                    path, mark.line + 1, mark.column + 1, "too_deep", depth=MAX_DEPTH
                )
                raise YamlProblems([problem])
            continue
        if isinstance(event, CollectionEndEvent):
            added, anchor = open_counts.pop()
            if anchor:
                sizes[anchor] = added
        elif isinstance(event, ScalarEvent):
            added = 1
            if event.anchor:
                sizes[event.anchor] = 1
        elif isinstance(event, AliasEvent):
            added = sizes.get(event.anchor, 1)
        if open_counts:
            open_counts[-1][0] += added
        else:
            total += added
        if total + sum(count for count, _ in open_counts) > MAX_VALUES:
            problem = _problem_at(
                path, mark.line + 1, mark.column + 1, "too_many_values", limit=f"{MAX_VALUES:,}"
            )
            raise YamlProblems([problem])


def read_tree(text: str, path: str) -> tuple[Any, list[Problem]]:
    """The round-trip tree of `text` and the duplicate-key problems in it.

    Raises YamlProblems when the text is no YAML at all, or is too large, too deep or
    expands too far through aliases. Duplicate keys do not stop the reading, so the rest of
    the file is still checked.
    """
    try:
        _check_size(text, path)
        return _yaml().load(text), []
    except DuplicateKeyError:
        pass
    except YAMLError as error:
        raise YamlProblems([_syntax_problem(path, text, error)]) from None
    except (ValueError, OverflowError):
        raise YamlProblems([_no_date(text, path)]) from None
    # Rare path: parse again to list every duplicate, then keep going with the first values.
    duplicates = _duplicate_keys(_yaml().compose(text), path)
    try:
        return _yaml(allow_duplicates=True).load(text), duplicates
    except (ValueError, OverflowError):
        raise YamlProblems([_no_date(text, path)]) from None


def _no_date(text: str, path: str) -> Problem:
    """The problem for a value YAML reads as a date or time that does not exist (2026-13-45):
    the reader stops there with a bare ValueError, so the value is found again in the
    composed tree, which is only nodes and cannot fail that way."""
    yaml = _yaml(allow_duplicates=True)
    pending, seen = [yaml.compose(text)], set()
    while pending:
        node = pending.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            pending.extend(part for pair in reversed(node.value) for part in reversed(pair))
        elif isinstance(node, SequenceNode):
            pending.extend(reversed(node.value))
        elif node.tag == TIMESTAMP:
            try:
                yaml.constructor.construct_yaml_timestamp(node)
            except (ValueError, OverflowError) as error:
                mark = node.start_mark
                return _problem_at(
                    path, mark.line + 1, mark.column + 1, "not_a_date", value=node.value,
                    detail=str(error),
                )  # fmt: skip
    return _problem_at(path, 1, 1, "yaml_syntax", detail="a value could not be read")


def to_plain(node: Any, _path: frozenset[int] = frozenset()) -> Any:
    """Plain dicts, lists and scalars for pydantic; ruamel's subclasses carry format details.

    A structure that contains itself through an alias becomes None at the point of return.
    """
    if isinstance(node, dict | list):
        if id(node) in _path:
            return None
        inner = _path | {id(node)}
        if isinstance(node, dict):
            return {to_plain(key, inner): to_plain(value, inner) for key, value in node.items()}
        return [to_plain(value, inner) for value in node]
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, datetime.date):
        return node.isoformat()
    return node
