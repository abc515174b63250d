"""The trainers' gap report as an xlsx workbook, written in openpyxl's write-only mode so
memory stays flat however many visits it holds."""

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import BinaryIO

import pandas as pd
from openpyxl import Workbook

from locales import fmt_month, translate
from scoring.dashboard import Period
from scoring.report import summary, tables
from scoring.report.data import ReportData
from scoring.report.matrix import matrix_sheet
from scoring.report.sheet import Column, table_sheet
from scoring.report.styles import add_styles

Report = Callable[[float, str], None]
"""Progress: the share done (0..1) and what is being written."""

SHEETS = ("summary", "gaps", "matrix", "recurring", "coaching", "comments", "visits")
WEIGHTS = {
    "summary": 0.03,
    "gaps": 0.03,
    "matrix": 0.1,
    "recurring": 0.04,
    "coaching": 0.05,
    "comments": 0.05,
    "visits": 0.62,
    "save": 0.08,
}
"""Share of the writing time each part takes on a large chain, for the progress bar."""


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


def write_report(
    data: ReportData, lang: str, target: str | Path | BinaryIO, progress: Report | None = None
) -> None:
    """Write the workbook to a path or a binary file object."""
    tr = partial(translate, lang)
    done = 0.0

    def step(part: str, share: float = 1.0) -> None:
        if progress:
            progress(min(done + WEIGHTS[part] * share, 1.0), tr(f"xlsx.progress.{part}"))

    def finish(part: str) -> None:
        nonlocal done
        done += WEIGHTS[part]
        step(part, 0.0)

    book = Workbook(write_only=True)
    add_styles(book, lang)
    titles = sheet_titles(lang)
    header = f"{tr('xlsx.title')} · {period_text(data.period, lang)}"
    yes_no = (tr("answer.yes"), tr("answer.no"))
    shared = {"page_header": header, "yes_no": yes_no}

    gaps = tables.gap_rows(data, lang)
    items = tables.item_texts(data, lang)
    shown = items.merge(gaps[["standard_id", "item_id"]], on=["standard_id", "item_id"])
    comments = tables.comment_rows(data, gaps, lang)
    coaching, left_out = (
        tables.coaching_rows(data, lang) if data.staff_display != "hidden" else (None, [])
    )

    step("summary")
    summary.summary_sheet(book, data, gaps, titles, lang, header, left_out)
    finish("summary")

    matrix_columns = {
        key: n for n, key in enumerate(zip(shown["standard_id"], shown["item_id"], strict=True))
    }
    step("gaps")
    table_sheet(
        book,
        titles["gaps"],
        "GapsByItem",
        gaps,
        gap_columns(tr),
        empty_note=tr("xlsx.empty.gaps"),
        freeze_columns=3,
        links={
            "item": [
                matrix_link(titles["matrix"], matrix_columns.get(key))
                for key in zip(gaps["standard_id"], gaps["item_id"], strict=True)
            ],
            "comments": comment_links(titles["comments"], gaps, comments),
        },
        **shared,
    )
    finish("gaps")

    step("matrix")
    matrix_sheet(book, data, shown, titles["matrix"], tr, header)
    finish("matrix")

    step("recurring")
    recurring = tables.recurring_rows(data, lang)
    table_sheet(
        book,
        titles["recurring"],
        "RecurringGaps",
        recurring,
        recurring_columns(tr),
        empty_note=tr("xlsx.empty.recurring"),
        freeze_columns=3,
        **shared,
    )
    finish("recurring")

    step("coaching")
    if coaching is not None:
        staff_header = tr("col.staff") if data.staff_display == "named" else tr("xlsx.staff_code")
        table_sheet(
            book,
            titles["coaching"],
            "Coaching",
            coaching,
            coaching_columns(tr, staff_header),
            empty_note=tr("xlsx.empty.coaching"),
            freeze_columns=4,
            **shared,
        )
    finish("coaching")

    step("comments")
    table_sheet(
        book,
        titles["comments"],
        "Comments",
        comments,
        comment_columns(tr),
        empty_note=tr("xlsx.empty.comments"),
        freeze_columns=2,
        **shared,
    )
    finish("comments")

    visits, sections = tables.visit_rows(data, lang)
    total = max(len(visits), 1)
    step("visits")
    table_sheet(
        book,
        titles["visits"],
        "Visits",
        visits,
        visit_columns(tr, sections),
        empty_note=tr("xlsx.empty.visits"),
        freeze_columns=2,
        progress=lambda rows: step("visits", rows / total),
        **shared,
    )
    finish("visits")

    step("save")
    book.save(target)
    finish("save")


