"""axe-core on every page of every demo role, at desktop and phone size, in German and in
English: no serious or critical violation (docs/accessibility.md). On a phone, every
button, option, box and the sidebar toggle is at least 44 px high."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser import settle
from tests.e2e.tour import LOCALES, ROLES, SIZES, log_in, open_context, paths, visit

pytestmark = pytest.mark.e2e
AXE = Axe()
GRAVE = {"serious", "critical"}
TAP = 44
# What a thumb has to hit on a phone; links in running text are exempt (WCAG 2.5.8).
TARGETS = ", ".join(
    (
        '[data-testid^="stBaseButton"]',
        '[data-testid^="stBaseLinkButton"]',
        '[data-testid="stButtonGroup"] button',
        '[data-testid="stRadio"] [role="radiogroup"] > label',
        '[data-testid="stCheckbox"] label',
        '[data-testid="stExpandSidebarButton"]',
        '[data-testid="stSidebarNavLink"]',
        "button[type=submit]",
    )
)
SMALL = """selector => [...document.querySelectorAll(selector)]
  .filter(e => e.getClientRects().length && e.checkVisibility())
  .map(e => [e.getBoundingClientRect().height, e.getAttribute("data-testid") || e.tagName,
             e.innerText.trim().slice(0, 30)])
  .filter(([height]) => height > 0 && height < TAP)""".replace("TAP", str(TAP))


def grave(page) -> list[str]:
    """Each node of a serious or critical violation: rule, impact and where."""
    results = AXE.run(page).response
    return [
        f"{rule['id']} ({rule['impact']}) at {node['target']}: {rule['help']}"
        for rule in results["violations"]
        if rule["impact"] in GRAVE
        for node in rule["nodes"]
    ]


@pytest.mark.parametrize("lang", list(LOCALES))
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("username", ROLES)
def test_every_page_passes_axe(tour_server, browser, username, size, lang) -> None:
    base, prepared = tour_server
    context = open_context(browser, size, lang)
    page = context.new_page()
    log_in(page, base, username, lang)
    found: dict[str, list[str]] = {}
    small: dict[str, list[object]] = {}
    for path in paths(page, username, prepared):
        visit(page, base, path, lang)
        problems = grave(page)
        if problems:  # a rerun may have been fading the page: look once more when it rests
            settle(page)
            problems = grave(page)
        if problems:
            found[path] = problems
        if size == "phone" and (tiny := page.evaluate(SMALL, TARGETS)):
            small[path] = tiny
    context.close()
    assert not found, "\n".join(f"{path}: {problem}" for path in found for problem in found[path])
    assert not small, small


def test_the_log_in_page_passes_axe_and_offers_the_language(tour_server, browser) -> None:
    base, _prepared = tour_server
    context = open_context(browser, "phone", "en")
    page = context.new_page()
    page.goto(base)
    page.locator("input[name=username]").wait_for()
    settle(page)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert grave(page) == []
    assert page.evaluate(SMALL, TARGETS) == []
    # The reader chooses German on the page itself, whatever the browser says.
    page.get_by_role("radio", name="Deutsch").click()
    settle(page)
    page.get_by_role("heading", name="Anmelden").wait_for()
    assert page.evaluate("document.documentElement.lang") == "de"
    assert "lang=de" in page.url
    context.close()
