"""What the gap report is made of: the reads of one reader's scope and filters, in plain
frames, so the workbook can be built and tested without a database."""

import datetime as dt
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TypeAlias, overload

import pandas as pd

from scoring.dashboard import Period
from standards.models import Standard
from standards.texts import Text

COMMENTS_PER_ITEM = 30
"""Newest comments kept per item: enough training examples without a sheet of thousands."""


class Later:
    """A frame still being read in the background; `get` waits for it."""

    def __init__(self, future: Future[pd.DataFrame]) -> None:
        self._future = future

    def get(self) -> pd.DataFrame:
        return self._future.result()

    def cancel(self) -> None:
        """Drop the read if it has not started (a running one finishes on its own)."""
        self._future.cancel()


Frame: TypeAlias = pd.DataFrame | Later


@overload
def ready(value: Frame) -> pd.DataFrame: ...
@overload
def ready(value: None) -> None: ...
@overload
def ready(value: Frame | None) -> pd.DataFrame | None: ...
def ready(value: Frame | None) -> pd.DataFrame | None:
    """The frame itself, waiting for it when it is still being read."""
    return value.get() if isinstance(value, Later) else value


@dataclass(frozen=True)
class ReportData:
    """Frames typed Frame may still be read in the background: use `ready(data.name)`."""

    period: Period
    made_at: dt.datetime
    """When the report was made, local time without a zone (Excel has none)."""
    chosen: dict[str, list[Text]]
    """The filters in words: regions, stores and standards chosen (empty lists: all); a
    standard's title in every language it has."""
    stores: pd.DataFrame
    """Stores in scope and filters: store_id, name, city, region_id, region."""
    standards: dict[str, Standard]
    """The newest version of each standard in the report: titles, sections, items."""
    band_labels: dict[tuple[int, float], Text]
    """Band label per standard version id and band minimum."""
    visits: pd.DataFrame
    """Published visits in the period: visit_id, visited_at (local, naive), store_id,
    standard_id, standard_version_id, channel, score, critical_failed, band_min."""
    before: Frame
    """The previous period's visits: score, critical_failed."""
    sections: pd.DataFrame
    """Section scores of the period's visits, row by row as in `visits`: one column per
    section id (empty where the visit's standard has no such section)."""
    items_now: Frame
    """Per standard and item in the period: applicable, failed, stores (with a failure)."""
    items_before: Frame
    """Per standard and item in the previous period: applicable, failed."""
    store_items: Frame
    """Per store, standard and item in the period: applicable, failed."""
    pairs: Frame
    """Every store-item pair of the chain as the gap rules judge it, from each store's latest
    results (audits.reads.dashboard.latest_pairs). How unusual a gap is, is judged against
    the chain's last twelve months, as on the dashboards (pages/gap_view.py), so a gap is
    marked the same in the app and the file."""
    chain_items: Frame
    """Chain-wide applicable and failed per standard and item over the last twelve months:
    the yardstick of how unusual a gap is (the same as on the dashboards)."""
    actions: Frame
    """Open actions in scope: store_id, standard_id, item_id, status, owner, due_date."""
    staff_display: str
    """named, pseudonymous or hidden (the organisation's setting)."""
    min_group: int
    """Stores where fewer staff have results are left out of staff figures."""
    staff: Frame | None = None
    """Staff items per staff member in the period (None when hidden): staff_id, store_id,
    standard_id, item_id, applicable, failed. Use `ready(data.staff)`."""
    staff_names: dict[str, str] = field(default_factory=dict)
    """Display names, filled only for the named setting."""
    comments: Frame = field(default_factory=pd.DataFrame)
    """The newest comments on failed items, COMMENTS_PER_ITEM per item: standard_id,
    item_id, visited_at (local, naive), store_id, comment, total (the item's count). Use
    `ready(data.comments)`."""
    section_titles: dict[str, list[tuple[str, Text]]] = field(default_factory=dict)
    """Per standard, every section id with its title: the newest version's first, then any
    that only older versions had. Empty: the newest version's sections."""
    whole_regions: frozenset[str] | None = None
    """Regions all of whose stores are in the report (None: all of them). Only these get a
    region row on the store sheet; a region cut by scope or filter would show a figure that
    is not the region's."""

    def cancel(self) -> None:
        """Drop the background reads not yet started (when the report will not be made)."""
        for value in vars(self).values():
            if isinstance(value, Later):
                value.cancel()
