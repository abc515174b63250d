"""AppTest runs of app.py on the demo chain, logged in as a chosen demo user.

AppTest cannot send cookies, so `login` puts a real session token where the app reads the
cookie (pages.auth.cookie_token); app.py then looks the session up itself. Note that after
`switch_page`, AppTest runs the page file alone: the person app.py found in the first run stays
in the session state. Writes from callbacks look the session up again (pages.auth.act), and
tests/pages/test_visit_form.py checks that an ended session writes nothing.
"""

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from audits.accounts.people import get_person
from audits.accounts.sessions import start_session
from audits.records.db import make_engine, transaction
from tests.conftest import sqlite_copy

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, demo_sqlite) -> str:
    """A copy of the demo chain per test module: pages write sessions, drafts and logs."""
    return sqlite_copy(demo_sqlite, tmp_path_factory.mktemp("db"))


Login = Callable[..., AppTest]


@pytest.fixture
def login(demo_db: str, monkeypatch: pytest.MonkeyPatch) -> Login:
    """login(username, lang="de", page=None) -> the app run as that user."""
    monkeypatch.setenv("DATABASE_URL", demo_db)

    def _login(username: str | None, lang: str = "de", page: str | None = None) -> AppTest:
        token = None
        if username:
            with transaction(make_engine(demo_db)) as conn:
                token = start_session(conn, get_person(conn, username).id)
        monkeypatch.setattr("pages.auth.cookie_token", lambda: token)
        at = AppTest.from_file(APP, default_timeout=30)
        at.query_params["lang"] = lang
        at.run()
        if page:
            at.switch_page(page)
            at.run()
        assert not at.exception, at.exception
        return at

    return _login
