"""Only the router serves pages: a deep link right after a server start (a bookmark, a tab
reconnecting after an outage) must not run a page module on its own or list them all."""

from collections.abc import Iterator

import pytest

from tests.browser import serve, settle
from tests.conftest import sqlite_copy

pytestmark = [pytest.mark.e2e, pytest.mark.security]


@pytest.fixture
def fresh_server(tmp_path, demo_sqlite) -> Iterator[str]:
    """A server nobody has opened `/` on yet."""
    url = sqlite_copy(demo_sqlite, tmp_path)
    with serve(url, tmp_path) as base:
        yield base


@pytest.mark.parametrize("path", ["admin_users", "audit", "review"])
def test_a_deep_link_after_a_start_shows_the_log_in_page(fresh_server, browser, path) -> None:
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(f"{fresh_server}/{path}")
    page.locator("input[name=username]").wait_for()
    settle(page)
    main = page.locator("[data-testid=stMain]").inner_text()
    assert "Log in" in main
    # No page module's name shows anywhere: the navigation is the router's alone.
    sidebar = page.locator("[data-testid=stSidebarNav]")
    assert sidebar.count() == 0
    assert "admin users" not in page.content().lower()
    context.close()
