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
    "E008": "a problem with the options of a choice or multi_choice item, or an option set",
    "E009": "a problem with the range of a scale item",
    "E010": "a problem with pass_if or points of a number or duration item",
    "E011": "a scoring key (weight, critical, bonus, penalty, ...) on an item that earns no points",
    "E012": "an item that is critical, bonus or penalty at once",
    "E013": "a problem with show_if",
    "E014": "a problem with the bands",
    "E015": "a text missing or empty in a language, or a problem with languages",
    "E016": "the standard has no scored item",
    "E017": "a value of the wrong kind (a list where a number belongs, ...)",
    "E018": "the same key twice in one mapping",
    "E019": "the file is empty or is not a mapping of keys",
    "E020": "the file cannot be read",
    "E021": "a number out of range, or an empty list",
    "E022": "the file is too large, nests too deep, or its aliases expand it too far",
    "W001": "bonus points can lift a section to 100 % while everything else in it fails",
    "W002": "a points table gives no score for some values",
    "W003": "an option set that no item uses",
    "W004": "a multi_choice item that no selection lets pass",
    "W005": "penalties in a section without possible points deduct nothing",
}

# kind -> (code, template). Templates take str.format fields; pydantic validators in the
# models reuse them through PydanticCustomError, so each wording lives here only.
KINDS: dict[str, tuple[str, str]] = {
    "yaml_syntax": ("E001", "the file is not valid YAML: {detail}"),
    "not_a_date": (
        "E001",
        "'{value}' reads as a date or time, but there is no such one ({detail}); "
        "put it in quotes if it is text",
    ),
    "unknown_key": ("E002", "'{key}' is not a known key here{hint}"),
    "missing_key": ("E003", "the required key '{key}' is missing"),
    "duplicate_id": ("E004", "{what} id '{id}' is used twice (first on line {first_line})"),
    "duplicate_standard": ("E004", "standard id '{id}' is already used by {other}"),
    "bad_id": ("E005", "'{id}' is not a valid id: use only {allowed}"),
    "bad_choice": ("E006", "'{value}' is not a valid {key}; use one of: {allowed}{hint}"),
    "weight": ("E007", "weight must be more than 0, not {value}"),
    "option_score": ("E008", "an option score must be between {low} and 1, not {value}"),
    "option_duplicate": ("E008", "option id '{id}' is used twice in this item"),
    "options_too_few": ("E008", "the item needs at least two options"),
    "option_set_unknown": ("E008", "there is no option set '{name}'{hint}"),
    "set_key_unfit": (
        "E008",
        "'{key}' does not fit a {type} item, and a {type} item uses this set; "
        "give that item its own options or another set",
    ),
    "set_option_duplicate": ("E008", "option id '{id}' is used twice in option set '{name}'"),
    "option_na": (
        "E008",
        "option id '{id}' would be read as N/A (not applicable); give the option another id",
    ),
    "select_order": ("E008", "max_select ({max_select}) is below min_select ({min_select})"),
    "select_too_many": (
        "E008",
        "min_select is {min_select}, but the item has only {count} options",
    ),
    "exclusive_unreachable": (
        "E008",
        "option '{id}' must be ticked alone, so it can never meet min_select {min_select}",
    ),
    "scale_range": ("E009", "max ({max}) must be greater than min ({min})"),
    "number_range": (
        "E009",
        "max ({max}) is below the lowest answer ({min}; a number item starts at 0 unless "
        "it gives a min)",
    ),
    "scale_pass_min": (
        "E009",
        "pass_min ({pass_min}) must lie between min ({min}) and max ({max})",
    ),
    "pass_if_empty": (
        "E010",
        "pass_if needs a min, a max or both, for example pass_if: {{max: 120}}",
    ),
    "pass_if_order": ("E010", "pass_if min ({min}) is greater than its max ({max})"),
    "pass_if_nothing": ("E010", "pass_if lets no value pass ({range})"),
    "pass_if_missing": (
        "E010",
        "a scored {type} item needs pass_if or points (or scored: false to only record it)",
    ),
    "points_and_pass_if": ("E010", "give either pass_if or points, not both"),
    "points_range_empty": ("E010", "this points range holds no value ({range})"),
    "pass_min_without_points": (
        "E010",
        "pass_min goes with a points table; with pass_if the range itself decides",
    ),
    "duration_bound": (
        "E010",
        "'{value}' is not a duration; write seconds (90) or minutes and seconds ('1:30')",
    ),
    "unscored_key": (
        "E011",
        "'{key}' cannot be used on a {type} item: {type} items earn no points",
    ),
    "record_only_key": (
        "E011",
        "'{key}' cannot be used on a record-only item (scored: false): it earns no points",
    ),
    "critical_bonus": ("E012", "an item cannot be both critical and bonus"),
    "penalty_combined": ("E012", "a penalty item cannot also be {other}"),
    "show_if_shape": (
        "E013",
        "a condition needs 'item' and one test (equals, in, not_in, min, max, above or below), "
        "or 'all' or 'any' with a list of conditions; found {detail}",
    ),
    "show_if_too_deep": ("E013", "conditions nest more than {depth} levels deep"),
    "show_if_bound": (
        "E013",
        "'{value}' is not a number (a duration may also be written as m:ss, such as '1:30')",
    ),
    "show_if_clock": (
        "E013",
        "'{value}' is a clock time, but '{item}' is a {type} item; write a plain number",
    ),
    "show_if_number_test": (
        "E013",
        "'{test}' compares numbers, but '{item}' is a {type} item; use equals, in or not_in",
    ),
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
        "the standard has no scored item that adds possible points (yes_no, scale, choice, "
        "multi_choice, number or duration, not record-only, bonus or penalty), so no score "
        "exists",
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
    "too_large": ("E022", "the file is larger than {mb} MB; a standard is far smaller"),
    "too_deep": (
        "E022",
        "the file nests more than {depth} levels deep here; a standard never needs that many",
    ),
    "too_many_values": (
        "E022",
        "aliases (*name) repeat parts of the file until it would hold more than {limit} "
        "values; write the repeated parts out, or repeat less",
    ),
    "bonus_lift": (
        "W001",
        "bonus items in section '{section}' can earn {bonus} points against {possible} "
        "possible, so a visit failing everything else here still scores 100 %; an item that "
        "only records an answer should say scored: false",
    ),
    "points_uncovered": (
        "W002",
        "the points table gives no score for some values (they earn 0 and fail); "
        "end it with a range without bounds, such as {{score: 0}}",
    ),
    "option_set_unused": ("W003", "option set '{name}' is not used by any item"),
    "penalty_alone": (
        "W005",
        "section '{section}' has no scored item that adds possible points, so it never gets "
        "a score and its penalties deduct nothing; move them to a section with ordinary items",
    ),
    "multi_unreachable": (
        "W004",
        "no allowed selection reaches pass_min {pass_min} (the best earns {best}), "
        "so this item always fails",
    ),
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
