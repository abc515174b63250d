"""The Excel report page per role: who may open it, which stores they may choose, and the
workbook it builds."""

import io

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import ROOT


def _make(at):
    (button,) = [b for b in at.button if b.label == "Bericht erstellen"]
    button.click().run()
    assert not at.exception, at.exception
    made = at.session_state["report_file"]
    return made, load_workbook(io.BytesIO(made["bytes"]), read_only=True)


def _stores_in_visits(book) -> set[str]:
    rows = book["Besuche"].iter_rows(min_row=2, values_only=True)
    return {row[1] for row in rows}


def test_a_trainer_builds_the_chains_report(login) -> None:
    at = login("trainer", page="pages/report.py")
    assert [title.value for title in at.title] == ["Excel-Schwachstellenbericht"]
    made, book = _make(at)
    assert made["name"].startswith("Lueckenbericht_") and made["name"].endswith(".xlsx")
    assert made["stores"] == 28
    assert book.sheetnames[-1] == "Besuche"
    assert "Der Bericht ist fertig: 458 Besuche in 28 Filialen." in [s.value for s in at.success]


def test_a_store_manager_chooses_among_their_stores_only(login) -> None:
    at = login("store", page="pages/report.py")
    stores = at.multiselect(key="report-stores")
    assert [option.rsplit(" (", 1)[1] for option in stores.options] == ["S07)"]
    made, book = _make(at)
    assert made["stores"] == 1
    assert _stores_in_visits(book) == {"S07"}


def test_a_regional_manager_narrows_to_one_store(login) -> None:
    at = login("regional", page="pages/report.py")
    stores = at.multiselect(key="report-stores")
    assert len(stores.options) == 7  # the stores of region Ost
    chosen = next(option for option in stores.options if "(S22)" in option)
    stores.select(chosen).run()
    _, book = _make(at)
    assert _stores_in_visits(book) == {"S22"}


@pytest.mark.parametrize("username", ["shopper", "reviewer"])
def test_others_find_no_report_page_and_are_refused_on_a_direct_run(login, username) -> None:
    at = login(username)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/report.py")
    direct = AppTest.from_file(str(ROOT / "pages/report.py"), default_timeout=30)
    direct.session_state["person"] = at.session_state["person"]
    direct.run()
    assert [e.value for e in direct.error] == ["Diese Seite ist für Ihre Rolle nicht freigegeben."]
    assert not direct.button
