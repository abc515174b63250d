"""One widget per item type for the visit form; every change is saved at once.

The database is the source of truth: a widget's state is filled from the stored answer
whenever Streamlit has none (first load, reload, another device, another section), and each
change is written by its callback before the page reruns.
"""

import datetime as dt
from collections.abc import Callable

import streamlit as st

from audits.visits.drafts import save_answer
from audits.visits.photo_files import MAX_BYTES, PhotoRejected, prepare_photo
from audits.visits.photos import MAX_PHOTOS_PER_ITEM, add_photo, remove_photo
from pages.auth import act
from pages.files import photo_url
from pages.ui import date_format, language, plain, t
from scoring.submit_checks import Answer
from standards import AnswerError, Item, parse_answer, text_in
from standards.items import NumberItem
from standards.numbers import ambiguous_number, clock, local_decimal

NA = "__na__"


def _key(visit_id: str, item_id: str, part: str = "v") -> str:
    # Choice widgets keep their choice by the label they show, and a new language does not
    # redraw a chosen label: each language gets its own keys, seeded from the stored answer.
    return f"form:{visit_id}:{item_id}:{part}:{language()}"


def _save(visit_id: str, item_id: str, value: str | None, is_na: bool, comment: str | None):
    act(
        lambda conn, person: save_answer(
            conn, person, visit_id, item_id, value=value, is_na=is_na, comment=comment
        )
    )


def _to_text(item: Item, raw: object) -> tuple[str | None, bool]:
    if raw is None or raw == "" or raw == []:
        return None, False
    if raw == NA or (isinstance(raw, list) and NA in raw):
        return None, True
    if item.type == "multi_choice" and isinstance(raw, list):
        return " ".join(str(part) for part in raw), False
    if item.type == "date" and isinstance(raw, dt.date):
        return raw.isoformat(), False
    if item.type == "time" and isinstance(raw, dt.time):
        return raw.strftime("%H:%M"), False
    return str(raw), False


def _from_text(item: Item, answer: Answer) -> object:
    if answer.is_na:
        return NA
    if answer.value is None:
        return None
    try:
        if item.type == "multi_choice":
            return answer.value.split()
        if item.type == "duration":
            return clock(int(answer.value))
        if item.type == "number":
            return local_decimal(answer.value, language())
        if item.type == "date":
            return dt.date.fromisoformat(answer.value)
        if item.type == "time":
            return dt.time.fromisoformat(answer.value)
    except (ValueError, ArithmeticError):
        return None
    return answer.value


def _on_value(visit_id: str, item: Item) -> None:
    key = _key(visit_id, item.id)
    if item.type == "multi_choice":
        st.session_state[key] = _ticks_allowed(item, st.session_state.get(key) or [], visit_id)
    raw = st.session_state.get(key)
    na_flag = st.session_state.get(_key(visit_id, item.id, "na"), False)
    value, is_na = _to_text(item, raw)
    st.session_state.pop(_key(visit_id, item.id, "error"), None)
    if value is not None and item.type in CHECKED_TYPES:
        # Typed or partly ticked answers are checked as the engine will read them; one it
        # could not read is not stored, and the shopper sees why beside the item.
        try:
            value = parse_answer(item, value).value
        except AnswerError as error:
            st.session_state[_key(visit_id, item.id, "error")] = _why_not(visit_id, item, error)
            value = None
        else:
            if item.type == "number" and value is not None:
                # Shown back as the reader writes numbers: "150,00" becomes 150, 2.5 is 2,5.
                st.session_state[key] = local_decimal(value, language())
    comment = st.session_state.get(_key(visit_id, item.id, "c"))
    _save(visit_id, item.id, value, is_na or bool(na_flag), comment)


CHECKED_TYPES = ("multi_choice", "duration", "number")


def number_range(item: NumberItem) -> str:
    """The answers a number item takes, in the reader's words and numbers ("ab 0",
    "von 0 bis 10")."""
    lang = language()
    low = local_decimal(item.lowest, lang)
    if item.highest is None:
        return t("form.range_from", min=low)
    return t("form.range_between", min=low, max=local_decimal(item.highest, lang))


