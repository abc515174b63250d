"""Language columns (`label::German (de)`) and the texts they hold, both ways."""

import re

from standards.texts import LANGUAGE_PATTERN

NAMES = {
    "de": "German",
    "en": "English",
    "fr": "French",
    "it": "Italian",
    "es": "Spanish",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "tr": "Turkish",
}
"""How an exported form names a language: `German (de)`, the form ODK recommends."""

_OWN_NAMES = {
    "deutsch": "de",
    "englisch": "en",
    "français": "fr",
    "francais": "fr",
    "französisch": "fr",
    "italiano": "it",
    "italienisch": "it",
    "español": "es",
    "espanol": "es",
    "spanisch": "es",
    "nederlands": "nl",
    "niederländisch": "nl",
    "polski": "pl",
    "polnisch": "pl",
    "português": "pt",
    "portugiesisch": "pt",
    "türkçe": "tr",
    "türkisch": "tr",
}
_BY_NAME = {name.lower(): code for code, name in NAMES.items()} | _OWN_NAMES
_IN_PARENTHESES = re.compile(r"\(\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)\s*\)\s*$")

Text = str | dict[str, str]


def split_column(column: str) -> tuple[str, str | None]:
    """`label::German (de)` -> ("label", "German (de)"); `label` -> ("label", None)."""
    base, sep, language = column.rpartition("::")
    return (base, language) if sep else (column, None)


def language_code(name: str) -> str | None:
    """`German (de)`, `de`, `Deutsch` or `English` -> the code; None when it cannot be told.

    `default` (pyxform's word for columns without a language) is no language either.
    """
    text = name.strip()
    found = _IN_PARENTHESES.search(text)
    if found:
        code = found.group(1)
        head, _, tail = code.partition("-")
        return head.lower() + (f"-{tail}" if tail else "")
    if re.fullmatch(LANGUAGE_PATTERN, text):
        return text
    return _BY_NAME.get(text.lower())


def column_language(code: str) -> str:
    """The language part of an exported column: `German (de)`, or the code when unnamed."""
    name = NAMES.get(code)
    return f"{name} ({code})" if name else code


def text_columns(base: str, text: Text | None, languages: tuple[str, ...]) -> dict[str, str]:
    """The cells a text fills: the plain column for one text, a column per language else."""
    if text is None:
        return {}
    if isinstance(text, str):
        return {base: text}
    return {f"{base}::{column_language(lang)}": text[lang] for lang in languages if lang in text}
