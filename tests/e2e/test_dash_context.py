"""The dashboards in context, as a reader meets them: the heatmap on a phone, a period with a
month without visits, a store with few visits, and the period a trainer opens with after one
visit of the current month was approved (the demo ends in October 2026).

The app runs on a demo copy of its own, since one visit is moved to today and approved.
Screenshots go to test-output/e2e."""

import datetime as dt

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from audits.accounts.people import get_person
from audits.reads import dashboard as repo
from audits.records.db import make_engine, transaction
from audits.records.tables import visits
from audits.visits.review import approve_visit
from locales import fmt_month
from scoring.dashboard import month_start, with_months
from tests.browser import OUTPUT, PHONE, log_in, serve, settle
from tests.scopes import everything

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
WAIT = 20_000  # ms: a cold app on a busy machine draws its first chart slowly
EMAIL = "email-chat-enquiry"  # about one e-mail test a store every other month
PLOT = """() => {
  const plot = document.querySelector('.js-plotly-plot');
  const values = (list) =>
    Array.from(list ?? [], (v) => (v === null || Number.isNaN(v) ? null : v));
  return {
    range: Array.from(plot.layout.yaxis.range),
    traces: plot._fullData.map((trace) => ({
      name: trace.name, type: trace.type, x: Array.from(trace.x ?? []),
      y: values(trace.y), base: trace.base === undefined ? null : values(trace.base),
    })),
  };
}"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, demo_sqlite) -> tuple[str, str]:
    """(base URL, database URL): the demo, plus one visit made today and approved."""
    from tests.conftest import sqlite_copy

    url = sqlite_copy(demo_sqlite, tmp_path_factory.mktemp("context"))
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    with transaction(make_engine(url)) as conn:
        waiting = conn.execute(
            sa.select(visits.c.id).where(visits.c.status == "submitted").order_by(visits.c.id)
        ).first()[0]
        conn.execute(
            sa.update(visits)
            .where(visits.c.id == waiting)
            .values(
                started_at=now - dt.timedelta(hours=2),
                ended_at=now - dt.timedelta(hours=1, minutes=40),
                submitted_at=now - dt.timedelta(hours=1),
            )
        )
        approve_visit(conn, get_person(conn, "reviewer"), waiting)
    with serve(url, tmp_path_factory.getbasetemp()) as base:
        yield base, url


def phone_log_in(browser, base: str, username: str):
    """A phone-sized German browser logged in through the log-in form."""
    context = browser.new_context(viewport=PHONE, locale="de-DE", timezone_id="Europe/Berlin")
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(base)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "mystery-demo")
    page.click("button[type=submit]")
    page.locator("[data-testid=stMain] h1").first.wait_for()
    return context, page


def test_on_a_phone_the_heatmap_is_a_list_naming_every_store(served, browser) -> None:
    base, _url = served
    OUTPUT.mkdir(parents=True, exist_ok=True)
    context, page = phone_log_in(browser, base, "regional")
    page.goto(f"{base}/heatmap?region=ost")
    page.get_by_role("heading", name="Heatmap").wait_for()
    settle(page)
    # The grid's 80-pixel columns are not what a phone shows (it is there for wide screens).
    expect(page.locator(".js-plotly-plot")).to_be_attached(timeout=WAIT)
    expect(page.locator(".js-plotly-plot")).to_be_hidden()
    for name in sorted(OST):
        link = page.get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible(timeout=WAIT)
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], name
        assert link.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 14
    # Each section's chip carries its number, not only a colour.
    chips = page.locator(".ma-chip")
    expect(chips.first).to_be_visible()
    assert all(any(c.isdigit() for c in text) for text in chips.all_inner_texts()[:10])
    page.screenshot(path=str(OUTPUT / "context-1-heatmap-list.png"))
    # A tap on a store opens it, as a click on a heatmap cell does.
    page.get_by_role("link", name="Erfurt Anger", exact=True).click()
    page.get_by_role("heading", name="Verlauf der Punktzahl").wait_for()
    assert page.locator("[data-testid=stMain] h1").first.inner_text() == "Erfurt Anger"
    context.close()


def test_a_period_with_an_empty_month_says_which_month_is_missing(served, browser) -> None:
    base, _url = served
    context, page = log_in(browser, base, "regional", locale="de-DE")
    page.locator("[data-testid=stMetric]").first.wait_for()
    page.goto(f"{base}/?from=2026-09&to=2026-11")
    page.locator("[data-testid=stMetric]").first.wait_for()
    settle(page)
    expect(
        page.get_by_text("Vergleich unvollständig – Monate ohne Besuche: Nov. 2026.")
    ).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("ggü. Vergleichsmonaten").first).to_be_visible()
    page.screenshot(path=str(OUTPUT / "context-2-missing-month.png"), full_page=True)
    context.close()


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    return [month_start(first, n) for n in range(count)]


def _published(url: str):
    with make_engine(url).connect() as conn:
        return with_months(repo.published_frame(conn, everything()))


def _store_with_a_gap(url: str) -> tuple[str, dt.date]:
    """A store with e-mail tests before and after a month without one (Nov 2025 - Oct 2026)."""
    published = _published(url)
    held = published[published["standard_id"] == EMAIL].groupby("store_id")["month"].agg(set)
    year = _months(dt.date(2025, 11, 1), dt.date(2026, 10, 1))
    for store, months in sorted(held.items()):
        for month in year:
            if month not in months and min(months) < month < max(months):
                return store, month
    raise AssertionError("the demo has no e-mail gap")


def test_the_store_chart_stays_within_0_and_100_and_shows_an_empty_month(served, browser):
    base, url = served
    store, gap = _store_with_a_gap(url)
    context, page = log_in(browser, base, "trainer", locale="de-DE")
    page.locator("[data-testid=stMetric]").first.wait_for()
    page.goto(f"{base}/store?store={store}&standard={EMAIL}&from=2026-08&to=2026-10")
    page.get_by_role("heading", name="Verlauf der Punktzahl").wait_for()
    settle(page)
    page.locator(".js-plotly-plot").first.wait_for()
    plot = page.evaluate(PLOT)
    low, high = plot["range"]
    assert 0 <= low < high <= 100, plot["range"]
    for trace in plot["traces"]:
        bases = trace["base"] or [0] * len(trace["y"])
        tops = [
            (b or 0) + y if trace["type"] == "bar" else y
            for b, y in zip(bases, trace["y"], strict=True)
            if y is not None
        ]
        assert all(0 <= top <= 100 for top in tops), trace["name"]
    # The empty month stays on the axis, without a point: a gap in the line.
    mean = next(trace for trace in plot["traces"] if trace["name"] == "Mittlere Punktzahl")
    label = fmt_month(gap, "de")
    assert label in mean["x"], (label, mean["x"])
    assert mean["y"][mean["x"].index(label)] is None
    page.screenshot(path=str(OUTPUT / "context-3-store-chart.png"), full_page=True)
    context.close()


def test_the_trainers_default_period_holds_visits(served, browser) -> None:
    base, url = served
    with_visits = set(_published(url)["month"])
    context, page = log_in(browser, base, "trainer", locale="de-DE")
    page.locator("[data-testid=stMetric]").first.wait_for()
    settle(page)
    query = dict(part.split("=") for part in page.url.split("?")[1].split("&"))
    first, last = (dt.date.fromisoformat(f"{query[end]}-01") for end in ("from", "to"))
    held = [month for month in _months(first, last) if month in with_visits]
    # It ends at today's approved visit and still holds three months with visits; the cards
    # say which months in between have none.
    assert last == max(with_visits)
    assert len(held) >= 3, (first, last, held)
    expect(page.get_by_text("Vergleich unvollständig – Monate ohne Besuche:")).to_be_visible()
    page.screenshot(path=str(OUTPUT / "context-4-trainer-default.png"), full_page=True)
    context.close()
