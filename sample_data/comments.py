"""Shopper comments and free-text answers, picked by what an item is about.

An item's topic is found from words in its id (or, failing that, its German text), so the
phrases work for any standard; an item of no known topic gets generic remarks.
"""

from __future__ import annotations

from datetime import timedelta
from functools import cache

import numpy as np

from standards import Item

from . import phrases as ph
from .model import Visit
from .phrases import Topic
from .spec import text_de


def topic_of(item: Item, channel: str) -> Topic | None:
    return _topic(item.id, text_de(item).lower(), channel)


@cache
def _topic(item_id: str, text: str, channel: str) -> Topic | None:
    usable = [t for t in ph.TOPICS if channel in t.channels]
    by_id = next((t for t in usable if any(w in item_id for w in t.ids)), None)
    return by_id or next((t for t in usable if any(w in text for w in t.words)), None)


def comment(item: Item, channel: str, value: str, passed: bool, rng: np.random.Generator) -> str:
    if item.type == "number" and not passed:
        key = next((k for word, k in ph.NUMBER_TOPICS.items() if word in item.id), "")
        numbers = ph.NUMBER_FAIL.get((key, item.unit or ""))
        if numbers is None and item.unit in ph.UNIT_WORDS:
            numbers = (f"Gemessen: {{v}} {ph.UNIT_WORDS[item.unit]}.",)
        if numbers:
            return _pick(numbers, rng, value)
    text = _pick(_pool(topic_of(item, channel), passed), rng)
    suffixes = ph.SUFFIXES.get(channel, ())
    if not passed and suffixes and rng.random() < ph.SUFFIX_SHARE:
        text += suffixes[int(rng.integers(len(suffixes)))]
    return text


def na_comment(rng: np.random.Generator) -> str:
    return _pick(ph.NA_COMMENTS, rng)


def free_text(
    item: Item, visit: Visit, outcomes: list[tuple[Item, bool]], rng: np.random.Generator
) -> str:
    """A text answer: who served (area and time), what went wrong, or a short summary."""
    words = f"{item.id} {text_de(item).lower()}"
    if any(w in words for w in ("served", "bedient")):
        at = visit.start + timedelta(minutes=int(rng.integers(1, 10)))
        return f"{ph.AREAS[int(rng.integers(len(ph.AREAS)))]}, ca. {at:%H:%M} Uhr"
    if any(w in words for w in ("summary", "zusammen")):
        return summary(outcomes, visit.channel, rng)
    if item.show_if is not None:  # a follow-up to a poor answer: say what happened
        return _pick(_pool(topic_of(item, visit.channel), False), rng)
    return _pick(ph.GENERIC_TEXT, rng)


def summary(outcomes: list[tuple[Item, bool]], channel: str, rng: np.random.Generator) -> str:
    """Two or three sentences: something that went well, and the first things that did not."""
    good: list[Topic] = []
    bad: list[Topic] = []
    for item, passed in outcomes:
        topic = topic_of(item, channel)
        if topic is not None and not item.bonus and (topic.passes or not passed):
            (good if passed else bad).append(topic)
    parts = []
    if good:
        parts.append(_pick(good[int(rng.integers(len(good)))].passes, rng))
    if not bad:
        parts.append(ph.NO_FAULTS)
    parts += [_pick(topic.fails, rng) for topic in list(dict.fromkeys(bad))[:2]]
    return " ".join(parts)


def _pool(topic: Topic | None, passed: bool) -> tuple[str, ...]:
    if passed:
        return topic.passes if topic and topic.passes else ph.GENERIC_PASS
    return topic.fails if topic else ph.GENERIC_FAIL


def _pick(pool: tuple[str, ...], rng: np.random.Generator, value: str = "") -> str:
    text = pool[int(rng.integers(len(pool)))]
    return text.format(m=int(rng.integers(2, 7)), n=int(rng.integers(2, 5)), v=value)
