"""`import stores`: regions from names, updates, every bad row at once."""

from pathlib import Path

import openpyxl
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.importers import import_stores
from audits.records.stores import list_regions, list_stores
from audits.records.tables import audit_log

STORES = """\
store_id,name,region,city,district,address,active
S01,Hamburg Mönckebergstraße,Nord,Hamburg,Altstadt,"Mönckebergstraße 18, 20095 Hamburg",true
S02,Köln Hohe Straße,West,Köln,,,
S03,Bremen Obernstraße,nord,Bremen,,,false
"""


def test_stores_and_their_regions_are_added(conn: Connection, write) -> None:
    result = import_stores(conn, write("stores.csv", STORES))
    assert result.summary() == "stores: 3 added, 0 updated, 0 unchanged; regions added 2"
    assert result.added_ids == ["S01", "S02", "S03"]
    # Region ids are slugs of the names, so `nord` joins the region first written `Nord`.
    assert [(r.id, r.name) for r in list_regions(conn)] == [("nord", "Nord"), ("west", "West")]
    frame = list_stores(conn).set_index("store_id")
    assert frame.loc["S01", "address"] == "Mönckebergstraße 18, 20095 Hamburg"
    assert frame.loc["S03", "region_id"] == "nord"
    assert frame["active"].tolist() == [True, True, False]
    assert pd.isna(frame.loc["S02", "district"])


def test_importing_the_same_file_again_changes_nothing(conn: Connection, write) -> None:
    path = write("stores.csv", STORES)
    import_stores(conn, path)
    again = import_stores(conn, path)
    assert again.summary() == "stores: 0 added, 0 updated, 3 unchanged"
    assert not again.changed


def test_a_file_without_the_optional_columns_keeps_what_is_stored(conn: Connection, write) -> None:
    """A list of names and cities from another system must not blank the addresses or
    switch closed stores back on."""
    import_stores(conn, write("stores.csv", STORES))
    short = "store_id,name,region,city\nS01,Hamburg Mönckebergstraße,Nord,Hamburg\n"
    short += "S03,Bremen Obernstraße,nord,Bremen\nS04,Kiel Holstenstraße,Nord,Kiel\n"
    result = import_stores(conn, write("short.csv", short))
    assert result.summary() == (
        "stores: 1 added, 0 updated, 2 unchanged; "
        "not in the file, so kept as stored: district, address, active"
    )
    frame = list_stores(conn).set_index("store_id")
    assert frame.loc["S01", "district"] == "Altstadt"
    assert frame.loc["S01", "address"] == "Mönckebergstraße 18, 20095 Hamburg"
    assert not frame.loc["S03", "active"]  # still closed
    assert frame.loc["S04", "active"] and pd.isna(frame.loc["S04", "address"])  # a new store


def test_a_changed_store_is_updated_and_logged(conn: Connection, write) -> None:
    import_stores(conn, write("stores.csv", STORES))
    changed = STORES.replace("Köln Hohe Straße,West", "Köln Schildergasse,Süd")
    result = import_stores(conn, write("stores2.csv", changed))
    assert result.summary() == ("stores: 0 added, 1 updated, 2 unchanged; regions added 1")
    assert list_stores(conn).set_index("store_id").loc["S02", "region_name"] == "Süd"
    logged = (
        conn.execute(sa.select(audit_log).where(audit_log.c.action == "import_update"))
        .mappings()
        .one()
    )
    assert (logged["entity"], logged["entity_id"]) == ("stores", "S02")
    assert "Köln Hohe Straße" in logged["before"] and "Köln Schildergasse" in logged["after"]


def test_every_bad_row_is_reported_and_nothing_written(write, reject) -> None:
    path = write(
        "stores.csv",
        """\
        store_id,name,region,city,active
        S01,Hamburg,Nord,Hamburg,true
        ,Nameless,Nord,Kiel,
        S01,Twice,Nord,Hamburg,
        S04,,Nord,,vielleicht
        S05,Odd region,---,Bremen,
        S06,No region,,Bremen,
        """,
    )
    assert reject(import_stores, path) == [
        "stores.csv:3: store_id is empty",
        "stores.csv:4: store_id 'S01' is already on row 2",
        "stores.csv:5: name is empty",
        "stores.csv:5: city is empty",
        "stores.csv:5: active 'vielleicht' is not true or false",
        "stores.csv:6: region '---' needs a letter or digit",
        "stores.csv:7: region is empty",
    ]


def test_a_value_too_long_for_the_database_is_a_row_error(write, reject) -> None:
    path = write("stores.csv", f"store_id,name,region,city\n{'S' * 65},A,Nord,Kiel\n")
    assert reject(import_stores, path) == [
        "stores.csv:2: store_id is 65 characters long; at most 64"
    ]


def test_wrong_columns_are_named_with_the_allowed_ones(write, reject) -> None:
    path = write("stores.csv", "store_id,name,town,region\nS1,A,Kiel,Nord\n")
    allowed = (
        "the columns are store_id, name, region, city, and optionally district, address, active"
    )
    assert reject(import_stores, path) == [
        f"stores.csv:1: unknown column 'town'; {allowed}",
        f"stores.csv:1: missing column 'city'; {allowed}",
    ]


def test_an_xlsx_file_imports_like_a_csv(conn: Connection, tmp_path: Path) -> None:
    path = tmp_path / "stores.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["region", "store_id", "name", "city", "active"])
    sheet.append(["Nord", "S01", "Hamburg", "Hamburg", True])
    sheet.append(["Ost", 2, "Leipzig", "Leipzig", False])
    workbook.save(path)
    assert import_stores(conn, path).summary() == (
        "stores: 2 added, 0 updated, 0 unchanged; regions added 2; "
        "not in the file, so kept as stored: district, address"
    )
    assert list_stores(conn)["store_id"].tolist() == ["2", "S01"]


def test_a_semicolon_csv_with_bom_imports(conn: Connection, tmp_path: Path) -> None:
    path = tmp_path / "stores.csv"
    text = "store_id;name;region;city\r\nS01;Köln, Hohe Straße;West;Köln\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert import_stores(conn, path).added == 1
    assert list_stores(conn).loc[0, "name"] == "Köln, Hohe Straße"
