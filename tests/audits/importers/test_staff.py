"""`import staff`."""

from sqlalchemy.engine import Connection

from audits.importers import import_staff
from audits.records.stores import list_staff

STAFF = """\
staff_id,store_id,display_name,active
MA-10,S1,Jonas,true
MA-11,S1,Mia,false
"""


def test_staff_are_added_and_a_second_import_changes_nothing(org: Connection, write) -> None:
    path = write("staff.csv", STAFF)
    assert import_staff(org, path).summary() == "staff: 2 added, 0 updated, 0 unchanged"
    assert import_staff(org, path).summary() == "staff: 0 added, 0 updated, 2 unchanged"
    assert [(m.staff_id, m.active) for m in list_staff(org, "S1")] == [
        ("MA-1", True),
        ("MA-10", True),
        ("MA-11", False),
    ]


def test_a_move_to_another_store_is_an_update(org: Connection, write) -> None:
    result = import_staff(org, write("staff.csv", "staff_id,store_id,display_name\nMA-1,S2,Lena\n"))
    assert result.summary() == (
        "staff: 0 added, 1 updated, 0 unchanged; not in the file, so kept as stored: active"
    )
    assert [m.staff_id for m in list_staff(org, "S2")] == ["MA-1", "MA-2"]


def test_a_file_without_active_keeps_those_who_left_inactive(org: Connection, write) -> None:
    import_staff(org, write("staff.csv", STAFF))
    again = "staff_id,store_id,display_name\nMA-10,S1,Jonas\nMA-11,S1,Mia\n"
    result = import_staff(org, write("again.csv", again))
    assert result.summary() == (
        "staff: 0 added, 0 updated, 2 unchanged; not in the file, so kept as stored: active"
    )
    assert [(m.staff_id, m.active) for m in list_staff(org, "S1")][1:] == [
        ("MA-10", True),
        ("MA-11", False),
    ]


def test_bad_staff_rows_are_all_reported(org: Connection, write, reject) -> None:
    path = write(
        "staff.csv",
        """\
        staff_id,store_id,display_name,active
        MA-20,S9,Ghost,
        MA-21,S1,,
        MA-20,S1,Again,
        MA-22,,Nobody,nein
        MA-23,S1,Flag,maybe
        """,
    )
    assert reject(import_staff, path) == [
        "staff.csv:2: unknown store 'S9'; import it first",
        "staff.csv:3: display_name is empty",
        "staff.csv:4: staff_id 'MA-20' is already on row 2",
        "staff.csv:5: store_id is empty",
        "staff.csv:6: active 'maybe' is not true or false",
    ]


def test_staff_columns_are_checked(org: Connection, write, reject) -> None:
    path = write("staff.csv", "staff_id,display_name,shift\nMA-1,Lena,early\n")
    errors = reject(import_staff, path)
    assert [error.split(";")[0] for error in errors] == [
        "staff.csv:1: unknown column 'shift'",
        "staff.csv:1: missing column 'store_id'",
    ]
