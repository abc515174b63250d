"""User text stays text: a store named like a link or a styled span shows its characters in
the charts, tables and headings, and never becomes a live link or markup."""

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from audits.records.db import make_engine
from audits.records.tables import stores
from tests.browser import log_in, serve, settle
from tests.conftest import sqlite_copy

pytestmark = [pytest.mark.e2e, pytest.mark.security]

HOSTILE = '<a href="https://evil.example/x">Klick</a> <span style="color:red">rot</span>'
LINKY = "Filiale www.evil.example · https://evil.example/y · kontakt@evil.example"


@pytest.fixture
def hostile_chain(tmp_path, demo_sqlite) -> Iterator[str]:
    url = sqlite_copy(demo_sqlite, tmp_path)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.update(stores).where(stores.c.store_id == "S22").values(name=HOSTILE))
        conn.execute(sa.update(stores).where(stores.c.store_id == "S23").values(name=LINKY))
    engine.dispose()
    with serve(url, tmp_path) as base:
        yield base


def _evil_links(page) -> list[str]:
    return page.eval_on_selector_all(
        "a[href*='evil.example'], a[*|href*='evil.example'], [style*='color:red'], "
        "[style*='color: red']",
        "nodes => nodes.map(n => n.outerHTML.slice(0, 120))",
    )


@pytest.mark.parametrize("path", ["rankings", "heatmap", "store?store=S22", "store?store=S23"])
def test_store_names_never_become_links_or_markup(hostile_chain, browser, path) -> None:
    context, page = log_in(browser, hostile_chain, "regional")
    page.locator("[data-testid=stMain] h1").first.wait_for()
    page.goto(f"{hostile_chain}/{path}")
    page.locator("[data-testid=stMain] h1").first.wait_for()
    settle(page)
    # Charts draw after the page settles: wait until every one has its SVG.
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]"
        ".every(chart => chart.querySelector('.main-svg'))"
    )
    assert _evil_links(page) == []
    text = page.locator("[data-testid=stMain]").inner_text()
    if path.endswith("S23"):
        assert "www.evil.example" in text.replace("\u2060", "")  # shown, just not linked
    context.close()
