"""What the generator needs to know about a standard's items, read through the standards API."""

from __future__ import annotations

from pathlib import Path

from standards import Item, Standard, load_library, text_in

LIBRARY = Path(__file__).resolve().parent / "demo" / "standards"
"""The versions of the shipped standards the demo visits are filled against (kept here, so
that new versions in standards/library change neither the demo files nor their scores)."""
SCORED = ("yes_no", "scale", "choice", "number")
TIMED_UNITS = {"s": 1 / 60, "min": 1.0, "h": 60.0}  # minutes per unit


def load_standards(folder: Path = LIBRARY) -> list[Standard]:
    return sorted(load_library(folder), key=lambda s: s.id)


def text_de(item: Item) -> str:
    return text_in(item.text, "de")


def show_if(item: Item) -> tuple[str, frozenset[str]] | None:
    """The item that decides whether `item` is shown, and the answers that show it."""
    if item.show_if is None:
        return None
    return item.show_if.item, frozenset(item.show_if.values)


def scale_range(item: Item) -> tuple[int, int, int]:
    return item.min, item.max, item.pass_min


def options(item: Item) -> list[tuple[str, float, bool]]:
    """(id, score, passes) per option of a choice item."""
    return [(o.id, o.score, bool(o.pass_)) for o in item.options]


def is_steering(item: Item) -> bool:
    """A choice no option of which can pass: it only switches follow-up items on and off."""
    return item.type == "choice" and not any(o.pass_ or o.score for o in item.options)


def pass_bounds(item: Item) -> tuple[float | None, float | None]:
    return item.pass_if.min, item.pass_if.max


def first_timed_item(standard: Standard) -> Item | None:
    """The first number item measured in time (for written channels: the response time)."""
    return next((i for i in standard.items() if i.type == "number" and i.unit in TIMED_UNITS), None)
