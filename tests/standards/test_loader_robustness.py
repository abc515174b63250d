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


def _timed_problems(text: str) -> tuple[list, float]:
    import time

    started = time.perf_counter()
    with pytest.raises(StandardError) as caught:
        load_standard_text(text, "bomb.yaml")
    return caught.value.problems, time.perf_counter() - started


BILLION_LAUGHS = "\n".join(
    ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 9)]
    + ["id: *a8"]
)


def test_an_alias_bomb_is_one_located_problem_in_milliseconds() -> None:
    """Nine anchors of ten aliases each would expand to 10^9 strings (the file is ~700 bytes);
    the loader counts what aliases would expand to and stops where the count passes its
    limit, before building anything."""
    assert len(BILLION_LAUGHS) < 800
    problems, took = _timed_problems(BILLION_LAUGHS)
    assert [(p.code, p.line) for p in problems] == [("E022", 6)]  # a5: 10^6 values
    assert "aliases" in problems[0].message
    assert took < 2  # the unguarded reader took minutes; a loose bound keeps CI steady


@pytest.mark.parametrize(
    "text",
    [
        "id: " + "[" * 5000 + "]" * 5000 + "\n",
        "id: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n",
        "".join(" " * n + "k:\n" for n in range(3000)),
    ],
    ids=["flow lists", "flow mappings", "block mappings"],
)
def test_deep_nesting_is_one_located_problem_in_milliseconds(text: str) -> None:
    problems, took = _timed_problems(text)
    assert [p.code for p in problems] == ["E022"]
    assert "nests more than 64 levels" in problems[0].message
    assert took < 2  # the unguarded reader took minutes; a loose bound keeps CI steady


def test_a_file_over_five_megabytes_is_refused_without_parsing() -> None:
    problems, took = _timed_problems("id: x\n" + "# padding\n" * 600_000)
    assert [(p.code, p.line) for p in problems] == [("E022", 1)]
    assert took < 2  # the unguarded reader took minutes; a loose bound keeps CI steady


@pytest.mark.parametrize(
    "item",
    [
        "{id: a, type: yes_no, text: A, weight: .inf}",
        "{id: a, type: number, text: A, pass_if: {below: .nan}}",
        "{id: a, type: number, text: A, points: [{max: .nan, score: 1}]}",
        "{id: a, type: number, text: A, pass_if: {max: 1}}\n"
        "- {id: b, type: yes_no, text: B, show_if: {item: a, min: .nan}}",
    ],
)
def test_nan_and_infinity_are_refused_where_a_number_belongs(item: str) -> None:
    from tests.standards.conftest import problems_of, with_items

    (problem,) = problems_of(with_items(f"- {item}\n"))
    assert problem.code in ("E017", "E013"), problem
    assert "finite" in problem.message or "number" in problem.message


@pytest.mark.parametrize("value", ["2026-13-45", "2026-02-29", "2026-1-1 25:00:00", "2026-06-31"])
def test_a_value_that_reads_as_a_date_but_is_none_is_a_located_problem(value: str) -> None:
    # Found by fuzzing: YAML turns 2026-13-45 into a date, which fails with a bare ValueError.
    text = f"id: shop\ntitle: Shop\nvalid: {value}\n"
    with pytest.raises(StandardError) as caught:
        load_standard_text(text, "dates.yaml")
    [problem] = caught.value.problems
    assert (problem.path, problem.line, problem.col, problem.code) == ("dates.yaml", 3, 8, "E001")
    assert value in problem.message and "quotes" in problem.message
