"""`mystery-audit score --standard S ANSWERS`: visit scores as CSV, no database needed."""

import argparse
import math
import sys
from typing import TYPE_CHECKING

from cli.output import InputProblem

if TYPE_CHECKING:
    import numpy as np

    from scoring.plan import Plan


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = commands.add_parser(
        "score",
        help="score the visits in an answers file (CSV to stdout)",
        description="Score every visit in ANSWERS (columns visit_id,item_id,value and "
        "optionally comment) against a standard. Writes visit_id,score,band,critical_failed "
        "and one column per section, in the order the visits first appear.",
    )
    parser.add_argument("--standard", required=True, metavar="STANDARD.yaml")
    parser.add_argument("answers", metavar="ANSWERS.csv")
    parser.set_defaults(run=run)


def load_plan(path: str, subject: str | None = None) -> "Plan":
    """The standard compiled for scoring; its problems become input errors."""
    from scoring.plan import Plan
    from standards import StandardError, load_standard

    try:
        return Plan(load_standard(path), subject)
    except StandardError as error:
        raise InputProblem(str(p) for p in error.problems) from error


def percent(values: "np.ndarray") -> list[str]:
    """Two decimals, ties away from zero (78.125 -> 78.13), empty for "no score". Visit and
    section scores take few distinct values, so each distinct value is formatted once."""
    import numpy as np

    from locales.rounding import half_away_text

    distinct, inverse = np.unique(values, return_inverse=True)
    texts = np.array(
        ["" if math.isnan(v) else half_away_text(v, 2) for v in distinct.tolist()], dtype=object
    )
    chosen: list[str] = texts[inverse.ravel()].tolist()
    return chosen


def run(args: argparse.Namespace) -> int:
    from cli.answer_files import score_answers_file

    plan = load_plan(args.standard)
    scores = score_answers_file(plan, args.answers)
    labels = [_cell(label) for label in plan.band_labels(plan.standard.languages[0])] + [""]
    header = ["visit_id", "score", "band", "critical_failed", *plan.section_ids]
    ids = list(scores.visit_ids)
    if any(char in "".join(ids) for char in ',"\n\r'):
        ids = [_cell(visit_id) for visit_id in ids]
    columns = [
        ids,
        percent(scores.score),
        [labels[band] for band in scores.band.tolist()],
        ["true" if flag else "false" for flag in scores.critical_failed.tolist()],
        *(percent(scores.section_score[:, n]) for n in range(len(plan.section_ids))),
    ]
    lines = [",".join(header), *(",".join(cells) for cells in zip(*columns, strict=True))]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _cell(text: str) -> str:
    if any(char in text for char in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text
