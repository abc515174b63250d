"""A small organisation and standard, written inline so each test shows what it relies on."""

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Connection, Engine

from audits.accounts.people import add_person
from audits.importers import import_staff, import_stores, import_users
from audits.visits.submit import submit_visit
from standards import Standard, load_standard_text
from tests.audits.drafts import complete, start_draft
from tests.conftest import BACKENDS, demo_copy

STORES = """\
store_id,name,region,city
S1,Hamburg Mitte,Nord,Hamburg
S2,München Ost,Süd,München
"""
STAFF = """\
staff_id,store_id,display_name
MA-1,S1,Lena
MA-2,S2,Luca
"""
USERS = """\
username,full_name,email,roles,regions,stores,language
anna,Anna Arndt,anna@example.com,shopper,,,de
ben,Ben Brandt,,regional_manager,Nord,,en
"""
STANDARD = """\
id: mini
title: {de: Mini-Besuch, en: Mini visit}
channel: in_store
languages: [de, en]
sections:
  - id: s
    title: S
    items:
      - {id: greeted, type: yes_no, text: Greeted?, na_allowed: true}
      - {id: friendly, type: scale, text: Friendly?, min: 1, max: 5}
      - {id: wait, type: number, text: Wait, unit: s, pass_if: {max: 60}}
      - {id: note, type: text, text: Note}
"""

Write = Callable[[str, str], Path]


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """Writes a dedented text file into the test's folder and returns its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def standard() -> Standard:
    return load_standard_text(STANDARD, "mini.yaml")


@pytest.fixture
def org(conn: Connection, write: Write) -> Connection:
    """`conn` with two stores (regions Nord and Süd), one staff member each, two users."""
    import_stores(conn, write("org_stores.csv", STORES))
    import_staff(conn, write("org_staff.csv", STAFF))
    import_users(conn, write("org_users.csv", USERS))
    return conn


Reject = Callable[..., list[str]]


@pytest.fixture
def reject(conn: Connection, tmp_path: Path) -> Reject:
    """Runs an import that must fail; checks nothing was written; returns the error lines.

    The lines name files relative to the test's folder, so tests can spell them out.
    """
    from audits.importers import ImportRejected
    from audits.records.stats import count_rows

    def _reject(function: Callable[..., object], *args: object) -> list[str]:
        before = count_rows(conn)
        with pytest.raises(ImportRejected) as caught:
            function(conn, *args)
        assert count_rows(conn) == before
        return [line.replace(f"{tmp_path}/", "") for line in caught.value.errors]

    return _reject


@pytest.fixture
def submitted(org: Connection):
    """(conn, shopper, reviewer, store manager of S1, visit id) of a submitted visit."""
    anna, visit_id = start_draft(org)
    complete(org, anna, visit_id)
    assert submit_visit(org, anna, visit_id).status == "submitted"
    rita = add_person(org, "rita", "Rita", ["reviewer"])
    sven = add_person(org, "sven", "Sven", ["store_manager"], stores=["S1"])
    return org, anna, rita, sven, visit_id


@pytest.fixture(scope="session", params=BACKENDS)
def demo(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[Engine]:
    """The demo chain for the whole run, shared by the dashboard and report reads: tests
    only read it (a test that writes takes `own_demo`)."""
    with demo_copy(request, tmp_path_factory.mktemp("dash")) as engine:
        yield engine
