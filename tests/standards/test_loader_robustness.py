"""Whatever a trainer does to a file, the loader answers with problems, never a traceback."""

import pytest

from standards import CODES, StandardError, load_standard_text

BAD_VALUES = ["[1, 2]", "{}", "''", "-1", "true", "~", "{de: x}", "'@!'"]


def mutations(text: str):
    """Each line deleted, and each value replaced by one bad value (rotating, to stay fast)."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        yield "\n".join(lines[:index] + lines[index + 1 :])
        if ": " in line:
            key = line.split(": ", 1)[0]
            value = BAD_VALUES[index % len(BAD_VALUES)]
            yield "\n".join([*lines[:index], f"{key}: {value}", *lines[index + 1 :]])


def test_every_mutation_of_a_valid_file_loads_or_gives_placed_problems(small_standard):
    count = 0
    for text in mutations(small_standard):
        count += 1
        try:
            load_standard_text(text)
        except StandardError as error:
            assert error.problems, text
            for problem in error.problems:
                assert problem.code in CODES, problem
                assert 1 <= problem.line <= text.count("\n") + 2, (problem, text)
                assert problem.col >= 1, problem
    assert count > 60


ODD_YAML = [
    "a: 1\n? [x, y]\n: 2\n",
    "&a [*a]\n",
    "!!binary aGk=\n",
    "id: a\nid: b\nx: &a {k: *a}\n",
    "id: a\nsections: &s [{id: s, title: S, items: *s}]\n",
]


@pytest.mark.parametrize("text", ODD_YAML)
def test_odd_yaml_gives_problems_not_exceptions(text):
    with pytest.raises(StandardError):
        load_standard_text(text)
