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