def _why_not(visit_id: str, item: Item, error: AnswerError) -> str:
    if item.type == "duration":
        return t("form.duration_invalid")
    if isinstance(item, NumberItem):
        if error.reason == "out_of_range":
            return t("form.number_range", range=number_range(item))
        if ambiguous_number(st.session_state.get(_key(visit_id, item.id)) or ""):
            return t("form.number_ambiguous")
        return t("form.number_invalid", example=local_decimal("2.5", language()))
    if item.type == "multi_choice":
        return t("form.ticks_min", count=item.min_select)
    return str(error)


def _ticks_allowed(item: Item, ticked: list[str], visit_id: str) -> list[str]:
    """The ticks after the shopper's last click, with the item's rules applied at once: an
    exclusive option stands alone (the newest tick wins), and over max_select the newest
    tick is taken back with a note."""
    before = st.session_state.get(_key(visit_id, item.id, "ticked"), [])
    new = [option for option in ticked if option not in before]
    alone = {option.id for option in item.options if option.exclusive} | {NA}
    if any(option in alone for option in new):
        ticked = [new[-1]]
    elif any(option in alone for option in ticked) and len(ticked) > 1:
        ticked = [option for option in ticked if option not in alone]
    if item.max_select is not None and len(ticked) > item.max_select:
        ticked = [option for option in ticked if option not in new] or ticked[: item.max_select]
        st.session_state[_key(visit_id, item.id, "note")] = t(
            "form.ticks_max", count=item.max_select
        )
    else:
        st.session_state.pop(_key(visit_id, item.id, "note"), None)
    st.session_state[_key(visit_id, item.id, "ticked")] = ticked
    return ticked


def _on_na(visit_id: str, item: Item) -> None:
    _on_value(visit_id, item)


def _seed(key: str, value: object) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def _options(item: Item) -> tuple[list[str], Callable[[str], str]]:
    lang = language()
    if item.type == "yes_no":
        options = ["yes", "no"]
        labels = {"yes": t("answer.yes"), "no": t("answer.no")}
    elif item.type == "scale":
        options = [str(n) for n in range(item.min, item.max + 1)]
        labels = {o: o for o in options}
    else:
        options = [option.id for option in item.options]
        labels = {option.id: plain(text_in(option.text, lang)) for option in item.options}
    if item.na_allowed:
        options.append(NA)
        labels[NA] = t("answer.na")
    return options, labels.__getitem__


def item_widget(visit_id: str, item: Item, answer: Answer, *, disabled: bool) -> None:
    """The widget for one item, seeded from its stored answer."""
    lang = language()
    key = _key(visit_id, item.id)
    label = plain(text_in(item.text, lang))
    if item.type == "number" and item.unit:
        label += f" ({plain(item.unit)})"
    stored = _from_text(item, answer)
    common = {"key": key, "on_change": _on_value, "args": (visit_id, item), "disabled": disabled}
    if item.type == "multi_choice":
        options, label_of = _options(item)
        ticked = [o for o in stored if o in options] if isinstance(stored, list) else []
        if answer.is_na:
            ticked = [NA]
        _seed(key, ticked)
        _seed(_key(visit_id, item.id, "ticked"), ticked)
        st.pills(label, options, selection_mode="multi", format_func=label_of, **common)
        st.caption(_tick_hint(item))
        if note := st.session_state.get(_key(visit_id, item.id, "note")):
            st.warning(note)
    elif item.type in ("yes_no", "scale", "choice"):
        options, label_of = _options(item)
        _seed(key, stored if stored in options else None)
        if item.type == "choice":
            st.radio(label, options, format_func=label_of, index=None, **common)
        else:
            st.segmented_control(label, options, format_func=label_of, **common)
    else:
        if item.type == "photo":
            st.markdown(label)
        elif item.type == "number":
            # A text box, not st.number_input: that one shows 150.00 with an English point
            # whatever the language, and takes -5 seconds. The text is read like every
            # answer (parse_answer: 2,5 and 2.5, the item's min..max), shown back in the
            # reader's writing, and a number the item refuses is not stored.
            _seed(key, stored if isinstance(stored, str) else "")
            st.text_input(label, placeholder=number_range(item), **common)
        elif item.type == "duration":
            # N/A sits in its own tick box: the text box then starts empty, never "__na__".
            _seed(key, stored if isinstance(stored, str) and stored != NA else "")
            st.text_input(label, placeholder=t("form.duration_placeholder"), **common)
        elif item.type == "text":
            _seed(key, answer.value or "")
            st.text_area(label, max_chars=4000, height=90, **common)
        elif item.type == "date":
            _seed(key, stored if isinstance(stored, dt.date) else None)
            st.date_input(label, value=None, format=date_format(), **common)
        elif item.type == "time":
            _seed(key, stored if isinstance(stored, dt.time) else None)
            st.time_input(label, value=None, step=60, **common)
        if item.na_allowed and item.type != "photo":
            na_key = _key(visit_id, item.id, "na")
            _seed(na_key, answer.is_na)
            st.checkbox(
                t("answer.na"),
                key=na_key,
                on_change=_on_na,
                args=(visit_id, item),
                disabled=disabled,
            )
    if error := st.session_state.get(_key(visit_id, item.id, "error")):
        st.error(error)
    if item.guidance:
        st.caption(plain(text_in(item.guidance, lang)))
    if item.penalty:
        st.caption(t("form.penalty"))
    elif item.type in CHOICE_LIKE and not item.scored:
        st.caption(t("form.recorded"))


