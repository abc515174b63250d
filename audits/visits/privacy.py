"""Data-subject requests for one staff member or one user: everything stored about them as
one document (access request), and erasure that keeps scores and anonymous figures
(docs/privacy.md, "Rights of the people concerned").

The export walks the schema: every table with a column that refers to the person (or, for
staff, to the visits that name them) contributes its rows, so a table added later is
exported without anyone remembering to add it here.
"""

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.access import require
from audits.records.models import Person
from audits.records.months import bump_data_version
from audits.records.tables import (
    attachments,
    audit_log,
    login_failures,
    metadata,
    people,
    person_regions,
    person_roles,
    person_stores,
    sessions,
    staff,
    visits,
)
from audits.visits.trail import record

SECRET = {("people", "password_hash"), ("sessions", "token_hash")}
STAFF_VISIT_TABLES = ("answers", "visit_scores", "section_scores", "attachments")
"""What the visits that name a staff member say about the interaction."""
"""Kept out of an export: they open accounts, they say nothing about the person."""


class UnknownSubject(LookupError):
    """No staff member or user of that id or name."""


def _plain(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return f"<{len(value)} bytes>"
    return value


def _rows(conn: Connection, table: sa.Table, where: sa.ColumnElement[bool]) -> list[dict[str, Any]]:
    columns = [c for c in table.columns if (table.name, c.name) not in SECRET]
    found = conn.execute(sa.select(*columns).where(where)).mappings().all()
    return [{key: _plain(value) for key, value in row.items()} for row in found]


def _referring(target: sa.Column[Any]) -> Iterable[tuple[sa.Table, sa.Column[Any]]]:
    """Every column of the schema with a foreign key to `target`."""
    for table in metadata.sorted_tables:
        for column in table.columns:
            if any(key.column is target for key in column.foreign_keys):
                yield table, column


def _replaced(value: object, words: dict[str, str]) -> object:
    """`value` (parsed JSON) with every string exactly equal to a key replaced."""
    if isinstance(value, str):
        return words.get(value, value)
    if isinstance(value, list):
        return [_replaced(item, words) for item in value]
    if isinstance(value, dict):
        return {key: _replaced(item, words) for key, item in value.items()}
    return value


def _audit_rows(
    conn: Connection, entities: tuple[str, ...], words: dict[str, str]
) -> list[dict[str, Any]]:
    """Audit rows that name one of `words` exactly: as the entity id of one of `entities`,
    or as a whole value in their before or after. Substrings do not count: erasing S1 must
    not touch S10, nor "ann" a row about "joanna"."""
    words = {old: new for old, new in words.items() if old}
    prefilter = sa.or_(
        *(audit_log.c.before.contains(old, autoescape=True) for old in words),
        *(audit_log.c.after.contains(old, autoescape=True) for old in words),
        audit_log.c.entity.in_(entities) & audit_log.c.entity_id.in_(list(words)),
    )
    found = []
    for row in conn.execute(sa.select(audit_log).where(prefilter)).mappings():
        named = row["entity"] in entities and row["entity_id"] in words
        for column in ("before", "after"):
            if row[column] is None:
                continue
            try:
                parsed = json.loads(row[column])
            except ValueError:
                continue
            if _replaced(parsed, words) != parsed:
                named = True
        if named:
            found.append(dict(row))
    return found


def export_staff(conn: Connection, operator: Person | None, staff_id: str) -> dict[str, Any]:
    """The staff record, the visits that name them with all their answers and comments,
    their photos' metadata and every audit row that mentions them."""
    if operator is not None:
        require(operator, "administer")
    members = _rows(conn, staff, staff.c.staff_id == staff_id)
    if not members:
        raise UnknownSubject(f"no staff member {staff_id}")
    member = members[0]
    named = sa.select(visits.c.id).where(visits.c.staff_id == staff_id)
    found: dict[str, Any] = {
        "subject": {"staff": member},
        "visits": _rows(conn, visits, visits.c.staff_id == staff_id),
    }
    # What the visits say; not the reviewers', managers' or notices' rows about them.
    for name in STAFF_VISIT_TABLES:
        table = metadata.tables[name]
        rows = _rows(conn, table, table.c.visit_id.in_(named))
        if rows:
            found[name] = rows
    found["audit_log"] = [
        {key: _plain(value) for key, value in row.items()}
        for row in _audit_rows(conn, ("staff",), {staff_id: staff_id})
    ]
    record(conn, None if operator is None else operator.id, "privacy", "staff", "export")
    return found


def _person(conn: Connection, username: str) -> dict[str, Any]:
    found = _rows(conn, people, people.c.username == username)
    if not found:
        raise UnknownSubject(f"no user {username}")
    return found[0]


def export_user(conn: Connection, operator: Person | None, username: str) -> dict[str, Any]:
    """The account (without its password hash), and every row of every table that refers
    to it: roles, scopes, sessions, visits and photos, reviews, disputes, actions, notices,
    audit rows; failed log-ins under their name."""
    if operator is not None:
        require(operator, "administer")
    person = _person(conn, username)
    found: dict[str, Any] = {"subject": {"user": person}}
    for table, column in _referring(people.c.id):
        rows = _rows(conn, table, column == person["id"])
        if rows:
            found.setdefault(table.name, []).extend(rows)
    own_visits = sa.select(visits.c.id).where(visits.c.shopper_id == person["id"])
    # Their visits' answers, comments and photos, and what reviewers and stores said of them.
    for name in ("answers", "attachments", "reviews", "disputes"):
        table = metadata.tables[name]
        rows = _rows(conn, table, table.c.visit_id.in_(own_visits))
        known = {json.dumps(row, sort_keys=True, default=str) for row in found.get(name, [])}
        fresh = [r for r in rows if json.dumps(r, sort_keys=True, default=str) not in known]
        if fresh:
            found.setdefault(name, []).extend(fresh)
    actions = metadata.tables["actions"]
    owned = _rows(conn, actions, actions.c.owner == person["full_name"])
    if owned:
        found["actions_owned"] = owned
    words = {username: username, person["full_name"]: person["full_name"]}
    if person.get("email"):
        words[person["email"]] = person["email"]
    found["audit_log_mentions"] = [
        {key: _plain(value) for key, value in row.items()}
        for row in _audit_rows(conn, ("staff_figures",), words)
    ]
    found["login_failures"] = _rows(
        conn, login_failures, login_failures.c.key.startswith(f"{username}|", autoescape=True)
    )
    record(conn, None if operator is None else operator.id, "privacy", "user", "export")
    return found


def photo_files(conn: Connection, found: dict[str, Any]) -> list[tuple[str, bytes]]:
    """The pictures behind an export's photo rows, named by id and file name."""
    ids = [row["id"] for row in found.get("attachments", [])]
    rows = conn.execute(
        sa.select(attachments.c.id, attachments.c.filename, attachments.c.bytes).where(
            attachments.c.id.in_(ids)
        )
    ).all()
    return [(f"{row.id}-{Path(row.filename).name}", bytes(row.bytes)) for row in rows]


def export_json(found: dict[str, Any]) -> bytes:
    return json.dumps(found, ensure_ascii=False, indent=2, sort_keys=True).encode()


def _scrub_audit(conn: Connection, entities: tuple[str, ...], words: dict[str, str]) -> None:
    """Replace the person's identifiers, where they stand whole, in the audit rows that
    name them (`_audit_rows`)."""
    for row in _audit_rows(conn, entities, words):
        values: dict[str, object] = {}
        if row["entity"] in entities and row["entity_id"] in words:
            values["entity_id"] = words[row["entity_id"]]
        for column in ("before", "after"):
            if row[column] is None:
                continue
            try:
                parsed = json.loads(row[column])
            except ValueError:
                continue
            changed = _replaced(parsed, words)
            if changed != parsed:
                values[column] = json.dumps(changed, ensure_ascii=False, sort_keys=True)
        if values:
            conn.execute(sa.update(audit_log).where(audit_log.c.id == row["id"]).values(**values))


def erase_staff(conn: Connection, operator: Person | None, staff_id: str) -> int:
    """Remove the staff member and their link from every visit; returns how many visits
    named them. Scores, answers and anonymous figures stay."""
    if operator is not None:
        require(operator, "administer")
    member = conn.execute(
        sa.select(staff.c.display_name).where(staff.c.staff_id == staff_id)
    ).scalar()
    if member is None:
        raise UnknownSubject(f"no staff member {staff_id}")
    # The shopper's words on who served them go with the link.
    unlinked = conn.execute(
        sa.update(visits)
        .where(visits.c.staff_id == staff_id)
        .values(staff_id=None, staff_description=None)
    ).rowcount
    conn.execute(sa.delete(staff).where(staff.c.staff_id == staff_id))
    stand_in = f"erased-staff-{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S%f}"
    # Only the id: display names are first names, shared by others whose rows must stay.
    _scrub_audit(conn, ("staff",), {staff_id: stand_in})
    bump_data_version(conn)
    record(conn, None if operator is None else operator.id, "privacy", stand_in, "erase_staff",
           None, {"visits_unlinked": unlinked})  # fmt: skip
    return unlinked


def erase_user(conn: Connection, operator: Person | None, username: str) -> int:
    """Anonymise the account in place (so visits, reviews and decisions keep their figures),
    end its sessions, drop its roles, scopes and notices; returns the erased person's id."""
    if operator is not None:
        require(operator, "administer")
        if operator.username == username:
            raise UnknownSubject("an admin cannot erase their own account")
    person = _person(conn, username)
    person_id: int = person["id"]
    stand_in = f"erased-{person_id}"
    taken = conn.execute(sa.select(people.c.id).where(people.c.username == stand_in)).scalar()
    if taken is not None and taken != person_id:
        stand_in = f"erased-{person_id}-{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S}"
    conn.execute(
        sa.update(people)
        .where(people.c.id == person_id)
        .values(username=stand_in, full_name=stand_in, email=None, password_hash=None, active=False)
    )
    for table in (person_roles, person_regions, person_stores, sessions):
        conn.execute(sa.delete(table).where(table.c.person_id == person_id))
    for table, column in _referring(people.c.id):
        if table.name == "notices":
            conn.execute(sa.delete(table).where(column == person_id))
    conn.execute(
        sa.delete(login_failures).where(
            login_failures.c.key.startswith(f"{username}|", autoescape=True)
        )
    )
    actions = metadata.tables["actions"]
    conn.execute(
        sa.update(actions).where(actions.c.owner == person["full_name"]).values(owner=stand_in)
    )
    words = {username: stand_in, person["full_name"]: stand_in}
    if person.get("email"):
        words[person["email"]] = stand_in
    # Account rows ("people": created, changed, disabled) are filed under the username too.
    _scrub_audit(conn, ("staff_figures", "people"), words)
    bump_data_version(conn)
    record(conn, None if operator is None else operator.id, "privacy", stand_in, "erase_user")
    return person_id
