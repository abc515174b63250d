"""Issue 18 in a real browser, as a shopper, a store manager and a reviewer would meet it.

- Starting a visit from /?lang=en opens the visit page in English.
- Switching the language mid-form renames the section picker's chosen section too.
- A number item refuses -5 with a German message and shows a German decimal.
- A visit report says a bonus lifted a section over its possible points.
- The calibration page names the shoppers the review queue marks lenient or strict.

The test has a server and demo database of its own: it starts a visit, which would change
what the shopper's journey test (on the shared server) expects to find.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from audits.accounts.people import get_person
from audits.records.db import make_engine
from audits.visits.queue import review_queue
from standards import load_standard
from tests.browser import OUTPUT, ROOT, log_in, serve, settle

pytestmark = pytest.mark.e2e

STANDARD = load_standard(ROOT / "standards" / "library" / "retail-store-visit.yaml")
SECTIONS = list(STANDARD.sections)
RETURNS = next(n for n, s in enumerate(SECTIONS) if s.id == "returns")
# Demo store S07 (the store manager's): its section "content" earned 7 of 6 possible points.
BONUS_VISIT = "6eb97945-9983-5b3e-ab71-ce934046beeb"


@pytest.fixture(scope="module")
def own_server(tmp_path_factory, demo_sqlite) -> Iterator[tuple[str, str]]:
    from tests.conftest import sqlite_copy

    url = sqlite_copy(demo_sqlite, tmp_path_factory.mktemp("form-context"))
    with serve(url, tmp_path_factory.getbasetemp()) as base:
        yield base, url


def shot(page, name: str) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"form-context-{name}.png"), full_page=True)


def picker(page):
    return page.locator("[data-testid=stMain] [data-testid=stSelectbox]").first


def picked(page):
    """The section the picker shows as chosen."""
    return picker(page).get_by_role("combobox")


def choose_part(page, label: str) -> None:
    picker(page).click()
    page.get_by_role("option", name=label, exact=True).click()
    settle(page)


def test_the_form_keeps_its_language_and_reads_numbers_the_readers_way(own_server, browser):
    base, _ = own_server
    context, page = log_in(browser, base, "shopper", locale="de-DE")
    try:
        page.get_by_text("Offene Aufträge").first.wait_for()
        # The shopper's own language is German; the link they were sent asks for English.
        page.goto(base + "/?lang=en")
        page.get_by_text("Open assignments").first.wait_for()
        settle(page)
        page.get_by_role("button", name="Start visit").first.click()
        page.get_by_text("questions answered").first.wait_for()
        settle(page)
        assert "lang=en" in page.url
        expect(picked(page)).to_have_value("Visit details")
        shot(page, "01-visit-in-english")

        # Mid-form the shopper switches to German: the picker shows the same section in German.
        second = SECTIONS[1]
        choose_part(page, f"2. {second.title['en']}")
        page.get_by_role("heading", name=second.title["en"]).wait_for()
        page.get_by_role("radio", name="Deutsch").click()
        settle(page)
        page.get_by_role("heading", name=second.title["de"]).wait_for()
        expect(picked(page)).to_have_value(f"2. {second.title['de']}")
        expect(page.get_by_text("Abschnitt", exact=True)).to_be_visible()
        shot(page, "02-switched-to-german")

        # A number: -5 minutes is refused in German, 2.5 reads back as 2,5.
        choose_part(page, f"{RETURNS + 1}. {SECTIONS[RETURNS].title['de']}")
        box = page.locator(".st-key-item-scenario_return")
        box.get_by_text("Ja", exact=True).click()
        settle(page)
        field = page.locator(".st-key-item-return_duration input").first
        field.fill("-5")
        field.press("Enter")
        settle(page)
        number_box = page.locator(".st-key-item-return_duration")
        expect(number_box).to_contain_text("Nicht gespeichert: bitte eine Zahl ab 0 eingeben.")
        number_box.scroll_into_view_if_needed()
        shot(page, "03-minus-five-refused")
        field.fill("2.5")
        field.press("Enter")
        settle(page)
        expect(field).to_have_value("2,5")
        expect(number_box).not_to_contain_text("Nicht gespeichert")
        shot(page, "04-german-decimal")
    finally:
        context.close()


def test_the_report_says_a_bonus_did_it(own_server, browser) -> None:
    base, _ = own_server
    context, page = log_in(browser, base, "store", locale="de-DE")
    try:
        page.get_by_text("Angemeldet als").first.wait_for()
        page.goto(f"{base}/store_results?visit={BONUS_VISIT}&lang=de")
        page.get_by_text("Wie die Punktzahl entsteht").wait_for()
        settle(page)
        expect(page.get_by_text("7,0 von 6,0 möglichen Punkten (inkl. Bonus 1,0)")).to_be_visible()
        shot(page, "05-report-bonus")
    finally:
        context.close()


def test_calibration_names_the_shoppers_the_review_queue_marks(own_server, browser) -> None:
    base, url = own_server
    with make_engine(url).connect() as conn:
        queued = review_queue(conn, get_person(conn, "reviewer"))
    marked = {
        row.shopper: flag for row in queued for flag in row.flags if flag in ("lenient", "strict")
    }
    assert marked, "the demo queue marks a lenient and a strict shopper"
    words = {"lenient": "bewertet mild", "strict": "bewertet streng"}
    context, page = log_in(browser, base, "reviewer", locale="de-DE")
    try:
        page.get_by_text("Angemeldet als").first.wait_for()
        # Two months chosen on a dashboard: the calibration page used to judge them alone and
        # flagged nobody, while the queue marked these two.
        page.goto(f"{base}/calibration?lang=de&from=2026-09&to=2026-10")
        line = page.get_by_text("Kalibrierung nötig:")
        line.wait_for()
        settle(page)
        text = line.inner_text()
        for shopper, flag in marked.items():
            assert f"{shopper} (Testkäufer/in {words[flag]})" in text
        shot(page, "06-calibration")
    finally:
        context.close()
