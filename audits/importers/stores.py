"""`import stores FILE`: the chain's stores, creating their regions from the names used."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.importers.common import (
    kept_note,
    log_import,
    max_length,
    one_row,
    optional_text,
    parse_flag,
    required_text,
    slug,
    taken,
    unique_key,
    upsert,
)
from audits.importers.headers import internal_names
from audits.importers.reader import Row, Sheet, check_columns, read_sheet
from audits.importers.result import ImportResult, Problems
from audits.records.months import bump_data_version
from audits.records.tables import regions, stores

REQUIRED = ("store_id", "name", "region", "city")
OPTIONAL = ("district", "address", "active")
COLUMNS = (*REQUIRED, *OPTIONAL)
NEW_STORE = {"district": None, "address": None, "active": True}
"""What a new store gets for an optional column the file does not have."""


def import_stores(conn: Connection, path: str | Path, *, by: int | None = None) -> ImportResult:
    """Add new stores, update changed ones; stores missing from the file are left alone.

    Headers may be the internal names or their German or English form (see headers.py).
    """
    problems = Problems()
    sheet = internal_names(read_sheet(path, problems), COLUMNS)
    result = _import(conn, sheet, problems, by)
    log_import(conn, result, Path(path).name, by)
    return result


def add_store(conn: Connection, cells: Mapping[str, str], *, by: int | None = None) -> ImportResult:
    """One new store from the admin form, by the rules of a file's row; raises ImportRejected
    (with each problem's column) when a cell is wrong or the store id is taken."""
    problems = Problems()
    sheet = one_row(cells)
    taken(conn, sheet, "store_id", stores, problems)
    return _import(conn, sheet, problems, by)


def _import(conn: Connection, sheet: Sheet, problems: Problems, by: int | None) -> ImportResult:
    if not check_columns(sheet, REQUIRED, OPTIONAL, problems):
        problems.raise_if_any()
    known_regions = dict(conn.execute(sa.select(regions.c.id, regions.c.name)).all())
    new_regions: dict[str, str] = {}
    wanted: dict[str, dict[str, Any]] = {}
    seen: dict[str, int] = {}
    for row in sheet.rows:
        store_id = unique_key(sheet, row, "store_id", stores, seen, problems)
        values = _store(sheet, row, problems)
        if values is not None:
            values = {name: value for name, value in values.items() if _given(sheet, name)}
        region_id = _region(sheet, row, problems)
        if store_id is None or values is None or region_id is None:
            continue
        if region_id not in known_regions and region_id not in new_regions:
            new_regions[region_id] = row.get("region")
        wanted[store_id] = {**values, "region_id": region_id}
    problems.raise_if_any()

    if new_regions:
        conn.execute(
            sa.insert(regions), [{"id": id_, "name": name} for id_, name in new_regions.items()]
        )
    absent = {name: value for name, value in NEW_STORE.items() if not _given(sheet, name)}
    added, updated, unchanged = upsert(conn, stores, "store_id", wanted, by, absent)
    related = {"regions added": len(new_regions)} if new_regions else {}
    if added or updated:
        bump_data_version(conn)  # names and regions show on every dashboard
    result = ImportResult("stores", len(added), updated, unchanged, related, added)
    result.notes += kept_note(OPTIONAL, sheet.columns)
    return result


def _given(sheet: Sheet, column: str) -> bool:
    return column not in OPTIONAL or column in sheet.columns


def _store(sheet: Sheet, row: Row, problems: Problems) -> dict[str, Any] | None:
    before = len(problems.lines)
    values = {
        "name": required_text(sheet, row, "name", stores, problems),
        "city": required_text(sheet, row, "city", stores, problems),
        "district": optional_text(sheet, row, "district", stores, problems),
        "address": optional_text(sheet, row, "address", stores, problems),
        "active": parse_flag(row.get("active")),
    }
    if values["active"] is None:
        problems.add(
            sheet.name,
            row.number,
            f"active '{row.get('active')}' is not true or false",
            "active",
            "flag",
            value=row.get("active"),
        )
    return values if len(problems.lines) == before else None


def _region(sheet: Sheet, row: Row, problems: Problems) -> str | None:
    """Regions are keyed by the slug of their name, so `Süd` and `süd` are one region."""
    name = row.get("region")
    if not name:
        problems.add(sheet.name, row.number, "region is empty", "region", "empty")
        return None
    region_id = slug(name)
    if not region_id:
        problems.add(
            sheet.name,
            row.number,
            f"region '{name}' needs a letter or digit",
            "region",
            "letter",
            value=name,
        )
        return None
    too_long = [
        len(text) > (max_length(column) or len(text))
        for text, column in ((name, regions.c.name), (region_id, regions.c.id))
    ]
    if any(too_long):
        problems.add(
            sheet.name, row.number, f"region '{name}' is too long", "region", "long", value=name
        )
        return None
    return region_id
