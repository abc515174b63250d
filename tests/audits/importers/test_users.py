"""`import users`: roles, scopes, languages."""

from sqlalchemy.engine import Connection

from audits.accounts.people import get_person
from audits.importers import import_users
from audits.records.tables import ROLES

USERS = """\
username,full_name,email,roles,regions,stores,language
B.Koch,Birgit Koch,b.koch@example.com,regional_manager,Süd;Nord,,en
o.richter,Oliver Richter,o.richter@example.com,store_manager; trainer,,S1;S2,de
"""


def test_users_are_added_with_roles_and_scopes(org: Connection, write) -> None:
    result = import_users(org, write("users.csv", USERS))
    assert result.summary() == "users: 2 added, 0 updated, 0 unchanged"
    koch = get_person(org, "b.koch")
    assert koch is not None
    assert (koch.roles, koch.regions, koch.language) == (
        ("regional_manager",),
        ("nord", "sued"),
        "en",
    )
    assert not koch.has_password
    richter = get_person(org, "o.richter")
    assert richter is not None
    assert (richter.roles, richter.stores) == (("store_manager", "trainer"), ("S1", "S2"))


def test_the_same_users_again_change_nothing(org: Connection, write) -> None:
    path = write("users.csv", USERS)
    import_users(org, path)
    assert import_users(org, path).summary() == "users: 0 added, 0 updated, 2 unchanged"


def test_changed_roles_and_scopes_are_updated(org: Connection, write) -> None:
    import_users(org, write("users.csv", USERS))
    changed = USERS.replace("Süd;Nord", "Süd").replace("store_manager; trainer", "store_manager")
    result = import_users(org, write("users2.csv", changed))
    assert result.summary() == "users: 0 added, 2 updated, 0 unchanged"
    koch = get_person(org, "b.koch")
    richter = get_person(org, "o.richter")
    assert koch is not None and richter is not None
    assert koch.regions == ("sued",)
    assert richter.roles == ("store_manager",)


def test_bad_user_rows_are_all_reported(org: Connection, write, reject) -> None:
    path = write(
        "users.csv",
        """\
        username,full_name,email,roles,regions,stores,language
        carl,Carl,carl@example.com,boss,,,de
        dora,Dora,not-an-email,regional_manager,,,de
        emil,Emil,,store_manager,,S9,fr
        fay,,,shopper,Nord,,de
        anna2,Anna,,,,,de
        Carl,Carl Again,,shopper,,,de
        gus,Gus,,regional_manager,Atlantis,,en
        h i,Hans,,shopper,,,de
        """,
    )
    roles = ", ".join(ROLES)
    assert reject(import_users, path) == [
        f"users.csv:2: unknown role 'boss'; roles are {roles}",
        "users.csv:3: email 'not-an-email' is not an e-mail address",
        "users.csv:3: a regional_manager needs one or more regions",
        "users.csv:4: language 'fr' is not one of de, en",
        "users.csv:4: unknown store 'S9'",
        "users.csv:5: full_name is empty",
        "users.csv:5: regions are only for a regional_manager",
        f"users.csv:6: roles is empty; give one or more of {roles} separated by ;",
        "users.csv:7: username 'carl' is already on row 2",
        "users.csv:8: unknown region 'Atlantis'",
        "users.csv:9: username 'h i' may hold only letters, digits and . _ @ -",
    ]


def test_users_columns_are_all_required(org: Connection, write, reject) -> None:
    path = write("users.csv", "username,full_name,email,roles,language\nx,X,,shopper,de\n")
    errors = reject(import_users, path)
    assert [error.split(";")[0] for error in errors] == [
        "users.csv:1: missing column 'regions'",
        "users.csv:1: missing column 'stores'",
    ]
