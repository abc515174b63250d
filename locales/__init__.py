"""UI message catalogs (one JSON file per language) and locale-aware formatting.

Free of Streamlit so the command line and tests can use the same texts.
"""

import json
import math
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Literal, get_args
from zoneinfo import ZoneInfo

import pandas as pd
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

from locales.rounding import half_away_text

Language = Literal["de", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "de"

HOME_ZONE_NAME = "Europe/Berlin"
"""The organisation's time zone: where its days and months begin (monthly figures, dispute
deadlines, imported local times). The app shows times in the reader's browser zone."""
HOME_ZONE = ZoneInfo(HOME_ZONE_NAME)
_HERE = Path(__file__).parent


@cache
def catalog(lang: str) -> dict[str, str]:
    """The message catalog of one language."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")
    messages: dict[str, str] = json.loads((_HERE / f"{lang}.json").read_text(encoding="utf-8"))
    return messages


def translate(lang: str, key: str, **params: object) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled from `params`.

    A missing key falls back to German and then to the key itself, so a forgotten
    translation shows up as visibly odd text instead of a crash (a test keeps catalogs complete).
    """
    text = catalog(lang).get(key) or catalog(DEFAULT_LANGUAGE).get(key) or key
    return text.format(**params) if params else text


def normalize_language(value: str | None) -> str:
    """Map a browser locale such as `en-GB` or a stored setting to a supported language."""
    if value:
        short = value.replace("_", "-").split("-")[0].lower()
        if short in LANGUAGES:
            return short
    return DEFAULT_LANGUAGE


MISSING = "–"
"""What every format shows for a missing value."""


def missing(value: object) -> bool:
    """None, NaN, NaT or pd.NA: the forms a missing value takes once it passed through pandas."""
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def fmt_number(value: float | None, lang: str, decimals: int = 1) -> str:
    """A number with the language's decimal mark (85,3 in German, 85.3 in English), rounded
    half away from zero (78,125 -> 78,13), never to even as Babel would."""
    if value is None or missing(value):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    if not math.isfinite(value):
        return format_decimal(value, format=pattern, locale=lang)  # "∞", as Babel writes it
    return format_decimal(Decimal(half_away_text(value, decimals)), format=pattern, locale=lang)


# A time of day with its date: babel's "short" English is American (12/7/26, 2:02 PM), which a
# British reader takes for July; the month's name and a 24-hour clock read the same to all.
_DATE_TIMES = {"de": "dd.MM.yyyy, HH:mm", "en": "d MMM y, HH:mm"}


def fmt_date(value: date | datetime | None, lang: str) -> str:
    """A date in the language's medium format (14.03.2026 / Mar 14, 2026); a time with its date
    as 14.03.2026, 09:30 / 14 Mar 2026, 09:30."""
    if missing(value):
        return MISSING
    if isinstance(value, datetime):
        return format_datetime(value, _DATE_TIMES.get(lang, _DATE_TIMES["de"]), locale=lang)
    return format_date(value, format="medium", locale=lang)


def fmt_month(value: date, lang: str) -> str:
    """A calendar month (Sep. 2026 / Sep 2026)."""
    return format_date(value, format="MMM yyyy", locale=lang)


def fmt_percent(value: float | None, lang: str, decimals: int = 1) -> str:
    """A share 0..1 as a percentage in the language's format (12,5 % / 12.5%)."""
    if value is None or missing(value):
        return MISSING
    number = fmt_number(value * 100, lang, decimals)
    return f"{number}\u00a0%" if lang == "de" else f"{number}%"
