"""Backup and restore: a running demo database comes back row for row, on both backends and
across them; a cut, altered or foreign file is refused and writes nothing."""

import gzip
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from audits.accounts.people import get_person
from audits.accounts.sessions import start_session
from audits.records.backup import BackupRefused, restore_backup, tables, write_backup
from audits.records.db import make_engine
from audits.records.tables import audit_log, sessions
from tests.conftest import postgres_schema, sqlite_copy


def everything(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every backed-up table, in key order."""
    found = {}
    with engine.connect() as conn:
        for table in tables():
            query = sa.select(table).order_by(*table.primary_key.columns)
            found[table.name] = [tuple(row) for row in conn.execute(query)]
    return found


@pytest.fixture(scope="module")
def demo_chain(tmp_path_factory: pytest.TempPathFactory, demo_sqlite) -> Engine:
    engine = make_engine(sqlite_copy(demo_sqlite, tmp_path_factory.mktemp("backup")))
    with engine.begin() as conn:
        start_session(conn, get_person(conn, "admin").id)  # sessions stay out of a backup
    return engine


@dataclass(frozen=True)
class Backup:
    path: Path
    counts: dict[str, int]


@pytest.fixture(scope="module")
def demo_backup(demo_chain: Engine, tmp_path_factory: pytest.TempPathFactory) -> Backup:
    """One backup of the demo chain, for every test that restores, damages or refuses it."""
    target = tmp_path_factory.mktemp("backup-file") / "demo.gz"
    return Backup(target, write_backup(demo_chain, target))


def test_a_backup_restores_row_for_row_into_an_empty_database(
    demo_chain: Engine, demo_backup: Backup, blank_engine: Engine
) -> None:
    target, counts = demo_backup.path, demo_backup.counts
    assert counts["answers"] == 87377 and sessions.name not in counts
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600  # personal data
    restored = restore_backup(blank_engine, target)  # SQLite, and PostgreSQL: across
    assert restored == counts
    assert everything(blank_engine) == everything(demo_chain)
    with blank_engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(sessions)).scalar() == 0


@pytest.mark.postgres
def test_a_postgres_backup_restores_into_sqlite_alike(
    demo_chain: Engine, postgres_admin: Engine, tmp_path: Path
) -> None:
    first, second = tmp_path / "from-sqlite.gz", tmp_path / "from-postgres.gz"
    write_backup(demo_chain, first)
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
        highest = max(row[0] for row in everything(demo_chain)["audit_log"])
        assert new_id > highest
        postgres.dispose()
    back = make_engine(f"sqlite:///{tmp_path / 'back.db'}")
    restore_backup(back, second)
    assert everything(back) == everything(demo_chain)


def test_a_backup_taken_while_the_app_writes_is_one_moment(
    demo_sqlite: Path, tmp_path: Path
) -> None:
    """A row written after the backup started (here: while its first table is read) is
    not in it, though the table it goes to is read later."""
    # A copy of its own: this test writes, and the module's demo chain is shared.
    demo_chain = make_engine(sqlite_copy(demo_sqlite, tmp_path))

    def write_meanwhile(number: int, total: int, name: str) -> None:
        if number == 1:
            with demo_chain.begin() as conn:
                conn.execute(
                    sa.insert(audit_log).values(
                        entity="test", entity_id="late", action="check", at=sa.func.now()
                    )
                )

    def logged() -> int:
        with demo_chain.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(audit_log)).scalar_one()

    before = logged()
    counts = write_backup(demo_chain, tmp_path / "b.gz", progress=write_meanwhile)
    assert counts["audit_log"] == before
    assert logged() == before + 1
    demo_chain.dispose()


def test_restore_refuses_a_database_with_data(demo_chain: Engine, demo_backup: Backup) -> None:
    with pytest.raises(BackupRefused, match="already holds data"):
        restore_backup(demo_chain, demo_backup.path)


@pytest.mark.parametrize(
    "damage",
    ["cut", "altered", "not_gzip", "foreign"],
)
def test_a_damaged_backup_is_refused_and_nothing_is_written(
    demo_backup: Backup, tmp_path: Path, damage: str
) -> None:
    target = tmp_path / "demo.gz"
    shutil.copyfile(demo_backup.path, target)
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
