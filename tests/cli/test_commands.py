"""The command line as a user meets it: exit codes, stdout results, stderr problems."""

from pathlib import Path

import pytest
import sqlalchemy as sa

from audits.records.db import make_engine
from audits.records.tables import stores as stores_table
from cli.main import main
from tests.conftest import sqlite_copy

LIBRARY = Path(__file__).resolve().parents[2] / "standards" / "library"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_validate_prints_ok_with_id_and_version_for_the_library(capsys) -> None:
    assert main(["validate", str(LIBRARY)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 4
    ids = sorted(line.split("(")[1].split(",")[0] for line in out)
    assert all(line.startswith("OK ") for line in out)
    assert ids == [
        "email-chat-enquiry",
        "fast-food-visit",
        "phone-mystery-call",
        "retail-store-visit",
    ]


def test_validate_reports_each_problem_with_file_and_line(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitel: Hallo\n", encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:2:1: E002" in err
    assert "did you mean 'title'?" in err


MISTAKEN_BONUS = """\
id: shop
title: Shop
channel: in_store
languages: [en]
sections:
  - id: store
    title: Store
    items:
      - {id: clean, type: yes_no, text: Clean?}
      - {id: order_right, type: yes_no, text: Order right?}
      - {id: drive_thru, type: yes_no, text: Drive-thru visit?, bonus: true, weight: 2}
"""


def test_validate_prints_warnings_and_exits_0_unless_strict(tmp_path: Path, capsys) -> None:
    path = tmp_path / "shop.yaml"
    path.write_text(MISTAKEN_BONUS, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith(f"OK {path} (shop, ")
    assert err.startswith(f"{path}:11:") and " W001 " in err
    assert main(["validate", "--strict", str(path)]) == 1
    assert " W001 " in capsys.readouterr().err


def test_demo_loads_only_into_the_default_file_unless_asked_for_and_only_once(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """`make run` calls `demo --if-empty`: an empty production database named by
    DATABASE_URL must not receive demo accounts with a published password; asked for by
    name, the demo loads, and only into an empty database."""
    from audits.records.stats import is_empty

    url = f"sqlite:///{tmp_path / 'production.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["demo", "--if-empty"]) == 0
    assert "demo not loaded" in capsys.readouterr().out
    assert main(["init"]) == 0
    with make_engine(url).connect() as conn:
        assert is_empty(conn)
    assert main(["demo"]) == 0  # asked for by name, it loads
    out = capsys.readouterr().out
    assert "stores: 28 added" in out and "Demo accounts" in out
    assert "regional_manager  regional" in out
    assert main(["demo", "--if-empty"]) == 0
    assert "not loaded" in capsys.readouterr().out
    assert main(["demo", "--db", url]) == 1  # a second load would duplicate the chain


def test_import_reports_bad_rows_and_writes_nothing(db: str, tmp_path: Path, capsys) -> None:
    stores = tmp_path / "stores.csv"
    stores.write_text(
        "store_id,name,region,city\nS1,Eins,Nord,Kiel\nS2,,Nord,Kiel\nS3,Drei,,Kiel\n",
        encoding="utf-8",
    )
    assert main(["import", "stores", str(stores), "--db", db]) == 1
    err = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[0] for line in err] == [f"{stores}:3", f"{stores}:4"]
    good = tmp_path / "good.csv"
    good.write_text("store_id,name,region,city\nS1,Eins,Nord,Kiel\n", encoding="utf-8")
    assert main(["import", "stores", str(good), "--db", db]) == 0
    assert "1 added" in capsys.readouterr().out
    assert main(["import", "stores", str(good), "--db", db]) == 0
    assert "nothing changed" in capsys.readouterr().out


def test_user_add_refuses_unknown_roles_and_missing_scopes(db: str, capsys) -> None:
    assert (
        main(["user", "add", "x", "--name", "X", "--roles", "boss;store_manager", "--db", db]) == 1
    )
    err = capsys.readouterr().err
    assert "unknown role 'boss'" in err
    assert "store_manager needs --stores" in err


def test_user_passwd_and_disable(db: str, capsys, monkeypatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password\n"))
    assert (
        main(
            [
                "user",
                "add",
                "ria",
                "--name",
                "Ria",
                "--roles",
                "trainer",
                "--password-stdin",
                "--db",
                db,
            ]
        )
        == 0
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["user", "passwd", "ria", "--password-stdin", "--db", db]) == 1
    assert "at least 8 characters" in capsys.readouterr().err
    assert main(["user", "disable", "nobody", "--db", db]) == 1
    assert main(["user", "disable", "ria", "--db", db]) == 0


def test_unknown_command_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as stop:
        main(["bogus"])
    assert stop.value.code == 2


def test_backup_and_restore_from_the_command_line(migrated_sqlite, tmp_path: Path, capsys) -> None:
    # The demo chain's round trip is tests/audits/records/test_backup.py; here the wiring.
    db = sqlite_copy(migrated_sqlite, tmp_path, "small.db")
    stores = tmp_path / "stores.csv"
    stores.write_text("store_id,name,region,city\nS1,Eins,Nord,Kiel\n", encoding="utf-8")
    assert main(["import", "stores", str(stores), "--db", db]) == 0
    target = tmp_path / "small.gz"
    assert main(["backup", "--db", db, str(target)]) == 0
    assert "rows in" in capsys.readouterr().out
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    assert main(["restore", "--db", empty, str(target)]) == 0
    assert "restored" in capsys.readouterr().out
    with make_engine(empty).connect() as conn:
        assert conn.execute(sa.select(stores_table.c.name)).scalars().all() == ["Eins"]
    assert main(["restore", "--db", empty, str(target)]) == 1
    assert "already holds data" in capsys.readouterr().err
    assert main(["restore", "--db", empty, str(tmp_path / "missing.gz")]) == 1
    assert "no such file" in capsys.readouterr().err
