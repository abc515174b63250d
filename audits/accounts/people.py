"""People (user accounts), their roles and scopes, passwords."""

import json
from collections.abc import Iterable, Mapping
from typing import Any, cast

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts import passwords
from audits.accounts.access import require, scoped
from audits.records.models import Person, Role
from audits.records.tables import (
    audit_log,
    people,
    person_regions,
    person_roles,
    person_stores,
    sessions,
    utcnow,
)
from locales import Language


class UnknownPerson(LookupError):
    """No account has this username."""


def normalise_username(username: str) -> str:
    """Usernames are compared without case or surrounding spaces."""
    return username.strip().lower()


def _people(conn: Connection, where: sa.ColumnElement[bool] | None = None) -> list[Person]:
    query = sa.select(people).order_by(people.c.username)
    if where is not None:
        query = query.where(where)
    rows = conn.execute(query).mappings().all()
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    scopes: dict[str, dict[int, list[str]]] = {}
    for name, table, column in (
        ("roles", person_roles, person_roles.c.role),
        ("regions", person_regions, person_regions.c.region_id),
        ("stores", person_stores, person_stores.c.store_id),
    ):
        found: dict[int, list[str]] = {}
        query = sa.select(table.c.person_id, column).where(table.c.person_id.in_(ids))
        for person_id, value in conn.execute(query.order_by(column)):
            found.setdefault(person_id, []).append(value)
        scopes[name] = found
    return [
        Person(
            id=row["id"],
            username=row["username"],
            full_name=row["full_name"],
            email=row["email"],
            language=row["language"],
            active=row["active"],
            has_password=row["password_hash"] is not None,
            roles=tuple(cast(list[Role], scopes["roles"].get(row["id"], []))),
            regions=tuple(scopes["regions"].get(row["id"], ())),
            stores=tuple(scopes["stores"].get(row["id"], ())),
            created_at=row["created_at"],
            password_changed_at=row["password_changed_at"],
        )
        for row in rows
    ]


def get_person(conn: Connection, username: str) -> Person | None:
    found = _people(conn, people.c.username == normalise_username(username))
    return found[0] if found else None


def get_person_by_id(conn: Connection, person_id: int) -> Person | None:
    found = _people(conn, people.c.id == person_id)
    return found[0] if found else None


@scoped
def list_people(conn: Connection, reader: Person) -> list[Person]:
    """Every account, for whoever administers them."""
    require(reader, "administer")
    return _people(conn)


def all_people(conn: Connection) -> list[Person]:
    """Every account, for the importers and the command line (which hold the database)."""
    return _people(conn)


@scoped
def people_frame(conn: Connection, reader: Person) -> pd.DataFrame:
    """One row per person; roles and scopes joined with `;` as in the users import file."""
    require(reader, "administer")
    records = [
        {
            "id": person.id,
            "username": person.username,
            "full_name": person.full_name,
            "email": person.email,
            "language": person.language,
            "active": person.active,
            "roles": ";".join(person.roles),
            "regions": ";".join(person.regions),
            "stores": ";".join(person.stores),
        }
        for person in _people(conn)
    ]
    columns = ["id", "username", "full_name", "email", "language", "active", "roles"]
    return pd.DataFrame.from_records(records, columns=[*columns, "regions", "stores"])


def set_scopes(
    conn: Connection,
    person_id: int,
    roles: Iterable[Role],
    regions: Iterable[str] = (),
    stores: Iterable[str] = (),
) -> None:
    """Replace the person's roles, regions and stores with the ones given."""
    for table, column, values in (
        (person_roles, "role", roles),
        (person_regions, "region_id", regions),
        (person_stores, "store_id", stores),
    ):
        conn.execute(sa.delete(table).where(table.c.person_id == person_id))
        rows = [{"person_id": person_id, column: value} for value in sorted(set(values))]
        if rows:
            conn.execute(sa.insert(table), rows)


