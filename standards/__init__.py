"""The checklist language: models, the YAML loader, answer parsing, versions.

Everything other packages need is imported from here; the modules behind it may move.
"""

from standards.answers import AnswerError, ParsedAnswer, parse_answer
from standards.base import NA_WORDS
from standards.display import answer_text
from standards.errors import CODES, Problem, StandardError
from standards.items import (
    ChoiceItem,
    Condition,
    DateItem,
    DurationItem,
    Item,
    ItemBase,
    MeasuredItem,
    MultiChoiceItem,
    MultiOption,
    NumberItem,
    Option,
    PassIf,
    PhotoItem,
    PointsRange,
    ScaleItem,
    ShowIf,
    TextItem,
    TimeItem,
    YesNoItem,
)
from standards.loader import (
    check_standard,
    check_standard_text,
    load_library,
    load_standard,
    load_standard_text,
)
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
    "Condition",
    "DateItem",
    "DurationItem",
    "Item",
    "ItemBase",
    "MeasuredItem",
    "MultiChoiceItem",
    "MultiOption",
    "NumberItem",
    "Option",
    "ParsedAnswer",
    "PassIf",
    "PhotoItem",
    "PointsRange",
    "Problem",
    "ScaleItem",
    "Section",
    "ShowIf",
    "Standard",
    "StandardError",
    "TextItem",
    "TimeItem",
    "YesNoItem",
    "answer_text",
    "check_standard",
    "check_standard_text",
    "diff_versions",
    "load_library",
    "load_standard",
    "load_standard_text",
    "parse_answer",
    "text_in",
    "version_hash",
    "visible_items",
]
