"""Reading single cells of a form: flags, numbers, allowed words and texts in every language,
each problem reported at its sheet and row."""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from standards.numbers import parse_decimal
from standards.texts import Text
from standards.xlsform.codes import Problems
from standards.xlsform.languages import language_code, split_column
from standards.xlsform.sheets import FormRow, FormSheet

TEXT_BASES = frozenset(
    {
        "label",
        "hint",
        "action",
        "guidance_hint",
        "constraint_message",
        "required_message",
        "standard_title",
        "standard_description",
        "media",
        "image",
        "audio",
        "video",
        "big-image",
    }
)
"""Columns that may carry a language (`label::German (de)`)."""
_TRUE = {"yes", "true", "true()", "1", "ja", "wahr", "y"}
_FALSE = {"no", "false", "false()", "0", "nein", "falsch", "n"}


@dataclass
class Context:
    """What every part of one import shares: where problems go and the form's languages."""

    problems: Problems
    languages: tuple[str, ...] = ()
    columns: dict[str, dict[str, list[tuple[str, str]]]] = field(default_factory=dict)
    """sheet -> text base (label, hint, ...) -> [(column, language code)] in column order."""

    def learn_columns(self, sheet: FormSheet) -> list[str]:
        """Record the sheet's language columns; returns their codes in column order."""
        found: dict[str, list[tuple[str, str]]] = {}
        codes = []
        for column in sheet.columns:
            base, language = split_column(column)
            # bind::..., body::... and instance::... are XForm attributes, not languages.
            if language is None or base.partition("::")[0] not in TEXT_BASES:
                continue
            code = language_code(language)
            if code is None:
                self.problems.add("language", sheet.name, 1, column=column, base=base)
                continue
            found.setdefault(base, []).append((column, code))
            codes.append(code)
        self.columns[sheet.name] = found
        return codes

    def text(
        self, sheet: str, row: FormRow, base: str, *, required: bool = False, what: str = "row"
    ) -> Text | None:
        """The text of `base` on this row: plain, or one per language (plain fills gaps)."""
        plain = row.get(base)
        given = {
            code: row.get(column)
            for column, code in self.columns.get(sheet, {}).get(base, [])
            if row.get(column)
        }
        if not given:
            if not plain and required:
                self.problems.add("no_text", sheet, row.number, column=base, what=what)
            return plain or None
        for lang in self.languages:
            if lang not in given:
                if plain:
                    given[lang] = plain
                else:
                    self.problems.add(
                        "missing_text",
                        sheet,
                        row.number,
                        column=base,
                        lang=lang,
                        languages=", ".join(self.languages),
                    )
        order = [*self.languages, *(lang for lang in given if lang not in self.languages)]
        return {lang: given[lang] for lang in order if lang in given}

    def flag(self, sheet: str, row: FormRow, column: str) -> bool | None:
        raw = row.get(column)
        if not raw:
            return None
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        self.problems.add(
            "value", sheet, row.number, column=column, value=raw, allowed="write yes or no"
        )
        return None

    def word(self, sheet: str, row: FormRow, column: str, allowed: tuple[str, ...]) -> str | None:
        raw = row.get(column)
        if raw and raw.lower() not in allowed:
            self.problems.add(
                "value",
                sheet,
                row.number,
                column=column,
                value=raw,
                allowed=f"use one of {', '.join(allowed)}",
            )
            return None
        return raw.lower() or None

    def number(
        self,
        sheet: str,
        row: FormRow,
        column: str,
        *,
        low: float | None = None,
        high: float | None = None,
        above: float | None = None,
        whole: bool = False,
    ) -> int | float | None:
        raw = row.get(column)
        if not raw:
            return None
        value = parse_decimal(raw)
        fits = value is not None and (not whole or value == value.to_integral_value())
        checks: tuple[tuple[float | None, Callable[[Decimal, Decimal], bool]], ...] = (
            (low, lambda number, bound: number >= bound),
            (high, lambda number, bound: number <= bound),
            (above, lambda number, bound: number > bound),
        )
        for bound, holds in checks:
            if fits and value is not None and bound is not None:
                fits = holds(value, Decimal(str(bound)))
        if not fits or value is None:
            allowed = _limits(low, high, above, whole)
            self.problems.add("value", sheet, row.number, column=column, value=raw, allowed=allowed)
            return None
        return plain_number(value)


def plain_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _limits(low: Any, high: Any, above: Any, whole: bool) -> str:
    kind = "a whole number" if whole else "a number"
    if low is not None and high is not None:
        return f"give {kind} from {low:g} to {high:g}"
    if above is not None:
        return f"give {kind} above {above:g}"
    if low is not None:
        return f"give {kind} of at least {low:g}"
    return f"give {kind}"
