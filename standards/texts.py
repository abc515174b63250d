"""Texts in a standard: one plain string for every language, or one string per language."""

from typing import Annotated, Any

from pydantic import PlainValidator

from standards.errors import custom_error

LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$"


def _as_str(value: Any) -> str | None:
    # YAML turns `title: 2024` or `de: 5` into numbers; a trainer still meant a text.
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str | int | float):
        return str(value)
    return None


def _validate_text(value: Any) -> str | dict[str, str]:
    plain = _as_str(value)
    if plain is not None:
        if not plain.strip():
            raise custom_error("text_empty")
        return plain
    if not isinstance(value, dict) or not value:
        raise custom_error("text_type", key="this value")
    texts: dict[str, str] = {}
    for lang, text in value.items():
        if text is None or (isinstance(text, str) and not text.strip()):
            raise custom_error("text_empty_lang", lang=lang)
        as_str = _as_str(text)
        if as_str is None:
            raise custom_error("text_type", key=str(lang))
        texts[str(lang)] = as_str
    return texts


Text = Annotated[str | dict[str, str], PlainValidator(_validate_text)]
"""A plain string is the same in every language; a mapping gives one text per language."""


def text_in(text: str | dict[str, str] | None, lang: str) -> str:
    """The text in `lang`; falls back to the first language given, so a screen never goes blank."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    if lang in text:
        return text[lang]
    return next(iter(text.values()), "")
