"""Each role sees its own pages, and only the stores in its scope."""

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

import pages.auth
from audits.accounts.people import set_active
from audits.accounts.sessions import session_person
from audits.records.db import make_engine, transaction
from audits.records.tables import people
from tests.pages.conftest import ROOT

ADMIN_PAGES = ["pages/admin_users.py", "pages/admin_stores.py", "pages/admin_assignments.py"]


def titles(at) -> list[str]:
    return [element.value for element in at.title]


def texts(at) -> str:
    return " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.error, *at.info])


def test_without_a_session_only_the_log_in_page_shows(login) -> None:
    at = login(None)
    assert titles(at) == ["Anmelden"]
    assert "Meine Besuche" not in texts(at)


def test_a_shopper_sees_their_assignments(login) -> None:
    at = login("shopper")
    assert titles(at) == ["Meine Besuche"]
    assert "Offene Aufträge (3)" in [h.value for h in at.header]
    assert "Oldenburg Achternstraße" in texts(at)


@pytest.mark.parametrize("page", [*ADMIN_PAGES, "pages/overview.py"])
def test_a_shopper_cannot_open_admin_or_dashboard_pages(login, page) -> None:
    at = login("shopper")
    # Navigation is built from the roles: for a shopper these pages do not exist at all.
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(page)


@pytest.mark.parametrize("page", [*ADMIN_PAGES, "pages/overview.py"])
def test_every_page_checks_the_role_itself(login, page) -> None:
    shopper = login("shopper")
    direct = AppTest.from_file(str(ROOT / page), default_timeout=30)
    direct.session_state["person"] = shopper.session_state["person"]
    direct.run()
    assert [e.value for e in direct.error] == ["Diese Seite ist für Ihre Rolle nicht freigegeben."]
    assert not direct.dataframe


@pytest.mark.parametrize(
    ("username", "stores"),
    [("store", {"S07"}), ("c.weber", {"S01"})],
)
def test_a_store_manager_sees_only_their_stores(login, username, stores) -> None:
    at = login(username, page="pages/store.py")
    choice = at.selectbox(key="store-choice")
    assert len(choice.options) == len(stores) and choice.value in stores


def test_a_regional_manager_sees_only_their_region(login) -> None:
    at = login("regional", lang="en", page="pages/rankings.py")
    shown = at.dataframe[0].value
    assert set(shown["region"]) == {"Ost"}
    assert 0 < len(shown) < 28


def test_an_admin_has_the_admin_pages(login) -> None:
    at = login("admin", lang="en", page="pages/admin_users.py")
    assert titles(at) == ["Users"]
    assert "shopper" in set(at.dataframe[0].value["username"])
    at.switch_page("pages/admin_assignments.py").run()
    assert titles(at) == ["Assignments"]
    assert len(at.dataframe[0].value) == 3  # the demo shopper's assignments
    at.switch_page("pages/admin_stores.py").run()
    assert len(at.dataframe[0].value) == 28


def test_a_disabled_account_opens_nothing_even_with_a_session_token(login, demo_db) -> None:
    # (An open session ending at the next click is shown in the browser: tests/e2e/test_auth.py.)
    engine = make_engine(demo_db)
    try:
        with transaction(engine) as conn:
            set_active(conn, "trainer", False)
        assert titles(login("trainer")) == ["Anmelden"]
    finally:
        with transaction(engine) as conn:
            set_active(conn, "trainer", True)


def test_names_are_shown_as_text_not_markup(login, demo_db) -> None:
    engine = make_engine(demo_db)
    name = "**Ute** <b>Lorenz</b> [x](javascript:alert(1))"
    with transaction(engine) as conn:
        conn.execute(sa.update(people).where(people.c.username == "trainer").values(full_name=name))
    try:
        at = login("trainer", page="pages/account.py")
        shown = [m.value for m in at.markdown if "Ute" in m.value]
        escaped = r"\*\*Ute\*\* \<b\>Lorenz\</b\> \[x\]\(javascript\:alert\(1\)\)"
        assert shown and escaped in shown[0]
    finally:
        with transaction(engine) as conn:
            conn.execute(
                sa.update(people)
                .where(people.c.username == "trainer")
                .values(full_name="Ute Lorenz")
            )


def sso_app(demo_db, monkeypatch, email: str) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", demo_db)
    monkeypatch.setattr("pages.auth.cookie_token", lambda: None)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback"}
    at.user = {"is_logged_in": True, "email": email}
    at.query_params["lang"] = "en"
    return at.run()


def test_single_sign_on_finds_the_account_by_email(demo_db, monkeypatch) -> None:
    at = sso_app(demo_db, monkeypatch, "Trainer@Example.com")
    assert at.session_state["person"].username == "trainer"
    assert not at.exception


def test_single_sign_on_without_an_account_opens_nothing(demo_db, monkeypatch) -> None:
    at = sso_app(demo_db, monkeypatch, "stranger@example.com")
    assert titles(at) == ["Log in"]
    # The address reads as typed; a hidden word joiner keeps markdown from linking it.
    assert [w.value.replace("\u2060", "") for w in at.warning] == [
        "There is no active account for stranger@example\\.com. Please ask an administrator."
    ]


@pytest.mark.parametrize("username", ["reviewer", "trainer", "admin"])
def test_chain_wide_roles_see_every_store(login, username) -> None:
    at = login(username, page="pages/rankings.py")
    assert len(at.dataframe[0].value) == 28


def fill_password_form(at, current: str, new: str, again: str) -> None:
    fields = {field.label: field for field in at.text_input}
    fields["Current password"].input(current)
    fields["New password (at least 8 characters)"].input(new)
    fields["Repeat the new password"].input(again)
    at.button[0].click().run()


def test_a_password_change_needs_the_current_one_and_the_same_new_one_twice(login) -> None:
    at = login("store", lang="en", page="pages/account.py")
    fill_password_form(at, "mystery-demo", "neues-passwort", "anderes-passwort")
    assert [e.value for e in at.error] == ["The two new passwords differ."]
    fill_password_form(at, "wrong one", "zweites-passwort", "zweites-passwort")
    assert [e.value for e in at.error] == ["The current password is wrong."]


def test_changing_my_password_ends_my_sessions(login, demo_db) -> None:
    at = login("reviewer", lang="en", page="pages/account.py")
    fill_password_form(at, "mystery-demo", "neues-passwort", "neues-passwort")
    assert [s.value for s in at.success] == [
        "Password changed. Every session has ended; please log in again."
    ]
    # The session this browser used has ended: its next page load shows the log-in page.
    with make_engine(demo_db).connect() as conn:
        token = pages.auth.cookie_token()  # the token the login fixture gave this run
        assert token and session_person(conn, token) is None


def test_a_crafted_wait_link_shows_the_default_wait_not_a_traceback(demo_db, monkeypatch) -> None:
    """`²` is a digit to str.isdigit, but int() refuses it."""
    monkeypatch.setenv("DATABASE_URL", demo_db)
    monkeypatch.setattr("pages.auth.cookie_token", lambda: None)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params.update(lang="en", login="wait", seconds="²")
    at.run()
    assert not at.exception
    assert any("60" in w.value for w in at.warning)
