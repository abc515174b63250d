"""Reading CSV and XLSX files into numbered rows."""

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from audits.importers.reader import Sheet, check_columns, read_sheet
from audits.importers.result import Problems


def _read(path: Path) -> tuple[Sheet, list[str]]:
    problems = Problems()
    sheet = read_sheet(path, problems)
    return sheet, [line.replace(f"{path.parent}/", "") for line in problems.lines]


def test_comma_csv_rows_are_numbered_like_the_sheet(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text('Id , Name\n1,"multi\nline"\n\n2,B\n', encoding="utf-8")
    sheet, problems = _read(path)
    assert problems == []
    assert sheet.columns == ("id", "name")
    assert [(row.number, row.get("id"), row.get("name")) for row in sheet.rows] == [
        (2, "1", "multi\nline"),
        (4, "2", "B"),
    ]


def test_semicolon_csv_with_bom_as_german_excel_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes("\ufeffstore_id;name\r\nS1;Köln, Hohe Straße\r\n".encode())
    sheet, problems = _read(path)
    assert problems == []
    assert sheet.columns == ("store_id", "name")
    assert sheet.rows[0].cells == {"store_id": "S1", "name": "Köln, Hohe Straße"}


def test_a_windows_1252_file_is_read_too(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes("name;city\nMüller;Köln\n".encode("cp1252"))
    sheet, _ = _read(path)
    assert sheet.rows[0].cells == {"name": "Müller", "city": "Köln"}


def test_xlsx_cells_become_text(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["id", "when", "count", "ratio", "flag", "empty"])
    sheet.append([])
    sheet.append(["V1", dt.datetime(2025, 11, 3, 14, 5), 3.0, 2.5, True, None])
    workbook.create_sheet("ignored").append(["other"])
    workbook.save(path)
    read, problems = _read(path)
    assert problems == []
    assert read.rows[0].number == 3
    assert read.rows[0].cells == {
        "id": "V1",
        "when": "2025-11-03T14:05:00",
        "count": "3",
        "ratio": "2.5",
        "flag": "true",
        "empty": "",
    }


def test_xlsx_durations_keep_their_seconds(tmp_path: Path) -> None:
    """A cell in a duration format reads as seconds (openpyxl hands it over as a span), and a
    time cell keeps all its parts: 00:02:00 is two minutes for a duration, and a time item
    drops the seconds of 14:05:00 itself."""
    path = tmp_path / "a.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["wait", "long", "at", "stopwatch", "minutes"])
    sheet.append(
        [dt.time(0, 1, 30), dt.timedelta(hours=26), dt.time(14, 5), dt.time(0, 2, 5), dt.time(0, 2)]
    )
    sheet["A2"].number_format = "[m]:ss"
    sheet["B2"].number_format = "[h]:mm:ss"
    workbook.save(path)
    read, problems = _read(path)
    assert problems == []
    assert read.rows[0].cells == {
        "wait": "90",
        "long": "93600",
        "at": "14:05:00",
        "stopwatch": "00:02:05",
        "minutes": "00:02:00",
    }


def test_a_row_longer_than_the_header_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("a,b\n1,2\n1,2,3\n1\n", encoding="utf-8")
    sheet, problems = _read(path)
    assert problems == ["a.csv:3: 3 cells, but the header names 2"]
    assert [row.cells for row in sheet.rows] == [{"a": "1", "b": "2"}, {"a": "1", "b": ""}]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "the first row must hold the column names"),
        ("blank_first.csv", b"\na,b\n", "the first row must hold the column names"),
        ("old.xls", b"whatever", "old .xls files cannot be read"),
        ("broken.xlsx", b"not a zip", "cannot read the file"),
    ],
)
def test_unreadable_files_are_reported_on_row_1(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    _, problems = _read(path)
    assert len(problems) == 1
    assert problems[0].startswith(f"{name}:1: {message}")


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    _, problems = _read(tmp_path / "gone.csv")
    assert problems[0].startswith("gone.csv:1: cannot read the file")


def test_columns_are_checked_by_name_in_any_order(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("city,store_id,city,colour\n", encoding="utf-8")
    sheet, _ = _read(path)
    problems = Problems()
    assert not check_columns(sheet, ("store_id", "name", "city"), ("active",), problems)
    allowed = "the columns are store_id, name, city, and optionally active"
    assert [line.replace(f"{tmp_path}/", "") for line in problems.lines] == [
        "a.csv:1: column 'city' appears twice",
        f"a.csv:1: unknown column 'colour'; {allowed}",
        f"a.csv:1: missing column 'name'; {allowed}",
    ]
