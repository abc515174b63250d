"""A standard compiled into arrays, so that scoring looks answers up instead of looping.

Items are numbered in file order. `show_if` may only name an earlier item, so walking the
items in order settles every parent before its children.
"""

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

import numpy as np

from standards import (
    AnswerError,
    ChoiceItem,
    Condition,
    Item,
    MeasuredItem,
    MultiChoiceItem,
    ScaleItem,
    Standard,
    YesNoItem,
    parse_answer,
    text_in,
)
from standards.bounds import table_share

SHARE_TOLERANCE = 1e-9
"""Shares are sums of decimals written in the file (1 - 0.5 - 0.5); a pass_min they reach
exactly must not fail by a rounding error."""

FREE_TYPES = ("text", "photo")
"""Any non-empty text is a valid answer; their values are never looked at one by one."""


@dataclass(frozen=True)
class Verdict:
    """What one answer text means for one item."""

    canonical: str | None
    na: bool = False
    empty: bool = False
    fraction: float = 0.0
    """Share of the item's weight earned (0..1)."""
    passed: bool = False
    error: str | None = None


EMPTY = Verdict(None, empty=True)
NA = Verdict(None, na=True)


@dataclass(frozen=True)
class Plan:
    """Per-item arrays of one standard, optionally narrowed to one `subject`."""

    standard: Standard
    subject: str | None = None

    @cached_property
    def items(self) -> list[Item]:
        return self.standard.items()

    @cached_property
    def item_ids(self) -> list[str]:
        return [item.id for item in self.items]

    @cached_property
    def index(self) -> dict[str, int]:
        return {item_id: position for position, item_id in enumerate(self.item_ids)}

    @cached_property
    def section_ids(self) -> list[str]:
        return [section.id for section in self.standard.sections]

    @cached_property
    def section_of(self) -> np.ndarray:
        positions = {section.id: n for n, section in enumerate(self.standard.sections)}
        return np.array(
            [positions[self.standard.section_of(item.id).id] for item in self.items], dtype=np.intp
        )

    @cached_property
    def section_matrix(self) -> np.ndarray:
        """items x sections, 1 where the item belongs to the section (sums become a product)."""
        matrix = np.zeros((len(self.items), len(self.section_ids)))
        matrix[np.arange(len(self.items)), self.section_of] = 1.0
        return matrix

    @cached_property
    def section_weights(self) -> np.ndarray:
        """The standard's section weights; NaN where a section counts by its possible points."""
        return np.array([np.nan if s.weight is None else s.weight for s in self.standard.sections])

    def _flag(self, name: str) -> np.ndarray:
        return np.array([bool(getattr(item, name)) for item in self.items], dtype=bool)

    @cached_property
    def scored(self) -> np.ndarray:
        """Items that earn points; with a subject, only the items judging that subject."""
        flags = self._flag("scored")
        if self.subject is not None:
            flags &= np.array([item.subject == self.subject for item in self.items])
        return flags

    @cached_property
    def weight(self) -> np.ndarray:
        """Each item's weight; 0 for an item that earns nothing (record-only, text, ...)."""
        return np.array([item.weight if item.scored else 0.0 for item in self.items], dtype=float)

    @cached_property
    def bonus(self) -> np.ndarray:
        return self._flag("bonus")

    @cached_property
    def penalty(self) -> np.ndarray:
        """Items that add nothing to possible points and deduct when they fail."""
        return self._flag("penalty")

    @cached_property
    def multi(self) -> np.ndarray:
        return np.array([item.type == "multi_choice" for item in self.items], dtype=bool)

    @cached_property
    def critical(self) -> np.ndarray:
        critical: np.ndarray = self._flag("critical") & self.scored
        return critical

    @cached_property
    def opaque(self) -> np.ndarray:
        """Free-text items no `show_if` looks at: only empty or N/A matters in their answers."""
        parents = {
            self.index[leaf.tested]
            for _, condition in self.conditional
            for leaf in condition.leaves()
        }
        return np.array(
            [item.type in FREE_TYPES and n not in parents for n, item in enumerate(self.items)],
            dtype=bool,
        )

    @cached_property
    def conditional(self) -> list[tuple[int, Condition]]:
        """(item, its show_if) in file order."""
        return [
            (position, item.show_if)
            for position, item in enumerate(self.items)
            if item.show_if is not None
        ]

    @cached_property
    def band_mins(self) -> np.ndarray:
        """Band minimums, lowest first (the standard keeps them highest first)."""
        return np.array([band.min for band in reversed(self.standard.bands)], dtype=float)

    def band_labels(self, language: str) -> list[str]:
        """Labels of `standard.bands` in one language, highest band first."""
        return [text_in(band.label, language) for band in self.standard.bands]

    def band_index(self, scores: np.ndarray) -> np.ndarray:
        """Position in `standard.bands` (highest first) per score; -1 without a band."""
        if not len(self.band_mins):
            return np.full(len(scores), -1)
        lowest_first = np.searchsorted(self.band_mins, np.nan_to_num(scores, nan=-1), "right") - 1
        found = (lowest_first >= 0) & ~np.isnan(scores)
        return np.where(found, len(self.band_mins) - 1 - lowest_first, -1)

    def verdict(self, position: int, raw: str | None) -> Verdict:
        """What the answer text `raw` means for the item at `position`."""
        item = self.items[position]
        try:
            parsed = parse_answer(item, raw)
        except AnswerError as error:
            if error.reason == "empty":
                return EMPTY
            return Verdict(None, error=str(error))
        if parsed.na:
            return NA
        fraction, passed = points(item, parsed.value)
        return Verdict(parsed.value, fraction=fraction, passed=passed)


def points(item: Item, value: str | None) -> tuple[float, bool]:
    """(share of the weight earned, passed) for a canonical answer; the table in the spec."""
    if value is None or not item.scored:
        return 0.0, False
    if isinstance(item, YesNoItem):
        return (1.0, True) if value == "yes" else (0.0, False)
    if isinstance(item, ScaleItem):
        number = int(value)
        return (number - item.min) / (item.max - item.min), number >= item.pass_at
    if isinstance(item, ChoiceItem):
        option = item.option(value)
        return option.score or 0.0, bool(option.pass_)
    if isinstance(item, MultiChoiceItem):
        share = item.share(value.split())
        return share, share >= (item.pass_min or 0.0) - SHARE_TOLERANCE
    if isinstance(item, MeasuredItem):
        measured = Decimal(value)
        if item.points is not None:
            earned = table_share(item.points, measured)
            if earned is None:  # no range holds the value: it earns nothing and fails
                return 0.0, False
            return earned, earned >= (item.pass_min or 0.0) - SHARE_TOLERANCE
        ok = item.pass_if is not None and item.pass_if.holds(measured)
        return (1.0, True) if ok else (0.0, False)
    return 0.0, False
