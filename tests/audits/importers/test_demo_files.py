"""The committed demo chain goes through every importer, fast, and a second time as a no-op."""

from pathlib import Path

import pytest
from sqlalchemy.engine import Connection, Engine

from audits.importers import import_staff, import_stores, import_users, import_visits
from audits.records.stats import count_rows
from standards import load_library
from tests.conftest import DemoBuild

ROOT = Path(__file__).resolve().parents[3]
DEMO = ROOT / "sample_data" / "demo"


def _import_all(conn: Connection) -> list[str]:
    summaries = [
        import_stores(conn, DEMO / "stores.csv").summary(),
        import_staff(conn, DEMO / "staff.csv").summary(),
        import_users(conn, DEMO / "users.csv").summary(),
    ]
    for standard in load_library(DEMO / "standards"):
        visits, answers = DEMO / f"visits_{standard.id}.csv", DEMO / f"answers_{standard.id}.csv"
        summaries.append(import_visits(conn, standard, visits, answers).summary())
    return summaries


def _check_first_load(conn: Connection, took: float) -> dict[str, int]:
    counts = count_rows(conn)
    assert (counts["stores"], counts["staff"], counts["people"]) == (28, 130, 18)
    assert counts["visits"] == 1453 + 348 + 249
    assert counts["answers"] == 87377
    assert counts["standard_versions"] == 3 + 4  # the demo's versions and the library's
    assert took < 20, f"the demo import took {took:.1f} s"
    return counts


def _check_no_op(conn: Connection, counts: dict[str, int]) -> None:
    again = _import_all(conn)
    assert again[:3] == [
        "stores: 0 added, 0 updated, 28 unchanged",
        "staff: 0 added, 0 updated, 130 unchanged",
        "users: 0 added, 0 updated, 18 unchanged",
    ]
    assert all(line.startswith("visits: 0 added") for line in again[3:])
    assert count_rows(conn) == counts


def test_the_demo_chain_imports_in_seconds_and_again_as_a_no_op(
    own_demo: Engine, request: pytest.FixtureRequest
) -> None:
    # The run's one import of the demo on each backend (tests/conftest.py) is the first
    # load; `own_demo` is a copy of it, which the second load goes into.
    sqlite = own_demo.dialect.name == "sqlite"
    build: DemoBuild = request.getfixturevalue("demo_build" if sqlite else "demo_postgres")
    with own_demo.begin() as conn:
        _check_no_op(conn, _check_first_load(conn, build.seconds))
