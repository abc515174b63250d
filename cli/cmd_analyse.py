"""`mystery-audit gaps` and `mystery-audit rank`: analytics on files, no database needed."""

import argparse
import math
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cli.output import InputProblem, add_db_option, open_engine
from locales.rounding import half_away_text

if TYPE_CHECKING:
    from scoring.engine import Coded, Scores
    from scoring.plan import Plan

RANK_BY = ("store", "region", "staff", "shopper")


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    gaps = commands.add_parser(
        "gaps",
        help="recurring gaps: items failed in k of a store's last n visits (CSV to stdout)",
        description="List (store, item) pairs where the item did not pass in at least K of "
        "the store's N most recent visits in which it applied. With --marks, also the pairs "
        "failed far more often than the chain in the lookback (unlikely to be chance, at a "
        "false-discovery rate of 10 %).",
    )
    _common(gaps)
    gaps.add_argument("--k", type=int, default=2, help="failures needed (default 2)")
    gaps.add_argument("--n", type=int, default=3, help="recent applicable visits (default 3)")
    gaps.add_argument(
        "--marks",
        action="store_true",
        help="also list the pairs unlikely to be chance, with p_value and unlikely_chance",
    )
    gaps.add_argument(
        "--lookback-months",
        type=int,
        default=12,
        metavar="MONTHS",
        help="how far back from the newest visit failures count for --marks (default 12)",
    )
    gaps.set_defaults(run=run_gaps)

    rank = commands.add_parser(
        "rank",
        help="rank stores, regions, staff or shoppers with reliability figures (CSV)",
        description="Mean visit score, adjusted score with its 90 % interval and rank; units "
        "with fewer than 3 visits get no rank. For shoppers the figure is their leniency.",
    )
    rank.add_argument("--by", required=True, choices=RANK_BY)
    _common(rank)
    add_db_option(rank)
    rank.set_defaults(run=run_rank)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--standard", required=True, metavar="STANDARD.yaml")
    parser.add_argument("visits", metavar="VISITS.csv")
    parser.add_argument("answers", metavar="ANSWERS.csv")


@dataclass(frozen=True)
class _Loaded:
    plan: "Plan"
    visits: pd.DataFrame
    """The VISITS file as read."""
    frame: pd.DataFrame
    """One row per scored visit (in `scores` order): the VISITS columns and `score`."""
    scores: "Scores"
    coded: "Coded"
    at: np.ndarray
    """Row in `visits` of each scored visit."""


def _load(args: argparse.Namespace, subject: str | None = None, cells: bool = False) -> _Loaded:
    from cli.answer_files import read_and_score
    from cli.cmd_score import load_plan
    from cli.visit_files import read_visits

    plan = load_plan(args.standard, subject)
    visits = read_visits(args.visits)
    scores, coded = read_and_score(plan, args.answers, cells=cells)
    at = pd.Index(visits["visit_id"]).get_indexer(list(scores.visit_ids))
    if (at < 0).any():
        _missing_visits(args, coded, at)
    frame = visits.iloc[at].reset_index(drop=True)
    frame["score"] = scores.score
    return _Loaded(plan, visits, frame, scores, coded, at)


def _missing_visits(args: argparse.Namespace, coded: "Coded", at: np.ndarray) -> None:
    from audits.importers.reader import read_sheet
    from audits.importers.result import Problems

    numbers = [row.number for row in read_sheet(args.answers, Problems()).rows]
    lines = []
    for position in np.flatnonzero(at[coded.visit] < 0).tolist():
        visit_id = coded.visit_ids[coded.visit[position]]
        lines.append(
            f"{args.answers}:{numbers[position]}: visit '{visit_id}' is not in {args.visits}"
        )
    raise InputProblem(lines)


def run_gaps(args: argparse.Namespace) -> int:
    from scoring.gaps import gaps_from_cells, status_of

    if not 1 <= args.k <= args.n:
        raise InputProblem([f"--k must be from 1 to --n ({args.n}), not {args.k}"])
    if not 1 <= args.lookback_months <= 120:
        raise InputProblem([f"--lookback-months must be from 1 to 120, not {args.lookback_months}"])
    loaded = _load(args, cells=True)
    gaps = gaps_from_cells(
        status_of(loaded.scores.kept_reasons()),
        loaded.frame["store_id"].to_numpy(),
        loaded.frame["visited_at"].to_numpy(),
        loaded.plan.item_ids,
        k=args.k,
        n=args.n,
        lookback_months=args.lookback_months,
    )
    if not args.marks:
        gaps = gaps[gaps["recurring"]]
    visits = loaded.visits
    text_of = dict(zip(visits["visited_at"], visits["visited_text"], strict=False))
    out = pd.DataFrame(
        {
            "store_id": gaps["store_id"],
            "item_id": gaps["item_id"],
            "failures": gaps["failures"],
            "window": gaps["window"],
            "last_failed_at": [text_of.get(when, str(when)) for when in gaps["last_failed_at"]],
        }
    )
    if args.marks:
        # Full precision: repr keeps every digit a float has.
        out["p_value"] = [repr(float(p)) for p in gaps["p_value"]]
        out["unlikely_chance"] = np.where(gaps["unlikely_chance"], "true", "false")
    out.to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0


