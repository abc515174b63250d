"""The committed demo chain goes through every importer, fast, and a second time as a no-op."""

import time
from pathlib import Path

import pytest
from sqlalchemy.engine import Connection, Engine

from audits.importers import import_staff, import_stores, import_users, import_visits
from audits.importers.demo import load_demo
from audits.records.db import make_engine, upgrade
from audits.records.stats import count_rows
from standards import load_library
from tests.conftest import DemoBuild, postgres_schema, sqlite_copy

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
    demo_build: DemoBuild, tmp_path: Path
) -> None:
    # The run's one SQLite import of the demo (tests/conftest.py) is the first load.
    engine = make_engine(sqlite_copy(demo_build.path, tmp_path))
    with engine.begin() as conn:
        _check_no_op(conn, _check_first_load(conn, demo_build.seconds))
    engine.dispose()


@pytest.mark.postgres
def test_the_demo_chain_imports_into_postgresql_in_seconds_and_again_as_a_no_op(
    postgres_admin: Engine,
) -> None:
    with postgres_schema(postgres_admin) as url:
        engine = make_engine(url)
        upgrade(engine)
        started = time.perf_counter()
        load_demo(engine)
        took = time.perf_counter() - started
        with engine.begin() as conn:
            _check_no_op(conn, _check_first_load(conn, took))
        engine.dispose()