def matrix_link(title: str, position: int | None) -> str | None:
    if position is None:
        return None
    from openpyxl.utils import get_column_letter

    from scoring.report.matrix import FIRST_ITEM_COLUMN

    return f"{quoted(title)}!{get_column_letter(FIRST_ITEM_COLUMN + position)}1"


def comment_links(title: str, gaps: pd.DataFrame, comments: pd.DataFrame) -> list[str | None]:
    """Per gap row, the first row of its item's comments (the sheet's header is row 1)."""
    first: dict[tuple[str, str], int] = {}
    for row, key in enumerate(zip(comments["standard_id"], comments["item_id"], strict=True)):
        first.setdefault(key, row + 2)
    return [
        f"{quoted(title)}!A{first[key]}" if key in first else None
        for key in zip(gaps["standard_id"], gaps["item_id"], strict=True)
    ]


def quoted(title: str) -> str:
    """A sheet name as a reference needs it."""
    return "'" + title.replace("'", "''") + "'"


def gap_columns(tr: Callable[..., str]) -> list[Column]:
    return [
        Column("item", tr("col.question"), "wrap", width=50),
        Column("section", tr("col.section")),
        Column("standard", tr("col.standard")),
        Column("fail_rate", tr("dash.fail_rate"), "rate"),
        Column("ci_low", tr("xlsx.ci_low"), "rate"),
        Column("ci_high", tr("xlsx.ci_high"), "rate"),
        Column("applicable", tr("dash.applicable"), "int"),
        Column("failed", tr("xlsx.failed"), "int"),
        Column("stores", tr("dash.stores_affected"), "int"),
        Column("recurring_stores", tr("dash.stores_recurring"), "int"),
        Column("previous_fail_rate", tr("xlsx.previous_rate"), "rate"),
        Column("change", tr("dash.change"), "points"),
        Column("comments", tr("xlsx.comments"), "int"),
    ]


def recurring_columns(tr: Callable[..., str]) -> list[Column]:
    return [
        Column("region", tr("col.region")),
        Column("store_id", tr("xlsx.store_id")),
        Column("store", tr("col.store")),
        Column("item", tr("col.question"), "wrap", width=40),
        Column("standard", tr("col.standard")),
        Column("failures", tr("xlsx.failures_in_window"), "int"),
        Column("window", tr("xlsx.window"), "int"),
        Column("last_failed_at", tr("dash.last_failed"), "date"),
        Column("unlikely_chance", tr("dash.unlikely"), "yesno"),
        Column("p_value", tr("xlsx.p_value"), "p"),
        Column("action", tr("dash.open_action")),
        Column("owner", tr("xlsx.owner")),
        Column("due_date", tr("xlsx.due"), "date"),
        Column("chance", tr("dash.how_unusual"), "wrap", width=60),
    ]


def coaching_columns(tr: Callable[..., str], staff_header: str) -> list[Column]:
    return [
        Column("region", tr("col.region")),
        Column("store_id", tr("xlsx.store_id")),
        Column("store", tr("col.store")),
        Column("staff", staff_header),
        Column("item", tr("col.question"), "wrap", width=40),
        Column("standard", tr("col.standard")),
        Column("failed", tr("xlsx.failed"), "int"),
        Column("applicable", tr("dash.applicable"), "int"),
        Column("fail_rate", tr("dash.fail_rate"), "rate"),
    ]


def comment_columns(tr: Callable[..., str]) -> list[Column]:
    return [
        Column("item", tr("col.question"), "wrap", width=40),
        Column("section", tr("col.section")),
        Column("visited_at", tr("col.date"), "date"),
        Column("region", tr("col.region")),
        Column("store", tr("col.store")),
        Column("comment", tr("xlsx.comment"), "wrap", width=70),
    ]


def visit_columns(tr: Callable[..., str], sections: list[tuple[str, str, str]]) -> list[Column]:
    return [
        Column("visited_at", tr("xlsx.visited_at"), "datetime"),
        Column("visit_id", tr("xlsx.visit_id"), width=38),
        Column("region", tr("col.region")),
        Column("store_id", tr("xlsx.store_id")),
        Column("store", tr("col.store")),
        Column("channel", tr("col.channel")),
        Column("standard", tr("col.standard")),
        Column("score", tr("col.score"), "score"),
        Column("band", tr("dash.band")),
        Column("critical_failed", tr("dash.critical"), "yesno"),
        *(Column(f"section_{n}", title, "score") for n, (_, _, title) in enumerate(sections)),
    ]
