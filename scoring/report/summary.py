"""The summary sheet: what the report covers, the key figures against the previous period,
the top gaps with a bar chart, and a guide to the other sheets."""

from collections.abc import Callable
from functools import partial

import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.pagebreak import Break

from locales import translate
from scoring.report.cells import safe_value
from scoring.report.data import ReportData
from scoring.report.names import period_text, quoted
from scoring.report.sheet import LINE_HEIGHT, add_table, lines_needed, setup_page
from scoring.report.tables import summary_figures
from standards import text_in

TOP_GAPS = 10
WIDTHS = (52, 16, 16, 16, 34)
"""Columns A..E; long texts span B..E (or A..E) as merged, wrapped cells."""
SPAN = sum(WIDTHS[1:])


class Rows:
    """Rows collected for a write-only sheet, with merges and heights set before writing."""

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        self.sheet = sheet
        self.rows: list[list[object]] = []

    def add(self, *values: object, styles: tuple[str | None, ...] = ()) -> int:
        self.rows.append(
            [
                safe_value(self.sheet, value, styles[n] if n < len(styles) else None)
                for n, value in enumerate(values)
            ]
        )
        return len(self.rows)

    def add_cells(self, *cells: object) -> int:
        self.rows.append(list(cells))
        return len(self.rows)

    def long_text(self, label: object, text: str, label_style: str | None = "ma_label") -> int:
        """A label in A and a text wrapped across B..E (across A..E without a label)."""
        if label is None:
            row = self.add(text, styles=("ma_wrap",))
            self.sheet.merged_cells.add(f"A{row}:E{row}")
            width = SPAN + WIDTHS[0]
        else:
            first = label if isinstance(label, Cell) else safe_value(self.sheet, label, label_style)
            row = self.add_cells(first, safe_value(self.sheet, text, "ma_wrap"))
            self.sheet.merged_cells.add(f"B{row}:E{row}")
            width = SPAN
        lines = lines_needed(text, width)
        if lines > 1:
            self.sheet.row_dimensions[row].height = LINE_HEIGHT * lines
        return row

    def write(self) -> None:
        for row in self.rows:
            self.sheet.append(row)