CHOICE_LIKE = ("yes_no", "scale", "choice", "multi_choice", "number", "duration")


def _tick_hint(item: Item) -> str:
    if item.max_select is not None and item.max_select == item.min_select:
        return t("form.ticks_exactly", count=item.max_select)
    if item.max_select is not None:
        return t("form.ticks_up_to", count=item.max_select)
    return t("form.ticks_all")


def comment_widget(visit_id: str, item: Item, answer: Answer, *, required: bool, disabled: bool):
    key = _key(visit_id, item.id, "c")
    _seed(key, answer.comment or "")
    label = t("visit.comment_required") if required else t("visit.comment")
    st.text_area(
        label,
        key=key,
        on_change=_on_value,
        args=(visit_id, item),
        height=70,
        max_chars=4000,
        disabled=disabled,
    )


def _on_photo(visit_id: str, item: Item, source: str) -> None:
    key = _key(visit_id, item.id, source)
    upload = st.session_state.get(key)
    if upload is None:
        return
    try:
        photo = prepare_photo(upload.getvalue())
    except PhotoRejected as error:
        st.session_state[_key(visit_id, item.id, "photo_error")] = t(
            f"photo.{error.reason}", mb=MAX_BYTES // (1024 * 1024)
        )
    else:
        act(lambda conn, person: add_photo(conn, person, visit_id, item.id, photo, upload.name))
    # A fresh uploader key empties the widget, so the same photo is not added twice.
    st.session_state[_key(visit_id, item.id, "round")] = (
        st.session_state.get(_key(visit_id, item.id, "round"), 0) + 1
    )


def _on_remove(visit_id: str, photo_id: int) -> None:
    act(lambda conn, person: remove_photo(conn, person, visit_id, photo_id))


def photo_widget(visit_id: str, item: Item, photos: list, *, disabled: bool) -> None:
    """Stored photos with a remove button, then upload or camera."""
    for photo in photos:
        cols = st.columns([4, 1], vertical_alignment="center")
        if url := photo_url(photo.id, photo.filename):
            cols[0].image(url, caption=plain(photo.filename), width=220)
        if not disabled:
            cols[1].button(
                t("photo.remove"),
                key=f"rm-{photo.id}",
                on_click=_on_remove,
                args=(visit_id, photo.id),
            )
    if disabled:
        return
    if len(photos) >= MAX_PHOTOS_PER_ITEM:
        st.caption(t("photo.too_many", count=MAX_PHOTOS_PER_ITEM))
        return
    error = st.session_state.pop(_key(visit_id, item.id, "photo_error"), None)
    if error:
        st.error(error)
    round_ = st.session_state.get(_key(visit_id, item.id, "round"), 0)
    upload_key = f"upload{round_}"
    st.file_uploader(
        t("photo.upload"),
        type=["jpg", "jpeg", "png", "webp"],
        key=_key(visit_id, item.id, upload_key),
        on_change=_on_photo,
        args=(visit_id, item, upload_key),
        max_upload_size=MAX_BYTES // (1024 * 1024),
    )
    if st.toggle(t("photo.camera"), key=_key(visit_id, item.id, "cam_on")):
        camera_key = f"camera{round_}"
        st.camera_input(
            t("photo.take"),
            key=_key(visit_id, item.id, camera_key),
            on_change=_on_photo,
            args=(visit_id, item, camera_key),
        )
