"""The results of calibration exercises: per item how well the shoppers agreed, per shopper
how far they stood from the others (docs/scoring.md, "Calibration agreement").

Each exercise is one subject (one interaction, judged by every invited shopper), each
shopper a rater. Figures over one exercise describe that exercise; chosen together, several
exercises of one standard give each item one subject per exercise.
"""

import numpy as np
import pandas as pd

from scoring.agreement import Figure, Level, agreement, krippendorff_alpha
from standards.items import Item
from standards.models import Standard

UNCLEAR_BELOW = 0.6
"""Items whose AC1 is lower are listed as "unclear question or guidance"."""

LEVELS: dict[str, Level] = {
    "yes_no": "nominal",
    "choice": "nominal",
    "multi_choice": "nominal",
    "scale": "ordinal",
    "number": "interval",
    "duration": "interval",
}
"""The items agreement is computed for, and how far apart two answers are: categories
without order, a scale's points in order, measured numbers. Texts, photos, dates and times
are not judged."""

ITEM_COLUMNS = [
    "item_id",
    "raters",
    "agreement",
    "agreement_low",
    "agreement_high",
    "ac1",
    "ac1_low",
    "ac1_high",
    "alpha",
    "alpha_low",
    "alpha_high",
    "unclear",
]
SHOPPER_COLUMNS = ["shopper_id", "items", "differs", "differ_share", "score_vs_median"]


def _answer_words(frame: pd.DataFrame) -> pd.Series:
    """Each answer as one nominal word: "na" for not applicable, a multi-select's options
    sorted (the order they were ticked in does not matter)."""
    words = frame["value"].fillna("").astype(str).map(lambda v: " ".join(sorted(v.split())))
    return words.where(~frame["is_na"].astype(bool), "na")


def _numbers(frame: pd.DataFrame) -> pd.Series:
    values = pd.to_numeric(frame["value"], errors="coerce")
    return values.where(~frame["is_na"].astype(bool))


def _matrix(
    values: pd.Series, frame: pd.DataFrame, subjects: list[object], raters: list[object]
) -> np.ndarray:
    table = (
        pd.DataFrame({"s": frame["exercise_id"], "r": frame["shopper_id"], "v": values})
        .pivot_table(index="s", columns="r", values="v", aggfunc="first", dropna=False)
        .reindex(index=subjects, columns=raters)
    )
    matrix: np.ndarray = table.to_numpy(dtype=float)
    return matrix


def _categories(item: Item, words: pd.Series) -> list[str]:
    """The answers a shopper could give: Gwet's chance agreement counts every one of them,
    chosen or not. A multi-select's combinations are too many to count: the ones given."""
    if item.type == "yes_no":
        possible = ["yes", "no"]
    elif item.type == "choice":
        possible = [option.id for option in getattr(item, "options", [])]
    elif item.type == "scale":
        possible = [
            str(point) for point in range(getattr(item, "min", 1), getattr(item, "max", 5) + 1)
        ]
    else:
        possible = []
    if getattr(item, "na_allowed", False):
        possible.append("na")
    extra = sorted(set(words) - set(possible))
    return possible + extra if len(possible) + len(extra) >= 2 else [*possible, *extra, "other"]


def _put(row: dict[str, object], name: str, figure: Figure) -> None:
    row[name], row[f"{name}_low"], row[f"{name}_high"] = figure.value, figure.low, figure.high


def item_agreement(standard: Standard, answers: pd.DataFrame) -> pd.DataFrame:
    """Per judged item of `standard` with answers, in the standard's order: raters, raw
    agreement, AC1 (nominal items: yes/no, choice, multi-select, scale points), Krippendorff's
    alpha (nominal, ordinal for scales, interval for numbers and durations), each with its
    90 % interval (NaN where it cannot be computed), and `unclear` (AC1 below 0.6).

    `answers`: exercise_id, shopper_id, item_id, value, is_na.
    """
    subjects = sorted(answers["exercise_id"].unique())
    raters = sorted(answers["shopper_id"].unique())
    rows = []
    for item in standard.items():
        level = LEVELS.get(item.type)
        mine = answers[answers["item_id"] == item.id]
        if level is None or mine.empty:
            continue
        row: dict[str, object] = {"item_id": item.id, "raters": mine["shopper_id"].nunique()}
        nan = Figure(float("nan"), float("nan"), float("nan"))
        words = _answer_words(mine)
        if level == "interval":
            raw = ac1 = nan
            alpha = krippendorff_alpha(_matrix(_numbers(mine), mine, subjects, raters), level)
        else:
            categories = _categories(item, words)
            codes = words.map({word: n for n, word in enumerate(categories)}).astype(float)
            raw, ac1 = agreement(_matrix(codes, mine, subjects, raters), len(categories))
            if level == "ordinal":
                # Scale points in order; "not applicable" is no point on the scale.
                points = _numbers(mine) - getattr(item, "min", 0)
                alpha = krippendorff_alpha(_matrix(points, mine, subjects, raters), level)
            else:
                alpha = krippendorff_alpha(_matrix(codes, mine, subjects, raters), level)
        _put(row, "agreement", raw)
        _put(row, "ac1", ac1)
        _put(row, "alpha", alpha)
        row["unclear"] = bool(ac1.value < UNCLEAR_BELOW)
        rows.append(row)
    return pd.DataFrame(rows, columns=ITEM_COLUMNS)


def shopper_deviations(
    standard: Standard, answers: pd.DataFrame, scores: pd.DataFrame
) -> pd.DataFrame:
    """Per shopper: items (answers compared with a clear majority of the others), differs
    (how many of them differ from that majority), differ_share, and score_vs_median (their
    score minus the median score of the exercise, averaged over the exercises chosen).

    `answers` as for `item_agreement`; only items with answers to count (not measured
    numbers) are compared. `scores`: exercise_id, shopper_id, score.
    """
    counted = [i.id for i in standard.items() if LEVELS.get(i.type) in ("nominal", "ordinal")]
    answers = answers[answers["item_id"].isin(counted)]
    words = answers.assign(word=_answer_words(answers))
    counts = words.groupby(["exercise_id", "item_id", "word"]).size().rename("count").reset_index()
    ranked = counts.sort_values("count", ascending=False)
    top = ranked.groupby(["exercise_id", "item_id"]).head(2)
    first = top.groupby(["exercise_id", "item_id"])["count"].transform("max")
    ties = top.groupby(["exercise_id", "item_id"])["count"].transform(
        lambda c: (c == c.max()).sum()
    )
    # A tie for the most frequent answer is no majority: nobody is counted as off.
    majority = top[(top["count"] == first) & (ties == 1)][["exercise_id", "item_id", "word"]]
    compared = words.merge(majority, on=["exercise_id", "item_id"], suffixes=("", "_majority"))
    compared["differs"] = compared["word"] != compared["word_majority"]
    table = compared.groupby("shopper_id").agg(
        items=("differs", "size"), differs=("differs", "sum")
    )
    table["differ_share"] = table["differs"] / table["items"]
    median = scores.groupby("exercise_id")["score"].transform("median")
    table["score_vs_median"] = (scores["score"] - median).groupby(scores["shopper_id"]).mean()
    table = table.reindex(sorted(set(answers["shopper_id"]) | set(scores["shopper_id"])))
    table["items"] = table["items"].fillna(0).astype(int)
    table["differs"] = table["differs"].fillna(0).astype(int)
    return table.rename_axis("shopper_id").reset_index()[SHOPPER_COLUMNS]
