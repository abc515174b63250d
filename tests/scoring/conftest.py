"""Score small inline standards and answers written as dicts, the way the spec reads."""

import textwrap
from collections.abc import Callable

import pandas as pd
import pytest

from scoring.visits import score_answers, visit_frame
from standards import Standard, load_standard_text

Visits = dict[str, dict[str, str]]


def standard_from(body: str, **top: str) -> Standard:
    """A standard whose `sections:` block is `body`; `top` overrides header keys."""
    header = {
        "id": "t",
        "title": "T",
        "channel": "in_store",
        "languages": "[en]",
        **top,
    }
    lines = [f"{key}: {value}" for key, value in header.items()]
    text = "\n".join(lines) + "\nsections:\n" + textwrap.indent(textwrap.dedent(body), "  ")
    return load_standard_text(text, "t.yaml")


def answers_frame(visits: Visits) -> pd.DataFrame:
    rows = [
        (visit_id, item_id, value)
        for visit_id, answers in visits.items()
        for item_id, value in answers.items()
    ]
    return pd.DataFrame(rows, columns=["visit_id", "item_id", "value"])


def score_visits(standard: Standard, visits: Visits) -> pd.DataFrame:
    """One row per visit, indexed by visit id; section columns are `section:<id>`."""
    return visit_frame(score_answers(standard, answers_frame(visits))).set_index("visit_id")


@pytest.fixture
def score_one() -> Callable[[Standard, dict[str, str]], pd.Series]:
    def _score(standard: Standard, answers: dict[str, str]) -> pd.Series:
        return score_visits(standard, {"v1": answers}).loc["v1"]

    return _score
