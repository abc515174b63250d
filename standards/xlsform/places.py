"""Where in the form a problem of the converted standard comes from.

The standard's own checks name a line of the YAML written from the form; each section, item,
option and band of that YAML came from one row, so the row whose part starts last at or
before the line is the place to fix it.
"""

import bisect
from typing import Any

from standards.errors import Problem
from standards.xlsform.codes import FormProblem
from standards.yamlread import YamlProblems, read_tree

Places = dict[tuple[str | int, ...], tuple[str, int]]
"""Path in the standard's plain data -> (sheet, row) it was read from."""


def _node(root: Any, path: tuple[str | int, ...]) -> Any:
    node = root
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def loader_problems(found: list[Problem], text: str, places: Places) -> list[FormProblem]:
    """The standard's problems (E and W codes) at the rows of the form."""
    if not found:
        return []
    try:
        root, _ = read_tree(text, "<converted>")
    except YamlProblems:
        root = None
    anchors = []
    for path, (sheet, row) in places.items():
        node = _node(root, path) if path else root
        line = getattr(getattr(node, "lc", None), "line", None)
        if not path:
            anchors.append((0, sheet, row))
        elif line is not None:
            anchors.append((line + 1, sheet, row))
    anchors.sort()
    lines = [line for line, _, _ in anchors]
    moved = []
    for problem in found:
        at = bisect.bisect_right(lines, problem.line) - 1
        sheet, row = (anchors[at][1], anchors[at][2]) if at >= 0 else ("settings", 2)
        moved.append(FormProblem(problem.path, sheet, row, problem.code, problem.message))
    return moved
