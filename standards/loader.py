"""Load standards from YAML: every problem of every file is reported in one go."""

from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap

from standards.checks import check_tree
from standards.errors import Problem, StandardError, render
from standards.lint import lint
from standards.models import Standard, with_source
from standards.prepare import prepare
from standards.translate import got, translate
from standards.yamlplaces import start_of, value_position
from standards.yamlread import YamlProblems, read_tree, to_plain

SUFFIXES = (".yaml", ".yml")


def _problem(path: str, kind: str, at: tuple[int, int] = (1, 1), **fields: Any) -> Problem:
    code, message = render(kind, **fields)
    return Problem(path, *at, code, message)


def _load(text: str, path: str) -> tuple[Standard, CommentedMap]:
    try:
        root, problems = read_tree(text, path)
    except YamlProblems as error:
        raise StandardError(error.problems) from None
    if root is None:
        raise StandardError([_problem(path, "empty_file")])
    if not isinstance(root, CommentedMap):
        shape = "a list" if isinstance(root, list) else got(to_plain(root))
        raise StandardError([_problem(path, "not_mapping", start_of(root), got=shape)])
    problems += check_tree(root, path)
    plain, skip, homes = prepare(to_plain(root))
    standard = None
    try:
        standard = Standard.model_validate(plain)
    except ValidationError as error:
        problems += translate(error, root, path, skip=skip, relocate=homes.relocate)
    if problems or standard is None:
        raise StandardError(problems)
    return with_source(standard, text), root


@lru_cache(maxsize=64)
def load_standard_text(text: str, path: str = "<text>") -> Standard:
    """The standard in `text`; `path` only names it in problems. Raises StandardError.

    Standards are frozen, so one text read once serves every caller: the YAML reader is
    the slowest part of loading, and the app, the importers and the demo read the same
    files again and again. Problems are not kept; a bad text is read again each time."""
    return _load(text, path)[0]


def check_standard_text(text: str, path: str = "<text>") -> tuple[Standard, list[Problem]]:
    """The standard in `text` and its warnings (W codes, sorted by place), which do not make
    it invalid. Raises StandardError for errors, as `load_standard_text` does."""
    standard, root = _load(text, path)
    return standard, sorted(set(lint(standard, root, path)))


def check_standard(path: str | Path) -> tuple[Standard, list[Problem]]:
    """The standard in the file at `path` and its warnings."""
    path = Path(path)
    return check_standard_text(_read(path), str(path))


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        detail = f"it is not UTF-8 text (byte {error.start + 1}); save it as UTF-8"
    except OSError as error:
        detail = error.strerror or str(error)
    raise StandardError([_problem(str(path), "unreadable", detail=detail)])


def load_standard(path: str | Path) -> Standard:
    """The standard in the file at `path`. Raises StandardError with every problem."""
    path = Path(path)
    return load_standard_text(_read(path), str(path))


def load_library(folder: str | Path) -> list[Standard]:
    """Every standard in `folder` (*.yaml, *.yml), in file-name order.

    Problems of all files are collected before raising, and a standard id may be used by
    one file only.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise StandardError([_problem(str(folder), "unreadable", detail="it is not a folder")])
    problems: list[Problem] = []
    standards: list[Standard] = []
    owner: dict[str, Path] = {}
    for path in sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file()):
        try:
            text = _read(path)
            standard = load_standard_text(text, str(path))
        except StandardError as error:
            problems.extend(error.problems)
            continue
        if standard.id in owner:
            at = value_position(_load(text, str(path))[1], "id")
            problems.append(
                _problem(
                    str(path), "duplicate_standard", at, id=standard.id, other=owner[standard.id]
                )
            )
            continue
        owner[standard.id] = path
        standards.append(standard)
    if problems:
        raise StandardError(problems)
    return standards
