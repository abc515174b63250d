"""A small standard and a shopper's draft of it, shared by the visit and review tests."""

import datetime as dt
import io

from PIL import Image
from sqlalchemy.engine import Connection

from audits.accounts.people import get_person
from audits.records.standards import register_standard
from audits.visits.assignments import create_assignments
from audits.visits.drafts import open_visit, save_answer, save_details
from audits.visits.photo_files import prepare_photo
from audits.visits.photos import add_photo
from scoring.submit_checks import Details
from standards import load_standard_text

FORM = """\
id: form
title: Form
channel: in_store
languages: [de]
sections:
  - id: s
    title: S
    items:
      - {id: greeted, type: yes_no, text: Greeted?, require_comment: on_fail}
      - {id: bought, type: yes_no, text: Bought?}
      - {id: receipt, type: yes_no, text: Receipt?, show_if: {item: bought, equals: yes},
         na_allowed: true}
      - {id: shelf, type: photo, text: Shelf photo, require_photo: true}
"""
START = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)


def start_draft(
    conn: Connection,
    window: tuple[dt.date, dt.date] = (dt.date(2026, 11, 18), dt.date(2026, 11, 30)),
) -> tuple[object, str]:
    """Anna's draft visit of store S1 with the FORM standard: (anna, visit id)."""
    version = register_standard(conn, load_standard_text(FORM, "form.yaml"))
    anna = get_person(conn, "anna")
    [assignment] = create_assignments(
        conn,
        store_ids=["S1"],
        standard_version_id=version,
        shopper_ids=[anna.id],
        window_start=window[0],
        window_end=window[1],
    )
    return anna, open_visit(conn, anna, assignment)


def photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, format="JPEG")
    return buffer.getvalue()


def complete(conn, anna, visit_id) -> None:
    save_details(
        conn, anna, visit_id, Details(START, START + dt.timedelta(minutes=20), None, "Kasse")
    )
    save_answer(conn, anna, visit_id, "greeted", value="no", comment="Niemand sah auf.")
    save_answer(conn, anna, visit_id, "bought", value="yes")
    save_answer(conn, anna, visit_id, "receipt", value="yes")
    add_photo(conn, anna, visit_id, "shelf", prepare_photo(photo()), "regal.jpg")
