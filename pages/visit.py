"""The visit form: one section at a time, saved as the shopper goes, submitted once."""

import datetime as dt

import streamlit as st

from audits.visits.drafts import (
    EDITABLE,
    get_visit,
    last_saved,
    return_message,
    save_details,
    staff_asked,
    visit_answers,
    visit_staff,
    visit_standard,
)
from audits.visits.photos import visit_photos
from audits.visits.submit import submit_visit
from locales import fmt_date
from pages.auth import act, require, still_logged_in
from pages.form_items import comment_widget, item_widget, number_range, photo_widget
from pages.ui import date_format, engine, language, local_zone, plain, t
from scoring.submit_checks import Answer, Details, check_visit, failed_items
from standards import text_in, visible_items
from standards.items import NumberItem

SCROLL_TO_TOP = """<script>
for (const box of document.querySelectorAll(
    '[data-testid="stMain"], [data-testid="stAppViewContainer"], section.main')) {
  box.scrollTo({top: 0});
}
window.scrollTo({top: 0});
</script>"""

SAVED_LINE_EVERY = dt.timedelta(seconds=30)

person = require("fill_visits")
lang = language()
visit_id = st.query_params.get("visit", "")
with engine().connect() as conn:
    visit = get_visit(conn, person, visit_id) if visit_id else None
    if visit is None or visit.shopper_id != person.id:
        st.error(t("visit.not_found"))
        st.page_link("pages/shopper_home.py", label=t("nav.my_visits"), query_params={"lang": lang})
        st.stop()
    standard = visit_standard(conn, visit)
    answers = visit_answers(conn, visit)
    photos = visit_photos(conn, visit)
    asks_staff = staff_asked(conn, visit)
    staff = visit_staff(conn, visit) if asks_staff else []
    message = return_message(conn, visit) if visit.status == "returned" else None

editable = visit.status in EDITABLE
zone = local_zone()
shown = visible_items(standard, {k: (None if a.is_na else a.value) for k, a in answers.items()})
failed = failed_items(standard, answers)
counts: dict[str, int] = {}
for photo in photos:
    counts[photo.item_id or ""] = counts.get(photo.item_id or "", 0) + 1
details = Details(visit.started_at, visit.ended_at, visit.staff_id, visit.staff_description)
issues_key = f"issues:{visit.id}"
issues = st.session_state.get(issues_key)
if issues is None and st.query_params.get("checked") == "1":
    issues = []  # checked before this reload: keep showing the messages beside the items
if issues is not None and editable:
    # Fresh after every change, so a fixed item loses its message at once.
    issues = check_visit(standard, answers, counts, details, staff_asked=asks_staff)
    st.session_state[issues_key] = issues
by_item: dict[str | None, list] = {}
for issue in issues or []:
    by_item.setdefault(issue.item_id, []).append(issue)

st.title(plain(visit.store_name))
st.caption(f"{plain(text_in(standard.title, lang))} · {t('status.' + visit.status)}")
if visit.exercise_id is not None:
    st.info(t("shopper.exercise_note"))
if message:
    st.error(t("shopper.returned", message=plain(message)))
if error := st.session_state.pop("form_error", None):
    st.error(error)
if not editable:
    st.info(t("visit.read_only"))

visible_list = [item for item in standard.items() if item.id in shown]
done = [
    item
    for item in visible_list
    if (
        counts.get(item.id, 0) > 0
        if item.type == "photo"
        else item.id in answers and answers[item.id].given
    )
]
st.progress(
    len(done) / max(len(visible_list), 1),
    text=t("visit.progress", done=len(done), total=len(visible_list)),
)

# --- the parts of the form: visit details, each section, then submit -------------------------
parts = ["details", *[section.id for section in standard.sections], "submit"]


def _part_label(part: str) -> str:
    if part == "details":
        return t("visit.details")
    if part == "submit":
        return t("visit.finish")
    number = parts.index(part)
    section = next(s for s in standard.sections if s.id == part)
    return f"{number}. {text_in(section.title, lang)}"


