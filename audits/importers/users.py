"""`import users FILE`: accounts with their roles and scopes. Passwords are never imported."""

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.access import needs_regions, needs_stores
from audits.accounts.people import all_people, normalise_username, set_scopes
from audits.importers.common import (
    fits,
    log_added,
    log_changes,
    log_import,
    one_row,
    slug,
    split_list,
    unique_key,
)
from audits.importers.headers import internal_names
from audits.importers.reader import Row, Sheet, check_columns, read_sheet
from audits.importers.result import ImportResult, Problems
from audits.records.models import Person
from audits.records.tables import LANGUAGES, ROLES, people, regions, stores, utcnow

REQUIRED = ("username", "full_name", "email", "roles", "regions", "stores", "language")
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def import_users(conn: Connection, path: str | Path, *, by: int | None = None) -> ImportResult:
    """Add new accounts, update changed names, e-mails, languages, roles and scopes.

    New accounts have no password (set one with `user passwd`); `active` is not touched.
    """
    problems = Problems()
    sheet = internal_names(read_sheet(path, problems), REQUIRED)
    if not check_columns(sheet, REQUIRED, (), problems):
        problems.raise_if_any()
    wanted = _rows(conn, sheet, problems)
    problems.raise_if_any()
    result = _write(conn, wanted, by)
    log_import(conn, result, Path(path).name, by)
    return result


def check_user(conn: Connection, cells: Mapping[str, str]) -> dict[str, Any]:
    """A new account from the admin form, checked by the rules of a file's row (regions by
    name, roles and stores by id, separated by ;): its values with the normalised username,
    or ImportRejected with each problem's column and code. Also refused: a taken username."""
    problems = Problems()
    sheet = one_row(cells)
    username = normalise_username(sheet.rows[0].get("username"))
    if (
        username
        and conn.execute(sa.select(people.c.id).where(people.c.username == username)).first()
    ):
        problems.add(
            sheet.name, 2, f"username '{username}' is taken", "username", "taken", value=username
        )
    wanted = _rows(conn, sheet, problems)
    problems.raise_if_any()
    ((username, values),) = wanted.items()
    return {"username": username, **values}


def _rows(conn: Connection, sheet: Sheet, problems: Problems) -> dict[str, dict[str, Any]]:
    region_ids = set(conn.execute(sa.select(regions.c.id)).scalars())
    store_ids = set(conn.execute(sa.select(stores.c.store_id)).scalars())
    wanted: dict[str, dict[str, Any]] = {}
    seen: dict[str, int] = {}
    for row in sheet.rows:
        before = len(problems.lines)
        cells = dict(row.cells, username=normalise_username(row.get("username")))
        username = unique_key(sheet, Row(row.number, cells), "username", people, seen, problems)
        if username and not _USERNAME.match(username):
            problems.add(
                sheet.name,
                row.number,
                f"username '{username}' may hold only letters, digits and . _ @ -",
                "username",
                "username",
                value=username,
            )
        values = _user(sheet, row, region_ids, store_ids, problems)
        if username and len(problems.lines) == before:
            wanted[username] = values
    return wanted


def _user(
    sheet: Sheet, row: Row, region_ids: set[str], store_ids: set[str], problems: Problems
) -> dict[str, Any]:
    def bad(message: str, field: str, code: str, **params: object) -> None:
        problems.add(sheet.name, row.number, message, field, code, **params)

    full_name = row.get("full_name")
    if not full_name:
        bad("full_name is empty", "full_name", "empty")
    email = row.get("email") or None
    if email and not _EMAIL.match(email):
        bad(f"email '{email}' is not an e-mail address", "email", "email", value=email)
    language = row.get("language").lower()
    if language not in LANGUAGES:
        given = row.get("language")
        bad(f"language '{given}' is not one of {', '.join(LANGUAGES)}", "language", "language",
            value=given)  # fmt: skip
    roles = sorted({role.lower() for role in split_list(row.get("roles"))})
    for role in roles:
        if role not in ROLES:
            bad(f"unknown role '{role}'; roles are {', '.join(ROLES)}", "roles", "role", value=role)
    if not roles:
        bad(f"roles is empty; give one or more of {', '.join(ROLES)} separated by ;", "roles",
            "empty")  # fmt: skip
    # Regions are named as in the stores file; their ids are the slugs of those names.
    user_regions = sorted({slug(name) for name in split_list(row.get("regions"))})
    for name in split_list(row.get("regions")):
        if slug(name) not in region_ids:
            bad(f"unknown region '{name}'", "regions", "unknown_region", value=name)
    user_stores = sorted(set(split_list(row.get("stores"))))
    for store_id in user_stores:
        if store_id not in store_ids:
            bad(f"unknown store '{store_id}'", "stores", "unknown_store", value=store_id)
    _check_scopes(roles, user_regions, user_stores, bad)
    for column, value in (("full_name", full_name), ("email", email)):
        if value:
            fits(sheet, row, column, value, people, problems)
    return {
        "full_name": full_name,
        "email": email,
        "language": language,
        "roles": roles,
        "regions": user_regions,
        "stores": user_stores,
    }


def _check_scopes(roles: list[str], regions_: list[str], stores_: list[str], bad: Any) -> None:
    # A scope without its role would silently grant nothing; most likely a mistake in the row.
    if needs_regions(roles) and not regions_:
        bad("a regional_manager needs one or more regions", "regions", "need_region")
    if regions_ and not needs_regions(roles):
        bad("regions are only for a regional_manager", "regions", "region_only")
    if needs_stores(roles) and not stores_:
        bad("a store_manager needs one or more stores", "stores", "need_store")
    if stores_ and not needs_stores(roles):
        bad("stores are only for a store_manager", "stores", "store_only")


def _as_values(person: Person) -> dict[str, Any]:
    return {
        "full_name": person.full_name,
        "email": person.email,
        "language": person.language,
        "roles": sorted(person.roles),
        "regions": sorted(person.regions),
        "stores": sorted(person.stores),
    }


def _write(conn: Connection, wanted: dict[str, dict[str, Any]], by: int | None) -> ImportResult:
    existing = {person.username: person for person in all_people(conn)}
    added = [username for username in wanted if username not in existing]
    changes = [
        (username, _as_values(existing[username]), values)
        for username, values in wanted.items()
        if username in existing and _as_values(existing[username]) != values
    ]
    if added:
        now = utcnow()
        conn.execute(
            sa.insert(people),
            [
                {"username": username, "created_at": now, **_person_columns(wanted[username])}
                for username in added
            ],
        )
    ids = dict(
        conn.execute(
            sa.select(people.c.username, people.c.id).where(people.c.username.in_(list(wanted)))
        ).all()
    )
    for username, _, values in changes:
        conn.execute(
            sa.update(people).where(people.c.id == ids[username]).values(_person_columns(values))
        )
    for username in [*added, *(change[0] for change in changes)]:
        values = wanted[username]
        set_scopes(conn, ids[username], values["roles"], values["regions"], values["stores"])
    log_added(conn, "people", {username: wanted[username] for username in added}, by)
    log_changes(conn, "people", changes, by)
    unchanged = len(wanted) - len(added) - len(changes)
    return ImportResult("users", len(added), len(changes), unchanged, added_ids=added)


def _person_columns(values: dict[str, Any]) -> dict[str, Any]:
    return {key: values[key] for key in ("full_name", "email", "language")}
