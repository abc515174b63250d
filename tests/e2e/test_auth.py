"""Log-in and log-out through the app's own routes, over real HTTP and in the browser."""

import urllib.error
import urllib.parse
import urllib.request

import pytest

from audits.accounts.people import set_active
from audits.records.db import make_engine, transaction
from tests.browser import OUTPUT, log_in

pytestmark = pytest.mark.e2e


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post(base: str, path: str, fields: dict, headers: dict | None = None):
    """(status, Location, Set-Cookie) of a form post, without following the redirect."""
    request = urllib.request.Request(  # noqa: S310 -- the test's own server
        base + path, data=urllib.parse.urlencode(fields).encode(), headers=headers or {}
    )
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        response = opener.open(request, timeout=10)
    except urllib.error.HTTPError as answer:
        response = answer
    return response.status, response.headers.get("Location"), response.headers.get("Set-Cookie")


def test_a_wrong_password_and_an_unknown_user_look_exactly_alike(app_server) -> None:
    base, _ = app_server
    wrong = post(base, "/auth/login", {"username": "trainer", "password": "not it"})
    unknown = post(base, "/auth/login", {"username": "no-such-user", "password": "not it"})
    assert wrong[:2] == unknown[:2] == (303, "/?login=failed")
    # Only the typed name comes back (for the form), never a session.
    assert wrong[2].startswith("ma_typed_name=trainer;")
    assert unknown[2].startswith("ma_typed_name=no-such-user;")


def test_the_right_password_sets_an_http_only_session_cookie(app_server) -> None:
    base, _ = app_server
    status, location, cookie = post(
        base, "/auth/login", {"username": "reviewer", "password": "mystery-demo", "next": "/x"}
    )
    assert (status, location) == (303, "/x")
    assert cookie.startswith("ma_session=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil"])
def test_log_in_never_redirects_to_another_site(app_server, target) -> None:
    base, _ = app_server
    fields = {"username": "reviewer", "password": "mystery-demo", "next": target}
    assert post(base, "/auth/login", fields)[1] == "/"


def test_a_form_posted_from_another_site_is_refused(app_server) -> None:
    base, _ = app_server
    fields = {"username": "reviewer", "password": "mystery-demo"}
    status, _, cookie = post(base, "/auth/login", fields, {"Origin": "https://evil.example"})
    assert (status, cookie) == (403, None)


def test_the_wait_on_the_log_in_page_is_only_ever_a_number(app_server, browser) -> None:
    base, _ = app_server
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(f"{base}/?login=wait&seconds=[click](https://evil.example)")
    page.get_by_text("Too many failed attempts. Try again in 60 s.").wait_for()
    assert page.locator("a[href*='evil']").count() == 0
    context.close()


def test_disabling_a_user_ends_their_open_session_at_the_next_click(app_server, browser):
    base, db_url = app_server
    context, page = log_in(browser, base, "trainer")
    page.get_by_role("heading", name="Überblick").wait_for()  # her language: German
    engine = make_engine(db_url)
    try:
        with transaction(engine) as conn:
            set_active(conn, "trainer", False)
        page.get_by_role("radio", name="English").click()
        page.get_by_role("heading", name="Log in").wait_for()
        page.screenshot(path=str(OUTPUT / "disabled-user-logged-out.png"))
    finally:
        with transaction(engine) as conn:
            set_active(conn, "trainer", True)
        context.close()


def test_log_out_ends_the_session(app_server, browser) -> None:
    base, _ = app_server
    context, page = log_in(browser, base, "admin")
    page.get_by_role("button", name="Abmelden").click()  # the admin works in German
    page.get_by_text("You are logged out.").wait_for()
    assert not [c for c in context.cookies() if c["name"] == "ma_session"]
    page.goto(base)  # a reload after log-out stays logged out
    page.get_by_role("heading", name="Log in").wait_for()
    context.close()
