"""Accounts: roles and scopes, passwords, disabling."""

import datetime as dt

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts import passwords
from audits.accounts import people as repo_people
from audits.accounts.access import NotAllowed
from audits.accounts.people import (
    UnknownPerson,
    add_person,
    disable_person,
    get_person,
    people_frame,
    set_password,
    verify_password,
)
from audits.records.tables import regions, sessions, stores


@pytest.fixture
def scoped(conn: Connection) -> Connection:
    conn.execute(sa.insert(regions).values(id="nord", name="Nord"))
    conn.execute(sa.insert(stores).values(store_id="S1", name="A", region_id="nord", city="HH"))
    return conn


def test_a_person_comes_back_with_roles_and_scopes(scoped: Connection) -> None:
    add_person(
        scoped,
        " Ralf.Schmitt ",
        "Ralf Schmitt",
        ["trainer", "regional_manager"],
        email="r@example.com",
        language="en",
        regions=["nord"],
    )
    person = get_person(scoped, "ralf.schmitt")
    assert person is not None
    assert person.username == "ralf.schmitt"
    assert person.roles == ("regional_manager", "trainer")
    assert person.regions == ("nord",)
    assert person.stores == ()
    assert person.has_role("trainer")
    assert not person.has_password
    assert person.created_at.tzinfo is not None


def test_the_people_frame_lists_scopes_as_in_the_import_file(scoped: Connection) -> None:
    dennis = add_person(scoped, "store", "Dennis", ["store_manager"], stores=["S1"])
    admin = add_person(scoped, "admin", "Ada", ["admin"])
    with pytest.raises(NotAllowed):
        people_frame(scoped, dennis)  # only an administrator lists the accounts
    frame = people_frame(scoped, admin).set_index("username", drop=False)
    assert frame.loc["store", ["username", "roles", "stores", "regions"]].tolist() == [
        "store",
        "store_manager",
        "S1",
        "",
    ]


def test_a_password_is_hashed_and_verified(conn: Connection) -> None:
    add_person(conn, "anna", "Anna", ["shopper"], password="correct horse")
    stored = conn.exec_driver_sql("SELECT password_hash FROM people").scalar()
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored
    person = verify_password(conn, "ANNA", "correct horse")
    assert person is not None and person.username == "anna"
    assert verify_password(conn, "anna", "wrong horse") is None


def test_set_password_replaces_it_and_ends_sessions(conn: Connection) -> None:
    person = add_person(conn, "anna", "Anna", ["shopper"], password="first password")
    conn.execute(
        sa.insert(sessions).values(
            token_hash="t", person_id=person.id, expires_at=dt.datetime.now(dt.UTC)
        )
    )
    set_password(conn, "anna", "second password")
    assert verify_password(conn, "anna", "first password") is None
    assert verify_password(conn, "anna", "second password") is not None
    assert conn.exec_driver_sql("SELECT count(*) FROM sessions").scalar() == 0
    changed = get_person(conn, "anna")
    assert changed is not None and changed.password_changed_at is not None


def test_a_short_password_is_refused(conn: Connection) -> None:
    add_person(conn, "anna", "Anna", ["shopper"])
    with pytest.raises(passwords.PasswordTooWeak):
        set_password(conn, "anna", "short")


def test_a_disabled_person_cannot_log_in(conn: Connection) -> None:
    add_person(conn, "anna", "Anna", ["shopper"], password="correct horse")
    disable_person(conn, "anna")
    assert verify_password(conn, "anna", "correct horse") is None
    person = get_person(conn, "anna")
    assert person is not None and not person.active


def test_unknown_people_cost_one_hash_check_like_known_ones(
    conn: Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_person(conn, "anna", "Anna", ["shopper"], password="correct horse")
    add_person(conn, "nopass", "No Password", ["shopper"])
    checked: list[str | None] = []
    real_check = passwords.check_password

    def counting(stored_hash: str | None, password: str) -> bool:
        checked.append(stored_hash)
        return real_check(stored_hash, password)

    monkeypatch.setattr(repo_people.passwords, "check_password", counting)
    for username in ("anna", "nobody", "nopass"):
        assert verify_password(conn, username, "wrong horse") is None
    assert len(checked) == 3
    assert checked[1] is None and checked[2] is None


def test_the_dummy_hash_never_lets_anyone_in() -> None:
    assert passwords.check_password(None, "") is False
    assert passwords.check_password("not a hash", "x") is False


def test_changing_an_unknown_person_says_so(conn: Connection) -> None:
    with pytest.raises(UnknownPerson, match="ghost"):
        disable_person(conn, "ghost")


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("12345678", "too_common"),
        ("password", "too_common"),
        ("        ", "too_common"),
        ("qwertzuiop", "too_common"),
        ("anna1990", "too_common"),  # her own name and a year
        ("kurz", "too_short"),
        ("x" * 129 + "Z9!", "too_long"),
    ],
)
def test_a_weak_password_is_refused_with_its_reason(conn, password, reason) -> None:
    from audits.accounts.passwords import PasswordTooWeak

    add_person(conn, "anna", "Anna Arndt", ["shopper"])
    with pytest.raises(PasswordTooWeak) as caught:
        set_password(conn, "anna", password)
    assert caught.value.reason == reason


def test_no_password_is_cut_off_so_the_one_set_always_works(conn) -> None:
    """The longest password that can be set is used whole at log-in; a longer one typed at
    log-in is wrong, never cut down to a right one."""
    from audits.accounts.passwords import MAX_LENGTH

    longest = ("lange Sätze sind gute Passwörter " * 10)[:MAX_LENGTH]
    add_person(conn, "anna", "Anna", ["shopper"], password=longest)
    assert verify_password(conn, "anna", longest) is not None
    assert verify_password(conn, "anna", longest + "x") is None
