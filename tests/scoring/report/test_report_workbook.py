"""The gap report read back with openpyxl: every sheet's figures against the hand-made
programme of sample.py, the formats, frozen panes, filters, print setup and staff settings."""

import dataclasses
import math
import tempfile
from concurrent.futures import Future
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from scoring.report import report_file_name, write_report
from scoring.report.data import Later
from scoring.report.sheet import Column, unique_headers
from scoring.report.tables import recurring_rows
from tests.scoring.report.sample import EVIL_STORE, PERIOD, sample, written

Z90 = 1.6448536269514722


def wilson(failed: int, total: int) -> tuple[float, float]:
    """The Wilson interval written out, to check the sheet against."""
    p = failed / total
    centre = p + Z90**2 / (2 * total)
    spread = Z90 * math.sqrt(p * (1 - p) / total + Z90**2 / (4 * total**2))
    scale = 1 + Z90**2 / total
    return (centre - spread) / scale, (centre + spread) / scale


def rows(sheet, first: int = 1, last: int | None = None) -> list[tuple]:
    return [tuple(row) for row in sheet.iter_rows(min_row=first, max_row=last, values_only=True)]


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    return load_workbook(written(tmp_path_factory.mktemp("de")))


def test_sheets_come_in_reading_order_in_the_readers_language(tmp_path: Path) -> None:
    german = load_workbook(written(tmp_path, "de"))
    english = load_workbook(written(tmp_path, "en"))
    assert german.sheetnames == [
        "Übersicht",
        "Schwachstellen nach Frage",
        "Filiale x Frage",
        "Wiederkehrende Schwachstellen",
        "Coaching nach Mitarbeitenden",
        "Kommentare",
        "Besuche",
    ]
    assert english.sheetnames == [
        "Summary",
        "Gaps by item",
        "Store x item",
        "Recurring gaps",
        "Coaching by staff",
        "Comments",
        "Visits",
    ]
    assert rows(english["Gaps by item"], 1, 1)[0][:4] == (
        "Question",
        "Section",
        "Standard",
        "Fail rate",
    )


def test_the_file_name_carries_the_period() -> None:
    assert report_file_name(PERIOD, "de") == "Lueckenbericht_2026-03_2026-05.xlsx"
    assert report_file_name(PERIOD, "en") == "gap-report_2026-03_2026-05.xlsx"


def test_summary_key_figures_against_the_previous_period(book) -> None:
    sheet = book["Übersicht"]
    table = sheet.tables["KeyFigures"]
    first, last = (int(part[1:]) for part in table.ref.split(":"))
    figures = {row[0]: row[1:4] for row in rows(sheet, first + 1, last)}
    # Now 80, 100, 50, 95 with one critical failure; before 70, 90 with one.
    assert figures["Besuche"] == (4, 2, 2)
    assert figures["Mittlere Punktzahl"] == (81.25, 80, 1.25)
    assert figures["Kritische Verstöße"] == (0.25, 0.5, -25)
    assert sheet.cell(first + 3, 4).number_format == '+0.0" Pp.";-0.0" Pp.";0.0" Pp."'
    assert sheet.cell(first + 2, 2).number_format == "0.0"


def test_summary_lists_the_top_gaps_with_a_native_bar_chart(book, tmp_path: Path) -> None:
    sheet = book["Übersicht"]
    first = int(sheet.tables["TopGaps"].ref.split(":")[0][1:])
    assert rows(sheet, first + 1, first + 3) == [
        ("Begrüßt?", 0.5, 4, 2, "Filialbesuch"),
        ("Bon angeboten?", 1 / 3, 3, 1, "Filialbesuch"),
        ("Sauber?", 0.25, 4, 1, "Filialbesuch"),
    ]
    (chart,) = sheet._charts
    assert chart.tagname == "barChart" and chart.type == "bar"
    assert len(chart.series) == 1
    assert chart.series[0].val.numRef.f == f"'Übersicht'!$B${first + 1}:$B${first + 3}"
    assert chart.series[0].cat.numRef.f == f"'Übersicht'!$A${first + 1}:$A${first + 3}"


