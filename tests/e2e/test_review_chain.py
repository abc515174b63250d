"""The review chain in the browser: return, fix and resubmit, approve, dispute, uphold, and
the new score on the store manager's report and in the rankings. On the way it checks what
a reviewer and a store manager need on screen (issue 18, points 1, 2 and 9): the visit's
facts and comments, no visit one click from being published, a dispute card with the
question, the stored answer and the comment, the new answer as the item's own widget, lists
that name stores and questions, and each message where the reader is looking.

The visit is answered through the repositories (the form itself is the shopper journey's
test); every review step is clicked in the page of the role that takes it. The chain uses
its own shopper, store and store manager, so it leaves the demo shopper's work alone.
"""

import datetime as dt
import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from audits.accounts.people import add_person, get_person, set_password
from audits.reads import dashboard as repo_dashboard
from audits.records.db import make_engine, transaction
from audits.records.tables import standard_versions, stores, visit_scores, visits
from audits.visits.actions import create_action
from audits.visits.assignments import create_assignments
from locales import fmt_number
from scoring.dashboard import default_period, in_period, with_months
from tests.browser import OUTPUT, log_in, settle
from tests.pages.filled import submit_demo_visit
from tests.scopes import only

pytestmark = pytest.mark.e2e
GREETING = "Wurden Sie innerhalb von 30 Sekunden nach dem Betreten begrüßt?"


def open_tab(page, name: str) -> None:
    """Click a tab until it is the selected one: a rerun that was still going when it was
    first clicked would otherwise show the first tab again."""
    tab = page.get_by_role("tab", name=name)
    for _ in range(3):
        tab.click()
        settle(page)
        if tab.get_attribute("aria-selected") == "true":
            return
    expect(tab).to_have_attribute("aria-selected", "true")


