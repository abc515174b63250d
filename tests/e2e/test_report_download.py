"""A regional manager creates the Excel gap report in the browser, sees the progress and
downloads a workbook that holds only the stores of their region."""

import pytest
from openpyxl import load_workbook

from tests.browser import OUTPUT, log_in, settle
from tests.e2e.test_dashboards import OST

pytestmark = pytest.mark.e2e


def test_a_regional_manager_downloads_the_gap_report_of_their_region(app_server, browser, tmp_path):
    base, _db_url = app_server
    OUTPUT.mkdir(parents=True, exist_ok=True)
    context, page = log_in(browser, base, "regional", locale="de-DE")
    page.get_by_role("heading", name="Überblick").wait_for()
    page.get_by_role("link", name="Excel-Bericht").click()
    page.get_by_role("heading", name="Excel-Schwachstellenbericht").wait_for()
    settle(page)
    page.get_by_role("button", name="Bericht erstellen").click()
    download_link = page.get_by_role("link", name="herunterladen")
    download_link.wait_for(timeout=60_000)
    page.screenshot(path=str(OUTPUT / "report-1-ready.png"), full_page=True)
    # The link opens the file in a new tab, which the browser turns into a download.
    downloads = []
    context.on("page", lambda tab: tab.on("download", lambda d: downloads.append(d)))
    page.on("download", lambda d: downloads.append(d))
    download_link.click()
    for _ in range(100):
        if downloads:
            break
        page.wait_for_timeout(100)
    [download] = downloads
    assert download.suggested_filename.startswith("Lueckenbericht_")
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    context.close()

    book = load_workbook(saved, read_only=True)
    assert book.sheetnames[0] == "Übersicht"
    visits = book["Besuche"]
    header = [cell.value for cell in next(visits.iter_rows(max_row=1))]
    store_column = header.index("Filiale")
    stores = {row[store_column] for row in visits.iter_rows(min_row=2, values_only=True)}
    assert stores and stores <= OST
