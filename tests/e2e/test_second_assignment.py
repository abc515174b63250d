"""A shopper with several assignments can start each of them, one after the other.

With pandas 3, an assignment without a visit once carried `nan` as its visit id, so after the
first start every other card opened `/visit?visit=nan` ("this visit does not exist").
"""

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from audits.records.db import make_engine
from audits.records.tables import assignments, people, visits
from tests.browser import OUTPUT, PHONE, serve, settle
from tests.conftest import sqlite_copy

pytestmark = pytest.mark.e2e


@pytest.fixture
def own_server(tmp_path, demo_sqlite) -> Iterator[tuple[str, str]]:
    """A demo chain of its own: the shared server's shopper has used up an assignment."""
    url = sqlite_copy(demo_sqlite, tmp_path)
    with serve(url, tmp_path) as base:
        yield base, url


def shopper_visits(url: str) -> list[tuple[int, str]]:
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(visits.c.assignment_id, visits.c.status)
            .join(assignments, assignments.c.id == visits.c.assignment_id)
            .join(people, people.c.id == assignments.c.shopper_id)
            .where(people.c.username == "shopper")
            .order_by(visits.c.assignment_id)
        ).all()
    engine.dispose()
    return [tuple(row) for row in rows]


def start_next(page) -> None:
    """Back on the home page, start the first assignment not yet begun."""
    page.get_by_role("button", name="Besuch beginnen").first.click()
    page.wait_for_url("**/visit?*")
    settle(page)
    assert "Diesen Besuch gibt es nicht" not in page.locator("[data-testid=stMain]").inner_text()
    assert "visit=nan" not in page.url
    page.locator(".st-key-details").wait_for()


def test_a_shopper_starts_a_second_assignment_after_a_first(own_server, browser) -> None:
    base, url = own_server
    context = browser.new_context(viewport=PHONE, locale="de-DE", timezone_id="Europe/Berlin")
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(base)
    page.fill("input[name=username]", "shopper")
    page.fill("input[name=password]", "mystery-demo")
    page.click("button[type=submit]")
    page.get_by_text("Offene Aufträge (3)").wait_for()

    start_next(page)
    page.goto(base)
    page.get_by_text("Offene Aufträge (2)").wait_for()
    settle(page)
    start_next(page)
    page.screenshot(path=str(OUTPUT / "second-assignment.png"), full_page=True)

    page.goto(base)
    page.get_by_text("Begonnene Besuche (2)").wait_for()
    context.close()
    started = shopper_visits(url)
    assert len(started) == 2 and len({assignment for assignment, _ in started}) == 2
    assert [status for _, status in started] == ["draft", "draft"]
