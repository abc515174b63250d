"""The trainers' gap report as an xlsx workbook, written in openpyxl's write-only mode so
memory stays flat however many visits it holds."""

import contextlib
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import BinaryIO, TypedDict

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from locales import translate
from scoring.report import summary, tables
from scoring.report.data import ReportData, ready
from scoring.report.matrix import FIRST_ITEM_COLUMN, matrix_sheet
from scoring.report.names import SHEETS, period_text, quoted, sheet_titles
from scoring.report.sheet import Column, table_sheet
from scoring.report.styles import add_styles

Report = Callable[[float, str], None]
"""Progress: the share done (0..1) and what is being written."""

ORDER = ("visits", "matrix", "recurring", "comments", "gaps", "coaching", "summary")
"""The order they are filled in: visits first, while the slowest reads (comments, staff)
finish in the background; the summary last, as it sums up the others."""
WEIGHTS = {
    "visits": 0.55,
    "matrix": 0.08,
    "recurring": 0.12,
    "comments": 0.04,
    "gaps": 0.03,
    "coaching": 0.06,
    "summary": 0.02,
    "save": 0.10,
}
"""Share of the writing time each part takes on a large chain, for the progress bar."""


class Shared(TypedDict):
    """What every table sheet gets alike."""

    page_header: str
    yes_no: tuple[str, str]


def write_report(
    data: ReportData, lang: str, target: str | Path | BinaryIO, progress: Report | None = None
) -> None:
    """Write the workbook to a path or a binary file object."""
    tr = partial(translate, lang)
    done = 0.0

    def step(part: str, share: float = 0.0) -> None:
        if progress:
            progress(min(done + WEIGHTS[part] * share, 1.0), tr(f"xlsx.progress.{part}"))

    book = Workbook(write_only=True)
    add_styles(book, lang)
    titles = sheet_titles(lang)
    hidden = data.staff_display == "hidden"
    # Write-only sheets are independent streams: created in reading order, filled in ORDER.
    sheets = {
        key: book.create_sheet(titles[key]) for key in SHEETS if not (key == "coaching" and hidden)
    }
    header = f"{tr('xlsx.title')} · {period_text(data.period, lang)}"
    shared = Shared(page_header=header, yes_no=(tr("answer.yes"), tr("answer.no")))
    found: dict[str, pd.DataFrame] = {}
    left_out: list[str] = []

    def fill(part: str) -> None:
        if part == "visits":
            visits, sections = tables.visit_rows(data, lang)
            total = max(len(visits), 1)
            table_sheet(
                sheets["visits"],
                "Visits",
                visits,
                visit_columns(tr, sections, several=visits["standard"].nunique() > 1),
                empty_note=tr("xlsx.empty.visits"),
                freeze_columns=3,
                progress=lambda rows: step("visits", rows / total),
                **shared,
            )
        elif part == "matrix":
            matrix_sheet(sheets["matrix"], data, shown_items(data, lang), tr, header)
        elif part == "recurring":
            recurring = tables.recurring_rows(data, lang)
            table_sheet(
                sheets["recurring"],
                "RecurringGaps",
                recurring,
                recurring_columns(tr, several=recurring["standard_id"].nunique() > 1),
                empty_note=tr("xlsx.empty.recurring"),
                freeze_columns=3,
                **shared,
            )
        elif part == "comments":
            found["gaps"] = gaps = tables.gap_rows(data, lang)
            found["comments"] = comments = tables.comment_rows(data, gaps, lang)
            table_sheet(
                sheets["comments"],
                "Comments",
                comments,
                comment_columns(tr),
                empty_note=tr("xlsx.empty.comments"),
                freeze_columns=1,
                **shared,
            )
        elif part == "gaps":
            gaps, comments = found["gaps"], found["comments"]
            columns = {key: n for n, key in enumerate(item_keys(shown_items(data, lang)))}
            table_sheet(
                sheets["gaps"],
                "GapsByItem",
                gaps,
                gap_columns(tr),
                empty_note=tr("xlsx.empty.gaps"),
                freeze_columns=1,
                links={
                    "item": [
                        matrix_link(titles["matrix"], columns.get(key)) for key in item_keys(gaps)
                    ],
                    "comments": comment_links(titles["comments"], gaps, comments),
                },
                **shared,
            )
        elif part == "coaching":
            coaching, left = tables.coaching_rows(data, lang)
            left_out.extend(left)
            if not hidden:
                named = data.staff_display == "named"
                table_sheet(
                    sheets["coaching"],
                    "Coaching",
                    coaching,
                    coaching_columns(tr, tr("col.staff") if named else tr("xlsx.staff_code")),
                    empty_note=tr("xlsx.empty.coaching"),
                    freeze_columns=4,
                    **shared,
                )
        elif part == "summary":
            summary.summary_sheet(
                sheets["summary"], data, found["gaps"], titles, lang, header, left_out
            )

    try:
        for part in ORDER:
            step(part)
            fill(part)
            done += WEIGHTS[part]
        step("save")
        book.save(target)
    except BaseException:
        # A failed or stopped build (a read error, a rerun of the page) leaves nothing
        # behind: no queued reads, no temporary sheet files with people's names in them.
        data.cancel()
        discard(sheets.values())
        raise
    done += WEIGHTS["save"]
    step("save")


