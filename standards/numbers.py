"""Numbers as trainers and shoppers write them: 2,5 and 2.5 mean the same."""

import re
from decimal import Decimal

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def parse_decimal(raw: str) -> Decimal | None:
    """A decimal from `raw`, accepting a comma as the decimal mark; None if it is no number."""
    text = raw.strip()
    if not _NUMBER.match(text):
        return None
    return Decimal(text.replace(",", "."))


def plain_decimal(value: Decimal | float | int) -> str:
    """A decimal without exponent or trailing zeros, so 2.50 and 2,5 store the same value."""
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")