def _part_status(part: str) -> str:
    section = next(s for s in standard.sections if s.id == part)
    ids = {item.id for item in section.items if item.id in shown}
    answered = sum(1 for item in done if item.id in ids)
    open_issues = sum(1 for issue in issues or [] if issue.item_id in ids)
    text = t("visit.section_progress", done=answered, total=len(ids))
    return text + (" · ⚠ " + t("visit.section_issues", count=open_issues) if open_issues else "")


part_key = f"part:{visit.id}"
# The select box shows the label it last drew, and a new language does not redraw it: the
# picker kept the old language's section title. Its key names the language, so a switch
# draws a new box, set from the part chosen (kept under part_key, whatever the language).
picker_key = f"{part_key}:{lang}"


def _to_top() -> None:
    st.session_state["scroll_top"] = True


if st.session_state.get(part_key) not in parts:
    # After a reload the URL still names the section the shopper was in.
    from_url = st.query_params.get("part")
    st.session_state[part_key] = from_url if from_url in parts else parts[0]
part_labels = {part: _part_label(part) for part in parts}
if st.session_state.get(picker_key) != st.session_state[part_key]:
    # Only when it differs (a new language, "Next", a jump to a part): the browser need
    # not be sent the box's value again on every run.
    st.session_state[picker_key] = st.session_state[part_key]


def _picked() -> None:
    st.session_state[part_key] = st.session_state[picker_key]
    _to_top()


st.selectbox(
    t("visit.section"),
    parts,
    format_func=part_labels.__getitem__,
    key=picker_key,
    on_change=_picked,
)
part = st.session_state[part_key]
st.query_params["part"] = part
# Links and reloads keep the reader's language (without it app.py falls back to the
# person's own language).
if st.query_params.get("lang") != lang:
    st.query_params["lang"] = lang
if part not in ("details", "submit"):
    st.caption(_part_status(part))


def _next() -> None:
    position = parts.index(st.session_state[part_key])
    st.session_state[part_key] = parts[min(position + 1, len(parts) - 1)]
    _to_top()


def _local(value: dt.datetime | None) -> dt.datetime | None:
    return value.astimezone(zone) if value else None


def _detail_key(name: str) -> str:
    # The staff box names "describe instead" in words: like the section picker it is drawn
    # anew per language (and seeded from the stored visit, as every detail is).
    return f"d:{visit.id}:{name}:{lang}" if name == "staff" else f"d:{visit.id}:{name}"


def _save_details() -> None:
    day = st.session_state[_detail_key("day")]
    start = st.session_state[_detail_key("start")]
    end = st.session_state[_detail_key("end")]
    choice = st.session_state.get(_detail_key("staff"))
    # "Describe instead" is stored only with a description: kept here for the next language.
    st.session_state[f"d:{visit.id}:staff_choice"] = choice
    described = st.session_state.get(_detail_key("describe"), "")
    started = dt.datetime.combine(day, start, zone) if day and start else None
    ended = dt.datetime.combine(day, end, zone) if day and end else None
    details = Details(
        started,
        ended,
        choice if choice not in (None, "") else None,
        described if choice in (None, "") else None,
    )
    act(lambda conn, me: save_details(conn, me, visit.id, details))


def _details_form() -> None:
    started, ended = _local(visit.started_at), _local(visit.ended_at)
    seeds = {
        "day": started.date() if started else None,
        "start": started.time().replace(second=0, microsecond=0) if started else None,
        "end": ended.time().replace(second=0, microsecond=0) if ended else None,
        "staff": st.session_state.get(
            f"d:{visit.id}:staff_choice",
            visit.staff_id or ("" if visit.staff_description else None),
        ),
        "describe": visit.staff_description or "",
    }
    for name, value in seeds.items():
        st.session_state.setdefault(_detail_key(name), value)
    fmt = date_format()
    st.date_input(
        t("visit.day"),
        key=f"d:{visit.id}:day",
        format=fmt,
        on_change=_save_details,
        disabled=not editable,
    )
    cols = st.columns(2)
    cols[0].time_input(
        t("visit.start"),
        key=f"d:{visit.id}:start",
        step=60,
        on_change=_save_details,
        disabled=not editable,
    )
    cols[1].time_input(
        t("visit.end"),
        key=f"d:{visit.id}:end",
        step=60,
        on_change=_save_details,
        disabled=not editable,
    )
    if asks_staff:
        names = {member.staff_id: member.display_name for member in staff}
        st.selectbox(
            t("visit.staff"),
            ["", *names],
            format_func={"": t("visit.staff_describe"), **names}.__getitem__,
            key=_detail_key("staff"),
            on_change=_save_details,
            disabled=not editable,
            index=None,
            placeholder=t("ui.choose"),
        )
        if st.session_state.get(_detail_key("staff")) == "":
            st.text_input(
                t("visit.staff_description"),
                key=f"d:{visit.id}:describe",
                on_change=_save_details,
                max_chars=300,
                disabled=not editable,
            )
            st.caption(t("visit.staff_hint"))
    for issue in by_item.get(None, []):
        st.error(t("check." + issue.code))


