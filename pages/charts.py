"""Plotly figures of the dashboards. Axis texts come from the caller in the reader's
language; numbers use the language's separators; colours come from the Streamlit theme
(st.plotly_chart applies it), except the few that carry meaning (target, outside, below)."""

import datetime as dt
import html

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from locales import fmt_month, fmt_number, fmt_percent

ALERT = "#d62728"
GOOD = "#2ca02c"
TARGET = "#7f7f7f"
MEAN = "#1f77b4"


def safe(text: object) -> str:
    """A name or title as plotly shows it: plotly reads `<a href>`, `<span style>` and the
    like in any label as markup, so user text goes in with its brackets escaped."""
    return html.escape(str(text), quote=False)


def safe_labels(labels: list[str]) -> list[str]:
    """The labels as the chart holds them (what a click on it hands back)."""
    return [safe(label) for label in labels]


def _layout(figure: go.Figure, lang: str, height: int = 320) -> go.Figure:
    # Plotly's separators: decimal mark first, then the thousands mark.
    figure.update_layout(
        separators=",." if lang == "de" else ".,",
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": -0.2},
    )
    return figure


def trend_chart(
    trend: pd.DataFrame,
    months: list[dt.date],
    target: float | None,
    texts: dict[str, str],
    lang: str,
) -> go.Figure:
    """Monthly mean with its control band over `months`, every month on the axis: a month
    without visits is a gap (no point, the line broken, no band), not skipped. Months outside
    the band are marked; the standard's target as a line; the score axis stays within
    0..100. `trend` comes from scoring.trends.monthly_trend."""
    x = [fmt_month(month, lang) for month in months]
    by_month = trend.assign(month=[month.start_time.date() for month in trend["month"]]).set_index(
        "month"
    )
    shown = by_month.reindex(months)
    figure = go.Figure()
    # The band as one bar per month from lower to upper: its limits differ month by month
    # (they depend on the month's visits), and a month without visits simply has none.
    figure.add_trace(
        go.Bar(
            x=x,
            y=shown["upper"] - shown["lower"],
            base=shown["lower"],
            width=1,
            marker={"color": "rgba(128,128,128,0.18)", "line": {"width": 0}},
            name=texts["band"],
            hoverinfo="skip",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=x,
            y=[None if value != value else value for value in shown["mean"]],
            mode="lines+markers",
            connectgaps=False,
            cliponaxis=False,
            line={"color": MEAN},
            name=texts["mean"],
            customdata=_hover_numbers(shown["mean"], shown["visits"], lang),
            hovertemplate="%{x}: %{customdata[0]} (%{customdata[1]} "
            + texts["visits"]
            + ")<extra></extra>",
        )
    )
    outside = by_month[by_month["outside"]]
    if not outside.empty:
        figure.add_trace(
            go.Scatter(
                x=[fmt_month(month, lang) for month in outside.index],
                y=outside["mean"],
                mode="markers",
                cliponaxis=False,
                marker={"color": ALERT, "size": 12, "symbol": "circle-open", "line": {"width": 3}},
                name=texts["outside"],
            )
        )
    if target is not None:
        figure.add_hline(
            y=target,
            line={"color": TARGET, "dash": "dash"},
            annotation_text=texts["target"],
            annotation_position="top left",
        )
    figure.update_yaxes(title=texts["score"], range=score_range(shown, target))
    # Every month is on the axis, so on a phone the labels turn upright: they get the room
    # they need, and the legend moves above the plot, out of their way.
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=x, automargin=True)
    _layout(figure, lang)
    figure.update_layout(
        bargap=0, legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0}
    )
    return figure