def test_gaps_by_item_with_intervals_change_and_links(book) -> None:
    sheet = book["Schwachstellen nach Frage"]
    header, *body = rows(sheet)
    assert header[:6] == (
        "Frage",
        "Abschnitt",
        "Standard",
        "Fehlerquote",
        "Intervall von",
        "Intervall bis",
    )
    greeted, receipt, clean = body
    assert greeted[:4] == ("Begrüßt?", "Empfang", "Filialbesuch", 0.5)
    assert greeted[4:6] == pytest.approx(wilson(2, 4))
    # applicable, failed, stores affected, stores with a recurring gap, before, change, comments
    assert greeted[6:13] == (4, 2, 2, 1, 0.5, 0, 2)
    assert receipt[6:13] == pytest.approx((3, 1, 1, 0, 1.0, -200 / 3, 1))
    assert clean[6:13] == (4, 1, 1, 0, 0, 25, 1)
    # the standard's recommended action, where the item has one
    assert header[13] == "Empfohlene Maßnahme"
    assert (greeted[13], receipt[13], clean[13]) == ("Begrüßung üben", None, None)
    assert sheet["D2"].number_format == "0.0%"
    assert sheet["L2"].number_format == '+0.0" Pp.";-0.0" Pp.";0.0" Pp."'
    assert sheet["G2"].number_format == "#,##0"
    # The item opens its column of the store sheet; the comment count its comments.
    assert sheet["A2"].hyperlink.location == "'Filiale x Frage'!E1"
    assert sheet["A3"].hyperlink.location == "'Filiale x Frage'!G1"
    assert sheet["M2"].hyperlink.location == "'Kommentare'!A2"
    assert sheet["M3"].hyperlink.location == "'Kommentare'!A4"


def test_store_by_item_is_grouped_by_region_with_a_colour_scale(book) -> None:
    sheet = book["Filiale x Frage"]
    assert rows(sheet) == [
        ("Region", "Filial-Nr.", "Filiale", "Besuche", "Begrüßt?", "Sauber?", "Bon angeboten?"),
        ("Nord", None, "Region Nord", 3, 2 / 3, 1 / 3, 1 / 3),
        ("Nord", "S1", EVIL_STORE, 2, 0.5, 0, 0),
        ("Nord", "S2", "Kiel Holstenstraße", 1, 1, 1, 1),
        ("Süd", None, "Region Süd", 1, 0, 0, None),
        ("Süd", "S3", "München Ost", 1, 0, 0, None),
    ]
    assert sheet.freeze_panes == "E2"
    assert sheet.auto_filter.ref == "A1:G6"
    # Stores fold under their region, whose row stays above them.
    assert [sheet.row_dimensions[n].outlineLevel for n in range(2, 7)] == [0, 1, 1, 0, 1]
    assert sheet.sheet_properties.outlinePr.summaryBelow is False
    assert sheet["E2"].font.b and sheet["E3"].number_format == "0%"
    (scale,) = [rule for rules in sheet.conditional_formatting for rule in rules.rules]
    assert scale.type == "colorScale"
    assert next(str(r) for r in sheet.conditional_formatting).endswith("E2:G6>")
    assert sheet["E1"].alignment.textRotation == 90


def test_recurring_gaps_of_the_reports_stores_only(book) -> None:
    sheet = book["Wiederkehrende Schwachstellen"]
    header, *body = rows(sheet)
    assert header == (
        "Region",
        "Filial-Nr.",
        "Filiale",
        "Frage",
        "Art",
        "Nicht erfüllt",
        "Zuletzt nicht erfüllt",
        "Kaum Zufall",
        "Zufall (p)",
        "Offene Maßnahme",
        "Wie ungewöhnlich",
        "Empfohlene Maßnahme",
    )
    # S9 is another store of the chain: it counts for the chain's rate, not in this file.
    (gap,) = body
    assert gap[:6] == (
        "Nord",
        "S2",
        "Kiel Holstenstraße",
        "Begrüßt?",
        "Wiederkehrend",
        "2 der letzten 3",
    )
    assert gap[6].date().isoformat() == "2026-05-01"
    assert gap[9] == "offen, Frau Meyer, 15.06.2026"
    # 3 of the last 5 failed at a chain rate of 20 %: P(X >= 3) for Binomial(5, 0.2).
    p_value = sum(math.comb(5, k) * 0.2**k * 0.8 ** (5 - k) for k in (3, 4, 5))
    assert gap[8] == pytest.approx(p_value)
    assert "3 ihrer letzten 5 Besuche" in gap[10] and "58-mal in 1.000" in gap[10]
    assert gap[11] == "Begrüßung üben"
    assert sheet["G2"].number_format == "DD.MM.YYYY"


