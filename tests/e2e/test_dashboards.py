"""A regional manager in the browser: change the period and the region, open a store from
the heatmap, open one of its visit reports. Screenshots go to test-output/e2e."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import OUTPUT, log_in, settle

pytestmark = pytest.mark.e2e
OST = {
    "Berlin Rosenthaler Straße",
    "Berlin Schloßstraße",
    "Leipzig Grimmaische Straße",
    "Dresden Prager Straße",
    "Erfurt Anger",
    "Rostock Kröpeliner Straße",
    "Magdeburg Breiter Weg",
}


def test_a_regional_manager_goes_from_the_overview_to_a_visit_report(app_server, browser):
    base, _db_url = app_server
    OUTPUT.mkdir(parents=True, exist_ok=True)
    context, page = log_in(browser, base, "regional", locale="de-DE")
    page.get_by_role("heading", name="Überblick").wait_for()
    settle(page)
    page.locator("[data-testid=stMetric]").first.wait_for()
    page.screenshot(path=str(OUTPUT / "dash-1-overview.png"), full_page=True)

    # One month earlier at the start of the period: the slider's first handle, by keyboard.
    start = re.search(r"from=(\d{4}-\d{2})", page.url).group(1)
    page.get_by_role("slider").first.focus()
    page.keyboard.press("ArrowLeft")
    settle(page)
    expect(page).not_to_have_url(re.compile(f"from={start}"))
    expect(page).to_have_url(re.compile(r"from=\d{4}-\d{2}"))

    # The region: the only one this manager may choose is their own.
    page.locator(".st-key-dash-regions").click()
    options = page.get_by_role("option")
    expect(options).to_have_count(1)
    options.first.click()
    page.keyboard.press("Escape")
    settle(page)
    expect(page).to_have_url(re.compile(r"region=ost"))

    # The heatmap keeps the filters; a click on a cell opens that store.
    page.get_by_role("link", name="Heatmap").click()
    page.get_by_role("heading", name="Heatmap").wait_for()
    settle(page)
    expect(page).to_have_url(re.compile(r"region=ost"))
    page.screenshot(path=str(OUTPUT / "dash-2-heatmap.png"), full_page=True)
    cells = page.locator(".js-plotly-plot .nsewdrag").first
    box = cells.bounding_box()
    rows = 7  # the region's stores
    page.mouse.click(box["x"] + box["width"] * 0.05, box["y"] + box["height"] * 2.5 / rows)
    page.get_by_role("heading", name="Verlauf der Punktzahl").wait_for()
    settle(page)
    title = page.locator("[data-testid=stMain] h1").first.inner_text()
    assert title in OST
    page.screenshot(path=str(OUTPUT / "dash-3-store.png"), full_page=True)

    # One of its visits: the report explains the score.
    page.get_by_role("link", name="Bericht öffnen").click()
    page.get_by_role("heading", name="Wie die Punktzahl entsteht").wait_for()
    settle(page)
    expect(page).to_have_url(re.compile(r"store_results\?visit="))
    chosen = page.locator(".st-key-results-visit")
    shown = (
        chosen.inner_text()
        + " "
        + " ".join(field.input_value() for field in chosen.locator("input").all())
    )
    assert title in shown
    page.screenshot(path=str(OUTPUT / "dash-4-report.png"), full_page=True)
    context.close()