def _two(value: float | None) -> str:
    """Two decimals, ties away from zero; empty for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return half_away_text(value, 2)


def _staff_figures_agreed(args: argparse.Namespace) -> int:
    """Figures per staff member on the command line follow the organisation's database as
    in the app: a recorded works-council agreement, a display that is not hidden, and the
    minimum group (returned); each look is written to the access log (docs/privacy.md)."""
    from audits.records.db import transaction
    from audits.records.settings import (
        get_staff_agreement,
        get_staff_display,
        get_staff_min_group,
    )
    from audits.visits.trail import record

    with transaction(open_engine(args)) as conn:
        if get_staff_agreement(conn) is None:
            raise InputProblem(
                [
                    "staff figures are off: no works-council agreement is recorded in the "
                    "database (an admin records it under Admin > Settings); see docs/privacy.md"
                ]
            )
        if get_staff_display(conn) == "hidden":
            raise InputProblem(["staff figures are off: the organisation's setting hides them"])
        record(
            conn, None, "staff_figures", "command line", "cli", None,
            {"files": [args.visits, args.answers], "scope": "all"},
        )  # fmt: skip
        return get_staff_min_group(conn)


def _enough_staff(frame: pd.DataFrame, min_group: int) -> pd.DataFrame:
    """Visits of stores where at least `min_group` staff have results, as in the app."""
    named = frame[frame["staff_id"].notna()]
    people = named.groupby("store_id")["staff_id"].nunique()
    kept = people[people >= min_group].index
    return frame[frame["store_id"].isin(kept)]


def run_rank(args: argparse.Namespace) -> int:
    min_group = _staff_figures_agreed(args) if args.by == "staff" else 0
    subject = "staff" if args.by == "staff" else None
    frame = _load(args, subject=subject).frame
    if args.by == "staff":
        frame = _enough_staff(frame, min_group)
    table = _shopper_table(frame) if args.by == "shopper" else _unit_table(args, frame)
    out = pd.DataFrame(
        {
            "unit": table["unit"],
            "visits": table["visits"],
            "mean_score": [_two(v) for v in table["mean_score"]],
            "adjusted_score": [_two(v) for v in table["adjusted_score"]],
            "ci_low": [_two(v) for v in table["ci_low"]],
            "ci_high": [_two(v) for v in table["ci_high"]],
            "rank": ["" if pd.isna(r) else str(int(r)) for r in table["rank"]],
        }
    )
    if args.by == "shopper":
        # Whose interval lies more than 5 points from 0: the shoppers to calibrate.
        out["flagged"] = np.where(table["flagged"], "true", "false")
    out.to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0


def _unit_table(args: argparse.Namespace, frame: pd.DataFrame) -> pd.DataFrame:
    from scoring.rankings import rank_units

    column = {"store": "store_id", "region": "region", "staff": "staff_id"}[args.by]
    if column not in frame.attrs.get("columns", {column}) and frame[column].isna().all():
        raise InputProblem([f"{args.visits}:1: --by {args.by} needs a '{column}' column"])
    parent = "store_id" if args.by == "staff" else None
    return rank_units(frame, column, parent=parent)


def _shopper_table(frame: pd.DataFrame) -> pd.DataFrame:
    from scoring.leniency import shopper_leniency

    table = shopper_leniency(frame)
    ranked = ~table["too_few"]
    rank = pd.Series(pd.NA, index=table.index, dtype="Int64")
    rank[ranked] = table.loc[ranked, "leniency"].abs().rank(method="min").astype(int)
    return pd.DataFrame(
        {
            "unit": table["shopper"],
            "visits": table["visits"],
            "mean_score": table["leniency"],
            "adjusted_score": table["leniency"],
            "ci_low": table["ci_low"],
            "ci_high": table["ci_high"],
            "rank": rank,
            "flagged": table["flagged"],
        }
    )
