"""`write_form`: a standard as an XLSForm that ODK Collect and KoboCollect can fill offline.

Besides the items the form asks for the store, the shopper's user name and the visit's start
and end (ODK's own metadata), names each submission (`instance_name`), and keeps every scoring
detail in columns and a `bands` sheet that XLSForm tools ignore.
"""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Font

from standards.models import Standard
from standards.texts import text_in
from standards.versions import version_hash
from standards.xlsform.codes import FormError, Problems
from standards.xlsform.conventions import NA, RESERVED, SECONDS, SUFFIXES
from standards.xlsform.export_cells import number_cell
from standards.xlsform.export_rows import Row, Rows, option_key
from standards.xlsform.languages import column_language, text_columns

SURVEY_COLUMNS = (
    "type", "name", "label", "hint", "required", "relevant", "constraint",
    "constraint_message", "appearance", "parameters", "calculation", "item_type", "scored",
    "weight", "critical", "bonus", "penalty", "subject", "na_allowed", "require_comment",
    "require_photo", "unit", "pass_if", "points", "pass_min", "base", "min_select",
    "max_select", "show_if", "action",
)  # fmt: skip
CHOICES_COLUMNS = ("list_name", "name", "label", "score", "pass", "exclusive")
SETTINGS_COLUMNS = (
    "form_title", "form_id", "version", "default_language", "instance_name", "standard_title",
    "standard_description", "languages", "channel", "target", "critical_policy",
)  # fmt: skip
TEXT_COLUMNS: tuple[str, ...] = ("label", "hint", "constraint_message", "action", "standard_title")
TEXT_COLUMNS += ("standard_description",)
INSTANCE_NAME = "concat(${store_id}, ' ', ${shopper}, ' ', substr(${start}, 0, 10))"
_XML_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")


def write_form(standard: Standard, target: str | Path | BinaryIO, name: str = "") -> None:
    """Write the form; raises FormError when the standard cannot be a form as it is."""
    check_exportable(standard, name or standard.id)
    # Texts given per language make a form with a column per language; plain texts, one.
    multilingual = any(isinstance(text, dict) for text in _texts(standard))
    sets = {key: option_key(options) for key, options in standard.option_sets.items()}
    rows = Rows(standard.languages, multilingual, sets)
    for field in ("start", "end"):
        rows.survey.append({"type": field, "name": field})
    for field in ("store_id", "shopper"):
        rows.survey.append(
            {"type": "text", "name": field, "label": rows.word(field), "required": "yes"}
        )
    items = {item.id: item for item in standard.items()}

    def form_name(item_id: str) -> tuple[str, bool]:
        kind = items[item_id].type if item_id in items else ""
        return (item_id + SECONDS if kind == "duration" else item_id), kind == "multi_choice"

    for section in standard.sections:
        weight = number_cell(section.weight)
        rows.survey.append(
            {"type": "begin_group", "name": section.id, "label": section.title, "weight": weight}
        )
        for item in section.items:
            rows.item(item, form_name)
        rows.survey.append({"type": "end_group", "name": section.id})
    book = Workbook()
    _sheet(book.active, "survey", SURVEY_COLUMNS, rows.survey, standard.languages)
    _sheet(book.create_sheet(), "choices", CHOICES_COLUMNS, rows.choices, standard.languages)
    setting = _settings(standard, multilingual)
    _sheet(book.create_sheet(), "settings", SETTINGS_COLUMNS, [setting], standard.languages)
    if standard.bands:
        bands = [{"min": number_cell(band.min), "label": band.label} for band in standard.bands]
        _sheet(book.create_sheet(), "bands", ("min", "label"), bands, standard.languages)
    book.save(target)


def check_exportable(standard: Standard, name: str) -> None:
    """Names ODK cannot take, or that the form's own questions already use."""
    problems = Problems(name)
    items = standard.items()
    referenced = {leaf.item for item in items if item.show_if for leaf in item.show_if.leaves()}
    item_ids = [item.id for item in items]
    for what, ids in (("section", [s.id for s in standard.sections]), ("item", item_ids)):
        for given in ids:
            why = None
            if not _XML_NAME.match(given):
                why = "it must start with a letter or _"
            elif given in RESERVED or given.endswith(SUFFIXES):
                why = "the form uses that name for its own questions; rename it"
            elif what == "section" and given in item_ids and given in referenced:
                why = "an item has the same id and a show_if names it; rename one"
            if why:
                problems.add("bad_form_name", what=what, name=given, why=why)
    for item in items:
        if any(option.id == NA for option in getattr(item, "options", ())):
            detail = (
                f"item '{item.id}' has an option '{NA}', the word forms use for N/A; "
                "rename the option (and set na_allowed: true if N/A is meant)"
            )
            problems.add("export", detail=detail)
    if problems.found:
        raise FormError(problems.found)


def _texts(standard: Standard) -> Iterator[Any]:
    yield standard.title
    yield standard.description
    for band in standard.bands:
        yield band.label
    for section in standard.sections:
        yield section.title
        for item in section.items:
            yield from (item.text, item.guidance, item.action)
            yield from (option.text for option in getattr(item, "options", ()))


def _settings(standard: Standard, multilingual: bool) -> dict[str, Any]:
    first = standard.languages[0]
    return {
        "form_title": text_in(standard.title, first),
        "form_id": standard.id,
        "version": version_hash(standard),
        "default_language": column_language(first) if multilingual else None,
        "instance_name": INSTANCE_NAME,
        "standard_title": standard.title,
        "standard_description": standard.description,
        "languages": " ".join(standard.languages),
        "channel": standard.channel,
        "target": number_cell(standard.target),
        "critical_policy": standard.critical_policy,
    }


ALWAYS = {"survey": ("type", "name"), "choices": ("list_name", "name")}


def _sheet(
    sheet: Any, title: str, order: tuple[str, ...], rows: list[Row], langs: tuple[str, ...]
) -> None:
    """Rows of cells into a sheet; text columns spread into one column per language."""
    sheet.title = title
    cells = []
    for row in rows:
        flat: dict[str, Any] = {}
        for key, value in row.items():
            if value is None:
                continue
            if key in TEXT_COLUMNS:
                flat |= text_columns(key, value, langs)
            else:
                flat[key] = value if isinstance(value, int | float) else str(value)
        cells.append(flat)
    # The columns a reader looks for first stand even on an empty sheet (a form without a
    # select question still has a choices sheet that must read back).
    used = {column for flat in cells for column in flat} | set(ALWAYS.get(title, ()))
    header = []
    for base in order:
        header += [base] if base in used else []
        if base in TEXT_COLUMNS:
            header += [
                c for c in (f"{base}::{column_language(lang)}" for lang in langs) if c in used
            ]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for flat in cells:
        sheet.append([flat.get(column) for column in header])
    sheet.freeze_panes = "C2" if title == "survey" else "A2"
