"""Stored answers in words: option texts instead of ids, durations as m:ss, numbers with
the reader's decimal mark."""

from standards.items import ChoiceItem, DurationItem, ItemBase, MultiChoiceItem, NumberItem
from standards.numbers import clock, local_decimal, parse_decimal
from standards.texts import text_in


def answer_text(item: ItemBase, value: str | None, lang: str) -> str | None:
    """How a canonical answer reads for people: `floor till` -> "Floor, Till" for a
    multi-select, `90` -> "1:30" for a duration. Unknown ids and other types stay as stored."""
    if value is None:
        return None
    if isinstance(item, ChoiceItem | MultiChoiceItem):
        texts = {option.id: text_in(option.text, lang) for option in item.options}
        if isinstance(item, MultiChoiceItem):
            return ", ".join(texts.get(part, part) for part in value.split())
        return texts.get(value, value)
    if isinstance(item, DurationItem) and value.isdecimal():
        return clock(int(value))
    if isinstance(item, NumberItem) and parse_decimal(value) is not None:
        return local_decimal(value, lang)  # 2,5 in German, as the form shows it
    return value
