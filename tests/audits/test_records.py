"""Rows that pages go through one by one arrive as records with None for missing values."""

import datetime as dt

import numpy as np
import pandas as pd

from audits.records.models import QueuedVisit, records_of

WHEN = pd.Timestamp("2026-11-20 10:00", tz="UTC")


def test_missing_values_from_a_frame_become_none_whatever_their_dtype() -> None:
    frame = pd.DataFrame(
        {
            "visit_id": ["a", "b"],
            "store_id": ["S1", "S2"],
            "store_name": ["Kiel", "Lübeck"],
            "standard_id": ["shop", "shop"],
            "title": ["Filialbesuch", "Filialbesuch"],
            # a visit imported without a shopper account, beside one with
            "shopper": ["anna", None],
            "started_at": [WHEN, WHEN],
            "ended_at": [WHEN, pd.NaT],
            "submitted_at": [WHEN, WHEN],
            "score": [80.0, np.nan],
            "minutes": [20.0, np.nan],
            "flags": [("short",), ()],
            "not_a_field": [1, 2],
        }
    )
    first, second = records_of(QueuedVisit, frame)
    assert (second.shopper, second.ended_at, second.score, second.minutes) == (None,) * 4
    assert first.shopper == "anna" and first.score == 80.0 and first.flags == ("short",)
    assert isinstance(first.ended_at, dt.datetime)
