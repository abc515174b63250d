"""What the dashboard charts show on hover: the reader's number format, never NaN."""

import numpy as np
import pandas as pd

from pages.charts import heatmap_chart


def test_a_heatmap_cell_without_visits_reads_as_a_dash() -> None:
    means = pd.DataFrame({"greeting": [85.3, np.nan], "checkout": [70.0, 90.0]}, index=["S1", "S2"])
    counts = pd.DataFrame({"greeting": [4, np.nan], "checkout": [3, 2]}, index=["S1", "S2"])
    texts = {"score": "Punkte", "visits": "Besuche"}
    figure = heatmap_chart(means, counts, ["Kiel", "Lübeck"], ["Gruß", "Kasse"], texts, "de")
    cells, markers = figure.data
    assert [list(row) for row in cells.text] == [
        ["85,3 (4 Besuche)", "70,0 (3 Besuche)"],
        ["– (0 Besuche)", "90,0 (2 Besuche)"],
    ]
    assert not cells.hoverongaps
    assert list(markers.text) == [text for row in cells.text for text in row]


def test_the_trend_keeps_an_empty_month_as_a_gap_and_its_axis_within_0_and_100() -> None:
    import datetime as dt

    from pages.charts import trend_chart
    from scoring.dashboard import with_months
    from scoring.trends import monthly_trend

    # One visit in July and in September, none in August: a store with few visits.
    visited = pd.to_datetime(["2026-07-05 10:00", "2026-09-05 10:00", "2026-09-06 10:00"])
    visits = with_months(
        pd.DataFrame(
            {"visited_at": visited.tz_localize("Europe/Berlin"), "score": [20.0, 100.0, 95.0]}
        )
    )
    months = [dt.date(2026, m, 1) for m in (7, 8, 9)]
    texts = dict.fromkeys(("band", "mean", "visits", "outside", "target", "score"), "x")
    figure = trend_chart(monthly_trend(visits), months, 85.0, texts, "de")
    band, mean = figure.data[0], figure.data[1]
    assert list(mean.x) == ["Juli 2026", "Aug. 2026", "Sept. 2026"]
    assert mean.y[1] is None and not mean.connectgaps
    assert band.y[1] != band.y[1]  # no band in August
    low, high = figure.layout.yaxis.range
    assert low >= 0 and high <= 100
    assert all(b >= 0 and b + h <= 100 for b, h in zip(band.base, band.y, strict=True) if h == h)


def test_list_chips_carry_their_number_and_meet_aa_contrast() -> None:
    from pages.charts import contrast, score_colours
    from pages.heat_list import chips_html

    for score in [*range(0, 101, 5), None]:
        background, text = score_colours(score)
        assert contrast(background, text) >= 4.5, score
    chips = chips_html(
        pd.Series([85.34, np.nan]),
        pd.Series([4, 0]),
        ["Gruß <b>", "Kasse"],
        {"visits": "Besuche"},
        "de",
    )
    assert "Gruß &lt;b&gt; <b>85,3</b>" in chips  # the number as text, the title escaped
    assert "Kasse <b>–</b>" in chips
