"""The committed demo chain goes through every importer, fast, and a second time as a no-op."""

import time
from pathlib import Path

from sqlalchemy.engine import Connection

from audits.importers import import_staff, import_stores, import_users, import_visits
from audits.records.stats import count_rows
from standards import load_library

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


def test_the_demo_chain_imports_in_seconds_and_again_as_a_no_op(conn: Connection) -> None:
    started = time.perf_counter()
    _import_all(conn)
    took = time.perf_counter() - started
    counts = count_rows(conn)
    assert (counts["stores"], counts["staff"], counts["people"]) == (28, 130, 18)
    assert counts["visits"] == 1453 + 348 + 249
    assert counts["answers"] == 87377
    assert counts["standard_versions"] == 3
    assert took < 20, f"the demo import took {took:.1f} s"

    again = _import_all(conn)
    assert again[:3] == [
        "stores: 0 added, 0 updated, 28 unchanged",
        "staff: 0 added, 0 updated, 130 unchanged",
        "users: 0 added, 0 updated, 18 unchanged",
    ]
    assert all(line.startswith("visits: 0 added") for line in again[3:])
    assert count_rows(conn) == counts
