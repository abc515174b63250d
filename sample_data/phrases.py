"""The German phrases shoppers write: comments per topic and free-text answers.

A topic applies to items whose id contains one of its words (or, for the broad fallback topics
at the end, whose German text does) on the listed channels. The first match wins, so narrow
topics come first; an item of an unknown kind still gets a fitting broad or generic remark.
Texts never name or describe staff members. Placeholders: {m} minutes, {n} a small count,
{v} the answer of a number item.
"""

from sample_data.topics import TOPICS
from sample_data.topics_base import ALL, PHONE, REMOTE, STORE, WRITTEN, Topic

__all__ = ["ALL", "PHONE", "REMOTE", "STORE", "TOPICS", "WRITTEN", "Topic"]

GENERIC_FAIL = (
    "Nicht erfüllt.",
    "Hätte Gelegenheit gegeben, wurde aber ausgelassen.",
    "Wurde unter Zeitdruck ausgelassen.",
    "Nur teilweise erfüllt.",
)
GENERIC_PASS = ("Ohne Beanstandung.", "Gut umgesetzt.")
# sometimes added to a fail comment, per channel
SUFFIXES = {
    "in_store": (
        " Filiale war gut besucht.",
        " Beim letzten Besuch war es ähnlich.",
        " Es war kaum Personal auf der Fläche.",
    ),
    "phone": (
        " Im Hintergrund war es sehr laut.",
        " Erst beim zweiten Anrufversuch erreicht.",
    ),
}
SUFFIX_SHARE = 0.35
# fails of number items, by topic and unit
NUMBER_FAIL = {
    ("first_contact", "s"): ("{v} Sekunden, bis mich jemand ansprach.", "Gemessen {v} s."),
    ("any_wait", "s"): ("{v} Sekunden gewartet.",),
    ("any_wait", "count"): ("Erst nach {v} Klingeltönen angenommen.", "{v}-mal geklingelt."),
    ("hold", "s"): ("Längste Wartezeit {v} Sekunden am Stück.", "{v} s in der Warteschleife."),
    ("any_response", "min"): ("Erste persönliche Antwort nach {v} Minuten.",),
    ("return", "min"): ("Rückgabe dauerte {v} Minuten.", "{v} Minuten bis zur Erstattung."),
}
NUMBER_TOPICS = {  # words in a number item's id -> its key in NUMBER_FAIL
    "first_contact": "first_contact", "rings": "any_wait", "wait": "any_wait",
    "hold": "hold", "response": "any_response", "reply": "any_response", "return": "return",
}  # fmt: skip
UNIT_WORDS = {"s": "Sekunden", "min": "Minuten", "h": "Stunden"}
NA_COMMENTS = (
    "Traf bei diesem Besuch nicht zu.",
    "Situation ergab sich nicht.",
    "Nicht prüfbar, da keine Gelegenheit.",
)

# free-text answers
AREAS = (
    "Kasse 1", "Kasse 2", "Kasse 3", "Infotheke", "Beratung Elektro", "Beratung Haushaltswaren",
    "Abteilung Schuhe", "Beratung Sport", "Eingangsbereich", "Abteilung Spielwaren",
)  # fmt: skip
NO_FAULTS = "Keine nennenswerten Mängel."
GENERIC_TEXT = (
    "Besuch am Vormittag, wenig Betrieb.",
    "Filiale gut besucht, drei Mitarbeitende auf der Fläche.",
    "Umbau im hinteren Bereich, Gang teilweise gesperrt.",
    "Keine Auffälligkeiten.",
)
