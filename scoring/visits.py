"""Score answers held in a DataFrame: the entry point for the CLI, imports and analytics.

`answers` has one row per answered item: `visit_id`, `item_id`, `value`, and optionally
`is_na` (as stored: N/A answers carry no value). Values may be canonical or as typed
(`Ja`, `n/a`, `2,5`); both give the same score. Categorical columns are used as they are,
which is the fast path for millions of rows.
"""

import numpy as np
import pandas as pd

from scoring.engine import Coded, Scores, score_coded
from scoring.plan import Plan
from standards import Standard


def codes_of(column: pd.Series) -> tuple[np.ndarray, list[object]]:
    """Integer codes (-1 for missing) and the distinct values, in order of first appearance
    unless the column is categorical, whose categories are used as they are."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(), list(column.cat.categories)
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    return codes, list(uniques)


def code_answers(plan: Plan, answers: pd.DataFrame) -> Coded:
    visit_codes, visit_ids = pd.factorize(answers["visit_id"], use_na_sentinel=True)
    if isinstance(visit_ids, pd.Categorical | pd.Index):
        visit_ids = list(visit_ids)
    item_codes, item_names = codes_of(answers["item_id"])
    to_plan = np.array([plan.index.get(str(name).strip(), -1) for name in item_names] + [-1])
    item = to_plan[item_codes]
    unknown_at = np.flatnonzero(item < 0)
    unknown = [
        (int(at), str(item_names[item_codes[at]]) if item_codes[at] >= 0 else "")
        for at in unknown_at.tolist()
    ]
    value, distinct = codes_of(answers["value"])
    values = ["" if v is None else str(v) for v in distinct]
    if "is_na" in answers.columns:
        na = answers["is_na"].fillna(False).to_numpy(dtype=bool)
        if na.any():
            value = np.where(na, len(values), value)
            values.append("na")
    if (visit_codes < 0).any():
        raise ValueError("every answer needs a visit_id")
    return Coded(
        visit=visit_codes.astype(np.int64),
        visit_ids=visit_ids,
        item=item.astype(np.int64),
        unknown=unknown,
        value=value.astype(np.int64),
        values=values,
    )


def score_answers(
    standard: Standard | Plan,
    answers: pd.DataFrame,
    *,
    subject: str | None = None,
    rows: bool = False,
) -> Scores:
    """Score every visit in `answers`; raises AnswersRejected naming each unusable row.

    With `subject="staff"` only items judging staff count (the staff figures of the spec).
    """
    plan = standard if isinstance(standard, Plan) else Plan(standard, subject)
    return score_coded(plan, code_answers(plan, answers), rows=rows)


def visit_frame(scores: Scores, language: str | None = None) -> pd.DataFrame:
    """One row per visit: visit_id, score, computed, critical_failed, band, and one
    `section:<id>` column per section (NaN where the section has no score)."""
    plan = scores.plan
    language = language or plan.standard.languages[0]
    labels = plan.band_labels(language)
    band = np.array([*labels, ""], dtype=object)[scores.band]
    frame = pd.DataFrame(
        {
            "visit_id": scores.visit_ids,
            "score": scores.score,
            "computed": scores.computed,
            "critical_failed": scores.critical_failed,
            "band": band,
        }
    )
    sections = pd.DataFrame(
        scores.section_score, columns=[f"section:{sid}" for sid in plan.section_ids]
    )
    return pd.concat([frame, sections], axis=1)
