"""An admin creates an account with a role and a scope in the browser; it can log in."""

import pytest
from playwright.sync_api import expect

from audits.accounts.people import get_person
from audits.records.db import make_engine
from tests.browser import OUTPUT, log_in, settle

pytestmark = pytest.mark.e2e


def test_an_admin_creates_a_store_manager_who_can_log_in(app_server, browser) -> None:
    base, db_url = app_server
    context, page = log_in(browser, base, "admin")
    page.get_by_role("link", name="Benutzer").click()
    page.get_by_label("Benutzername").first.fill("N.Neu")
    page.get_by_label("Name", exact=True).first.fill("**Nina** <b>Neu</b>")
    page.get_by_label("Passwort (mindestens 8 Zeichen)", exact=True).first.fill("geheim-1234")
    page.locator(".st-key-new-roles input").click()
    page.get_by_role("option", name="Filialleitung").click()
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Anlegen").click()
    page.get_by_text("Eine Filialleitung braucht mindestens eine Filiale.").wait_for()
    page.locator(".st-key-new-stores input").click()
    page.get_by_role("option", name="S03 Bremen Obernstraße").click()
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Anlegen").click()
    page.get_by_text("Benutzer n.neu angelegt.").wait_for()
    page.screenshot(path=str(OUTPUT / "admin-user-created.png"))
    with make_engine(db_url).connect() as conn:
        person = get_person(conn, "n.neu")
    assert (person.full_name, person.roles, person.stores) == (
        "**Nina** <b>Neu</b>",
        ("store_manager",),
        ("S03",),
    )
    context.close()

    context, page = log_in(browser, base, "n.neu", "geheim-1234", locale="de-DE")
    page.get_by_role("heading", name="Überblick").wait_for()
    # The name is shown exactly as typed, tags and all, never as markup.
    page.get_by_text("Angemeldet als **Nina** <b>Neu</b>").wait_for()
    assert page.locator("[data-testid=stSidebar] :is(b, strong)").count() == 0
    # Their store page offers their one store and no other.
    page.get_by_role("link", name="Filiale", exact=True).click()
    page.get_by_role("heading", name="Bremen Obernstraße").wait_for()
    # The box's open button (a click on its label opens nothing), once the page has settled, and
    # again if a late rerun closed the list.
    settle(page)
    for _ in range(3):
        page.locator(".st-key-store-choice button[aria-haspopup=listbox]").click()
        if page.get_by_role("option").count():
            break
        settle(page)
    expect(page.get_by_role("option")).to_have_count(1)
    page.keyboard.press("Escape")
    page.screenshot(path=str(OUTPUT / "store-manager-own-store.png"))
    context.close()
