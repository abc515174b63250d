"""A reviewer's new answer to one item, entered with a widget of the item's own type.

Unlike the shopper's form (pages/form_items.py) nothing is saved on change: the widget sits
in the reviewer's form, and its value goes, as the raw text standards.parse_answer reads, to
a correction or a dispute decision, which the server checks again.
"""

import datetime as dt

import streamlit as st

from pages.ui import date_format, language, plain, t
from standards import Item, text_in
from standards.numbers import clock

NA = "na"
"""What parse_answer reads as "not applicable"."""


def _choices(item: Item) -> dict[str, str]:
    if item.type == "yes_no":
        choices = {"yes": t("answer.yes"), "no": t("answer.no")}
    elif item.type == "scale":
        choices = {str(n): str(n) for n in range(item.min, item.max + 1)}
    else:
        choices = {option.id: text_in(option.text, language()) for option in item.options}
    if item.na_allowed:
        choices[NA] = t("answer.na")
    return choices


def _read(parse, value: str | None):
    """A stored date or time, or None where an old or imported value does not read."""
    try:
        return parse(value) if value else None
    except ValueError:
        return None


def answer_input(item: Item, value: str | None, is_na: bool, key: str) -> str | None:
    """The new answer as raw text (None: nothing chosen yet), starting from the stored one."""
    label = t("review.new_value")
    current = NA if is_na else value
    if item.type in ("yes_no", "scale", "choice"):
        # Radio options are markdown: the standard's option texts shown as written.
        choices = {key: plain(text) for key, text in _choices(item).items()}
        return st.radio(
            label,
            list(choices),
            index=list(choices).index(current) if current in choices else None,
            format_func=choices.__getitem__,
            horizontal=item.type != "choice",
            key=key,
        )
    if item.type == "multi_choice":
        choices = _choices(item)
        ticked = (current or "").split()
        picked = st.multiselect(
            label,
            list(choices),
            default=[option for option in ticked if option in choices],
            format_func=choices.__getitem__,
            placeholder=t("review.pick_options"),
            key=key,
        )
        return " ".join(picked) or None
    if item.type == "photo":
        # Photos are the shopper's evidence: a reviewer can only set the item to N/A.
        st.caption(t("review.photo_item"))
        if item.na_allowed and st.checkbox(t("answer.na"), value=is_na, key=f"{key}-na"):
            return NA
        return None
    if item.type == "date":
        start = _read(dt.date.fromisoformat, value) if not is_na else None
        picked = st.date_input(label, value=start, format=date_format(), key=key)
        return picked.isoformat() if isinstance(picked, dt.date) else None
    if item.type == "time":
        start_time = _read(dt.time.fromisoformat, value) if not is_na else None
        chosen = st.time_input(label, value=start_time, step=60, key=key)
        return chosen.strftime("%H:%M") if chosen is not None else None
    hints = {
        "number": t("review.hint_number", unit=getattr(item, "unit", None) or ""),
        "duration": t("review.hint_duration"),
    }
    shown = value or ""
    if item.type == "duration" and value and value.isdecimal():
        shown = clock(int(value))
    elif item.type == "number" and value and language() == "de":
        shown = value.replace(".", ",")
    typed = st.text_input(
        label,
        value="" if is_na else shown,
        help=hints.get(item.type, t("review.hint_text")),
        key=key,
    )
    if item.na_allowed and st.checkbox(t("answer.na"), value=is_na, key=f"{key}-na"):
        return NA
    return typed.strip() or None
