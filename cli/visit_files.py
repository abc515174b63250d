"""VISITS files for `gaps` and `rank`: who visited which store when, checked row by row."""

import pandas as pd

from cli.output import InputProblem

REQUIRED = ("visit_id", "store_id", "visited_at")
# The import format's extra columns are accepted too, so the same files serve both.
OPTIONAL = ("staff_id", "shopper_id", "region", "channel", "ended_at", "status")


def read_visits(path: str) -> pd.DataFrame:
    """visit_id, store_id, visited_at (UTC), visited_text (as written), staff_id, shopper,
    region (missing where empty: test with isna); InputProblem with `FILE:ROW: message` for
    every bad row."""
    from audits.importers.reader import check_columns, read_sheet
    from audits.importers.result import Problems
    from audits.importers.visit_rows import parse_instant

    problems = Problems()
    sheet = read_sheet(path, problems)
    if problems or not check_columns(sheet, REQUIRED, OPTIONAL, problems):
        raise InputProblem(problems.lines or [f"{path}:1: the file is empty"])
    records: list[tuple[object, ...]] = []
    first_row: dict[str | None, int] = {}
    for row in sheet.rows:
        visit_id, store_id, text = row.get("visit_id"), row.get("store_id"), row.get("visited_at")
        before = len(problems.lines)
        if not visit_id:
            problems.add(sheet.name, row.number, "visit_id is empty")
        elif visit_id in first_row:
            problems.add(
                sheet.name,
                row.number,
                f"visit '{visit_id}' is already on row {first_row[visit_id]}",
            )
        if not store_id:
            problems.add(sheet.name, row.number, "store_id is empty")
        when = parse_instant(text) if text else None
        if when is None:
            problems.add(
                sheet.name,
                row.number,
                f"visited_at '{text}' is not an ISO 8601 date and time such as "
                "2025-11-03T14:05+01:00",
            )
        first_row.setdefault(visit_id, row.number)
        if len(problems.lines) == before:
            records.append(
                (
                    visit_id,
                    store_id,
                    when,
                    text,
                    row.get("staff_id") or None,
                    row.get("shopper_id") or None,
                    row.get("region") or None,
                )
            )
    if problems:
        raise InputProblem(problems.lines)
    columns = [
        "visit_id",
        "store_id",
        "visited_at",
        "visited_text",
        "staff_id",
        "shopper",
        "region",
    ]
    frame = pd.DataFrame(records, columns=columns)
    frame["visited_at"] = pd.to_datetime(frame["visited_at"], utc=True)
    frame.attrs["columns"] = set(sheet.columns)
    return frame
