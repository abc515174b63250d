"""Turn what a shopper typed (or a CSV cell holds) into the canonical stored answer."""

import datetime
import re
from typing import NamedTuple

from standards.base import NA_WORDS
from standards.items import (
    ChoiceItem,
    DateItem,
    DurationItem,
    ItemBase,
    MultiChoiceItem,
    NumberItem,
    ScaleItem,
    TimeItem,
    YesNoItem,
)
from standards.numbers import (
    ambiguous_number,
    how_to_write,
    parse_decimal,
    parse_duration,
    plain_decimal,
)

_YES_NO = {"yes": "yes", "ja": "yes", "no": "no", "nein": "no"}
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


class ParsedAnswer(NamedTuple):
    value: str | None
    """The canonical answer; None when the answer is N/A."""
    na: bool


class AnswerError(ValueError):
    """An answer the item cannot take. `reason` is "empty", "na_not_allowed", "invalid" or
    "out_of_range" (a number outside the item's `min`..`max`)."""

    def __init__(
        self, item_id: str, message: str, reason: str = "invalid", allowed: str = ""
    ) -> None:
        self.item_id = item_id
        self.reason = reason
        self.allowed = allowed
        super().__init__(message)


def _invalid(item: ItemBase, raw: str, allowed: str, reason: str = "invalid") -> AnswerError:
    message = f"item {item.id}: '{raw}' is not a valid answer; {allowed}"
    return AnswerError(item.id, message, reason=reason, allowed=allowed)


def _unambiguous(item: ItemBase, raw: str) -> None:
    if ambiguous_number(raw):
        raise _invalid(item, raw, f"'{raw}' could be read two ways: {how_to_write(raw)}")


def _scale(item: ScaleItem, raw: str) -> str:
    _unambiguous(item, raw)
    number = parse_decimal(raw)
    if (
        number is None
        or number != number.to_integral_value()
        or not (item.min <= number <= item.max)
    ):
        raise _invalid(item, raw, f"give a whole number from {item.min} to {item.max}")
    return str(int(number))


def _choice(item: ChoiceItem, raw: str) -> str:
    wanted = raw.lower()
    for option in item.options:
        if option.id == wanted:
            return option.id
    ids = ", ".join(option.id for option in item.options)
    raise _invalid(item, raw, f"give one of the option ids: {ids}")


def _number(item: NumberItem, raw: str) -> str:
    text = raw
    # "120 s" or "120s" when the item counts seconds: the unit adds nothing, so drop it.
    if item.unit and text.lower().endswith(item.unit.lower()):
        text = text[: -len(item.unit)].strip()
    _unambiguous(item, text)
    number = parse_decimal(text)
    if number is None:
        unit = f" (in {item.unit})" if item.unit else ""
        raise _invalid(item, raw, f"give a number{unit} such as 12 or 2,5")
    if not item.takes(number):
        raise _invalid(item, raw, f"give a number {number_range(item)}", "out_of_range")
    return plain_decimal(number)


def number_range(item: NumberItem) -> str:
    """The answers a number item takes, in words for trainers (`from 0`, `from 0 to 10`)."""
    unit = f" (in {item.unit})" if item.unit else ""
    low = plain_decimal(item.lowest)
    if item.highest is None:
        return f"from {low} on{unit}"
    return f"from {low} to {plain_decimal(item.highest)}{unit}"


def _multi(item: MultiChoiceItem, raw: str) -> str:
    """Ticked option ids, separated by spaces (commas and semicolons are read too), stored in
    the standard's option order."""
    ids = [part.lower() for part in re.split(r"[\s,;]+", raw) if part]
    known = [option.id for option in item.options]
    listed = ", ".join(known)
    unknown = [oid for oid in ids if oid not in known]
    if unknown:
        raise _invalid(item, raw, f"'{unknown[0]}' is not an option; tick from: {listed}")
    repeated = sorted({oid for oid in ids if ids.count(oid) > 1})
    if repeated:
        raise _invalid(item, raw, f"'{repeated[0]}' is ticked twice; tick each option once")
    alone = [option.id for option in item.options if option.exclusive and option.id in ids]
    if alone and len(ids) > 1:
        raise _invalid(item, raw, f"'{alone[0]}' can only be ticked on its own")
    if len(ids) < item.min_select:
        raise _invalid(item, raw, f"tick at least {item.min_select} of: {listed}")
    if item.max_select is not None and len(ids) > item.max_select:
        raise _invalid(item, raw, f"tick at most {item.max_select} of: {listed}")
    return " ".join(oid for oid in known if oid in ids)


def _duration(item: DurationItem, raw: str) -> str:
    seconds = parse_duration(raw)
    if seconds is None:
        raise _invalid(
            item, raw, "give minutes and seconds such as 1:30, or whole seconds such as 90"
        )
    return str(seconds)


def _date(item: DateItem, raw: str) -> str:
    german = _GERMAN_DATE.match(raw)
    try:
        if german:
            day, month, year = (int(part) for part in german.groups())
            return datetime.date(year, month, day).isoformat()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            return datetime.date.fromisoformat(raw).isoformat()
    except ValueError:
        pass
    raise _invalid(item, raw, "give a date as YYYY-MM-DD or DD.MM.YYYY, such as 2025-03-31")


def _time(item: TimeItem, raw: str) -> str:
    match = _TIME.match(raw)
    if match:
        hours, minutes, seconds = (int(part or 0) for part in match.groups())
        if hours < 24 and minutes < 60 and seconds < 60:
            return f"{hours:02d}:{minutes:02d}"
    raise _invalid(item, raw, "give a time as HH:MM, such as 14:05")


def _yes_no(item: YesNoItem, raw: str) -> str:
    value = _YES_NO.get(raw.lower())
    if value is None:
        raise _invalid(item, raw, "give yes or no (ja or nein)")
    return value


def parse_answer(item: ItemBase, raw: str | None) -> ParsedAnswer:
    """The canonical answer to `item`; raises AnswerError with a message for a trainer."""
    text = (raw or "").strip()
    if not text:
        raise AnswerError(item.id, f"item {item.id}: no answer given", reason="empty")
    if text.lower() in NA_WORDS:
        if item.na_allowed:
            return ParsedAnswer(None, True)
        # In a free text, "n/a" may be what the shopper meant to write.
        if item.type not in ("text", "photo"):
            raise AnswerError(
                item.id, f"item {item.id} does not allow N/A; give an answer", "na_not_allowed"
            )
    if isinstance(item, YesNoItem):
        return ParsedAnswer(_yes_no(item, text), False)
    if isinstance(item, ScaleItem):
        return ParsedAnswer(_scale(item, text), False)
    if isinstance(item, ChoiceItem):
        return ParsedAnswer(_choice(item, text), False)
    if isinstance(item, MultiChoiceItem):
        return ParsedAnswer(_multi(item, text), False)
    if isinstance(item, NumberItem):
        return ParsedAnswer(_number(item, text), False)
    if isinstance(item, DurationItem):
        return ParsedAnswer(_duration(item, text), False)
    if isinstance(item, DateItem):
        return ParsedAnswer(_date(item, text), False)
    if isinstance(item, TimeItem):
        return ParsedAnswer(_time(item, text), False)
    return ParsedAnswer(text, False)
