"""Every page of every demo role in German: none of the English words Streamlit (and Plotly)
would show, nor "None", in the text, the names read aloud, the hints on hover or the empty
fields; open choice lists included. docs/accessibility.md lists what we cannot change."""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import settle
from tests.e2e.tour import ROLES, log_in, open_context, paths, visit

pytestmark = pytest.mark.e2e
ENGLISH = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(word)
        for word in (
            "Choose an option",
            "Choose options",
            "Choose date",
            "Select all",
            "Drag and drop",
            "per file",
            "Browse files",
            "Upload",
            "file upload",
            "No options",
            "No results",
            "Press Enter",
            "Press Ctrl",
            "Help for",
            "Remove",
            "Clear all",
            "Selected values",
            "start date",
            "end date",
            "Show password",
            "Increment",
            "Decrement",
            "Search",
            "Download as CSV",
            "Show/hide columns",
            "Fullscreen",
            "Link to heading",
            "Skip to main content",
            "App pages",
            "Collapse sidebar",
            "Expand sidebar",
            "Download plot",
            "Zoom",
            "Pan",
            "Autoscale",
            "Reset axes",
            "None",
        )
    )
    + r")\b"
)
# What a reader meets besides the text: names read aloud, hover hints, empty fields' hints.
SHOWN = """() => [document.querySelector('[data-testid="stApp"]').innerText,
  ...[...document.querySelectorAll("[aria-label], [title], [placeholder], [data-title], img[alt]")]
    .flatMap(e => ["aria-label", "title", "placeholder", "data-title", "alt"]
      .map(name => e.getAttribute(name)).filter(Boolean))]"""

NAMES = """() => [...document.querySelectorAll("[aria-label]")]
  .map(e => e.getAttribute("aria-label"))"""


def english_in(page) -> list[str]:
    """The English words on the page, each with the text it stands in; and names read aloud
    that carry markdown's backslashes."""
    found = [
        f"name with backslashes: {name}"
        for name in page.evaluate(NAMES)
        if re.search(r"\\\S", name)
    ]
    for text in page.evaluate(SHOWN):
        for line in text.splitlines():
            if ENGLISH.search(line):
                found.append(line.strip()[:120])
    return found


def open_lists(page) -> list[str]:
    """Open each multi-select's list (where "Select all" would be) and read it."""
    found = []
    for box in page.locator('[data-testid="stMultiSelect"] input').all():
        if not box.is_visible() or not box.is_enabled():
            continue
        box.click()
        lists = page.locator('[role="listbox"]')
        try:
            lists.first.wait_for(timeout=3_000)
        except PlaywrightTimeout:  # a list without options stays shut
            page.keyboard.press("Escape")
            continue
        page.wait_for_timeout(400)  # our script renames Streamlit's texts on the next frame
        shown = page.evaluate(
            """() => [...document.querySelectorAll('[role="listbox"]')]
                .map(list => list.innerText).join("\\n")"""
        )
        found += [line for line in shown.splitlines() if ENGLISH.search(line)]
        page.keyboard.press("Escape")
    return found


@pytest.mark.parametrize("username", ROLES)
def test_no_english_words_in_the_german_pages(tour_server, browser, username) -> None:
    base, prepared = tour_server
    context = open_context(browser, "desktop", "de")
    page = context.new_page()
    log_in(page, base, username, "de")
    found: dict[str, list[str]] = {}
    for path in paths(page, username, prepared):
        visit(page, base, path, "de")
        # An expander's content can arrive just after the run; our script renames on the
        # next frame after it.
        page.wait_for_timeout(500)
        english = english_in(page) + open_lists(page)
        settle(page)
        if english:
            found[path] = sorted(set(english))
    context.close()
    assert not found, "\n".join(f"{path}: {found[path]}" for path in found)
