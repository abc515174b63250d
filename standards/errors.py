"""Every problem the loader reports: a stable code and a message template per kind.

Tests and tools match the code, never the wording, so the wording can improve freely.
A code may have several kinds (several templates) when the trainer's fix is the same family.
"""

from dataclasses import dataclass

from pydantic_core import PydanticCustomError

CODES: dict[str, str] = {
    "E001": "the file is not valid YAML",
    "E002": "a key that is not part of the format",
    "E003": "a required key is missing",
    "E004": "an id is used twice",
    "E005": "an id has characters other than a-z, 0-9, _ and -",
    "E006": "a value that is not one of the allowed words",
    "E007": "a weight that is not above 0",
    "E008": "a problem with the options of a choice item",
    "E009": "a problem with the range of a scale item",
    "E010": "a problem with pass_if of a number item",
    "E011": "weight, critical or bonus on an item that earns no points",
    "E012": "an item that is both critical and bonus",
    "E013": "a problem with show_if",
    "E014": "a problem with the bands",
    "E015": "a text missing or empty in a language, or a problem with languages",
    "E016": "the standard has no scored item",
    "E017": "a value of the wrong kind (a list where a number belongs, ...)",
    "E018": "the same key twice in one mapping",
    "E019": "the file is empty or is not a mapping of keys",
    "E020": "the file cannot be read",
    "E021": "a number out of range, or an empty list",
}

# kind -> (code, template). Templates take str.format fields; pydantic validators in the
# models reuse them through PydanticCustomError, so each wording lives here only.
KINDS: dict[str, tuple[str, str]] = {
    "yaml_syntax": ("E001", "the file is not valid YAML: {detail}"),
    "unknown_key": ("E002", "'{key}' is not a known key here{hint}"),
    "missing_key": ("E003", "the required key '{key}' is missing"),
    "duplicate_id": ("E004", "{what} id '{id}' is used twice (first on line {first_line})"),
    "duplicate_standard": ("E004", "standard id '{id}' is already used by {other}"),
    "bad_id": ("E005", "'{id}' is not a valid id: use only {allowed}"),
    "bad_choice": ("E006", "'{value}' is not a valid {key}; use one of: {allowed}{hint}"),
    "weight": ("E007", "weight must be more than 0, not {value}"),
    "option_score": ("E008", "an option score must be between 0 and 1, not {value}"),
    "option_duplicate": ("E008", "option id '{id}' is used twice in this item"),
    "options_too_few": ("E008", "a choice item needs at least two options"),
    "scale_range": ("E009", "max ({max}) must be greater than min ({min})"),
    "scale_pass_min": (
        "E009",
        "pass_min ({pass_min}) must lie between min ({min}) and max ({max})",
    ),
    "pass_if_empty": (
        "E010",
        "pass_if needs a min, a max or both, for example pass_if: {{max: 120}}",
    ),
    "pass_if_order": ("E010", "pass_if min ({min}) is greater than its max ({max})"),
    "unscored_key": (
        "E011",
        "'{key}' cannot be used on a {type} item: {type} items earn no points",
    ),
    "critical_bonus": ("E012", "an item cannot be both critical and bonus"),
    "show_if_shape": ("E013", "show_if needs 'item' and either 'equals' or 'in', not {detail}"),
    "show_if_unknown": ("E013", "show_if names item '{item}', which does not exist{hint}"),
    "show_if_self": ("E013", "show_if names the item itself; name an earlier item"),
    "show_if_later": (
        "E013",
        "show_if names item '{item}', which comes later; it must come before this item",
    ),
    "show_if_value": ("E013", "show_if value '{value}' can never be an answer to '{item}': {why}"),
    "bands_range": ("E014", "a band min must be from 0 up to below 100, not {value}"),
    "bands_overlap": ("E014", "two bands start at {value}; each band needs its own min"),
    "bands_no_zero": ("E014", "the bands do not start at 0, so low scores get no band"),
    "text_missing": ("E015", "'{key}' has no '{lang}' text, but languages lists '{lang}'"),
    "text_extra": (
        "E015",
        "'{key}' has a '{lang}' text, but '{lang}' is not in languages ({languages})",
    ),
    "text_empty": ("E015", "the text is empty"),
    "text_empty_lang": ("E015", "the '{lang}' text is empty"),
    "bad_language": ("E015", "'{value}' is not a language code such as de, en or de-CH"),
    "duplicate_language": ("E015", "language '{value}' is listed twice"),
    "no_scored_item": (
        "E016",
        "the standard has no scored item (yes_no, scale, choice or number), so no score exists",
    ),
    "wrong_type": ("E017", "{place} must be {expected}, not {got}"),
    "text_type": (
        "E017",
        "'{key}' must be a text, or one text per language such as {{de: .., en: ..}}",
    ),
    "duplicate_key": (
        "E018",
        "the key '{key}' appears twice in this mapping (first on line {first_line})",
    ),
    "empty_file": ("E019", "the file is empty"),
    "not_mapping": ("E019", "the file must be a mapping of keys (id: ..., title: ...), not {got}"),
    "unreadable": ("E020", "the file cannot be read: {detail}"),
    "out_of_range": ("E021", "'{key}' must be {limit}, not {value}"),
    "too_short": ("E021", "'{key}' needs at least one entry"),
}


def render(kind: str, **fields: object) -> tuple[str, str]:
    """The code and the message of one kind of problem."""
    code, template = KINDS[kind]
    return code, template.format(**fields)


def custom_error(kind: str, **fields: object) -> PydanticCustomError:
    """A pydantic error of one of our kinds; the loader re-renders it with the key and place."""
    return PydanticCustomError(kind, render(kind, **fields)[1], dict(fields))


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at a place in a file; sorting orders problems by file and line."""

    path: str
    line: int
    col: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"


class StandardError(Exception):
    """A standard (or library) was rejected; `problems` holds every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