def test_coaching_uses_pseudonymous_codes_and_leaves_small_stores_out(book) -> None:
    sheet = book["Coaching nach Mitarbeitenden"]
    header, *body = rows(sheet)
    assert header[3] == "Kürzel"
    # S2 has one member of staff with results, fewer than the minimum group of 2.
    assert body == [
        ("Nord", "S1", EVIL_STORE, "MA-1", 1, 2, 0.5, "Begrüßt? (1 von 1)"),
        ("Nord", "S1", EVIL_STORE, "MA-2", 1, 3, 1 / 3, "Bon angeboten? (1 von 2)"),
    ]
    note = rows(book["Übersicht"], 8, 8)[0][1]
    assert "Pseudonym" in note and "1 Filialen mit weniger als 2" in note


def test_coaching_shows_names_only_when_the_organisation_says_so(tmp_path: Path) -> None:
    named = load_workbook(written(tmp_path, "en", staff_display="named", min_group=1))
    header, *body = rows(named["Coaching by staff"])
    assert header[3] == "Staff"
    # By store, then by the name as shown; "=Max" stays text.
    assert [row[3] for row in body] == ["=Max", "Lena Lustig", "Mia"]
    assert named["Coaching by staff"]["D2"].data_type == "s"
    assert named["Coaching by staff"]["D2"].quotePrefix
    hidden = load_workbook(written(tmp_path, "de", staff_display="hidden"))
    assert "Coaching nach Mitarbeitenden" not in hidden.sheetnames
    note = rows(hidden["Übersicht"], 8, 8)[0][1]
    assert "Keine Zahlen zu Mitarbeitenden" in note and "Coaching-Blatt entfällt" in note


def test_comments_are_grouped_by_item_in_gap_order_newest_first(book) -> None:
    sheet = book["Kommentare"]
    body = rows(sheet)[1:]
    assert [(row[0], row[2].date().isoformat(), row[5]) for row in body] == [
        ("Begrüßt?", "2026-05-01", "@Leitung: niemand da"),
        ("Begrüßt?", "2026-03-10", "-kein Gruß"),
        ("Bon angeboten?", "2026-05-01", "\tBon fehlte"),
        ("Sauber?", "2026-05-01", "+49 Staub\rüberall"),
    ]
    assert sheet["F2"].alignment.wrap_text


def test_visits_one_row_each_with_scores_and_sections(book) -> None:
    sheet = book["Besuche"]
    header, *body = rows(sheet)
    assert header == (
        "Besucht",
        "Filial-Nr.",
        "Filiale",
        "Punkte",
        "Stufe",
        "Kritischer Verstoß",
        "Empfang",
        "Kasse",
    )
    assert [row[0].isoformat(timespec="minutes") for row in body] == [
        "2026-03-10T10:00",
        "2026-04-12T15:30",
        "2026-05-01T09:05",
        "2026-05-20T18:45",
    ]
    assert [row[1:] for row in body] == [
        ("S1", EVIL_STORE, 80, "Ausbaufähig", "Nein", 50, 100),
        ("S1", EVIL_STORE, 100, "Sehr gut", "Nein", 100, 100),
        ("S2", "Kiel Holstenstraße", 50, "Ausbaufähig", "Ja", 50, 0),
        ("S3", "München Ost", 95, "Sehr gut", "Nein", 100, None),
    ]
    assert sheet["A2"].is_date and sheet["A2"].number_format == "DD.MM.YYYY HH:MM"
    assert sheet["D2"].number_format == "0.0" and sheet["G2"].number_format == "0.0"
    assert sheet.freeze_panes == "D2"


def test_english_dates_are_iso(tmp_path: Path) -> None:
    sheet = load_workbook(written(tmp_path, "en"))["Visits"]
    assert sheet["A2"].number_format == "YYYY-MM-DD HH:MM"


TABLES = {
    "Schwachstellen nach Frage": ("GapsByItem", "A1:N4"),
    "Wiederkehrende Schwachstellen": ("RecurringGaps", "A1:L2"),
    "Coaching nach Mitarbeitenden": ("Coaching", "A1:H3"),
    "Kommentare": ("Comments", "A1:F5"),
    "Besuche": ("Visits", "A1:H5"),
}


