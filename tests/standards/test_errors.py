"""The error-code table: every code documented, every problem printed the same way."""

import re
from pathlib import Path

from standards import CODES, Problem, StandardError
from standards.errors import KINDS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "standards-format.md"


def test_every_kind_of_problem_has_a_listed_code():
    assert {code for code, _ in KINDS.values()} == set(CODES)


def test_codes_are_numbered_without_gaps():
    for letter in ("E", "W"):
        codes = [code for code in CODES if code.startswith(letter)]
        assert codes == [f"{letter}{n:03d}" for n in range(1, len(codes) + 1)]


def test_the_trainer_docs_list_every_code():
    text = DOCS.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| ([EW]\d{3}) \|", text, re.M))
    assert documented == set(CODES)


def test_a_problem_prints_as_path_line_col_code_message():
    problem = Problem("lib/visit.yaml", 12, 9, "E002", "'guidence' is not a known key here")
    assert str(problem) == "lib/visit.yaml:12:9: E002 'guidence' is not a known key here"


def test_standard_error_sorts_problems_by_place_and_drops_repeats():
    late = Problem("a.yaml", 9, 1, "E004", "x")
    early = Problem("a.yaml", 2, 5, "E002", "y")
    error = StandardError([late, early, late])
    assert error.problems == [early, late]
    assert str(error).splitlines() == [str(early), str(late)]
