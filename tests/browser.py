"""A real app server on a demo database, and Debian's Chromium driven by Playwright.

The fixtures are registered once, by tests/conftest.py, so the browser tests and the security
tier share one Playwright: a second one in the same process refuses to start.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
OUTPUT = ROOT / "test-output" / "e2e"
PHONE = {"width": 390, "height": 844}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def launch(url: str, logs: Path, port: int) -> subprocess.Popen:
    """`streamlit run server.py` on `port` against the database `url`, once it answers."""
    env = {**os.environ, "DATABASE_URL": url}
    log = (logs / f"server-{port}.log").open("a")
    server = subprocess.Popen(  # noqa: S603 -- our own app, started the way `make run` does
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "server.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()  # the server holds its own handle
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return server
        except OSError:
            time.sleep(0.25)
    server.kill()
    pytest.fail(f"the app did not start; see {log.name}")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait(timeout=20)


@contextmanager
def serve(url: str, logs: Path) -> Iterator[str]:
    """The app on a free port against the database `url`; the base URL."""
    port = free_port()
    server = launch(url, logs, port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(server)


@pytest.fixture(scope="session")
def app_server(
    tmp_path_factory: pytest.TempPathFactory, demo_sqlite: Path
) -> Iterator[tuple[str, str]]:
    """(base URL, database URL) of a fresh demo chain served by `streamlit run server.py`."""
    from tests.conftest import sqlite_copy  # conftest imports this module

    url = sqlite_copy(demo_sqlite, tmp_path_factory.mktemp("e2e"))
    with serve(url, tmp_path_factory.getbasetemp()) as base:
        yield base, url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: install it (apt-get install -y chromium) or "
            "point CHROMIUM at it. `.ci/run` installs it.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser) -> Iterator[object]:
    """A phone-sized German page; screenshots go to test-output/e2e."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=PHONE, locale="de-DE", timezone_id="Europe/Berlin")
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    context.close()


SETTLED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const idle = app !== null
    && app.getAttribute("data-test-script-state") === "notRunning"
    && !document.querySelector('[data-testid="stStatusWidget"]');
  if (!idle) { window.__idleSince = undefined; return false; }
  window.__idleSince ??= performance.now();
  return performance.now() - window.__idleSince > 150;
}"""


def settle(page) -> None:
    """Wait until Streamlit has finished the rerun a click started: the app reports that no
    script runs, and still does 150 ms later (a rerun can start a moment after the click)."""
    page.evaluate("() => { window.__idleSince = undefined; }")
    page.wait_for_function(SETTLED, timeout=20_000)


def log_in(
    browser, base: str, username: str, password: str = "mystery-demo", *, locale: str = "en-GB"
):
    """A new browser context logged in through the log-in form; returns (context, page)."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale=locale)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(base)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    return context, page
