"""kill -9 of the server while a shopper is in the middle of the form: the browser
reconnects to the restarted server by itself, shows every answer saved before the crash,
and the next answer is saved as usual."""

import os
import signal

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from audits.records.db import make_engine
from audits.records.tables import answers, people, visits
from tests.browser import OUTPUT, PHONE, free_port, launch, settle, stop
from tests.conftest import sqlite_copy
from tests.e2e.test_shopper_journey import SHOWN, STANDARD, answer, open_next

pytestmark = [pytest.mark.e2e, pytest.mark.security]


# Streamlit marks its root with the connection and script state: after the reconnect the
# page reruns (its timer makes Streamlit do so) and is done when the run has ended. A tap
# while that run is under way is lost, as the new server does not know the form yet.
RERUN_AFTER_RECONNECT = """() => {
  const app = document.querySelector('[data-testid=stApp]').dataset;
  if (app.testConnectionState === 'CONNECTED' && app.testScriptState === 'running') {
    window.rerunSeen = true;
  }
  return window.rerunSeen && app.testScriptState === 'notRunning';
}"""


def _saved(url: str) -> dict[str, str]:
    """The answers of the shopper's draft (the demo shopper has earlier visits too)."""
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(answers.c.item_id, answers.c.value)
            .join(visits, visits.c.id == answers.c.visit_id)
            .join(people, people.c.id == visits.c.shopper_id)
            .where(people.c.username == "shopper", visits.c.status == "draft")
        ).all()
    engine.dispose()
    return dict(rows)


def test_a_killed_server_loses_no_saved_answer(tmp_path, browser, demo_sqlite) -> None:
    url = sqlite_copy(demo_sqlite, tmp_path)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = launch(url, tmp_path, port)
    context = browser.new_context(viewport=PHONE, locale="de-DE", is_mobile=True)
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        page.goto(base)
        page.fill("input[name=username]", "shopper")
        page.fill("input[name=password]", "mystery-demo")
        page.click("button[type=submit]")
        page.get_by_role("button", name="Besuch beginnen").first.click()
        page.locator(".st-key-details").wait_for()
        settle(page)
        section = STANDARD.sections[0]
        open_next(page, section)
        items = [item for item in section.items if item.id in SHOWN and item.type == "yes_no"]
        before, after = items[:2], items[2]
        for item in before:
            answer(page, item, photo="")
        assert set(_saved(url)) == {item.id for item in before}
        expect(page.get_by_text("Gespeichert um")).to_be_visible()

        os.kill(server.pid, signal.SIGKILL)
        server.wait()
        # The page notices at once and says so (Streamlit's own dialog, in English only).
        lost = page.locator("[data-testid=stDialog]")
        lost.wait_for()
        page.evaluate("() => { window.rerunSeen = false; }")
        page.screenshot(path=str(OUTPUT / "restart-1-connection-lost.png"))
        server = launch(url, tmp_path, port)

        # The page finds the new server by itself, on the same section: the next answer is
        # saved without a reload.
        page.wait_for_function(RERUN_AFTER_RECONNECT, polling=20, timeout=60_000)
        expect(lost).to_have_count(0)
        answer(page, after, photo="")  # the first tap after the reconnect
        saved = _saved(url)
        answered = [*before, after]
        assert {item.id: saved.get(item.id) for item in answered} == dict.fromkeys(
            (item.id for item in answered), "yes"
        )
        page.reload()
        page.locator(f".st-key-item-{after.id}").wait_for()
        settle(page)
        for item in answered:  # and the form shows all three from the database
            chosen = page.locator(f".st-key-item-{item.id}").get_by_role("radio", name="Ja")
            expect(chosen).to_be_checked()
    finally:
        context.close()
        stop(server)
