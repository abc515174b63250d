"""`read_form`: an XLSForm (survey, choices, settings) as a standard's YAML, with every
problem at FORM:SHEET:ROW; the YAML is only given when the standard it holds is valid."""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from standards.errors import StandardError
from standards.loader import check_standard_text
from standards.models import CHANNELS, STANDARD_ID_PATTERN, Standard
from standards.texts import LANGUAGE_PATTERN
from standards.xlsform.cells import Context
from standards.xlsform.codes import FormProblem, Problems
from standards.xlsform.conventions import NA
from standards.xlsform.import_items import Lists
from standards.xlsform.languages import language_code
from standards.xlsform.places import loader_problems
from standards.xlsform.sheets import FormRow, FormSheet, Unreadable, read_workbook
from standards.xlsform.survey_walk import Walk
from standards.xlsform.yaml_out import dump_yaml

Source = str | Path | bytes | BinaryIO


@dataclass(frozen=True)
class FormResult:
    yaml_text: str | None
    """The standard as YAML; None when there are errors."""
    standard: Standard | None
    errors: list[FormProblem]
    warnings: list[FormProblem]


def read_form(source: Source, path: str | None = None) -> FormResult:
    """Convert an XLSForm; `path` names the file in problems (default: the source's path)."""
    name = path or (str(source) if isinstance(source, str | Path) else "<form>")
    problems = Problems(name)
    try:
        sheets = read_workbook(source)
    except Unreadable as error:
        problems.add("unreadable", detail=error)
        return _result(problems)
    survey = sheets.get("survey")
    if survey is None:
        problems.add("no_sheet", name="survey")
        return _result(problems)
    for column in ("type", "name"):
        if column not in survey.columns:
            problems.add("no_column", "survey", 1, name="survey", column=column)
    if problems.errors():
        return _result(problems)
    settings = sheets.get("settings")
    setting = settings.rows[0] if settings and settings.rows else FormRow(2, {})
    ctx = Context(problems)
    ctx.languages = _languages(ctx, sheets, setting)
    walk = Walk(ctx, _lists(ctx, sheets.get("choices")))
    walk.run(survey)
    plain = _head(ctx, setting, Path(name).stem, sheets.get("bands"), walk)
    plain["sections"] = walk.sections
    header = f"Converted from {Path(name).name} by `mystery-audit xlsform import`."
    text = dump_yaml(plain, header)
    standard = None
    try:
        standard, warnings = check_standard_text(text, name)
        problems.found += loader_problems(warnings, text, walk.places)
    except StandardError as error:
        # Problems on a row that already has one of ours are its echo; the first says more.
        ours = {(p.sheet, p.row) for p in problems.errors()}
        found = loader_problems(error.problems, text, walk.places)
        problems.found += [p for p in found if (p.sheet, p.row) not in ours]
    return _result(problems, text, standard)


def _result(problems: Problems, text: str | None = None, standard: Any = None) -> FormResult:
    errors = problems.errors()
    if errors:
        return FormResult(None, None, errors, problems.warnings())
    return FormResult(text, standard, [], problems.warnings())


def _languages(ctx: Context, sheets: dict[str, FormSheet], setting: FormRow) -> tuple[str, ...]:
    seen: list[str] = []
    for name in ("survey", "choices", "settings", "bands"):
        if name in sheets:
            seen += ctx.learn_columns(sheets[name])
    seen = list(dict.fromkeys(seen))
    listed = [code for code in re.split(r"[\s,;]+", setting.get("languages")) if code]
    for code in listed:
        if not re.fullmatch(LANGUAGE_PATTERN, code):
            allowed = "give language codes such as de en"
            ctx.problems.add(
                "value", "settings", setting.number, column="languages", value=code, allowed=allowed
            )
    if listed:
        return tuple(listed)
    if seen:
        return tuple(seen)
    default = setting.get("default_language")
    code = language_code(default) if default else None
    if code is None:
        detail = "the form names no language (label::English (en), ...); the standard says en"
        ctx.problems.add("assumed", "settings", setting.number, detail=detail)
    return (code or "en",)


def _lists(ctx: Context, choices: FormSheet | None) -> Lists:
    lists: Lists = {}
    if choices is None:
        return lists
    for column in ("list_name", "name"):
        if column not in choices.columns:
            ctx.problems.add("no_column", "choices", 1, name="choices", column=column)
            return lists
    for row in choices.rows:
        lists.setdefault(row.get("list_name"), []).append(row)
    return lists


def _standard_id(ctx: Context, setting: FormRow, stem: str) -> str:
    given = setting.get("form_id")
    if re.fullmatch(STANDARD_ID_PATTERN, given):
        return given
    made = re.sub(r"[^a-z0-9]+", "-", (given or stem).lower()).strip("-") or "form"
    what = f"form_id '{given}'" if given else "the form has no form_id, so the file name"
    detail = f"{what} became the standard id '{made}' (a-z, 0-9 and - only)"
    ctx.problems.add("assumed", "settings", setting.number, detail=detail)
    return made


def _head(
    ctx: Context, setting: FormRow, stem: str, bands: FormSheet | None, walk: Walk
) -> dict[str, Any]:
    plain: dict[str, Any] = {"id": _standard_id(ctx, setting, stem)}
    title = ctx.text("settings", setting, "standard_title")
    plain["title"] = title or setting.get("form_title") or plain["id"]
    description = ctx.text("settings", setting, "standard_description")
    if description is not None:
        plain["description"] = description
    channel = setting.get("channel").lower()
    if not channel:
        detail = f"settings has no channel ({', '.join(CHANNELS)}); the standard says in_store"
        ctx.problems.add("assumed", "settings", setting.number, detail=detail)
    plain["channel"] = channel or "in_store"
    plain["languages"] = list(ctx.languages)
    target = ctx.number("settings", setting, "target", low=0, high=100)
    if target is not None:
        plain["target"] = target
    if setting.get("critical_policy"):
        plain["critical_policy"] = setting.get("critical_policy").lower()
    walk.places[()] = ("settings", setting.number)
    if bands is not None and bands.rows:
        plain["bands"] = []
        for index, row in enumerate(bands.rows):
            walk.places[("bands", index)] = ("bands", row.number)
            band = {
                "min": ctx.number("bands", row, "min"),
                "label": ctx.text("bands", row, "label"),
            }
            plain["bands"].append({key: value for key, value in band.items() if value is not None})
    sets = _option_sets(walk)
    if sets:
        plain["option_sets"] = sets
    return plain


def _option_sets(walk: Walk) -> dict[str, list[dict[str, Any]]]:
    """A list used by several items with the same options becomes an option set."""
    users: dict[str, list[dict[str, Any]]] = {}
    for section in walk.sections:
        for item in section["items"]:
            if isinstance(item.get("options"), list) and item["id"] in walk.item_lists:
                users.setdefault(walk.item_lists[item["id"]], []).append(item)
    sets = {}
    for list_name, items in users.items():
        first = items[0]["options"]
        if len(items) < 2 or any(item["options"] != first for item in items):
            continue
        if not re.fullmatch(r"[a-z0-9_-]+", list_name):
            continue
        sets[list_name] = first
        for item in items:
            item["options"] = list_name
        rows = [row for row in walk.lists[list_name] if row.get("name") != NA]
        for index, row in enumerate(rows):
            walk.places[("option_sets", list_name, index)] = ("choices", row.number)
    return sets
