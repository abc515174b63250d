"""Plausibility flags for the review queue: reasons a reviewer should look twice.

Pure: frames in, one row of flags per visit out. A flag is a hint, never a verdict.
"""

import pandas as pd

FLAGS = (
    "short",
    "long",
    "all_yes",
    "missing_comments",
    "duplicate_photo",
    "outside_window",
    "future",
    "lenient",
    "strict",
)
SHORT = 0.5
"""A visit shorter than half the usual duration of its standard is flagged short..."""
LONG = 2.0
"""...and one longer than twice the usual duration long."""
MIN_REFERENCE = 5
"""Durations are compared only when the standard has this many timed visits."""
MIN_YES_NO = 5
""""Everything yes" needs at least this many yes/no answers to mean anything."""
FUTURE_GRACE = pd.Timedelta(minutes=10)
"""A visit may start this much after its submission (clocks of phones drift) before it is
flagged as logged in the future."""


def plausibility_flags(
    queue: pd.DataFrame,
    reference_minutes: pd.DataFrame,
    answer_stats: pd.DataFrame,
    duplicate_photo_visits: set[str],
    leniency: pd.DataFrame,
) -> pd.DataFrame:
    """One row per queued visit: visit_id and a boolean column per flag in FLAGS.

    queue: visit_id, standard_id, shopper, minutes, visit_day, window_start, window_end,
    started_at, submitted_at.
    reference_minutes: standard_id, minutes (every timed visit of the standard).
    answer_stats: visit_id, yes_no, yes, comment_missing (answers whose item asks for a
    comment, always or when failed, and got none: only an import can store one).
    leniency: scoring.leniency.shopper_leniency's table (shopper, leniency, flagged).
    """
    out = pd.DataFrame({"visit_id": queue["visit_id"].to_numpy()})
    usual = reference_minutes.groupby("standard_id")["minutes"].agg(["median", "count"])
    median = queue["standard_id"].map(usual["median"])
    enough = queue["standard_id"].map(usual["count"]).fillna(0) >= MIN_REFERENCE
    minutes = queue["minutes"]
    out["short"] = (enough & (minutes < SHORT * median)).to_numpy()
    out["long"] = (enough & (minutes > LONG * median)).to_numpy()
    stats = answer_stats.set_index("visit_id")
    yes_no = queue["visit_id"].map(stats["yes_no"]).fillna(0)
    yes = queue["visit_id"].map(stats["yes"]).fillna(0)
    out["all_yes"] = ((yes_no >= MIN_YES_NO) & (yes == yes_no)).to_numpy()
    missing = queue["visit_id"].map(stats["comment_missing"]).fillna(0)
    out["missing_comments"] = (missing > 0).to_numpy()
    out["duplicate_photo"] = queue["visit_id"].isin(duplicate_photo_visits).to_numpy()
    day = pd.to_datetime(queue["visit_day"])
    start = pd.to_datetime(queue["window_start"])
    end = pd.to_datetime(queue["window_end"])
    out["outside_window"] = (start.notna() & ((day < start) | (day > end))).to_numpy()
    started = pd.to_datetime(queue["started_at"], utc=True)
    submitted = pd.to_datetime(queue["submitted_at"], utc=True)
    out["future"] = (started > submitted + FUTURE_GRACE).fillna(False).to_numpy(dtype=bool)
    flagged = leniency.loc[leniency["flagged"]].set_index("shopper")["leniency"]
    lean = queue["shopper"].map(flagged)
    out["lenient"] = (lean > 0).fillna(False).to_numpy(dtype=bool)
    out["strict"] = (lean < 0).fillna(False).to_numpy(dtype=bool)
    return out
