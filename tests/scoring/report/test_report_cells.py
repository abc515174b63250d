"""No text in the report can run as a formula: read from the sheets' XML itself, as a
spreadsheet program would see it."""

import dataclasses
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from scoring.report import write_report
from scoring.report.cells import clean_text
from scoring.safe_cells import FORMULA_STARTS
from standards import load_standard_text
from tests.scoring.report.sample import STANDARD, sample

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RISKY = {
    "=": '=HYPERLINK("http://evil.example","Klick")',
    "+": "+49 Staub\rüberall",
    "-": "-kein Gruß",
    "@": "@Leitung: niemand da",
    "\t": "\tBon fehlte",
    "\r": "\r=1+1",
}


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    """The sample with formula-like text everywhere a user's words reach the file: store
    and staff names, comments, section and item titles of the standard."""
    standard = load_standard_text(
        STANDARD.replace("title: {de: Kasse, en: Checkout}", "title: '=Kasse'").replace(
            "text: {de: Sauber?, en: Clean?}", "text: '@Sauber?'"
        ),
        "shop.yaml",
    )
    data = sample(staff_display="named", min_group=1)
    comments = data.comments.copy()
    comments["comment"] = [RISKY["-"], RISKY["@"], RISKY["\t"], RISKY["\r"]]
    stores = data.stores.copy()
    stores.loc[1, "name"] = RISKY["+"]
    data = dataclasses.replace(data, standards={"shop": standard}, comments=comments, stores=stores)
    target = tmp_path_factory.mktemp("xml") / "report.xlsx"
    write_report(data, "de", target)
    return target


def _quote_styles(archive: zipfile.ZipFile) -> set[str]:
    styles = ElementTree.fromstring(archive.read("xl/styles.xml"))  # noqa: S314 -- our own file
    formats = styles.find(f"{MAIN}cellXfs")
    return {str(n) for n, xf in enumerate(formats) if xf.get("quotePrefix") in ("1", "true")}


def _cells(archive: zipfile.ZipFile):
    for name in archive.namelist():
        if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name):
            sheet = ElementTree.fromstring(archive.read(name))  # noqa: S314 -- our own file
            for cell in sheet.iter(f"{MAIN}c"):
                yield name, cell


def _text(cell) -> str | None:
    node = cell.find(f"{MAIN}is/{MAIN}t")
    return None if node is None else node.text


def test_no_cell_holds_a_formula(workbook: Path) -> None:
    with zipfile.ZipFile(workbook) as archive:
        formulas = [
            (name, cell.get("r"))
            for name, cell in _cells(archive)
            if cell.find(f"{MAIN}f") is not None
        ]
    assert formulas == []


def test_formula_like_text_is_quoted_text_with_its_characters_unchanged(workbook: Path) -> None:
    with zipfile.ZipFile(workbook) as archive:
        quoted = _quote_styles(archive)
        found: dict[str, int] = {}
        for name, cell in _cells(archive):
            text = _text(cell)
            if text and text.startswith(FORMULA_STARTS):
                assert cell.get("t") == "inlineStr", (name, cell.get("r"), text)
                assert cell.get("s") in quoted, (name, cell.get("r"), text)
                found[text] = found.get(text, 0) + 1
    # Every kind of start reached the file, each as it was written (a CR kept as a CR).
    for risky in RISKY.values():
        assert found.get(risky), f"{risky!r} missing from the sheets"
    assert found.get("=Kasse") and found.get("@Sauber?")  # section and item titles too


def test_ordinary_text_is_not_marked(workbook: Path) -> None:
    with zipfile.ZipFile(workbook) as archive:
        quoted = _quote_styles(archive)
        plain = [cell for _, cell in _cells(archive) if _text(cell) == "München Ost"]
    assert plain and all(cell.get("s") not in quoted for cell in plain)


def test_text_loses_only_what_xml_cannot_hold() -> None:
    assert clean_text("Kiel Holstenstraße") == "Kiel Holstenstraße"
    assert clean_text("Bon\x00 fehlte\x0b") == "Bon fehlte"
    assert clean_text("Staub\ufffe \ud800überall\uffff") == "Staub überall"
    assert len(clean_text("x" * 40_000)) == 32_767


def test_characters_xml_cannot_hold_are_dropped_not_fatal(tmp_path: Path) -> None:
    data = sample()
    comments = data.comments.copy()
    comments.loc[0, "comment"] = "Kasse\x02 leer\x1f"
    write_report(dataclasses.replace(data, comments=comments), "de", tmp_path / "r.xlsx")
    with zipfile.ZipFile(tmp_path / "r.xlsx") as archive:
        texts = {_text(cell) for _, cell in _cells(archive)}
    assert "Kasse leer" in texts
