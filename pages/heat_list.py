"""The heatmap as a list, for narrow screens: one entry per store (or region), lowest score
first, the full name, and a chip per section with its number on the heatmap's colour."""

import html

import pandas as pd

from locales import fmt_number
from pages.charts import score_colours

NARROW = 640
"""Screens up to this many CSS pixels wide get the list, wider ones the grid (automatic)."""

STYLE = f"""
<style>
  .ma-chips {{ display: flex; flex-wrap: wrap; gap: .3rem; margin: 0 !important;
               padding: 0 !important; list-style: none; }}
  .ma-chips li {{ margin: 0 !important; }}
  .ma-chip {{ display: inline-flex; gap: .35rem; align-items: baseline;
              padding: .15rem .5rem; border-radius: .4rem; font-size: .875rem;
              line-height: 1.35; }}
  .ma-chip b {{ font-variant-numeric: tabular-nums; }}
  @media (max-width: {NARROW}px) {{ .st-key-heat-auto-grid {{ display: none !important; }} }}
  @media (min-width: {NARROW + 1}px) {{ .st-key-heat-auto-list {{ display: none !important; }} }}
</style>
"""


def list_order(means: pd.DataFrame, scores: pd.Series) -> list[str]:
    """The units of `means` lowest score first (what needs attention first); units without a
    score last, then by id so the order is stable."""
    shown = pd.Series([scores.get(unit) for unit in means.index], index=means.index, dtype=float)
    return sorted(means.index, key=lambda u: (shown[u] != shown[u], shown[u], str(u)))


def chips_html(
    means: pd.Series, counts: pd.Series, sections: list[str], texts: dict[str, str], lang: str
) -> str:
    """One unit's sections as chips: title and number as text (the colour only repeats what
    the number says), the visits behind it as a tooltip."""
    chips = []
    for title, mean, count in zip(sections, means, counts, strict=True):
        background, colour = score_colours(None if mean != mean else float(mean))
        visits = int(count) if count == count else 0
        tip = f"{fmt_number(mean, lang)} ({visits} {texts['visits']})"
        chips.append(
            f'<li class="ma-chip" style="background:{background};color:{colour}" '
            f'title="{html.escape(tip)}">{html.escape(title)} '
            f"<b>{html.escape(fmt_number(mean, lang))}</b></li>"
        )
    return f'<ul class="ma-chips">{"".join(chips)}</ul>'
