"""The security tier drives the real app like the browser tests do, with their fixtures."""

from tests.e2e.conftest import app_server, browser  # noqa: F401 -- fixtures shared by name
