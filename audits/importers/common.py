"""Checks and writes shared by the importers."""

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.importers.reader import Row, Sheet
from audits.importers.result import ImportResult, Problems
from audits.records.tables import audit_log, utcnow
from audits.visits.trail import record

FORM = "form"
"""How problems name an entry typed into one of the app's forms rather than a file."""

_TRUE = {"true", "yes", "ja", "1", "wahr"}
_FALSE = {"false", "no", "nein", "0", "falsch"}
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def parse_flag(text: str, default: bool = True) -> bool | None:
    """true/false, yes/no, 1/0, or German (Excel writes WAHR/FALSCH); None otherwise."""
    word = text.strip().lower()
    if not word:
        return default
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    return None


def slug(name: str) -> str:
    """A stable id from a name: `Süd` -> `sued`, `Rhein-Main Nord` -> `rhein-main-nord`."""
    text = unicodedata.normalize("NFKD", name.strip().lower().translate(_GERMAN))
    text = text.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def required_text(
    sheet: Sheet, row: Row, column: str, table: sa.Table, problems: Problems
) -> str | None:
    """The cell, or None after reporting it empty or too long for the table's column."""
    value = row.get(column)
    if not value:
        problems.add(sheet.name, row.number, f"{column} is empty", column, "empty")
        return None
    return fits(sheet, row, column, value, table, problems)


def optional_text(
    sheet: Sheet, row: Row, column: str, table: sa.Table, problems: Problems
) -> str | None:
    value = row.get(column)
    return fits(sheet, row, column, value, table, problems) if value else None


def max_length(column: sa.ColumnElement[Any]) -> int | None:
    """The most characters a text column holds (None: no limit)."""
    return getattr(column.type, "length", None)


def fits(
    sheet: Sheet,
    row: Row,
    column: str,
    value: str,
    table: sa.Table,
    problems: Problems,
    table_column: str | None = None,
) -> str | None:
    """`value` if the database column can hold it; PostgreSQL would refuse it otherwise."""
    length = max_length(table.c[table_column or column])
    if length is not None and len(value) > length:
        problems.add(
            sheet.name,
            row.number,
            f"{column} is {len(value)} characters long; at most {length}",
            column,
            "too_long",
            length=len(value),
            most=length,
        )
        return None
    return value


def unique_key(
    sheet: Sheet,
    row: Row,
    column: str,
    table: sa.Table,
    seen: dict[str, int],
    problems: Problems,
    table_column: str | None = None,
) -> str | None:
    """The row's key; None after reporting it empty, too long or already used on a row above."""
    key = row.get(column)
    if not key:
        problems.add(sheet.name, row.number, f"{column} is empty", column, "empty")
        return None
    if key in seen:
        problems.add(
            sheet.name,
            row.number,
            f"{column} '{key}' is already on row {seen[key]}",
            column,
            "twice",
            value=key,
            line=seen[key],
        )
        return None
    seen[key] = row.number
    return fits(sheet, row, column, key, table, problems, table_column)


def upsert(
    conn: Connection,
    table: sa.Table,
    key: str,
    wanted: Mapping[str, dict[str, Any]],
    person_id: int | None,
    defaults: Mapping[str, Any] | None = None,
    unlogged: Sequence[str] = (),
) -> tuple[list[str], int, int]:
    """Insert new keys, update changed ones, leave equal ones alone.

    Only the columns in `wanted` are compared and written: a column the file does not have
    keeps what is stored; a new row gets `defaults` for it. Returns (added keys, updated
    count, unchanged count). New rows (without the `unlogged` columns) and updates go to the
    audit log.
    """
    existing = (
        {
            row[key]: dict(row)
            for row in conn.execute(
                sa.select(table).where(table.c[key].in_(list(wanted)))
            ).mappings()
        }
        if wanted
        else {}
    )
    added = [k for k in wanted if k not in existing]
    changes = []
    for k, values in wanted.items():
        if k in existing:
            before = {name: existing[k][name] for name in values}
            if before != values:
                changes.append((k, before, values))
    if added:
        new_rows = {k: {**(defaults or {}), **wanted[k]} for k in added}
        conn.execute(sa.insert(table), [{key: k, **values} for k, values in new_rows.items()])
        logged = {
            k: {name: value for name, value in values.items() if name not in unlogged}
            for k, values in new_rows.items()
        }
        log_added(conn, str(table.name), logged, person_id)
    bulk_update(conn, table, key, [{key: k, **after} for k, _, after in changes])
    log_changes(conn, str(table.name), changes, person_id)
    return added, len(changes), len(wanted) - len(added) - len(changes)


