"""The checklist language: models, the YAML loader, answer parsing, versions.

Everything other packages need is imported from here; the modules behind it may move.
"""

from standards.answers import NA_WORDS, AnswerError, ParsedAnswer, parse_answer
from standards.errors import CODES, Problem, StandardError
from standards.items import (
    ChoiceItem,
    DateItem,
    Item,
    ItemBase,
    NumberItem,
    Option,
    PassIf,
    PhotoItem,
    ScaleItem,
    ShowIf,
    TextItem,
    TimeItem,
    YesNoItem,
)
from standards.loader import load_library, load_standard, load_standard_text
from standards.models import Band, Section, Standard
from standards.texts import text_in
from standards.versions import diff_versions, version_hash
from standards.visibility import visible_items

__all__ = [
    "CODES",
    "NA_WORDS",
    "AnswerError",
    "Band",
    "ChoiceItem",
    "DateItem",
    "Item",
    "ItemBase",
    "NumberItem",
    "Option",
    "ParsedAnswer",
    "PassIf",
    "PhotoItem",
    "Problem",
    "ScaleItem",
    "Section",
    "ShowIf",
    "Standard",
    "StandardError",
    "TextItem",
    "TimeItem",
    "YesNoItem",
    "diff_versions",
    "load_library",
    "load_standard",
    "load_standard_text",
    "parse_answer",
    "text_in",
    "version_hash",
    "visible_items",
]
