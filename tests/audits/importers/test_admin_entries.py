"""Stores, staff and accounts added one at a time or by file: German headers, the same
checks as a file's row, and an audit-trail row for every change."""

import csv
import io
import json

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.people import add_person, change_scopes, set_active
from audits.importers import ImportRejected, import_staff, import_stores
from audits.importers import staff as staff_import
from audits.importers import stores as stores_import
from audits.importers.headers import template
from audits.records.stores import list_stores
from audits.records.tables import audit_log

GERMAN_STORES = """\
Filial-ID;Name;Region;Ort;Bezirk;Adresse;Aktiv
S01;Hamburg Mönckebergstraße;Nord;Hamburg;Altstadt;Mönckebergstraße 18;ja
S02;Köln Hohe Straße;West;Köln;;;nein
"""


def trail(conn: Connection) -> list[dict]:
    query = sa.select(audit_log).order_by(audit_log.c.id)
    return [dict(row) for row in conn.execute(query).mappings()]


def test_a_file_with_german_headers_imports(conn: Connection, write) -> None:
    result = import_stores(conn, write("filialen.csv", GERMAN_STORES))
    assert (result.added, result.updated) == (2, 0)
    frame = list_stores(conn).set_index("store_id")
    assert frame.loc["S01", "district"] == "Altstadt"
    assert not frame.loc["S02", "active"]
    staff = "Personal-ID;Filial-ID;Anzeigename\nP1;S01;Anna K.\n"
    assert import_staff(conn, write("personal.csv", staff)).added == 1


def test_english_and_internal_headers_still_import(conn: Connection, write) -> None:
    english = "Store ID,Name,Region,City\nS01,Hamburg,Nord,Hamburg\n"
    internal = "store_id,name,region,city\nS02,Köln,West,Köln\n"
    assert import_stores(conn, write("a.csv", english)).added == 1
    assert import_stores(conn, write("b.csv", internal)).added == 1


@pytest.mark.parametrize(
    ("lang", "first"), [("de", ["Filial-ID", "Name", "Region", "Ort"]), ("en", ["Store ID"])]
)
def test_the_template_has_headers_in_the_readers_language(lang, first) -> None:
    text = template(stores_import.COLUMNS, lang).decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text), delimiter=";" if lang == "de" else ","))
    assert header[: len(first)] == first
    assert "store_id" not in header


def test_the_template_imports_once_filled(conn: Connection, write) -> None:
    text = template(stores_import.COLUMNS, "de").decode("utf-8-sig")
    text += "S09;Neustadt Markt;Süd;Neustadt;;;ja\n"
    assert import_stores(conn, write("vorlage.csv", text)).added_ids == ["S09"]


def test_an_import_leaves_one_summary_row_and_one_row_per_new_store(
    conn: Connection, write
) -> None:
    import_stores(conn, write("filialen.csv", GERMAN_STORES), by=None)
    rows = trail(conn)
    created = [(row["entity"], row["entity_id"]) for row in rows if row["action"] == "create"]
    assert created == [("stores", "S01"), ("stores", "S02")]
    summary = [row for row in rows if row["action"] == "import"]
    assert [(row["entity"], row["entity_id"]) for row in summary] == [("import", "stores")]
    assert json.loads(summary[0]["after"]) == {
        "file": "filialen.csv",
        "added": 2,
        "updated": 0,
        "unchanged": 0,
    }


def test_one_store_from_the_form_is_added_and_logged(conn: Connection, write) -> None:
    import_stores(conn, write("filialen.csv", GERMAN_STORES))
    before = len(trail(conn))
    cells = {
        "store_id": "S77",
        "name": "Neustadt Markt",
        "region": "Nord",
        "city": "Neustadt",
        "district": "",
        "address": "",
        "active": "true",
    }
    stores_import.add_store(conn, cells, by=None)
    assert list_stores(conn).set_index("store_id").loc["S77", "region_id"] == "nord"
    rows = trail(conn)[before:]
    assert [(row["entity"], row["entity_id"], row["action"]) for row in rows] == [
        ("stores", "S77", "create")
    ]
    assert json.loads(rows[0]["after"])["name"] == "Neustadt Markt"