def score_range(shown: pd.DataFrame, target: float | None, margin: float = 5.0) -> list[float]:
    """The score axis: what the chart holds with a margin, but never beyond 0..100 (scores
    cannot lie outside, and a wider axis would suggest they could)."""
    values = pd.concat([shown["mean"], shown["lower"], shown["upper"]]).dropna().tolist()
    if target is not None:
        values.append(target)
    if not values:
        return [0.0, 100.0]
    low = max(0.0, (min(values) - margin) // 5 * 5)
    high = min(100.0, -((-(max(values) + margin)) // 5) * 5)
    return [low, high]


def distribution_chart(bins: pd.DataFrame, texts: dict[str, str], lang: str) -> go.Figure:
    labels = [f"{low:.0f}–{high:.0f}" for low, high in zip(bins["low"], bins["high"], strict=True)]
    figure = go.Figure(
        go.Bar(
            x=labels,
            y=bins["visits"],
            hovertemplate="%{x}: %{y} " + texts["visits"] + "<extra></extra>",
        )
    )
    figure.update_xaxes(title=texts["score"], type="category")
    figure.update_yaxes(title=texts["visits_title"])
    return _layout(figure, lang, 280)


def _hover_numbers(values: pd.Series, visits: pd.Series, lang: str) -> list[list[str]]:
    """Per point, the value as the page shows it (one decimal, ties away from zero, the
    language's decimal mark) and the visit count: plotly's own number format would round
    ties to even."""
    return [
        [fmt_number(value, lang), str(int(count)) if count == count else "0"]
        for value, count in zip(values, visits, strict=True)
    ]


def bands_chart(bands: pd.DataFrame, texts: dict[str, str], lang: str) -> go.Figure:
    figure = go.Figure(
        go.Bar(
            x=bands["share"] * 100,
            y=[safe(band) for band in bands["band"]],
            orientation="h",
            customdata=_hover_numbers(bands["share"] * 100, bands["visits"], lang),
            text=[fmt_percent(share, lang, 0) for share in bands["share"]],
            hovertemplate="%{y}: %{customdata[0]} % (%{customdata[1]} "
            + texts["visits"]
            + ")<extra></extra>",
        )
    )
    figure.update_xaxes(title=texts["share"], range=[0, 100])
    figure.update_yaxes(autorange="reversed", type="category")
    return _layout(figure, lang, 280)


def ranking_chart(table: pd.DataFrame, names: dict, texts: dict[str, str], lang: str) -> go.Figure:
    """Adjusted score with its 90 % interval per unit, best at the top; a line at the
    peers' mean. Units below or above their peers are coloured."""
    shown = table.iloc[::-1]
    colours = shown["versus_peers"].map({"above": GOOD, "below": ALERT}).fillna(TARGET)
    figure = go.Figure(
        go.Scatter(
            x=shown["adjusted_score"],
            y=[safe(names.get(unit, unit)) for unit in shown["unit"]],
            mode="markers",
            marker={"color": list(colours), "size": 9},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": shown["ci_high"] - shown["adjusted_score"],
                "arrayminus": shown["adjusted_score"] - shown["ci_low"],
            },
            customdata=_hover_numbers(shown["adjusted_score"], shown["visits"], lang),
            hovertemplate="%{y}: %{customdata[0]} (%{customdata[1]} "
            + texts["visits"]
            + ")<extra></extra>",
        )
    )
    if not table.empty:
        peers = float(table["parent_mean"].iloc[0])
        figure.add_vline(
            x=peers,
            line={"color": TARGET, "dash": "dot"},
            annotation_text=f"{texts['peers']}: {fmt_number(peers, lang)}",
            annotation_position="top",
            annotation_yshift=18,
        )
    figure.update_xaxes(title=texts["score"])
    figure.update_yaxes(type="category")
    _layout(figure, lang, max(260, 22 * len(table) + 100))
    figure.update_layout(margin={"t": 50})
    return figure


def heatmap_chart(
    means: pd.DataFrame,
    counts: pd.DataFrame,
    store_labels: list[str],
    section_labels: list[str],
    texts: dict[str, str],
    lang: str,
) -> go.Figure:
    """Stores (rows, grouped by region in the given order) against sections; a click on a
    cell selects its store (the store id travels as customdata)."""
    store_labels, section_labels = safe_labels(store_labels), safe_labels(section_labels)
    # Hover texts are written here: a cell without visits reads "–", never "NaN".
    hover = [
        [
            f"{fmt_number(mean, lang)} ({int(count) if count == count else 0} {texts['visits']})"
            for mean, count in zip(mean_row, count_row, strict=True)
        ]
        for mean_row, count_row in zip(means.to_numpy(), counts.to_numpy(), strict=True)
    ]
    figure = go.Figure(
        go.Heatmap(
            z=means.to_numpy(),
            x=section_labels,
            y=store_labels,
            customdata=[[store] * means.shape[1] for store in means.index],
            text=hover,
            zmin=0,
            zmax=100,
            colorscale=HEAT_SCALE,
            colorbar={"title": {"text": texts["score"]}},
            hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
            hoverongaps=False,
            xgap=1,
            ygap=1,
        )
    )
    # Plotly cannot select heatmap cells, so a click lands on an invisible marker per cell.
    rows, columns = means.shape
    figure.add_trace(
        go.Scatter(
            x=[label for _ in range(rows) for label in section_labels],
            y=[label for label in store_labels for _ in range(columns)],
            mode="markers",
            marker={"symbol": "square", "size": 22, "opacity": 0},
            text=[text for row in hover for text in row],
            hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
            showlegend=False,
        )
    )
    figure.update_yaxes(autorange="reversed", type="category")
    figure.update_xaxes(side="top", type="category")
    return _layout(figure, lang, max(300, 24 * len(store_labels) + 120))


def leniency_chart(table: pd.DataFrame, texts: dict[str, str], lang: str) -> go.Figure:
    shown = table.iloc[::-1]
    colours = shown["flagged"].map({True: ALERT, False: TARGET})
    figure = go.Figure(
        go.Scatter(
            x=shown["leniency"],
            y=[safe(shopper) for shopper in shown["shopper"]],
            mode="markers",
            marker={"color": list(colours), "size": 9},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": shown["ci_high"] - shown["leniency"],
                "arrayminus": shown["leniency"] - shown["ci_low"],
            },
            customdata=shown["visits"],
            hovertemplate="%{y}: %{x:+.1f} (%{customdata} " + texts["visits"] + ")<extra></extra>",
        )
    )
    figure.add_vline(x=0, line={"color": TARGET})
    figure.update_xaxes(title=texts["leniency"])
    figure.update_yaxes(type="category")
    return _layout(figure, lang, max(260, 22 * len(table) + 80))


HEAT_SCALE = "RdYlBu"
"""Red low, blue high: readable with red-green colour blindness (the heatmap and its list)."""
NO_SCORE = ("#e8e8e8", "#1a1a1a")


def _luminance(rgb: tuple[float, ...]) -> float:
    # WCAG 2 relative luminance of an sRGB colour given as 0..255 channels.
    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours written #rrggbb."""
    lighter, darker = sorted(
        (_luminance(tuple(int(c[i : i + 2], 16) for i in (1, 3, 5))) for c in (first, second)),
        reverse=True,
    )
    return (lighter + 0.05) / (darker + 0.05)


def score_colours(score: float | None) -> tuple[str, str]:
    """(background, text) of a score chip: the heatmap's colour for the score, and black or
    white text, whichever contrasts more (one of them always reaches AA's 4.5:1)."""
    if score is None or score != score:
        return NO_SCORE
    sampled = sample_colorscale(HEAT_SCALE, [min(max(score, 0.0), 100.0) / 100])[0]
    channels = [round(float(c)) for c in sampled[sampled.index("(") + 1 : -1].split(",")]
    background = "#{:02x}{:02x}{:02x}".format(*channels)
    text = max(("#000000", "#ffffff"), key=lambda colour: contrast(background, colour))
    return background, text
