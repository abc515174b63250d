"""`import staff FILE`: the people served in the stores, by pseudonymous id."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.importers.common import (
    kept_note,
    log_import,
    one_row,
    parse_flag,
    required_text,
    taken,
    unique_key,
    upsert,
)
from audits.importers.headers import internal_names
from audits.importers.reader import Sheet, check_columns, read_sheet
from audits.importers.result import ImportResult, Problems
from audits.records.months import bump_data_version
from audits.records.tables import staff, stores

REQUIRED = ("staff_id", "store_id", "display_name")
OPTIONAL = ("active",)
COLUMNS = (*REQUIRED, *OPTIONAL)


def import_staff(conn: Connection, path: str | Path, *, by: int | None = None) -> ImportResult:
    """Add new staff, update changed ones (a move to another store is an update).

    Headers may be the internal names or their German or English form (see headers.py).
    """
    problems = Problems()
    sheet = internal_names(read_sheet(path, problems), COLUMNS)
    result = _import(conn, sheet, problems, by)
    log_import(conn, result, Path(path).name, by)
    return result


def add_staff(conn: Connection, cells: Mapping[str, str], *, by: int | None = None) -> ImportResult:
    """One new staff member from the admin form, by the rules of a file's row; raises
    ImportRejected (with each problem's column) when a cell is wrong or the id is taken."""
    problems = Problems()
    sheet = one_row(cells)
    taken(conn, sheet, "staff_id", staff, problems)
    return _import(conn, sheet, problems, by)


def _import(conn: Connection, sheet: Sheet, problems: Problems, by: int | None) -> ImportResult:
    if not check_columns(sheet, REQUIRED, OPTIONAL, problems):
        problems.raise_if_any()
    known_stores = set(conn.execute(sa.select(stores.c.store_id)).scalars())
    wanted: dict[str, dict[str, Any]] = {}
    seen: dict[str, int] = {}
    for row in sheet.rows:
        before = len(problems.lines)
        staff_id = unique_key(sheet, row, "staff_id", staff, seen, problems)
        store_id = required_text(sheet, row, "store_id", staff, problems)
        if store_id and store_id not in known_stores:
            problems.add(
                sheet.name,
                row.number,
                f"unknown store '{store_id}'; import it first",
                "store_id",
                "unknown_store",
                value=store_id,
            )
        display_name = required_text(sheet, row, "display_name", staff, problems)
        active = parse_flag(row.get("active"))
        if active is None:
            problems.add(
                sheet.name,
                row.number,
                f"active '{row.get('active')}' is not true or false",
                "active",
                "flag",
                value=row.get("active"),
            )
        if staff_id and len(problems.lines) == before:
            wanted[staff_id] = {"store_id": store_id, "display_name": display_name}
            if "active" in sheet.columns:  # without the column, who left stays inactive
                wanted[staff_id]["active"] = active
    problems.raise_if_any()

    absent = {} if "active" in sheet.columns else {"active": True}
    # A new staff member's row holds no name: names are first names that erasure cannot
    # tell apart from colleagues' (audits/visits/privacy.py scrubs the id only).
    added, updated, unchanged = upsert(
        conn, staff, "staff_id", wanted, by, absent, unlogged=("display_name",)
    )
    if added or updated:
        bump_data_version(conn)  # staff names and stores show in the staff figures
    result = ImportResult("staff", len(added), updated, unchanged, added_ids=added)
    result.notes += kept_note(OPTIONAL, sheet.columns)
    return result