def test_the_form_refuses_what_a_file_row_would_refuse_naming_the_field(
    conn: Connection, write
) -> None:
    import_stores(conn, write("filialen.csv", GERMAN_STORES))
    cells = {"store_id": "S01", "name": "", "region": "Nord", "city": "X" * 500, "active": "kaum"}
    with pytest.raises(ImportRejected) as refused:
        stores_import.add_store(conn, cells)
    found = {(p.field, p.code) for p in refused.value.problems}
    assert found == {
        ("store_id", "taken"),
        ("name", "empty"),
        ("city", "too_long"),
        ("active", "flag"),
    }
    with pytest.raises(ImportRejected) as refused:
        staff_import.add_staff(
            conn, {"staff_id": "P9", "store_id": "S99", "display_name": "Bo", "active": "true"}
        )
    assert [(p.field, p.code) for p in refused.value.problems] == [("store_id", "unknown_store")]


def test_account_changes_are_logged_without_the_password(conn: Connection, write) -> None:
    import_stores(conn, write("filialen.csv", GERMAN_STORES))
    admin = add_person(conn, "chef", "Chefin", ["admin"], password="ein-langes-passwort-1")
    person = add_person(
        conn, "Neu", "Nina Neu", ["store_manager"], stores=["S01"], by=admin.id,
        password="ein-langes-passwort-2",
    )  # fmt: skip
    change_scopes(conn, person.id, ["store_manager"], stores=["S01", "S02"], by=admin.id)
    set_active(conn, "neu", False, by=admin.id)
    rows = [row for row in trail(conn) if row["entity_id"] == "neu"]
    assert [(row["entity"], row["action"], row["person_id"]) for row in rows] == [
        ("people", "create", admin.id),
        ("people", "change", admin.id),
        ("people", "disable", admin.id),
    ]
    assert "passwort" not in rows[0]["after"]
    assert json.loads(rows[1]["before"])["stores"] == ["S01"]
    assert json.loads(rows[1]["after"])["stores"] == ["S01", "S02"]


def test_a_new_staff_members_row_holds_no_name(conn: Connection, write) -> None:
    import_stores(conn, write("filialen.csv", GERMAN_STORES))
    import_staff(conn, write("personal.csv", "Personal-ID;Filial-ID;Anzeigename\nP1;S01;Ada\n"))
    (created,) = [row for row in trail(conn) if row["entity"] == "staff"]
    assert created["action"] == "create" and "Ada" not in created["after"]


def test_erasing_an_account_leaves_no_username_in_its_trail_rows(conn: Connection) -> None:
    from audits.visits.privacy import erase_user

    add_person(conn, "gone", "Greta Gone", ["shopper"], email="greta@example.org")
    set_active(conn, "gone", False)
    erase_user(conn, None, "gone")
    text = json.dumps(trail(conn), default=str)
    assert "gone" not in text.replace("erase", "") and "Greta" not in text


def test_the_user_form_is_checked_like_a_users_file_row(conn: Connection, write) -> None:
    from audits.importers.users import check_user

    import_stores(conn, write("filialen.csv", GERMAN_STORES))
    add_person(conn, "chef", "Chefin", ["admin"])
    cells = {"username": "Chef", "full_name": "", "email": "kein-mail", "language": "de",
             "roles": "store_manager", "regions": "", "stores": ""}  # fmt: skip
    with pytest.raises(ImportRejected) as refused:
        check_user(conn, cells)
    assert {(p.field, p.code) for p in refused.value.problems} == {
        ("username", "taken"),
        ("full_name", "empty"),
        ("email", "email"),
        ("stores", "need_store"),
    }
    cells |= {"username": " N.Neu ", "full_name": "Nina Neu", "email": "", "stores": "S01"}
    assert check_user(conn, cells) == {
        "username": "n.neu",
        "full_name": "Nina Neu",
        "email": None,
        "language": "de",
        "roles": ["store_manager"],
        "regions": [],
        "stores": ["S01"],
    }
