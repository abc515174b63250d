"""Names in the workbook: the file, the sheets, the period, references to sheets."""

from locales import fmt_month, translate
from scoring.dashboard import Period

SHEETS = ("summary", "gaps", "matrix", "recurring", "coaching", "comments", "visits")
"""The sheets in the order a reader meets them."""


def period_text(period: Period, lang: str) -> str:
    if period.first == period.last:
        return fmt_month(period.first, lang)
    return f"{fmt_month(period.first, lang)} – {fmt_month(period.last, lang)}"


def report_file_name(period: Period, lang: str) -> str:
    """The download's name, with the period: gap-report_2026-03_2026-05.xlsx."""
    stem = translate(lang, "xlsx.file_stem")
    first, last = period.first.strftime("%Y-%m"), period.last.strftime("%Y-%m")
    return f"{stem}_{first}.xlsx" if first == last else f"{stem}_{first}_{last}.xlsx"


def sheet_titles(lang: str) -> dict[str, str]:
    """Sheet names in the reader's language (at most 31 characters, as Excel allows)."""
    return {key: translate(lang, f"xlsx.sheet.{key}")[:31] for key in SHEETS}


def quoted(title: str) -> str:
    """A sheet name as a reference needs it."""
    return "'" + title.replace("'", "''") + "'"