def discard(sheets: Iterable[WriteOnlyWorksheet]) -> None:
    """Close and delete the temporary files of write-only sheets that will not be saved."""
    for sheet in sheets:
        writer = getattr(sheet, "_writer", None)
        if writer is None:
            continue
        # Finishing the stream the normal way leaves no half-open generator behind.
        with contextlib.suppress(Exception):
            sheet.close()
        with contextlib.suppress(OSError, ValueError):
            writer.cleanup()


def shown_items(data: ReportData, lang: str) -> pd.DataFrame:
    """The items with figures in the period, in the standards' order: the matrix columns."""
    items = tables.item_texts(data, lang)
    now = ready(data.items_now)
    figures = now[now["applicable"] > 0]
    return items.merge(figures[["standard_id", "item_id"]], on=["standard_id", "item_id"])


def item_keys(frame: pd.DataFrame) -> list[tuple[str, str]]:
    return list(zip(frame["standard_id"], frame["item_id"], strict=True))


def matrix_link(title: str, position: int | None) -> str | None:
    if position is None:
        return None
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
        Column("recommended", tr("dash.recommended"), "wrap", width=50),
    ]


def recurring_columns(tr: Callable[..., str], several: bool) -> list[Column]:
    return [
        Column("region", tr("col.region")),
        Column("store_id", tr("xlsx.store_id")),
        Column("store", tr("col.store")),
        Column("item", tr("col.question")),
        *([Column("standard", tr("col.standard"))] if several else []),
        Column("kind", tr("dash.kind")),
        Column("failures", tr("dash.failures")),
        Column("last_failed_at", tr("dash.last_failed"), "date"),
        Column("unlikely_chance", tr("dash.unlikely"), "yesno"),
        Column("p_value", tr("xlsx.p_value"), "p"),
        Column("action", tr("dash.open_action")),
        Column("chance", tr("dash.how_unusual"), "wrap", width=60),
        Column("recommended", tr("dash.recommended"), "wrap", width=50),
    ]


def coaching_columns(tr: Callable[..., str], staff_header: str) -> list[Column]:
    return [
        Column("region", tr("col.region")),
        Column("store_id", tr("xlsx.store_id")),
        Column("store", tr("col.store")),
        Column("staff", staff_header),
        Column("failed", tr("xlsx.failed"), "int"),
        Column("applicable", tr("xlsx.staff_answers"), "int"),
        Column("fail_rate", tr("dash.fail_rate"), "rate"),
        Column("items", tr("xlsx.failed_items"), "wrap", width=90),
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


def visit_columns(tr: Callable[..., str], sections: list[str], several: bool) -> list[Column]:
    """Few columns on purpose: this sheet holds every visit of the period, and each cell
    costs time; the region and the store's other figures are on the store sheet."""
    return [
        Column("visited_at", tr("xlsx.visited_at"), "datetime"),
        Column("store_id", tr("xlsx.store_id")),
        Column("store", tr("col.store")),
        *([Column("standard", tr("col.standard"))] if several else []),
        Column("score", tr("col.score"), "score"),
        Column("band", tr("dash.band")),
        Column("critical_failed", tr("dash.critical"), "yesno"),
        *(Column(f"section_{n}", title, "score") for n, title in enumerate(sections)),
    ]