def _section_form(section_id: str) -> None:
    section = next(s for s in standard.sections if s.id == section_id)
    st.header(plain(text_in(section.title, lang)))
    for item in section.items:
        if item.id not in shown:
            continue
        answer = answers.get(item.id, Answer(None))
        with st.container(border=True, key=f"item-{item.id}"):
            item_widget(visit.id, item, answer, disabled=not editable)
            needs_comment = item.require_comment == "always" or (
                item.require_comment == "on_fail" and item.id in failed
            )
            if needs_comment or item.id in failed or answer.comment:
                comment_widget(
                    visit.id, item, answer, required=needs_comment, disabled=not editable
                )
            if item.type == "photo" or item.require_photo:
                mine = [p for p in photos if p.item_id == item.id]
                photo_widget(visit.id, item, mine, disabled=not editable)
            for issue in by_item.get(item.id, []):
                st.error(_issue_text(item, issue.code))


def _issue_text(item: object, code: str) -> str:
    if code == "out_of_range" and isinstance(item, NumberItem):
        return t("check.out_of_range", range=number_range(item))
    return t("check." + code)


def _submit() -> None:
    outcome = act(lambda conn, me: submit_visit(conn, me, visit.id))
    if outcome is None:
        return
    st.session_state[issues_key] = outcome.issues
    st.session_state[f"outcome:{visit.id}"] = outcome.status
    if outcome.status == "incomplete":
        st.query_params["checked"] = "1"


def _finish() -> None:
    outcome = st.session_state.pop(f"outcome:{visit.id}", None)
    if outcome == "incomplete":
        st.error(t("visit.incomplete", count=len(issues or [])))
    if not editable:
        st.success(t("visit.submitted_on", when=fmt_date(_local(visit.submitted_at), lang)))
        return
    # One line per part with its open points and a way there; the messages sit by the items.
    per_part: dict[str, int] = {}
    for issue in issues or []:
        where = "details" if issue.item_id is None else standard.section_of(issue.item_id).id
        per_part[where] = per_part.get(where, 0) + 1
    for where in parts:
        if where in per_part:
            st.button(
                t("visit.part_issues", part=plain(_part_label(where)), count=per_part[where]),
                key=f"goto-{where}",
                on_click=_go_to,
                args=(where,),
                icon=":material/warning:",
                width="stretch",
            )
    st.button(t("visit.submit"), type="primary", on_click=_submit, width="stretch")


def _go_to(where: str) -> None:
    st.session_state[part_key] = where
    _to_top()


if part == "details":
    with st.container(key="details"):
        _details_form()
elif part == "submit":
    _finish()
else:
    _section_form(part)
if part != "submit":
    st.button(t("visit.next"), on_click=_next, width="stretch")
if st.session_state.pop("scroll_top", False):
    # A new section starts at its top, not where the "Next" button of the last one was.
    st.html(SCROLL_TO_TOP, unsafe_allow_javascript=True)


@st.fragment(run_every=SAVED_LINE_EVERY)
def _saved_line() -> None:
    # The time comes from the database, so it shows what reached the server, from any device.
    # The timer has a second use: after a server restart Streamlit reruns a page that has one
    # as soon as it reconnects, which lets the new server know the form's widgets; without
    # it the first tap after the reconnect would be dropped (tests/security/test_restart.py).
    if not still_logged_in():
        return
    with engine().connect() as conn:
        saved = last_saved(conn, person, visit.id)
    if saved is not None:
        st.caption(t("visit.saved", time=saved.astimezone(zone).strftime("%H:%M:%S")))


if editable:
    _saved_line()
