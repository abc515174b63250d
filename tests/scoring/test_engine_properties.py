"""Random standards and answers: the engine agrees with the reference scorer, stays in 0..100
and ignores row order."""

import json
import math

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.visits import score_answers, visit_frame
from standards import Standard, load_standard_text
from tests.scoring.reference import reference_score

TYPES = ("yes_no", "scale", "choice", "multi_choice", "number", "duration", "text")
TABLES = [
    [{"max": 10, "score": 1}, {"below": 20, "score": 0.5}, {"score": 0}],
    [{"above": 2, "max": 8, "score": 1}, {"min": 60, "score": 0.4}],  # leaves values uncovered
]
CHOICES = ["good", "half", "bad"]
TICKS = ["a", "b", "a b", "b c", "a b c", "none"]


def _scoring(draw: st.DrawFn, item: dict, kind: str, earlier: list[dict]) -> None:
    """Weight, role and rules of an item that can earn points (or records only)."""
    if draw(st.integers(0, 5)) == 0:
        item["scored"] = False
        return
    item["weight"] = draw(st.sampled_from([0.5, 1, 2, 3]))
    role = draw(st.sampled_from(["plain", "plain", "critical", "bonus", "penalty"]))
    if role != "plain" and earlier:
        item[role] = True
    if kind in ("number", "duration"):
        if draw(st.booleans()):
            item["points"] = draw(st.sampled_from(TABLES))
            item["pass_min"] = draw(st.sampled_from([0.4, 0.5, 1]))
        else:
            item["pass_if"] = draw(
                st.sampled_from([{"max": 60}, {"min": 2, "max": 8}, {"above": 5, "below": 90}])
            )
    if kind == "multi_choice":
        item["base"] = draw(st.sampled_from([0, 0.5, 1]))
        item["pass_min"] = draw(st.sampled_from([0.5, 1]))


def _options(draw: st.DrawFn, kind: str, scored: bool) -> list[dict]:
    if kind == "choice":
        options = [
            {"id": "good", "text": "g", "score": 1},
            {"id": "half", "text": "h", "score": 0.5, "pass": draw(st.booleans())},
            {"id": "bad", "text": "b", "score": 0},
        ]
    else:
        options = [
            {"id": "a", "text": "a", "score": draw(st.sampled_from([-0.5, 0.5, 1]))},
            {"id": "b", "text": "b", "score": -0.5},
            {"id": "c", "text": "c", "score": 0.25},
            {"id": "none", "text": "n", "exclusive": True},
        ]
    if not scored:
        for option in options:
            option.pop("score", None)
            option.pop("pass", None)
    return options


def _leaf(draw: st.DrawFn, parent: dict) -> dict:
    kind = parent["type"]
    if kind in ("number", "duration", "scale"):
        test = draw(st.sampled_from(["min", "max", "above", "below"]))
        return {"item": parent["id"], test: draw(st.sampled_from([2, 5, 30]))}
    values = {"yes_no": ["yes", "no"], "choice": CHOICES, "multi_choice": ["a", "b", "none"]}[kind]
    test = draw(st.sampled_from(["equals", "in", "not_in"]))
    if test == "equals":
        return {"item": parent["id"], "equals": draw(st.sampled_from(values))}
    picked = draw(st.lists(st.sampled_from(values), min_size=1, max_size=2, unique=True))
    return {"item": parent["id"], test: picked}


def _condition(draw: st.DrawFn, parents: list[dict]) -> dict:
    if len(parents) < 2 or draw(st.booleans()):
        return _leaf(draw, draw(st.sampled_from(parents)))
    group = draw(st.sampled_from(["all", "any"]))
    return {group: [_leaf(draw, draw(st.sampled_from(parents))) for _ in range(2)]}


