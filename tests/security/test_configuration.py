"""Safe defaults: the app listens on this machine only, answers websockets only for known
host names, shows no tracebacks, and bounds uploads on the server."""

import asyncio
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import websockets

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.security


def config() -> dict:
    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())


def test_the_served_configuration_hides_errors_and_bounds_uploads() -> None:
    settings = config()
    assert settings["client"]["showErrorDetails"] == "none"
    assert settings["server"]["maxUploadSize"] == 20
    assert settings["server"]["allowedHosts"] == ["localhost", "127.0.0.1", "[::1]"]


def test_make_run_listens_on_this_machine_unless_told_otherwise() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "ADDRESS ?= 127.0.0.1" in makefile
    assert "--server.address $(ADDRESS)" in makefile


def test_secrets_are_kept_out_of_git() -> None:
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert ".streamlit/secrets.toml" in ignored


def _attempt(base: str, name: str, origin: str | None = None) -> str:
    # In a thread of its own: the browser tests' Playwright keeps an event loop running in
    # this one.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, _open(base, name, origin)).result()


async def _open(base: str, name: str, origin: str | None = None) -> str:
    """Open the app's websocket at 127.0.0.1 while naming the host `name` (the Host header
    a browser sends after a DNS rebinding), from a page of `origin`."""
    port = int(base.rsplit(":", 1)[1])
    url = f"ws://{name}:{port}/_stcore/stream"
    try:
        async with websockets.connect(
            url, host="127.0.0.1", port=port, open_timeout=5, origin=origin
        ):
            return "open"
    except websockets.exceptions.InvalidStatus as error:
        return str(error.response.status_code)


@pytest.mark.e2e
def test_a_websocket_for_a_foreign_host_name_is_refused(app_server) -> None:
    """A page on evil.example that rebinds its name to 127.0.0.1 must not drive the app."""
    base, _ = app_server
    assert _attempt(base, "evil.example") == "403"
    assert _attempt(base, "localhost") == "open"
    assert _attempt(base, "127.0.0.1") == "open"


@pytest.mark.e2e
def test_a_websocket_from_a_page_of_another_origin_is_refused(app_server) -> None:
    """Another app on this machine (another port, so the same site and the same cookies)
    must not open the app's socket in the user's name."""
    base, _ = app_server
    port = int(base.rsplit(":", 1)[1])
    assert _attempt(base, "127.0.0.1", "http://localhost:9999") == "403"
    assert _attempt(base, "127.0.0.1", f"http://127.0.0.1:{port + 1}") == "403"
    assert _attempt(base, "127.0.0.1", f"http://127.0.0.1:{port}") == "open"