def kept_note(optional: Sequence[str], columns: Sequence[str]) -> list[str]:
    """The summary's word on optional columns a file leaves out (their values stay)."""
    kept = [column for column in optional if column not in columns]
    return [f"not in the file, so kept as stored: {', '.join(kept)}"] if kept else []


def bulk_update(
    conn: Connection, table: sa.Table, key: str, rows: Sequence[dict[str, Any]]
) -> None:
    """One executemany UPDATE ... WHERE key = :key for rows that all set the same columns."""
    if not rows:
        return
    columns = [name for name in rows[0] if name != key]
    statement = (
        sa.update(table)
        .where(table.c[key] == sa.bindparam("_key"))
        .values({name: sa.bindparam(f"_new_{name}") for name in columns})
    )
    conn.execute(
        statement,
        [{"_key": row[key], **{f"_new_{name}": row[name] for name in columns}} for row in rows],
    )


def log_added(
    conn: Connection,
    entity: str,
    added: Mapping[str, Mapping[str, Any]],
    person_id: int | None,
) -> None:
    """One "create" row per new record with what it was created with: the trail shows who
    added which store, staff member or account, not only who changed them later."""
    if not added:
        return
    now = utcnow()
    conn.execute(
        sa.insert(audit_log),
        [
            {
                "at": now,
                "person_id": person_id,
                "entity": entity,
                "entity_id": entity_id,
                "action": "create",
                "before": None,
                "after": json.dumps(dict(values), ensure_ascii=False, default=str),
            }
            for entity_id, values in added.items()
        ],
    )


def log_changes(
    conn: Connection,
    entity: str,
    changes: Sequence[tuple[str, Mapping[str, Any], Mapping[str, Any]]],
    person_id: int | None,
) -> None:
    """One audit-log row per (entity id, before, after); imports that update say who and what."""
    if not changes:
        return
    now = utcnow()
    conn.execute(
        sa.insert(audit_log),
        [
            {
                "at": now,
                "person_id": person_id,
                "entity": entity,
                "entity_id": entity_id,
                "action": "import_update",
                "before": json.dumps(dict(before), ensure_ascii=False, default=str),
                "after": json.dumps(dict(after), ensure_ascii=False, default=str),
            }
            for entity_id, before, after in changes
        ],
    )


def one_row(cells: Mapping[str, str]) -> Sheet:
    """A form's entry as a sheet of one row, so it passes the same checks as a file's row."""
    return Sheet(FORM, tuple(cells), (Row(2, {name: str(value) for name, value in cells.items()}),))


def taken(conn: Connection, sheet: Sheet, column: str, table: sa.Table, problems: Problems) -> None:
    """A form adds: an id already stored is refused (a file would update that record)."""
    key = sheet.rows[0].get(column)
    if key and conn.execute(sa.select(table.c[column]).where(table.c[column] == key)).first():
        problems.add(sheet.name, 2, f"{column} '{key}' already exists", column, "taken", value=key)


def log_import(conn: Connection, result: ImportResult, file: str, person_id: int | None) -> None:
    """One trail row per imported file that changed something, with its counts; the rows it
    added and changed have their own. A file that changes nothing is no change to record."""
    if not result.changed:
        return
    counts = {"added": result.added, "updated": result.updated, "unchanged": result.unchanged}
    record(conn, person_id, "import", result.kind, "import", None, {"file": file, **counts})