def choose(page, box: str, option: str) -> None:
    """Pick an option of a select box; a rerun that was still drawing the page can close
    the list again, so open it until the option is there."""
    for _ in range(3):
        page.locator(box).click()
        try:
            page.get_by_role("option", name=option).click(timeout=5_000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            settle(page)
    page.locator(box).click()
    page.get_by_role("option", name=option).click()


def visit_row(db_url: str, visit_id: str) -> tuple[str, float]:
    with make_engine(db_url).connect() as conn:
        return conn.execute(
            sa.select(visits.c.status, visit_scores.c.score)
            .join(visit_scores, visit_scores.c.visit_id == visits.c.id)
            .where(visits.c.id == visit_id)
        ).one()


def prepare(db_url: str) -> str:
    """s.becker's submitted retail visit of S09 with a failed greeting; S09's manager."""
    with transaction(make_engine(db_url)) as conn:
        set_password(conn, "s.becker", "mystery-demo")
        add_person(
            conn,
            "s09.leitung",
            "Filialleitung S09",
            ["store_manager"],
            stores=["S09"],
            password="mystery-demo",
        )
        version = conn.execute(
            sa.select(sa.func.max(standard_versions.c.id)).where(
                standard_versions.c.standard_id == "retail-store-visit"
            )
        ).scalar_one()
        today = dt.date.today()
        create_assignments(
            conn,
            store_ids=["S09"],
            standard_version_id=version,
            shopper_ids=[get_person(conn, "s.becker").id],
            window_start=today - dt.timedelta(days=1),
            window_end=today + dt.timedelta(days=7),
        )
        return submit_demo_visit(conn, "S09", "s.becker", greeted_within_30s="no")


def test_return_resubmit_approve_dispute_uphold(app_server, browser) -> None:
    base, db_url = app_server
    visit_id = prepare(db_url)
    first_score = visit_row(db_url, visit_id)[1]

    # 1. The reviewer returns the visit with a reason.
    context, page = log_in(browser, base, "reviewer", locale="de-DE")
    page.get_by_role("link", name="Prüfung").wait_for()
    page.goto(f"{base}/?visit={visit_id}")  # the review queue is a reviewer's first page
    page.get_by_text("Was geschieht mit diesem Besuch?").wait_for()
    settle(page)
    main = page.locator("[data-testid=stMain]")
    for fact in ("Besuchsdatum", "Beginn–Ende", "Bedient von", "Kasse 1", "Niemand grüßte."):
        expect(main.get_by_text(fact).filter(visible=True).first).to_be_visible()
    expect(main).not_to_contain_text("None")
    # Nothing publishes the visit until the reviewer says that is what they want.
    expect(page.get_by_role("button", name=re.compile("^Freigeben"))).to_have_count(0)
    page.screenshot(path=str(OUTPUT / "chain-0-review.png"), full_page=True)
    page.get_by_text("Zurückgeben", exact=True).click()
    settle(page)
    page.get_by_label("Grund für die Rückgabe").fill("Bitte das Preisschild erneut prüfen.")
    page.get_by_role("button", name="Zurückgeben").click()
    done = page.locator("[data-testid=stAlertContentSuccess]", has_text="Zurückgegeben:")
    done.wait_for()
    expect(done).to_be_in_viewport()
    assert visit_row(db_url, visit_id)[0] == "returned"
    context.close()

    # 2. The shopper sees the reason, opens the visit again and resubmits it.
    context, page = log_in(browser, base, "s.becker", locale="de-DE")
    page.get_by_text("Bitte das Preisschild erneut prüfen.").wait_for()
    page.screenshot(path=str(OUTPUT / "chain-1-returned.png"))
    page.get_by_role("button", name="Besuch fortsetzen").first.click()
    page.locator(".st-key-details").wait_for()
    settle(page)
    page.locator("[data-testid=stSelectbox]").first.click()
    page.get_by_role("option", name="Prüfen und einreichen").click()
    settle(page)
    page.get_by_role("button", name="Besuch einreichen").click()
    page.get_by_text("Eingereicht am").wait_for()
    assert visit_row(db_url, visit_id)[0] == "submitted"
    context.close()

    # 3. The reviewer approves it; the store manager is told.
    context, page = log_in(browser, base, "reviewer", locale="de-DE")
    page.get_by_role("link", name="Prüfung").wait_for()
    page.goto(f"{base}/?visit={visit_id}")  # the review queue is a reviewer's first page
    page.get_by_text("Was geschieht mit diesem Besuch?").wait_for()
    settle(page)
    page.get_by_text("Freigeben", exact=True).click()
    settle(page)
    page.get_by_role("button", name=re.compile("^Freigeben: ")).click()
    done = page.locator("[data-testid=stAlertContentSuccess]", has_text="Freigegeben:")
    done.wait_for()
    expect(done).to_be_in_viewport()
    assert visit_row(db_url, visit_id)[0] == "approved"
    # The picker is empty again: no other visit took the decided one's place unseen.
    expect(page.get_by_text("Was geschieht mit diesem Besuch?")).to_have_count(0)
    context.close()

    # 4. The store's manager disputes the greeting.
    context, page = log_in(browser, base, "s09.leitung", locale="de-DE")
    page.get_by_role("link", name="Hinweise (1)").wait_for()
    page.goto(f"{base}/store_results?visit={visit_id}")
    page.get_by_text("Einspruch zu einer Frage").wait_for()
    settle(page)
    choose(page, ".st-key-dispute-item", GREETING)
    page.locator(".st-key-dispute-reason textarea").fill("Die Kamera zeigt die Begrüßung.")
    page.get_by_role("button", name="Einspruch einreichen").click()
    page.get_by_text("Einspruch eingereicht").wait_for()
    context.close()

    # 5. The reviewer upholds it: the greeting becomes "yes" and the visit is rescored. The
    # card shows what the decision rests on, and the new answer is a yes/no choice.
    context, page = log_in(browser, base, "reviewer", locale="de-DE")
    page.get_by_role("link", name="Prüfung").click()
    settle(page)
    open_tab(page, "Einsprüche (1)")
    page.get_by_text("Die Kamera zeigt die Begrüßung.").wait_for()
    settle(page)
    card = page.locator("[data-testid=stTabPanel]").filter(visible=True)
    for shown in (GREETING, "Nein (nicht erfüllt)", "Niemand grüßte."):
        expect(card.get_by_text(shown, exact=True).filter(visible=True).first).to_be_visible()
    expect(card).not_to_contain_text("greeted_within_30s")
    page.screenshot(path=str(OUTPUT / "chain-1-dispute.png"), full_page=True)
    page.get_by_label("Begründung der Entscheidung (Pflicht)").fill("Video belegt es.")
    card.get_by_text("Ja", exact=True).click()
    page.get_by_role("button", name="Einspruch stattgeben").click()
    done = page.locator("[data-testid=stAlertContentSuccess]", has_text="Entschieden:")
    done.wait_for()
    expect(done).to_be_in_viewport()
    context.close()
    status, new_score = visit_row(db_url, visit_id)
    assert status == "approved" and new_score > first_score

    # 6. The store manager's page shows the new score and the decision.
    context, page = log_in(browser, base, "s09.leitung", locale="de-DE")
    page.get_by_role("link", name="Besuchsberichte").wait_for()
    page.goto(f"{base}/store_results?visit={visit_id}")
    page.get_by_text(f"Punkte des Besuchs: {fmt_number(new_score, 'de')}").wait_for()
    # The dispute table lists it as upheld, by its question and with answers in words (grid
    # cells are drawn, so they count as hidden).
    expect(page.locator("td[role=gridcell]", has_text="stattgegeben")).to_have_count(1)
    # The question: once in the report's table, once in the dispute's.
    expect(page.locator("td[role=gridcell]", has_text=GREETING)).to_have_count(2)
    expect(page.locator("td[role=gridcell]", has_text="greeted_within_30s")).to_have_count(0)
    page.screenshot(path=str(OUTPUT / "chain-2-upheld.png"), full_page=True)

    # 7. ... and so does the ranking: the store's mean over the period includes the new score.
    expected = ranking_mean(db_url, "S09")
    page.get_by_role("link", name="Ranglisten").click()
    page.get_by_role("heading", name="Ranglisten").wait_for()
    settle(page)
    expect(page.locator("td[role=gridcell]", has_text=f"{expected:.1f}").first).to_be_attached()
    page.screenshot(path=str(OUTPUT / "chain-3-ranking.png"), full_page=True)
    context.close()


def test_the_store_managers_actions_name_store_and_question(app_server, browser) -> None:
    base, db_url = app_server
    due = dt.date.today() + dt.timedelta(days=9)
    with transaction(make_engine(db_url)) as conn:
        manager = add_person(
            conn,
            "s11.leitung",
            "Filialleitung S11",
            ["store_manager"],
            stores=["S11"],
            password="mystery-demo",
        )
        create_action(
            conn,
            manager,
            store_id="S11",
            standard_id="retail-store-visit",
            item_id="greeted_within_30s",
            owner="Team Kasse",
            due_date=due,
            note=None,
        )
        store_name = conn.execute(
            sa.select(stores.c.name).where(stores.c.store_id == "S11")
        ).scalar_one()
    context, page = log_in(browser, base, "s11.leitung", locale="de-DE")
    page.get_by_role("link", name="Maßnahmen").click()
    page.get_by_role("heading", name="Maßnahmen").wait_for()
    settle(page)
    cells = page.locator("td[role=gridcell]")
    expect(cells.filter(has_text=store_name)).to_have_count(1)
    expect(cells.filter(has_text=GREETING)).to_have_count(1)
    expect(cells.filter(has_text=due.strftime("%d.%m.%Y"))).to_have_count(1)
    for raw in ("S11", "greeted_within_30s", due.isoformat(), "None"):
        expect(cells.filter(has_text=re.compile(f"^{re.escape(raw)}$"))).to_have_count(0)
    # The action to move is picked by what it is, not by a number.
    page.locator(".st-key-actions-move").click()
    expect(page.get_by_role("option", name=re.compile(re.escape(store_name)))).to_have_count(1)
    page.keyboard.press("Escape")
    page.screenshot(path=str(OUTPUT / "chain-4-actions.png"), full_page=True)
    context.close()


def ranking_mean(db_url: str, store_id: str) -> float:
    """The store's mean score over the rankings' default period (up to the last month with
    published visits, holding three months with visits), counted from the stored scores."""
    with make_engine(db_url).connect() as conn:
        period = default_period(repo_dashboard.visit_months(conn, only(store_id)))
        published = with_months(repo_dashboard.published_frame(conn, only(store_id)))
    assert period is not None
    return float(in_period(published, period)["score"].mean())