def summary_sheet(
    sheet: WriteOnlyWorksheet,
    data: ReportData,
    gaps: pd.DataFrame,
    titles: dict[str, str],
    lang: str,
    page_header: str,
    left_out: list[str],
) -> None:
    tr = partial(translate, lang)
    for letter, width in zip("ABCDE", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    setup_page(sheet, page_header, title_rows=None)
    rows = Rows(sheet)

    rows.add(tr("xlsx.title"), styles=("ma_title",))
    sheet.row_dimensions[1].height = 24
    period = data.period
    rows.long_text(
        tr("dash.period"),
        tr(
            "xlsx.period_text",
            period=period_text(period, lang),
            before=period_text(period.previous(), lang),
        ),
    )
    rows.add(tr("xlsx.made_at"), data.made_at, styles=("ma_label", "ma_datetime_left"))
    for key in ("regions", "stores", "standards"):
        chosen = data.chosen.get(key) or []
        words = ", ".join(text_in(word, lang) for word in chosen)
        rows.long_text(tr(f"xlsx.chosen.{key}"), words or tr(f"xlsx.all.{key}"))
    rows.long_text(tr("xlsx.scope"), tr("xlsx.scope_text", stores=len(data.stores)))
    rows.long_text(tr("col.staff"), staff_note(data, tr, len(left_out)))
    rows.add()

    rows.add(tr("xlsx.key_figures"), styles=("ma_heading",))
    key_headers = [
        tr("xlsx.figure"),
        tr("xlsx.this_period"),
        tr("xlsx.previous_period"),
        tr("dash.change"),
    ]
    key_head = rows.add(*key_headers, styles=("ma_header",) * 4)
    _key_figures(rows, data, tr)
    key_last = len(rows.rows)
    rows.add()

    rows.add(tr("xlsx.top_gaps", count=TOP_GAPS), styles=("ma_heading",))
    top = gaps.head(TOP_GAPS)
    top_headers = [
        tr("col.question"),
        tr("dash.fail_rate"),
        tr("dash.applicable"),
        tr("dash.stores_affected"),
        tr("col.standard"),
    ]
    top_head = rows.add(*top_headers, styles=("ma_header",) * 5)
    sheet.row_dimensions[top_head].height = LINE_HEIGHT * 2
    for row in top.itertuples():
        at = rows.add(
            row.item,
            float(row.fail_rate),
            int(row.applicable),
            int(row.stores),
            row.standard,
            styles=("ma_wrap", "ma_rate", "ma_int", "ma_int", "ma_wrap"),
        )
        lines = max(lines_needed(row.item, WIDTHS[0]), lines_needed(row.standard, WIDTHS[4]))
        if lines > 1:
            sheet.row_dimensions[at].height = LINE_HEIGHT * lines
    top_last = len(rows.rows)
    if top.empty:
        rows.add(tr("xlsx.empty.gaps"))
    rows.add()
    chart_row = len(rows.rows) + 1
    chart_rows = 22 if not top.empty else 0
    if chart_rows:
        # The chart starts a printed page rather than being cut in two.
        sheet.row_breaks.append(Break(id=chart_row - 1))
    for _ in range(chart_rows):
        rows.add()

    rows.add(tr("xlsx.sheets"), styles=("ma_heading",))
    for key, title in titles.items():
        if key == "summary" or (key == "coaching" and data.staff_display == "hidden"):
            continue
        link = WriteOnlyCell(sheet, title)
        link.style = "ma_link"
        link.hyperlink = Hyperlink(ref="", location=f"{quoted(title)}!A1")
        rows.long_text(link, tr(f"xlsx.about.{key}"))
    rows.add()
    rows.long_text(None, tr("xlsx.reading_help"))
    rows.write()

    add_table(sheet, "KeyFigures", key_head, key_last, key_headers)
    if not top.empty:
        add_table(sheet, "TopGaps", top_head, top_last, top_headers)
        sheet.add_chart(_chart(sheet, tr, top_head, top_last), f"A{chart_row}")


def _key_figures(rows: Rows, data: ReportData, tr: Callable[..., str]) -> None:
    figures = summary_figures(data)
    formats = {
        "visits": ("ma_int", "ma_signed_int", 1.0),
        "mean_score": ("ma_score", "ma_signed", 1.0),
        "critical_share": ("ma_rate", "ma_points", 100.0),
    }
    labels = {
        "visits": tr("col.visits"),
        "mean_score": tr("dash.mean_score"),
        "critical_share": tr("dash.critical_share"),
    }
    for key, (style, change_style, scale) in formats.items():
        now, before, change = (figures.loc[key, c] for c in ("now", "before", "change"))
        rows.add(
            labels[key],
            _number(now),
            _number(before),
            _number(change * scale),
            styles=(None, style, style, change_style),
        )


def _chart(sheet: WriteOnlyWorksheet, tr: Callable[..., str], head: int, last: int) -> BarChart:
    """Horizontal bars of the top gaps' fail rates, the highest on top as in the table."""
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = tr("xlsx.top_gaps", count=last - head)
    chart.legend = None
    chart.add_data(Reference(sheet, min_col=2, min_row=head, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=head + 1, max_row=last))
    chart.x_axis.scaling.orientation = "maxMin"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.numFmt = "0%"
    chart.y_axis.scaling.min = 0
    chart.dataLabels = DataLabelList(
        showVal=True,
        showCatName=False,
        showSerName=False,
        showLegendKey=False,
        showPercent=False,
    )
    chart.dataLabels.numFmt = "0.0%"
    chart.width = 30
    chart.height = 11
    return chart


def _number(value: float) -> float | None:
    return None if value != value else float(value)


def staff_note(data: ReportData, tr: Callable[..., str], left_out: int) -> str:
    note = tr(f"xlsx.staff.{data.staff_display}")
    if data.staff_display != "hidden" and left_out:
        note += " " + tr("xlsx.staff.left_out", count=left_out, size=data.min_group)
    return note
