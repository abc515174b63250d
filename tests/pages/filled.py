"""Fill a demo assignment completely through the repositories, as a shopper would."""

import datetime as dt
import io

import sqlalchemy as sa
from PIL import Image
from sqlalchemy.engine import Connection

from audits.accounts.people import get_person
from audits.records.tables import stores, visits
from audits.visits.assignments import shopper_work
from audits.visits.drafts import get_visit, open_visit, save_answer, save_details, visit_standard
from audits.visits.photo_files import prepare_photo
from audits.visits.photos import add_photo
from audits.visits.submit import submit_visit
from scoring.submit_checks import Details
from standards import visible_items


def passing_answers(standard) -> dict[str, str]:
    """An answer for every item that passes it (a record-only question gets its first
    option), so a visit of these answers scores 100."""
    values = {}
    for item in standard.items():
        if item.type == "yes_no":
            values[item.id] = "yes"
        elif item.type == "scale":
            values[item.id] = str(item.max)
        elif item.type == "choice":
            passing = [o.id for o in item.options if o.pass_]
            values[item.id] = passing[0] if passing else item.options[0].id
        elif item.type == "multi_choice":
            best = max(item.options, key=lambda o: (o.exclusive, o.score or 0))
            values[item.id] = best.id
        elif item.type in ("number", "duration"):
            values[item.id] = _inside(item)
        else:
            values[item.id] = "Alles in Ordnung."
    return values


def _inside(item) -> str:
    """A value that earns the item in full (or any value for a record-only one)."""
    if item.points is not None:
        row = item.points[0]
        bound = row.max if row.max is not None else row.min
        return str(int(bound if bound is not None else 0))
    rule = item.pass_if
    if rule is None:
        return "1"
    for bound, step in ((rule.max, 0), (rule.min, 0), (rule.below, -1), (rule.above, 1)):
        if bound is not None:
            return str(int(bound) + step)
    return "1"


def submit_demo_visit(
    conn: Connection, store_id: str = "S07", shopper_name: str = "shopper", **changes: str
) -> str:
    """A shopper's open assignment at `store_id`, answered (with `changes`), submitted."""
    shopper = get_person(conn, shopper_name)
    row = next(
        row
        for row in shopper_work(conn, shopper)
        if row.store_id == store_id and row.stage == "todo"
    )
    visit_id = open_visit(conn, shopper, row.assignment_id)
    standard = visit_standard(conn, get_visit(conn, shopper, visit_id))
    values = {**passing_answers(standard), **changes}
    start = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    save_details(
        conn, shopper, visit_id, Details(start, start + dt.timedelta(minutes=25), None, "Kasse 1")
    )
    for item in standard.items():
        if item.id not in visible_items(standard, values):
            continue
        if item.type == "photo" or item.require_photo:
            buffer = io.BytesIO()
            Image.new("RGB", (60, 40), (len(visit_id) * 3, 90, 40)).save(buffer, format="JPEG")
            add_photo(conn, shopper, visit_id, item.id, prepare_photo(buffer.getvalue()), "p.jpg")
            if item.type == "photo":
                continue
        comment = "Niemand grüßte." if values[item.id] == "no" else None
        save_answer(conn, shopper, visit_id, item.id, value=values[item.id], comment=comment)
    outcome = submit_visit(conn, shopper, visit_id)
    assert outcome.status == "submitted", outcome.issues
    return visit_id


def newest_submitted(conn: Connection, region_id: str) -> sa.Row:
    """(id, started_at) of the newest visit of a region that waits for review."""
    return conn.execute(
        sa.select(visits.c.id, visits.c.started_at)
        .join(stores, stores.c.store_id == visits.c.store_id)
        .where(visits.c.status == "submitted", stores.c.region_id == region_id)
        .order_by(visits.c.started_at.desc())
        .limit(1)
    ).one()