@st.composite
def standards(draw: st.DrawFn) -> Standard:
    sections = []
    earlier: list[dict] = []
    weighted = draw(st.sampled_from(["none", "all", "some"]))
    for s in range(draw(st.integers(1, 3))):
        items = []
        for n in range(draw(st.integers(1, 4))):
            kind = "yes_no" if not earlier else draw(st.sampled_from(TYPES))
            item: dict = {"id": f"i{s}_{n}", "type": kind, "text": "x"}
            if kind != "text" and earlier:
                _scoring(draw, item, kind, earlier)
            item["na_allowed"] = draw(st.booleans())
            if kind == "scale":
                item["min"], item["max"] = draw(st.sampled_from([(1, 5), (0, 10), (1, 3)]))
            if kind in ("choice", "multi_choice"):
                item["options"] = _options(draw, kind, item.get("scored", True))
            if kind == "multi_choice":
                item["max_select"] = draw(st.sampled_from([2, 3]))
            if kind == "number" and item.get("scored") is not False and "points" not in item:
                item.setdefault("pass_if", {"max": 60})
            if kind == "duration" and item.get("scored") is not False and "points" not in item:
                item.setdefault("pass_if", {"below": "1:00"})
            parents = [p for p in earlier if p["type"] != "text"]
            if parents and draw(st.booleans()):
                item["show_if"] = _condition(draw, parents)
            items.append(item)
            earlier.append(item)
        section: dict = {"id": f"s{s}", "title": "S", "items": items}
        if weighted == "all" or (weighted == "some" and draw(st.booleans())):
            section["weight"] = draw(st.sampled_from([1, 2, 5]))
        sections.append(section)
    document = {
        "id": "random",
        "title": "R",
        "channel": "in_store",
        "languages": ["en"],
        "critical_policy": draw(st.sampled_from(["zero", "flag_only"])),
        "bands": [{"min": 80, "label": "high"}, {"min": 0, "label": "low"}],
        "sections": sections,
    }
    return load_standard_text(json.dumps(document), "random.yaml")


def _values(item) -> list[str]:
    values = {
        "yes_no": ["yes", "no", "Ja", "nein"],
        # Number items have a min and max too (their range, often None): scales only here.
        "scale": [str(n) for n in range(item.min, item.max + 1)] if item.type == "scale" else [],
        "choice": CHOICES,
        "multi_choice": TICKS,
        "number": ["0", "5", "7,5", "10", "20", "61", "120"],
        "duration": ["5", "0:10", "20", "1:00", "1:30", "95"],
        "text": ["Kasse 2", "n/a"],
    }[item.type]
    if item.type == "multi_choice":
        values = [v for v in values if len(v.split()) <= (item.max_select or 4)]
    return values + (["na", "N/A"] if item.na_allowed else [])


@st.composite
def programmes(draw: st.DrawFn) -> tuple[Standard, dict[str, dict[str, str]]]:
    standard = draw(standards())
    visits = {}
    for v in range(draw(st.integers(1, 5))):
        answers = {}
        for item in standard.items():
            if draw(st.integers(0, 5)) == 0:
                continue  # unanswered
            answers[item.id] = draw(st.sampled_from(_values(item)))
        if answers:
            visits[f"v{v}"] = answers
    return standard, visits


def _frame(visits: dict[str, dict[str, str]]) -> pd.DataFrame:
    rows = [(v, i, value) for v, answers in visits.items() for i, value in answers.items()]
    return pd.DataFrame(rows, columns=["visit_id", "item_id", "value"])


def _same(a: float | None, b: float | None) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b))
    return b is not None and math.isclose(a, b, abs_tol=1e-9)


# The number of examples comes from the profile (tests/conftest.py).
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(programmes())
def test_the_engine_agrees_with_the_reference_scorer(programme) -> None:
    standard, visits = programme
    if not visits:
        return
    got = visit_frame(score_answers(standard, _frame(visits))).set_index("visit_id")
    for visit_id, answers in visits.items():
        want = reference_score(standard, answers)
        row = got.loc[visit_id]
        assert _same(row["score"], want.score), (visit_id, row["score"], want.score)
        assert bool(row["critical_failed"]) is want.critical_failed
        for section_id, score in want.sections.items():
            assert _same(row[f"section:{section_id}"], score)
        assert row["band"] == want.band


@SETTINGS
@given(programmes())
def test_scores_stay_between_0_and_100(programme) -> None:
    standard, visits = programme
    if not visits:
        return
    scores = visit_frame(score_answers(standard, _frame(visits)))
    columns = ["score", *[c for c in scores.columns if c.startswith("section:")]]
    values = scores[columns].to_numpy().ravel()
    values = values[~pd.isna(values)]
    assert ((values >= 0) & (values <= 100)).all()


@SETTINGS
@given(programmes(), st.randoms(use_true_random=False))
def test_row_order_never_changes_a_result(programme, random) -> None:
    standard, visits = programme
    if not visits:
        return
    frame = _frame(visits)
    shuffled = frame.sample(frac=1, random_state=random.randint(0, 2**31)).reset_index(drop=True)
    first = visit_frame(score_answers(standard, frame)).set_index("visit_id").sort_index()
    second = visit_frame(score_answers(standard, shuffled)).set_index("visit_id").sort_index()
    pd.testing.assert_frame_equal(first, second)
