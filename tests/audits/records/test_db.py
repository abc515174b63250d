"""Engine setup and migrations, on SQLite and PostgreSQL."""

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Engine

from audits.records import db
from audits.records.tables import metadata

HEAD = "0010"  # the newest migration in audits/records/migrations/versions


def test_database_url_defaults_to_the_sqlite_file_under_data(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(db, "DEFAULT_SQLITE", tmp_path / "data" / "mystery-audit.db")
    assert db.database_url() == f"sqlite:///{tmp_path}/data/mystery-audit.db"
    assert (tmp_path / "data").is_dir()


def test_the_default_file_lives_in_the_repository_data_folder() -> None:
    repository = Path(__file__).resolve().parents[3]
    assert db.DEFAULT_SQLITE.relative_to(repository) == Path("data", "mystery-audit.db")


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgres://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        ("postgresql://u@h:5433/db", "postgresql+psycopg://u@h:5433/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_database_url_names_the_psycopg_driver(
    monkeypatch: pytest.MonkeyPatch, given: str, used: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", given)
    assert db.database_url() == used


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.BUSY_TIMEOUT_MS
    engine.dispose()


def test_an_in_memory_database_is_one_database_for_every_connection() -> None:
    engine = db.make_engine("sqlite://")
    db.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO regions (id, name) VALUES ('n', 'Nord')"))
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT name FROM regions")).scalar() == "Nord"


def test_migrations_create_every_table(blank_engine: Engine) -> None:
    db.upgrade(blank_engine)
    tables = set(sa.inspect(blank_engine).get_table_names())
    assert tables == set(metadata.tables) | {"alembic_version"}


def test_upgrading_again_changes_nothing(engine: Engine) -> None:
    revision = db.current_revision(engine)
    db.upgrade(engine)
    assert db.current_revision(engine) == revision == HEAD
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM settings").scalar() == 1


def _schema_differences(engine: Engine, target: sa.MetaData) -> list:
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": True}
        )
        return compare_metadata(context, target)


def test_the_migrated_schema_matches_the_tables_module(engine: Engine) -> None:
    assert _schema_differences(engine, metadata) == []


def test_the_schema_comparison_would_notice_a_missing_migration(engine: Engine) -> None:
    changed = sa.MetaData(naming_convention=metadata.naming_convention)
    for table in metadata.tables.values():
        table.to_metadata(changed)
    changed.tables["stores"].append_column(sa.Column("phone", sa.String(40)))
    sa.Index("ix_answers_value", changed.tables["answers"].c.value)
    kinds = [difference[0] for difference in _schema_differences(engine, changed)]
    assert sorted(kinds) == ["add_column", "add_index"]


def test_head_is_the_newest_migration_file() -> None:
    versions = Path(db.__file__).parent / "migrations" / "versions"
    assert max(path.name.split("_")[0] for path in versions.glob("0*.py")) == HEAD


def test_migrations_can_be_undone(blank_engine: Engine) -> None:
    from alembic import command

    db.upgrade(blank_engine)
    with blank_engine.begin() as conn:
        command.downgrade(db.alembic_config(conn), "base")
    assert set(sa.inspect(blank_engine).get_table_names()) <= {"alembic_version"}


def test_a_transaction_rolls_back_when_the_block_raises(engine: Engine) -> None:
    with pytest.raises(RuntimeError), db.transaction(engine) as conn:
        conn.execute(sa.text("INSERT INTO regions (id, name) VALUES ('n', 'Nord')"))
        raise RuntimeError("stop")
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM regions")).scalar() == 0


def test_open_database_migrates_on_the_way(tmp_path: Path) -> None:
    engine = db.open_database(f"sqlite:///{tmp_path / 'new.db'}")
    assert db.current_revision(engine) == HEAD
    engine.dispose()


STAFF_YAML = """\
id: x
title: X
channel: in_store
languages: [de]
sections:
  - id: s
    title: S
    items:
      - {id: greeted, type: yes_no, text: Greeted?, subject: staff}
"""


def test_upgrading_a_database_with_visits_keeps_every_row(blank_engine: Engine) -> None:
    """Migrations run on databases in use: no row may be lost on the way to head."""
    db.upgrade(blank_engine, "0002")
    now = "2026-11-20 10:00:00+00:00"
    statements = [
        "INSERT INTO regions (id, name) VALUES ('nord', 'Nord')",
        "INSERT INTO stores (store_id, name, region_id, city) VALUES ('S1', 'A', 'nord', 'HH')",
        "INSERT INTO people (id, username, full_name, created_at) VALUES (1, 'rita', 'R', :now)",
        "INSERT INTO standard_versions (id, standard_id, version, title, channel, yaml_text,"
        " created_at) VALUES (1, 'x', 'v1', '\"X\"', 'in_store', :yaml, :now)",
        "INSERT INTO visits (id, store_id, standard_version_id, channel, started_at, status,"
        " created_at, updated_at)"
        " VALUES ('v1', 'S1', 1, 'in_store', :now, 'approved', :now, :now)",
        "INSERT INTO answers (visit_id, item_id, value, is_na, applicable, passed, reason)"
        " VALUES ('v1', 'greeted', 'yes', false, true, true, 'counted')",
        "INSERT INTO visit_scores (visit_id, standard_version_id, critical_failed, earned,"
        " possible, scored_at) VALUES ('v1', 1, false, 1, 1, :now)",
        "INSERT INTO section_scores (visit_id, section_id, earned, possible)"
        " VALUES ('v1', 's', 1, 1)",
        "INSERT INTO attachments (visit_id, filename, mime, bytes, created_at)"
        " VALUES ('v1', 'a.jpg', 'image/jpeg', :blob, :now)",
        "INSERT INTO reviews (visit_id, reviewer_id, action, created_at)"
        " VALUES ('v1', 1, 'approved', :now)",
    ]
    tables = ["visits", "answers", "visit_scores", "section_scores", "attachments", "reviews"]
    with blank_engine.begin() as conn:
        for statement in statements:
            conn.execute(sa.text(statement), {"now": now, "blob": b"\xff\xd8", "yaml": STAFF_YAML})

    def counts() -> dict[str, int]:
        with blank_engine.connect() as conn:
            return {t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar() for t in tables}  # noqa: S608

    db.upgrade(blank_engine)
    assert counts() == dict.fromkeys(tables, 1)
    with blank_engine.connect() as conn:
        # 0005 scored the stored answers once more for the staff figures: greeted = yes.
        assert conn.execute(sa.text("SELECT staff_score FROM visit_scores")).scalar() == 100
        month = conn.execute(sa.text("SELECT applicable, failed FROM item_months")).one()
        assert tuple(month) == (1, 0)
    db.downgrade(blank_engine, "0002")  # and back: undoing a migration loses no row either
    assert counts() == dict.fromkeys(tables, 1)
