"""The store x item sheet: fail rates with a colour scale, a row per region above its
stores (grouped, so a region folds away), frozen headers and filters."""

import math
from collections.abc import Callable

import pandas as pd
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import Outline

from scoring.report.cells import safe_value
from scoring.report.data import ReportData
from scoring.report.fast_rows import append_fast
from scoring.report.sheet import Column, cell_style, fast_values, fitted_width, setup_page
from scoring.report.tables import store_item_matrix

FIRST_ITEM_COLUMN = 5
"""Region, store id, store and visits come first."""
ITEM_WIDTH = 6.5
ITEMS_PER_PAGE = 24
HEADER_HEIGHT = 210.0


def matrix_sheet(
    sheet: WriteOnlyWorksheet,
    data: ReportData,
    items: pd.DataFrame,
    tr: Callable[..., str],
    page_header: str,
) -> None:
    table, keys = store_item_matrix(data, items, tr("xlsx.region_row"))
    columns = [
        Column("region", tr("col.region")),
        Column("store_id", tr("xlsx.store_id")),
        Column("store", tr("col.store")),
        Column("visits", tr("col.visits"), "int"),
        *(Column(n, text, "rate0", width=ITEM_WIDTH) for n, text in enumerate(items["item"])),
    ]
    for position, column in enumerate(columns, start=1):
        width = fitted_width(column, table[column.key]) if position < FIRST_ITEM_COLUMN else None
        sheet.column_dimensions[get_column_letter(position)].width = width or ITEM_WIDTH
    # Region rows sit above their stores, so a folded region still shows its figures.
    sheet.sheet_properties.outlinePr = Outline(summaryBelow=False, summaryRight=True)
    sheet.freeze_panes = f"{get_column_letter(FIRST_ITEM_COLUMN)}2"
    sheet.row_dimensions[1].height = HEADER_HEIGHT
    setup_page(sheet, page_header)
    # One page wide would shrink sixty items to dots: about two dozen per page instead,
    # with the store columns repeated on each.
    sheet.page_setup.fitToWidth = max(1, math.ceil(len(items) / ITEMS_PER_PAGE))
    sheet.print_title_cols = "A:D"
    sheet.append(
        [
            safe_value(sheet, column.header, "ma_header" if n < 4 else "ma_rotated")
            for n, column in enumerate(columns)
        ]
    )
    last_column = get_column_letter(len(columns))
    if table.empty:
        sheet.append([safe_value(sheet, tr("xlsx.empty.matrix"))])
        return
    regions = (table["kind"] == "region").tolist()
    # Stores fold under their region's row; stores of a region only partly here have none.
    summed = set(table.loc[table["kind"] == "region", "region"])
    written = append_fast(
        sheet,
        [fast_values(c, table[c.key], ("", "")) for c in columns],
        [c.kind != "text" for c in columns],
        [cell_style(c, top=False) for c in columns],
        special=regions,
        special_styles=["ma_region_rate" if c.kind == "rate0" else "ma_region" for c in columns],
        outline=[
            int(not region and name in summed)
            for region, name in zip(regions, table["region"], strict=True)
        ],
    )
    last_row = written + 1
    sheet.auto_filter.ref = f"A1:{last_column}{last_row}"
    if len(keys):
        first = get_column_letter(FIRST_ITEM_COLUMN)
        sheet.conditional_formatting.add(
            f"{first}2:{last_column}{last_row}",
            ColorScaleRule(
                start_type="num",
                start_value=0,
                start_color="63BE7B",
                mid_type="percentile",
                mid_value=50,
                mid_color="FFEB84",
                end_type="max",
                end_color="F8696B",
            ),
        )
