"""Database fixtures shared by every test package: a database of its own for every test.

`engine` runs each test twice: on a copy of a SQLite file migrated once per run, and on
PostgreSQL (TEST_POSTGRES_URL) in a schema of its own, so parallel workers never meet. The
demo chain is imported once per run and backend and copied for each test that needs it (a
file copy; `CREATE DATABASE ... TEMPLATE` on PostgreSQL).
"""

import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from hypothesis import settings
from sqlalchemy.engine import Connection, Engine

from audits.records.db import make_engine, upgrade
from tests.browser import app_server, browser, phone  # noqa: F401 -- fixtures, registered once

# Property tests run 150 examples in `make test`; `make check` (--hypothesis-profile=check)
# runs 50 of them. The fuzzers count their own inputs (tests/security/test_fuzz.py).
settings.register_profile("full", max_examples=150)
settings.register_profile("check", max_examples=50)
settings.load_profile("full")


def pytest_configure(config: pytest.Config) -> None:
    """pandas' warnings that behaviour will change are errors: code that works only until the
    next release must fail here, not on a user's fresh install."""
    for line in pandas_warning_filters():
        config.addinivalue_line("filterwarnings", line)


def pandas_warning_filters() -> list[str]:
    # pandas 3 names every announced change with PandasChangeWarning, and warns about chained
    # assignment that copy-on-write makes a silent no-op; pandas 2 uses FutureWarning and
    # DeprecationWarning for the same announcements.
    if hasattr(pd.errors, "PandasChangeWarning"):
        return [
            "error::pandas.errors.PandasChangeWarning",
            "error::pandas.errors.ChainedAssignmentError",
        ]
    return [
        "error::FutureWarning",
        "error::DeprecationWarning:pandas.*",
        "error::pandas.errors.ChainedAssignmentError",
    ]


DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine]:
    """An engine on the test server; skipped (or, under CI, failed) when there is none."""
    url = os.environ.get("TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    engine = make_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            pass
    except sa.exc.OperationalError as error:
        engine.dispose()
        reason = str(error.orig or error).strip().splitlines()[0]
        message = (
            f"PostgreSQL at {url} is unreachable ({reason}). Start a server or point "
            "TEST_POSTGRES_URL at one where this user may create schemas and databases, e.g. "
            f"TEST_POSTGRES_URL={DEFAULT_POSTGRES_URL}"
        )
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    yield engine
    engine.dispose()


@contextmanager
def opened(url: str) -> Iterator[Engine]:
    """An engine on `url`, disposed afterwards."""
    engine = make_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def blank_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database without any tables, on each backend."""
    if request.param == "sqlite":
        with opened(f"sqlite:///{tmp_path / 'test.db'}") as engine:
            yield engine
        return
    with postgres_schema(request.getfixturevalue("postgres_admin")) as url, opened(url) as engine:
        yield engine


@contextmanager
def postgres_schema(admin: Engine) -> Iterator[str]:
    """A database URL on the test server whose tables live in a schema of their own, which
    is dropped afterwards (the search path travels in the URL, so app processes can use it)."""
    schema = f"t_{uuid.uuid4().hex[:16]}"
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    base = admin.url.render_as_string(hide_password=False)
    try:
        yield f"{base}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')


def _sealed(engine: Engine, path: Path) -> Path:
    """`path` with everything in its main file (no write-ahead log beside it), ready to copy."""
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once per run; tests get copies (a copy takes a millisecond,
    migrating half a second)."""
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    return _sealed(engine, path)


@dataclass(frozen=True)
class DemoBuild:
    """The run's one import of the demo chain on a backend (a SQLite file, a PostgreSQL
    template database), and how long the import took (tests/audits/importers/
    test_demo_files.py holds it to its promise). Tests get copies."""

    url: str
    seconds: float


def _timed_demo(engine: Engine) -> float:
    from audits.importers.demo import load_demo

    upgrade(engine)
    started = time.perf_counter()
    load_demo(engine)
    return time.perf_counter() - started


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> DemoBuild:
    path = tmp_path_factory.mktemp("template") / "demo.db"
    engine = make_engine(f"sqlite:///{path}")
    seconds = _timed_demo(engine)
    _sealed(engine, path)
    return DemoBuild(f"sqlite:///{path}", seconds)


@pytest.fixture(scope="session")
def demo_sqlite(demo_build: DemoBuild) -> Path:
    """The demo chain in a SQLite file, imported once per run; tests get copies."""
    return Path(demo_build.url.removeprefix("sqlite:///"))


@pytest.fixture(scope="session")
def demo_postgres(postgres_admin: Engine) -> Iterator[DemoBuild]:
    """The demo chain in a PostgreSQL database of its own, imported once per run (and per
    test worker) and used only as the template of copies (0.1 s each, the import 14 s)."""
    with postgres_database(postgres_admin) as url:
        engine = make_engine(url)
        seconds = _timed_demo(engine)
        engine.dispose()  # a template may have no open connections
        yield DemoBuild(url, seconds)


@contextmanager
def postgres_database(admin: Engine, template: str | None = None) -> Iterator[str]:
    """The URL of a new database on the test server, a copy of `template` (a database URL)
    if given, dropped afterwards."""
    name = f"ma_test_{uuid.uuid4().hex[:16]}"
    server = admin.execution_options(isolation_level="AUTOCOMMIT")
    copy = f' TEMPLATE "{sa.make_url(template).database}"' if template else ""
    with server.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"{copy}')
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')


def sqlite_copy(template: Path, folder: Path, name: str = "test.db") -> str:
    """The URL of a copy of `template` in `folder`: a database of the test's own."""
    target = folder / name
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A fresh database with the schema migrated to the newest revision: a copy of the
    migrated template on SQLite; on PostgreSQL a schema of its own, migrated (0.1 s, as
    fast as copying a template database and dropping it again)."""
    if request.param == "sqlite":
        with opened(sqlite_copy(request.getfixturevalue("migrated_sqlite"), tmp_path)) as engine:
            yield engine
        return
    with postgres_schema(request.getfixturevalue("postgres_admin")) as url, opened(url) as engine:
        upgrade(engine)
        yield engine


@contextmanager
def demo_copy(request: pytest.FixtureRequest, folder: Path) -> Iterator[Engine]:
    """A copy of the run's demo chain on the backend the fixture's param names: a file in
    `folder` on SQLite, a database of its own on PostgreSQL."""
    if request.param == "sqlite":
        with opened(sqlite_copy(request.getfixturevalue("demo_sqlite"), folder)) as engine:
            yield engine
        return
    template = request.getfixturevalue("demo_postgres").url
    admin = request.getfixturevalue("postgres_admin")
    with postgres_database(admin, template) as url, opened(url) as engine:
        yield engine


@pytest.fixture(params=BACKENDS)
def own_demo(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A demo chain of the test's own, to change at will."""
    with demo_copy(request, tmp_path) as engine:
        yield engine


@pytest.fixture
def conn(engine: Engine) -> Iterator[Connection]:
    """One connection in one transaction, committed when the test ends."""
    with engine.begin() as connection:
        yield connection
