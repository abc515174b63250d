"""Plausibility flags, each against a hand-made case."""

import datetime as dt

import pandas as pd

from scoring.plausibility import plausibility_flags


def queue(**overrides) -> pd.DataFrame:
    row = {
        "visit_id": "v",
        "standard_id": "std",
        "shopper": "anna",
        "minutes": 20.0,
        "visit_day": dt.date(2026, 11, 20),
        "window_start": dt.date(2026, 11, 18),
        "window_end": dt.date(2026, 11, 30),
        "started_at": dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC),
        "submitted_at": dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC),
    }
    row.update(overrides)
    return pd.DataFrame([row])


REFERENCE = pd.DataFrame({"standard_id": ["std"] * 5, "minutes": [18, 20, 20, 22, 25]})
STATS = pd.DataFrame({"visit_id": ["v"], "yes_no": [10], "yes": [8], "comment_missing": [0]})
NO_LENIENCY = pd.DataFrame({"shopper": [], "leniency": [], "flagged": []})


def flags(q=None, reference=REFERENCE, stats=STATS, photos=frozenset(), leniency=NO_LENIENCY):
    table = plausibility_flags(
        q if q is not None else queue(), reference, stats, set(photos), leniency
    )
    row = table.iloc[0].drop("visit_id")
    return {name for name, on in row.items() if on}


def test_an_ordinary_visit_has_no_flag() -> None:
    assert flags() == set()


def test_durations_far_from_the_usual_are_flagged() -> None:
    assert flags(queue(minutes=9.0)) == {"short"}  # median 20: under 10 is short
    assert flags(queue(minutes=41.0)) == {"long"}  # over 40 is long
    assert flags(queue(minutes=10.0)) == set()


def test_durations_are_not_judged_without_enough_visits_to_compare() -> None:
    assert flags(queue(minutes=1.0), reference=REFERENCE.head(4)) == set()


def test_everything_yes_is_flagged_only_with_enough_yes_no_items() -> None:
    all_yes = STATS.assign(yes=10)
    assert flags(stats=all_yes) == {"all_yes"}
    few = STATS.assign(yes_no=4, yes=4)
    assert flags(stats=few) == set()


def test_a_comment_the_standard_asks_for_and_did_not_get_is_flagged() -> None:
    assert flags(stats=STATS.assign(comment_missing=1)) == {"missing_comments"}


def test_a_visit_that_starts_after_it_was_submitted_is_flagged() -> None:
    later = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)
    assert flags(queue(started_at=later)) == {"future"}
    # A phone clock a few minutes fast is not worth a reviewer's look.
    drift = dt.datetime(2026, 11, 20, 12, 5, tzinfo=dt.UTC)
    assert flags(queue(started_at=drift)) == set()


def test_a_photo_seen_in_another_visit_is_flagged() -> None:
    assert flags(photos={"v"}) == {"duplicate_photo"}


def test_a_visit_outside_its_window_is_flagged_and_one_without_window_is_not() -> None:
    assert flags(queue(visit_day=dt.date(2026, 12, 1))) == {"outside_window"}
    assert flags(queue(visit_day=dt.date(2026, 11, 17))) == {"outside_window"}
    assert flags(queue(window_start=None, window_end=None)) == set()


def test_flagged_shoppers_mark_their_visits_lenient_or_strict() -> None:
    leniency = pd.DataFrame(
        {"shopper": ["anna", "ben"], "leniency": [9.0, -8.0], "flagged": [True, True]}
    )
    assert flags(leniency=leniency) == {"lenient"}
    assert flags(queue(shopper="ben"), leniency=leniency) == {"strict"}
    calm = leniency.assign(flagged=False)
    assert flags(leniency=calm) == set()
