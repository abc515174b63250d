"""`import visits --standard S VISITS ANSWERS`: finished visits collected elsewhere.

Imported visits are immutable like submitted ones: the same id again with the same content is
a no-op, with other content an error.
"""

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.importers import answer_rows
from audits.importers.answer_rows import VisitAnswers
from audits.importers.reader import Sheet, check_columns, read_sheet
from audits.importers.result import ImportResult, Problems
from audits.importers.visit_rows import Lookups, VisitRow, read_visit_row
from audits.records.months import month_of, rebuild_months, rebuild_recent
from audits.records.scores import score_for_storage, write_visit_scores
from audits.records.standards import find_standard_version, register_standard
from audits.records.tables import answers, audit_log, visits
from standards import Standard, version_hash

REQUIRED = ("visit_id", "store_id", "visited_at")
OPTIONAL = ("staff_id", "shopper_id", "region", "channel", "ended_at", "status")
# Compared when a visit id comes again. The status is not: review moves it on after import.
COMPARED = (
    "store_id",
    "standard_version_id",
    "shopper_id",
    "staff_id",
    "channel",
    "started_at",
    "ended_at",
)
INSERT_CHUNK = 10_000


@dataclass
class _Plan:
    standard: Standard
    version: str
    version_id: int | None
    visits: dict[str, VisitRow]
    answers: VisitAnswers
    new_ids: list[str] = field(default_factory=list)
    unchanged: int = 0


def import_visits(
    conn: Connection,
    standard: Standard,
    visits_file: str | Path,
    answers_file: str | Path,
    *,
    by: int | None = None,
) -> ImportResult:
    """Add the visits and their answers in one go, registering the standard version if new."""
    problems = Problems()
    visit_sheet = read_sheet(visits_file, problems)
    answer_sheet = read_sheet(answers_file, problems)
    columns_ok = check_columns(visit_sheet, REQUIRED, OPTIONAL, problems)
    columns_ok &= check_columns(answer_sheet, answer_rows.REQUIRED, answer_rows.OPTIONAL, problems)
    if not columns_ok:
        problems.raise_if_any()

    lookups = Lookups.load(conn, standard)
    rows: dict[str, VisitRow] = {}
    seen: dict[str, int] = {}
    for row in visit_sheet.rows:
        visit = read_visit_row(visit_sheet, row, lookups, seen, problems)
        if visit is not None:
            rows[visit.visit_id] = visit
    # Answers may name any visit id of the file, even one whose row has a problem.
    given = answer_rows.read_answers(answer_sheet, standard, seen, Path(visits_file).name, problems)
    return save_visits(conn, standard, rows, given, visit_sheet, lookups, problems, by=by)


def save_visits(
    conn: Connection,
    standard: Standard,
    rows: dict[str, VisitRow],
    given: VisitAnswers,
    sheet: Sheet,
    lookups: Lookups,
    problems: Problems,
    *,
    by: int | None = None,
    kind: str = "visits",
) -> ImportResult:
    """Store visits already read (known ones are compared, new ones scored and written), or
    raise with every problem, those already in `problems` included. `import submissions`
    reads its file its own way and stores through here, so both score and store alike."""
    version = version_hash(standard)
    plan = _Plan(standard, version, find_standard_version(conn, standard.id, version), rows, given)
    _sort_new_from_known(conn, plan, lookups, sheet, problems)
    problems.raise_if_any()
    return _write(conn, plan, by, kind)


def _sort_new_from_known(
    conn: Connection, plan: _Plan, lookups: Lookups, sheet: Sheet, problems: Problems
) -> None:
    known = _stored_visits(conn, list(plan.visits))
    stored = answer_rows.stored_answers(conn, known)
    for visit_id, visit in plan.visits.items():
        if visit_id in known:
            values = {**visit.values, "standard_version_id": plan.version_id}
            different = [name for name in COMPARED if known[visit_id][name] != values[name]]
            if plan.answers.get(visit_id, {}) != stored.get(visit_id, {}):
                different.append("answers")
            if different:
                problems.add(
                    sheet.name,
                    visit.row.number,
                    f"visit '{visit_id}' was imported before with another "
                    f"{', '.join(different)}; imported visits cannot be changed",
                )
            plan.unchanged += 1
            continue
        for message in lookups.check_new(visit):
            problems.add(sheet.name, visit.row.number, message)
        if not plan.answers.get(visit_id):
            problems.add(sheet.name, visit.row.number, f"visit '{visit_id}' has no answers")
        plan.new_ids.append(visit_id)


def _stored_visits(conn: Connection, visit_ids: list[str]) -> dict[str, dict[str, Any]]:
    found = {}
    columns = [visits.c.id, *(visits.c[name] for name in COMPARED)]
    for start in range(0, len(visit_ids), answer_rows.CHUNK):
        chunk = visit_ids[start : start + answer_rows.CHUNK]
        for row in conn.execute(sa.select(*columns).where(visits.c.id.in_(chunk))).mappings():
            found[row["id"]] = dict(row)
    return found


def _write(conn: Connection, plan: _Plan, by: int | None, kind: str) -> ImportResult:
    result = ImportResult(kind, unchanged=plan.unchanged, updates_possible=False)
    version_id = plan.version_id
    if version_id is None:
        version_id = register_standard(conn, plan.standard)
        result.notes.append(f"standard {plan.standard.id} version {plan.version} registered")
    if not plan.new_ids:
        return result
    now = dt.datetime.now(dt.UTC)
    visit_rows = []
    for visit_id in plan.new_ids:
        visit = plan.visits[visit_id]
        visit_rows.append(
            {
                "id": visit_id,
                **visit.values,
                "standard_version_id": version_id,
                "status": visit.status,
                # An imported visit was handed in when it ended: its submission time.
                "submitted_at": visit.values["ended_at"] or visit.values["started_at"],
                # Imported as approved: published when it was handed in, so the store's
                # dispute period counts from then, not from the import.
                "approved_at": (visit.values["ended_at"] or visit.values["started_at"])
                if visit.status == "approved"
                else None,
                "created_at": now,
                "updated_at": now,
            }
        )
    conn.execute(sa.insert(visits), visit_rows)
    rows = answer_rows.answer_rows(plan.answers, plan.new_ids)
    # Imported visits are finished visits: scored now, with this version, and kept.
    scored = score_for_storage(plan.standard, version_id, rows)
    for row, figures in zip(rows, scored.answer_figures, strict=True):
        row.update(figures)
    for start in range(0, len(rows), INSERT_CHUNK):
        conn.execute(sa.insert(answers), rows[start : start + INSERT_CHUNK])
    write_visit_scores(conn, scored)
    published = [row for row in visit_rows if row["status"] == "approved"]
    rebuild_months(conn, {month_of(row["started_at"]) for row in published})
    rebuild_recent(conn, {row["store_id"] for row in published})
    summary = {"standard": plan.standard.id, "version": plan.version}
    conn.execute(
        sa.insert(audit_log).values(
            at=now,
            person_id=by,
            entity="import",
            entity_id=f"{kind}:{plan.standard.id}",
            action="import",
            after=json.dumps(summary | {"visits": len(plan.new_ids), "answers": len(rows)}),
        )
    )
    result.added = len(plan.new_ids)
    result.added_ids = plan.new_ids
    result.related["answers added"] = len(rows)
    return result
