"""What the schema itself guarantees, the same on both backends."""

import datetime as dt

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, StatementError

from audits.records.tables import regions, staff, standard_versions, stores, visits


def _store(conn: Connection) -> None:
    conn.execute(sa.insert(regions).values(id="nord", name="Nord"))
    conn.execute(sa.insert(stores).values(store_id="S1", name="A", region_id="nord", city="HH"))


def _version(conn: Connection) -> int:
    return conn.execute(
        sa.insert(standard_versions)
        .values(standard_id="x", version="v", title='"X"', channel="web", yaml_text="id: x")
        .returning(standard_versions.c.id)
    ).scalar_one()


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(sa.insert(staff).values(staff_id="M1", store_id="nope", display_name="X"))


def test_a_visit_status_outside_the_workflow_is_refused(engine: Engine) -> None:
    with engine.begin() as conn:
        _store(conn)
        version_id = _version(conn)
    row = {
        "id": "v1",
        "store_id": "S1",
        "standard_version_id": version_id,
        "channel": "in_store",
        "started_at": dt.datetime(2025, 11, 3, 14, 5, tzinfo=dt.UTC),
        "status": "lost",
    }
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(sa.insert(visits).values(row))


def test_times_come_back_as_aware_utc(conn: Connection) -> None:
    _store(conn)
    berlin = dt.timezone(dt.timedelta(hours=1))
    started = dt.datetime(2025, 11, 3, 15, 5, tzinfo=berlin)
    conn.execute(
        sa.insert(visits).values(
            id="v1",
            store_id="S1",
            standard_version_id=_version(conn),
            channel="in_store",
            started_at=started,
        )
    )
    row = conn.execute(sa.select(visits)).mappings().one()
    assert row["started_at"] == started
    assert row["started_at"].utcoffset() == dt.timedelta(0)
    assert row["status"] == "draft"
    assert row["created_at"].tzinfo is not None


def test_naive_times_are_refused(conn: Connection) -> None:
    _store(conn)
    with pytest.raises(StatementError, match="naive datetime"):
        conn.execute(
            sa.insert(visits).values(
                id="v1",
                store_id="S1",
                standard_version_id=_version(conn),
                channel="in_store",
                started_at=dt.datetime(2025, 11, 3, 15, 5),
            )
        )


def test_server_defaults_fill_flags_and_timestamps(conn: Connection) -> None:
    _store(conn)
    conn.exec_driver_sql("INSERT INTO people (username, full_name) VALUES ('x', 'X')")
    row = conn.exec_driver_sql("SELECT active, language, created_at FROM people").one()
    assert bool(row.active) is True
    assert row.language == "de"
    assert row.created_at is not None
    assert conn.execute(sa.select(stores.c.active)).scalar() is True
