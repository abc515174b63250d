"""A standard's plain data as YAML a trainer can read and edit: block style for the
structure, flow style (`{de: Ja, en: Yes}`) only where a mapping or list fits on a short line."""

import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

FLOW_LIMIT = 80
"""Longest one-line rendering kept in flow style."""
_BLOCK_LISTS = ("sections", "items", "options", "bands", "points")
"""Lists of mappings that always stay block lists (their entries may be flow)."""
# Scalars that YAML 1.1 tools (and people) would read as something else than text.
_LOOKS_TYPED = re.compile(
    r"^(?:y|n|yes|no|on|off|true|false|null|~|[-+]?[\d.,:_]+(?:e[-+]?\d+)?)$", re.IGNORECASE
)


def _scalar(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and (not value or _LOOKS_TYPED.match(value)):
        return DoubleQuotedScalarString(value)
    return value


def _width(value: Any) -> int:
    """The length of the value written on one line in flow style."""
    if isinstance(value, dict):
        parts = [len(str(k)) + 2 + _width(v) for k, v in value.items()]
        return 2 + sum(parts) + 2 * max(len(parts) - 1, 0)
    if isinstance(value, list | tuple):
        parts = [_width(v) for v in value]
        return 2 + sum(parts) + 2 * max(len(parts) - 1, 0)
    text = str(_scalar(value))
    quoted = isinstance(_scalar(value), DoubleQuotedScalarString) or any(
        mark in text for mark in (", ", ": ", "{", "}", "[", "]", "#")
    )
    return len(text) + (2 if quoted else 0)


def _node(value: Any, key: str = "", depth: int = 0, flow: bool | None = None) -> Any:
    """`flow` decides for a mapping in a list: the entries of one list share one style."""
    if isinstance(value, dict):
        node = CommentedMap((k, _node(v, k, depth + 1)) for k, v in value.items())
        # The standard, its sections and its items are the structure: never on one line.
        structural = depth == 0 or "items" in value or key in ("sections", "items")
        fits = _width(value) <= FLOW_LIMIT if flow is None else flow
        if not structural and fits:
            node.fa.set_flow_style()
        return node
    if isinstance(value, list | tuple):
        maps = [v for v in value if isinstance(v, dict)]
        # Options, bands and points of one list look alike: all on one line each, or none.
        shared = all(_width(v) <= FLOW_LIMIT for v in maps) if key in _BLOCK_LISTS else None
        seq = CommentedSeq(_node(v, key, depth + 1, shared) for v in value)
        if not (key in _BLOCK_LISTS and maps) and _width(value) <= FLOW_LIMIT:
            seq.fa.set_flow_style()
        return seq
    return _scalar(value)


def dump_yaml(plain: dict[str, Any], header: str = "") -> str:
    """The YAML text of a standard given as plain data (dicts, lists, strings, numbers)."""
    yaml = YAML()
    yaml.width = 4096  # long texts stay on one line instead of folding mid-sentence
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    if header:
        out.write("".join(f"# {line}\n" if line else "#\n" for line in header.splitlines()))
    yaml.dump(_node(plain), out)
    return out.getvalue()