def _log(
    conn: Connection,
    by: int | None,
    username: str,
    action: str,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> None:
    """The account change's trail row, in the caller's transaction. Written here rather than
    through audits.visits.trail, which sits above the accounts; same row format."""

    def text(values: Mapping[str, Any] | None) -> str | None:
        return None if values is None else json.dumps(dict(values), ensure_ascii=False)

    conn.execute(
        sa.insert(audit_log).values(
            at=utcnow(),
            person_id=by,
            entity="people",
            entity_id=username,
            action=action,
            before=text(before),
            after=text(after),
        )
    )


def _scopes_of(person: Person) -> dict[str, list[str]]:
    return {
        "roles": sorted(person.roles),
        "regions": sorted(person.regions),
        "stores": sorted(person.stores),
    }


def change_scopes(
    conn: Connection,
    person_id: int,
    roles: Iterable[Role],
    regions: Iterable[str] = (),
    stores: Iterable[str] = (),
    *,
    by: int | None = None,
) -> bool:
    """An administrator's change of roles and scopes, with its trail row; False (and no row)
    when nothing changed."""
    person = _people(conn, people.c.id == person_id)[0]
    before = _scopes_of(person)
    after = {
        "roles": sorted(set(roles)),
        "regions": sorted(set(regions)),
        "stores": sorted(set(stores)),
    }
    if before == after:
        return False
    set_scopes(conn, person_id, after["roles"], after["regions"], after["stores"])  # type: ignore[arg-type]
    _log(conn, by, person.username, "change", before, after)
    return True


def add_person(
    conn: Connection,
    username: str,
    full_name: str,
    roles: Iterable[Role],
    *,
    email: str | None = None,
    language: Language = "de",
    regions: Iterable[str] = (),
    stores: Iterable[str] = (),
    password: str | None = None,
    by: int | None = None,
) -> Person:
    """A new account; without a password nobody can log in to it until one is set. The
    trail row names `by` (None: the command line) and never holds the password."""
    now = utcnow()
    person_id = conn.execute(
        sa.insert(people)
        .values(
            username=normalise_username(username),
            full_name=full_name,
            email=email,
            language=language,
            password_hash=(
                passwords.hash_password(password, (username, full_name, email or ""))
                if password
                else None
            ),
            created_at=now,
            password_changed_at=now if password else None,
        )
        .returning(people.c.id)
    ).scalar_one()
    set_scopes(conn, person_id, roles, regions, stores)
    person = _people(conn, people.c.id == person_id)[0]
    values = {"full_name": full_name, "email": email, "language": language}
    _log(conn, by, person.username, "create", None, {**values, **_scopes_of(person)})
    return person


def set_password(conn: Connection, username: str, password: str, *, by: int | None = None) -> None:
    """Set a new password and end the person's open sessions. An administrator's reset
    (`by`) gets a trail row, which never holds the password."""
    person_id = _id_of(conn, username)
    known = conn.execute(
        sa.select(people.c.username, people.c.full_name, people.c.email).where(
            people.c.id == person_id
        )
    ).one()
    personal = (known.username, known.full_name, known.email or "")
    conn.execute(
        sa.update(people)
        .where(people.c.id == person_id)
        .values(
            password_hash=passwords.hash_password(password, personal),
            password_changed_at=utcnow(),
        )
    )
    conn.execute(sa.delete(sessions).where(sessions.c.person_id == person_id))
    if by is not None:  # an administrator's reset; one's own new password is no admin change
        _log(conn, by, known.username, "password")


def set_active(conn: Connection, username: str, active: bool, *, by: int | None = None) -> None:
    """Disable (or enable again) an account; disabling ends its sessions at once."""
    person_id = _id_of(conn, username)
    conn.execute(sa.update(people).where(people.c.id == person_id).values(active=active))
    name = normalise_username(username)
    _log(
        conn,
        by,
        name,
        "enable" if active else "disable",
        {"active": not active},
        {"active": active},
    )
    if not active:
        conn.execute(sa.delete(sessions).where(sessions.c.person_id == person_id))


def disable_person(conn: Connection, username: str) -> None:
    set_active(conn, username, False)


def verify_password(conn: Connection, username: str, password: str) -> Person | None:
    """The person when the password is right and the account active, else None.

    An unknown, disabled or password-less account costs one hash check too, so the answer's
    timing does not tell whether a username exists.
    """
    row = conn.execute(
        sa.select(people.c.id, people.c.password_hash, people.c.active).where(
            people.c.username == normalise_username(username)
        )
    ).first()
    usable = row is not None and row.active and row.password_hash is not None
    stored_hash = row.password_hash if usable and row is not None else None
    if not passwords.check_password(stored_hash, password) or row is None:
        return None
    if stored_hash is not None and passwords.needs_rehash(stored_hash):
        conn.execute(
            sa.update(people)
            .where(people.c.id == row.id)
            .values(password_hash=passwords.rehash(password))
        )
    return get_person_by_id(conn, row.id)


def _id_of(conn: Connection, username: str) -> int:
    person_id: int | None = conn.execute(
        sa.select(people.c.id).where(people.c.username == normalise_username(username))
    ).scalar_one_or_none()
    if person_id is None:
        raise UnknownPerson(f"no user '{username}'")
    return person_id
