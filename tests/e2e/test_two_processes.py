"""Two app processes on one PostgreSQL: a visit approved anywhere shows in both at the next
page load, because every page keys its caches by the data version read from the database."""

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine

from audits.accounts.people import get_person
from audits.records.db import make_engine, transaction
from audits.records.months import month_of
from audits.visits.review import approve_visit
from tests.browser import OUTPUT, log_in, serve, settle
from tests.conftest import postgres_database
from tests.pages.filled import newest_submitted

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]


@pytest.fixture
def shared_postgres(postgres_admin: Engine, demo_postgres) -> Iterator[str]:
    """A database URL of a demo chain of this test's own on the test server."""
    with postgres_database(postgres_admin, demo_postgres.url) as url:
        yield url


def visits_shown(page) -> int:
    return int(page.locator("[data-testid=stMetricValue]").nth(1).inner_text().replace(".", ""))


def test_an_approval_shows_in_both_app_processes(shared_postgres, browser, tmp_path) -> None:
    engine = make_engine(shared_postgres)
    with engine.connect() as conn:
        waiting = newest_submitted(conn, "ost")
    month = month_of(waiting.started_at).strftime("%Y-%m")
    with serve(shared_postgres, tmp_path) as first, serve(shared_postgres, tmp_path) as second:
        pages = []
        for base in (first, second):
            context, page = log_in(browser, base, "regional", locale="de-DE")
            page.get_by_role("heading", name="Überblick").wait_for()
            page.goto(f"{base}/?from={month}&to={month}")
            page.locator("[data-testid=stMetricValue]").nth(1).wait_for()
            settle(page)
            pages.append((context, page, visits_shown(page)))
        with transaction(engine) as conn:
            approve_visit(conn, get_person(conn, "reviewer"), waiting.id)
        for n, (context, page, before) in enumerate(pages):
            page.reload()
            page.locator("[data-testid=stMetricValue]").nth(1).wait_for()
            settle(page)
            assert visits_shown(page) == before + 1
            page.screenshot(path=str(OUTPUT / f"two-processes-{n + 1}.png"))
            context.close()
    engine.dispose()
