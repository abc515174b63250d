"""What an exported form adds around the items, so that import (of the form and of its
submissions) recognises it: companion questions, generated lists, constraints and words."""

import re

from standards.texts import Text

COMMENT = "__comment"
"""`<item>__comment`: a text question for the shopper's comment on the item."""
NOT_APPLICABLE = "__na"
"""`<item>__na`: a tick box "does not apply" before a number, duration, date or time item."""
SECONDS = "__seconds"
"""`<item>__seconds`: a calculation turning a duration typed as m:ss into seconds."""
SUFFIXES = (COMMENT, NOT_APPLICABLE, SECONDS)

NA = "na"
"""The choice name meaning N/A, in a select list and in the `<item>__na` tick box."""
NA_LIST = "not_applicable"
COMPANION_NA_TYPES = ("number", "duration", "date", "time")
"""Types whose N/A is a tick box of its own: their ODK widgets cannot take the word na."""

VISIT_FIELDS = ("store_id", "shopper")
RESERVED = frozenset({*VISIT_FIELDS, "start", "end", "meta"})

COMPANIONS = {"comment": COMMENT, "na": NOT_APPLICABLE, "seconds": SECONDS}
"""item_type of a companion question -> the suffix of its name."""

METADATA_TYPES = frozenset(
    {
        "start",
        "end",
        "today",
        "deviceid",
        "phonenumber",
        "username",
        "email",
        "simserial",
        "subscriberid",
        "audit",
        "start-geopoint",
    }
)
"""Types ODK fills in by itself; they ask nothing and are skipped on import."""

DURATION_PATTERN = "^[0-9]+$|^[0-9]{1,2}:[0-5][0-9]$|^[0-9]+:[0-5][0-9]:[0-5][0-9]$"


def seconds_calculation(name: str) -> str:
    """XPath for the seconds of `${name}` written as 90, 1:30 or 1:02:03."""
    ref = f"${{{name}}}"
    after = f"substring-after({ref}, ':')"
    hours = (
        f"number(substring-before({ref}, ':')) * 3600"
        f" + number(substring-before({after}, ':')) * 60"
        f" + number(substring-after({after}, ':'))"
    )
    minutes = f"number(substring-before({ref}, ':')) * 60 + number({after})"
    return (
        f"if(contains({ref}, ':'), if(contains({after}, ':'), {hours}, {minutes}), number({ref}))"
    )


def na_ticked(name: str) -> str:
    return f"selected(${{{name}{NOT_APPLICABLE}}}, '{NA}')"


def constraint_for(
    item_type: str,
    name: str,
    *,
    na: bool,
    min_select: int = 1,
    max_select: int | None = None,
    exclusive: tuple[str, ...] = (),
    bounds: tuple[str, str | None] | None = None,
) -> str | None:
    """The constraint an exported form gives an item (None: none). Import accepts exactly
    this constraint without a warning, since the standard checks the same by itself.
    `bounds`: a number item's lowest and highest answer as written (`("0", None)`)."""
    parts = []
    if item_type == "number" and bounds is not None:
        low, high = bounds
        parts.append(f". >= {low}")
        if high is not None:
            parts.append(f". <= {high}")
    if item_type == "multi_choice":
        if min_select > 1:
            parts.append(f"count-selected(.) >= {min_select}")
        if max_select is not None:
            parts.append(f"count-selected(.) <= {max_select}")
        for option in (*exclusive, *([NA] if na else [])):
            parts.append(f"(not(selected(., '{option}')) or count-selected(.) = 1)")
        return " and ".join(parts) or None
    if item_type == "duration":
        parts.append(f"regex(., '{DURATION_PATTERN}')")
    if na and item_type in COMPANION_NA_TYPES:
        parts.append(f"not({na_ticked(name)})")
    return " and ".join(parts) or None


WORDS: dict[str, dict[str, str]] = {
    "yes": {"de": "Ja", "en": "Yes"},
    "no": {"de": "Nein", "en": "No"},
    "na": {"de": "Trifft nicht zu", "en": "Does not apply"},
    "comment": {"de": "Kommentar", "en": "Comment"},
    "comment_on_fail": {
        "de": "Pflicht, wenn die Antwort den Standard nicht erfüllt.",
        "en": "Required when the answer misses the standard.",
    },
    "store_id": {"de": "Filiale (Filialnummer)", "en": "Store (store id)"},
    "shopper": {"de": "Ihr Benutzername", "en": "Your user name"},
    "duration_hint": {
        "de": "Minuten:Sekunden wie 1:30 oder Sekunden wie 90",
        "en": "minutes:seconds such as 1:30, or seconds such as 90",
    },
    "number_range": {
        "de": "Diese Zahl ist hier nicht möglich",
        "en": "This number is not possible here",
    },
    "select_rules": {
        "de": "Diese Auswahl ist so nicht möglich",
        "en": "This selection is not allowed",
    },
}


def word(key: str, languages: tuple[str, ...], multilingual: bool) -> Text:
    """A generated text in the form's languages (English where we have no words)."""
    texts = WORDS[key]
    if not multilingual:
        return texts.get(languages[0], texts["en"])
    return {lang: texts.get(lang, texts["en"]) for lang in languages}


NUMBER_BOUNDS = re.compile(r"^\. >= (-?[0-9.]+)(?: and \. <= (-?[0-9.]+))?(?: and |$)")
"""The range part of a number item's constraint, as `constraint_for` writes it."""


def number_bounds(constraint: str) -> tuple[str, str | None] | None:
    """The lowest and highest answer a number item's constraint names; None without them."""
    match = NUMBER_BOUNDS.match(constraint)
    return (match.group(1), match.group(2)) if match else None