@pytest.mark.parametrize("title", TABLES)
def test_each_list_is_an_excel_table_named_like_its_headers(book, title: str) -> None:
    sheet = book[title]
    name, ref = TABLES[title]
    table = sheet.tables[name]
    assert table.ref == ref and table.autoFilter.ref == ref
    assert [column.name for column in table.tableColumns] == list(rows(sheet, 1, 1)[0])
    assert sheet.freeze_panes.endswith("2")
    assert sheet["A1"].font.b and sheet["A1"].fill.fgColor.rgb.endswith("1F4E78")


@pytest.mark.parametrize("title", [*TABLES, "Filiale x Frage", "Übersicht"])
def test_every_sheet_prints_landscape_one_page_wide(book, title: str) -> None:
    sheet = book[title]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.page_setup.fitToWidth == 1
    if title != "Übersicht":
        assert sheet.print_title_rows == "$1:$1"
    assert sheet.oddFooter.center.text == "&P / &N"


def test_columns_are_as_wide_as_their_contents(book) -> None:
    visits = book["Besuche"]
    widths = {cell.value: visits.column_dimensions[cell.column_letter].width for cell in visits[1]}
    assert widths["Filiale"] >= len(EVIL_STORE)
    assert widths["Filial-Nr."] < 15
    comments = book["Kommentare"]
    assert comments.column_dimensions["F"].width == 70


def test_a_period_without_visits_still_makes_a_readable_report(tmp_path: Path) -> None:
    data = sample()
    empty = {
        name: getattr(data, name).iloc[0:0]
        for name in (
            "visits",
            "before",
            "sections",
            "items_now",
            "items_before",
            "store_items",
            "staff",
            "comments",
        )
    }
    target = tmp_path / "empty.xlsx"
    write_report(dataclasses.replace(data, **empty), "en", target)
    book = load_workbook(target)
    assert rows(book["Visits"]) == [
        ("Visited", "Store ID", "Store", "Score", "Band", "Critical failure"),
        ("No published visits in this period.", None, None, None, None, None),
    ]
    assert rows(book["Gaps by item"], 2, 2)[0][0] == "No item applied in any visit of this period."
    sheet = book["Summary"]
    first, last = (int(part[1:]) for part in sheet.tables["KeyFigures"].ref.split(":"))
    figures = {row[0]: row[1:4] for row in rows(sheet, first + 1, last)}
    assert figures["Visits"] == (0, 0, 0)
    assert figures["Mean score"] == (None, None, None)
    assert "TopGaps" not in sheet.tables and not sheet._charts
    # Recurring gaps are about now: a quiet period still lists them.
    assert [row[1] for row in rows(book["Recurring gaps"])[1:]] == ["S2"]


def test_a_failed_read_stops_the_report_and_leaves_no_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A temporary folder of the test's own: other workers write reports at the same time.
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    broken = Future()
    broken.set_exception(RuntimeError("database went away"))
    waiting = Future()  # a read that never started
    data = dataclasses.replace(sample(), staff=Later(broken), before=Later(waiting))
    with pytest.raises(RuntimeError, match="database went away"):
        write_report(data, "de", tmp_path / "never.xlsx")
    assert not (tmp_path / "never.xlsx").exists()
    assert list(scratch.iterdir()) == []
    assert waiting.cancelled()


def test_table_column_names_are_unique_whatever_the_case() -> None:
    columns = [
        Column("a", "Store"),
        Column("b", "store"),
        Column("c", "Store"),
        Column("d", "Store (2)"),
    ]
    columns.append(Column("e", "Kasse\nund Bon"))
    names = unique_headers(columns)
    assert names == ["Store", "store (2)", "Store (3)", "Store (2) (2)", "Kasse und Bon"]
    assert len({name.casefold() for name in names}) == len(names)


def test_a_recurring_gap_on_an_item_of_an_older_version_names_its_standard() -> None:
    """An item the newest version dropped has no text any more: the row falls back to the
    item's id, and still names its standard (never an empty or NaN cell)."""
    data = sample()
    dropped = data.pairs.iloc[[0]].assign(item_id="old_question")
    data = dataclasses.replace(data, pairs=pd.concat([data.pairs, dropped], ignore_index=True))
    rows = recurring_rows(data, "de").set_index("item_id")
    assert rows.loc["old_question", "item"] == "old_question"
    assert rows.loc["old_question", "standard"] == rows.loc["greeted", "standard"]
