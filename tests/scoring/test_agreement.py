"""Agreement of shoppers in calibration exercises: by hand on a small exercise, and equal to
the irrCAC and krippendorff packages on random ratings."""

import numpy as np
import pandas as pd
import pytest

from scoring.agreement import agreement, krippendorff_alpha
from scoring.calibration import item_agreement, shopper_deviations
from standards import load_standard_text

STANDARD = load_standard_text(
    """\
id: calib
title: {de: Kalibrierung, en: Calibration}
channel: in_store
languages: [de, en]
sections:
  - id: main
    title: {de: Haupt, en: Main}
    items:
      - {id: greeted, type: yes_no, text: {de: Begrüßt?, en: Greeted?}}
      - {id: clean, type: yes_no, text: {de: Sauber?, en: Clean?},
         guidance: {de: Boden und Regale., en: Floor and shelves.}}
      - {id: friendly, type: scale, min: 1, max: 5, text: {de: Freundlich?, en: Friendly?}}
      - {id: wait, type: number, unit: s, pass_if: {max: 60}, text: {de: Wartezeit, en: Wait}}
      - {id: note, type: text, text: {de: Notiz, en: Note}}
""",
    "calib.yaml",
)


def answers_of(rows: dict[int, dict[str, str]], exercise: int = 1) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"exercise_id": exercise, "shopper_id": shopper, "item_id": item, "value": value,
             "is_na": False}
            for shopper, given in rows.items()
            for item, value in given.items()
        ]
    )  # fmt: skip


ONE_EXERCISE = answers_of(
    {
        1: {"greeted": "yes", "clean": "yes", "friendly": "4", "wait": "40", "note": "ok"},
        2: {"greeted": "yes", "clean": "yes", "friendly": "4", "wait": "45", "note": "fine"},
        3: {"greeted": "yes", "clean": "yes", "friendly": "5", "wait": "40", "note": "ok"},
        4: {"greeted": "yes", "clean": "no", "friendly": "4", "wait": "90", "note": "dirty"},
    }
)


def test_a_small_exercise_by_hand() -> None:
    items = item_agreement(STANDARD, ONE_EXERCISE).set_index("item_id")
    # Texts are not judged; numbers only by Krippendorff's alpha.
    assert list(items.index) == ["greeted", "clean", "friendly", "wait"]
    assert (items.loc["greeted", "agreement"], items.loc["greeted", "ac1"]) == (1.0, 1.0)
    # clean: 3 yes, 1 no. Agreeing pairs 3 x 2 of 4 x 3: p_a = 0.5. Shares 0.75 and 0.25 of
    # q = 2 answers: p_e = 2 x 0.75 x 0.25 / 1 = 0.375. AC1 = (0.5 - 0.375) / 0.625 = 0.2.
    assert items.loc["clean", "agreement"] == pytest.approx(0.5)
    assert items.loc["clean", "ac1"] == pytest.approx(0.2)
    assert bool(items.loc["clean", "unclear"]) and not bool(items.loc["greeted", "unclear"])
    # friendly: 4, 4, 5, 4 on five points: p_a = 0.5, p_e = 0.375 / 4, AC1 = 0.4483.
    assert items.loc["friendly", "ac1"] == pytest.approx((0.5 - 0.09375) / (1 - 0.09375))
    assert np.isnan(items.loc["wait", "ac1"])
    assert (items["raters"] == 4).all()
    # The jackknife over four raters: greeted agrees whoever is left out.
    assert (items.loc["greeted", "ac1_low"], items.loc["greeted", "ac1_high"]) == (1.0, 1.0)
    assert items.loc["clean", "ac1_low"] < 0.2 < items.loc["clean", "ac1_high"]


def test_each_shopper_against_the_majority_and_the_median_score() -> None:
    scores = pd.DataFrame(
        {"exercise_id": 1, "shopper_id": [1, 2, 3, 4], "score": [80.0, 80.0, 90.0, 50.0]}
    )
    table = shopper_deviations(STANDARD, ONE_EXERCISE, scores).set_index("shopper_id")
    # greeted, clean and friendly are compared (not the number, not the text).
    assert table["items"].tolist() == [3, 3, 3, 3]
    assert table["differs"].tolist() == [0, 0, 1, 1]
    assert table.loc[4, "differ_share"] == pytest.approx(1 / 3)
    assert table["score_vs_median"].tolist() == [0.0, 0.0, 10.0, -30.0]


def test_a_tie_for_the_most_frequent_answer_counts_nobody_as_off() -> None:
    answers = answers_of({1: {"clean": "yes"}, 2: {"clean": "no"}})
    scores = pd.DataFrame({"exercise_id": 1, "shopper_id": [1, 2], "score": [100.0, 0.0]})
    table = shopper_deviations(STANDARD, answers, scores)
    assert table["items"].tolist() == [0, 0]


def random_ratings(rng: np.random.Generator, categories: int) -> np.ndarray:
    subjects, raters = rng.integers(3, 25), rng.integers(3, 9)
    data = rng.integers(0, categories, size=(subjects, raters)).astype(float)
    # Raters agree more than chance: a share of the subjects copies rater 0.
    copied = rng.random(subjects) < 0.5
    data[copied] = data[copied, :1]
    data[rng.random(data.shape) < 0.1] = np.nan
    data = data[(~np.isnan(data)).sum(axis=1) >= 1]
    return data


@pytest.mark.parametrize("seed", range(8))
def test_raw_agreement_and_ac1_equal_irrcac(seed: int) -> None:
    from irrCAC.raw import CAC

    rng = np.random.default_rng(seed)
    categories = int(rng.integers(2, 6))
    data = random_ratings(rng, categories)
    raw, ac1 = agreement(data, categories)
    # Categories named, so irrCAC neither guesses them nor sorts NaN among them.
    reference = CAC(pd.DataFrame(data), categories=list(range(categories)), digits=15).gwet()
    assert ac1.value == pytest.approx(reference["est"]["coefficient_value"], abs=1e-12)
    assert raw.value == pytest.approx(reference["est"]["pa"], abs=1e-12)


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval"])
def test_alpha_equals_krippendorff(seed: int, level: str) -> None:
    import krippendorff

    rng = np.random.default_rng(100 + seed)
    data = random_ratings(rng, 5)
    if level == "interval":
        data = data * 12.5 + rng.normal(0, 3, data.shape)
    expected = krippendorff.alpha(reliability_data=data.T, level_of_measurement=level)
    assert krippendorff_alpha(data, level).value == pytest.approx(expected, abs=1e-12)


def test_the_interval_holds_the_figure_and_needs_three_raters() -> None:
    rng = np.random.default_rng(5)
    data = random_ratings(rng, 2)
    raw, ac1 = agreement(data, 2)
    assert ac1.low <= ac1.value <= ac1.high
    assert 0 <= raw.low <= raw.value <= raw.high <= 1
    two = agreement(np.array([[0.0, 1.0], [1.0, 1.0]]), 2)[1]
    assert np.isnan(two.low) and np.isnan(two.high)
