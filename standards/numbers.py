"""Numbers and durations as trainers and shoppers write them: 2,5 and 2.5 mean the same,
and 1:30 is ninety seconds."""

import re
from decimal import Decimal

from babel.numbers import get_decimal_symbol

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
# One separator followed by exactly three digits, after a whole part that is not 0:
# 2.880 may be 2880 (German thousands) or 2.88 (English decimal), so neither is assumed.
_AMBIGUOUS = re.compile(r"^[+-]?[1-9]\d{0,2}[.,]\d{3}$")
# Several separators (1.234.567, 1,234.5) are thousands groups in some language, never plain.
_GROUPED = re.compile(r"^[+-]?\d{1,3}([.,]\d{3})+([.,]\d+)?$")
# ASCII digits only: "²" counts as a digit for str.isdigit but int() refuses it.
_DURATION = re.compile(r"^(?:([0-9]+):)?([0-9]{1,2}):([0-9]{2})$")
_SECONDS = re.compile(r"[0-9]+")


def parse_decimal(raw: str) -> Decimal | None:
    """A decimal from `raw`, accepting a comma as the decimal mark; None if it is no number.

    Ambiguous writings (see `ambiguous_number`) are no number here either: the caller says
    how to write them instead of guessing.
    """
    text = raw.strip()
    if ambiguous_number(text) or not _NUMBER.match(text):
        return None
    return Decimal(text.replace(",", "."))


def ambiguous_number(raw: str) -> bool:
    """True for `2.880`, `1,234` or `1.234.567`: thousands separators or a decimal mark?

    A separator followed by one, two or more than three digits, or a whole part of 0
    (`0,250`), is a decimal mark and not ambiguous.
    """
    text = raw.strip()
    separators = text.count(".") + text.count(",")
    return bool(_AMBIGUOUS.match(text) or (_GROUPED.match(text) and separators > 1))


def how_to_write(raw: str) -> str:
    """What to write instead of an ambiguous number, with its readings spelled out."""
    text = raw.strip()
    head, _, tail = text.replace(",", ".").rpartition(".")
    head, tail = head.replace(".", ""), tail.rstrip("0")
    decimal = f"{head},{tail}" if tail else head
    if ambiguous_number(decimal):
        decimal += "0"  # a fourth digit after the mark makes it a decimal for every reader
    mixed = "." in text and "," in text
    if mixed:
        return f"write it without thousands separators, such as {decimal}"
    whole = text.replace(".", "").replace(",", "")
    return f"write {whole} for the whole number, or {decimal} for the decimal"


def plain_decimal(value: Decimal | float | int) -> str:
    """A decimal without exponent or trailing zeros, so 2.50 and 2,5 store the same value."""
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def local_decimal(value: Decimal | float | int | str, lang: str) -> str:
    """A number as a reader of `lang` writes it: `2,5` in German, `2.5` in English, whole
    numbers without decimals (`150`, never `150.00`) and no thousands separators, so what
    the form shows reads back as the same number."""
    text = plain_decimal(Decimal(value) if isinstance(value, str) else value)
    return text.replace(".", get_decimal_symbol(lang))


def parse_duration(raw: str) -> int | None:
    """Whole seconds from `90`, `90 s`, `1:30` (m:ss) or `1:02:03` (h:mm:ss); None otherwise."""
    text = raw.strip().lower()
    for unit in ("sec", "s"):
        if text.endswith(unit) and _SECONDS.fullmatch(text[: -len(unit)].strip()):
            text = text[: -len(unit)].strip()
    if _SECONDS.fullmatch(text):
        return int(text)
    match = _DURATION.match(text)
    if not match:
        return None
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    if seconds >= 60 or (match.group(1) is not None and minutes >= 60):
        return None
    return hours * 3600 + minutes * 60 + seconds


def clock(seconds: float) -> str:
    """Seconds as m:ss, or h:mm:ss from an hour on (`90` -> `1:30`)."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
