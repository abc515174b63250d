"""Backup and restore: a running demo database comes back row for row, on both backends and
across them; a cut, altered or foreign file is refused and writes nothing."""

import gzip
import os
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from audits.accounts.people import get_person
from audits.accounts.sessions import start_session
from audits.importers.demo import load_demo
from audits.records.backup import BackupRefused, restore_backup, tables, write_backup
from audits.records.db import make_engine, upgrade
from audits.records.tables import audit_log, sessions
from tests.conftest import postgres_schema


def everything(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every backed-up table, in key order."""
    found = {}
    with engine.connect() as conn:
        for table in tables():
            query = sa.select(table).order_by(*table.primary_key.columns)
            found[table.name] = [tuple(row) for row in conn.execute(query)]
    return found


@pytest.fixture(scope="module")
def demo_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    url = f"sqlite:///{tmp_path_factory.mktemp('backup') / 'demo.db'}"
    engine = make_engine(url)
    upgrade(engine)
    load_demo(engine)
    with engine.begin() as conn:
        start_session(conn, get_person(conn, "admin").id)  # sessions stay out of a backup
    return engine


def test_a_backup_restores_row_for_row_into_an_empty_database(
    demo_sqlite: Engine, blank_engine: Engine, tmp_path: Path
) -> None:
    target = tmp_path / "demo.backup.gz"
    counts = write_backup(demo_sqlite, target)
    assert counts["answers"] == 87377 and sessions.name not in counts
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600  # personal data
    restored = restore_backup(blank_engine, target)  # SQLite, and PostgreSQL: across
    assert restored == counts
    assert everything(blank_engine) == everything(demo_sqlite)
    with blank_engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(sessions)).scalar() == 0


def test_a_postgres_backup_restores_into_sqlite_alike(
    demo_sqlite: Engine, postgres_admin: Engine, tmp_path: Path
) -> None:
    first, second = tmp_path / "from-sqlite.gz", tmp_path / "from-postgres.gz"
    write_backup(demo_sqlite, first)
    with postgres_schema(postgres_admin) as url:
        postgres = make_engine(url)
        restore_backup(postgres, first)
        write_backup(postgres, second)
        # New rows get ids after the restored ones (the sequences were moved on).
        with postgres.begin() as conn:
            new_id = conn.execute(
                sa.insert(audit_log)
                .values(entity="test", entity_id="x", action="check", at=sa.func.now())
                .returning(audit_log.c.id)
            ).scalar_one()
        highest = max(row[0] for row in everything(demo_sqlite)["audit_log"])
        assert new_id > highest
        postgres.dispose()
    back = make_engine(f"sqlite:///{tmp_path / 'back.db'}")
    restore_backup(back, second)
    assert everything(back) == everything(demo_sqlite)


def test_a_backup_taken_while_the_app_writes_is_one_moment(
    demo_sqlite: Engine, tmp_path: Path
) -> None:
    """A row written after the backup started (here: while its first table is read) is
    not in it, though the table it goes to is read later."""

    def write_meanwhile(number: int, total: int, name: str) -> None:
        if number == 1:
            with demo_sqlite.begin() as conn:
                conn.execute(
                    sa.insert(audit_log).values(
                        entity="test", entity_id="late", action="check", at=sa.func.now()
                    )
                )

    before = len(everything(demo_sqlite)["audit_log"])
    counts = write_backup(demo_sqlite, tmp_path / "b.gz", progress=write_meanwhile)
    assert counts["audit_log"] == before
    assert len(everything(demo_sqlite)["audit_log"]) == before + 1


def test_restore_refuses_a_database_with_data(demo_sqlite: Engine, tmp_path: Path) -> None:
    target = tmp_path / "demo.gz"
    write_backup(demo_sqlite, target)
    with pytest.raises(BackupRefused, match="already holds data"):
        restore_backup(demo_sqlite, target)


@pytest.mark.parametrize(
    "damage",
    ["cut", "altered", "not_gzip", "foreign"],
)
def test_a_damaged_backup_is_refused_and_nothing_is_written(
    demo_sqlite: Engine, tmp_path: Path, damage: str
) -> None:
    target = tmp_path / "demo.gz"
    write_backup(demo_sqlite, target)
    lines = gzip.decompress(target.read_bytes()).decode().splitlines(keepends=True)
    if damage == "cut":
        target.write_bytes(gzip.compress("".join(lines[: len(lines) // 2]).encode()))
    elif damage == "altered":
        text = "".join(lines)
        assert '"city":"Hamburg"' in text
        target.write_bytes(
            gzip.compress(text.replace('"city":"Hamburg"', '"city":"Altona"', 1).encode())
        )
    elif damage == "not_gzip":
        target.write_text("store_id,name\nS1,Kiel\n")
    else:
        target.write_bytes(gzip.compress(b'{"format": "other", "version": 1}\n{"end": true}\n'))
    empty = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    with pytest.raises(BackupRefused):
        restore_backup(empty, target)
    assert sa.inspect(empty).get_table_names() == []  # not even the schema was written
