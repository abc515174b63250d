"""Text that a spreadsheet would run as a formula is written as text."""

import io

import pandas as pd

from scoring.safe_cells import safe_csv, safe_text


def test_formula_starts_get_an_apostrophe_and_other_text_stays() -> None:
    for text in ('=HYPERLINK("http://x")', "+49 30 1234", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert safe_text(text) == "'" + text
    for value in ("Berlin Mitte", "", "a=b", 12.5, -3, None):
        assert safe_text(value) == value


def test_csv_keeps_numbers_and_makes_names_safe() -> None:
    frame = pd.DataFrame({"name": ["=cmd|' /C calc'!A0", "Ost"], "change": [-1.5, 2.0]})
    text = safe_csv(frame).decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text))
    assert back["name"].tolist() == ["'=cmd|' /C calc'!A0", "Ost"]
    assert back["change"].tolist() == [-1.5, 2.0]  # a negative number is not text


def test_german_csv_uses_semicolons_and_decimal_commas() -> None:
    frame = pd.DataFrame({"Filiale": ["@Mitte", "Süd"], "Mittel": [71.5, 80.0]})
    text = safe_csv(frame, sep=";", decimal=",").decode("utf-8-sig")
    assert text.splitlines() == ["Filiale;Mittel", "'@Mitte;71,5", "Süd;80,0"]
