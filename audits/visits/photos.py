"""Photos of a visit: added and removed while the visit is editable, read in scope."""

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.access import scoped
from audits.records.models import Person, Record
from audits.records.standards import load_standard_version
from audits.records.tables import answers, attachments, visits
from audits.visits.drafts import VisitRecord, claim_visit, get_visit
from audits.visits.photo_files import Photo

MAX_PHOTOS_PER_ITEM = 5


class TooManyPhotos(Exception):
    """The item already holds MAX_PHOTOS_PER_ITEM photos."""


class PhotoRecord(Record):
    id: int
    item_id: str | None
    filename: str
    width: int | None
    height: int | None


def add_photo(
    conn: Connection, shopper: Person, visit_id: str, item_id: str, photo: Photo, filename: str
) -> int:
    """Keep a checked photo with the visit; a photo item's answer lists its photos.

    Adding the same picture to the same item again returns the stored one.
    """
    claim_visit(conn, shopper, visit_id)
    same: int | None = conn.execute(
        sa.select(attachments.c.id).where(
            attachments.c.visit_id == visit_id,
            attachments.c.item_id == item_id,
            attachments.c.sha256 == photo.sha256,
        )
    ).scalar()
    if same is not None:
        return same  # the same picture again (a retried upload) is kept once
    count = conn.execute(
        sa.select(sa.func.count())
        .select_from(attachments)
        .where(attachments.c.visit_id == visit_id, attachments.c.item_id == item_id)
    ).scalar_one()
    if count >= MAX_PHOTOS_PER_ITEM:
        raise TooManyPhotos(f"at most {MAX_PHOTOS_PER_ITEM} photos per item")
    photo_id: int = conn.execute(
        sa.insert(attachments)
        .values(
            visit_id=visit_id,
            item_id=item_id,
            filename=(filename or "photo.jpg")[:255],
            mime=photo.mime,
            bytes=photo.data,
            width=photo.width,
            height=photo.height,
            sha256=photo.sha256,
        )
        .returning(attachments.c.id)
    ).scalar_one()
    _sync_photo_answer(conn, visit_id, item_id)
    return photo_id


def remove_photo(conn: Connection, shopper: Person, visit_id: str, photo_id: int) -> None:
    claim_visit(conn, shopper, visit_id)
    item_id = conn.execute(
        sa.delete(attachments)
        .where(attachments.c.id == photo_id, attachments.c.visit_id == visit_id)
        .returning(attachments.c.item_id)
    ).scalar_one_or_none()
    if item_id is not None:
        _sync_photo_answer(conn, visit_id, item_id)


def _sync_photo_answer(conn: Connection, visit_id: str, item_id: str) -> None:
    # Only a photo item's answer is its photos; another item keeps what the shopper chose.
    standard_row = conn.execute(
        sa.select(visits.c.standard_version_id).where(visits.c.id == visit_id)
    ).scalar_one()
    standard = load_standard_version(conn, standard_row)
    if not standard.has_item(item_id) or standard.item(item_id).type != "photo":
        return
    names = (
        conn.execute(
            sa.select(attachments.c.filename)
            .where(attachments.c.visit_id == visit_id, attachments.c.item_id == item_id)
            .order_by(attachments.c.id)
        )
        .scalars()
        .all()
    )
    key = (answers.c.visit_id == visit_id) & (answers.c.item_id == item_id)
    conn.execute(sa.delete(answers).where(key))
    if names:
        conn.execute(
            sa.insert(answers).values(visit_id=visit_id, item_id=item_id, value="; ".join(names))
        )


def visit_photos(conn: Connection, visit: VisitRecord) -> list[PhotoRecord]:
    query = (
        sa.select(
            attachments.c.id,
            attachments.c.item_id,
            attachments.c.filename,
            attachments.c.width,
            attachments.c.height,
        )
        .where(attachments.c.visit_id == visit.id)
        .order_by(attachments.c.id)
    )
    return [PhotoRecord(**row) for row in conn.execute(query).mappings()]


@scoped
def photo_file(conn: Connection, person: Person, photo_id: int) -> tuple[str, bytes] | None:
    """A stored photo's content type and bytes, if the person may see its visit."""
    row = conn.execute(
        sa.select(attachments.c.visit_id, attachments.c.mime, attachments.c.bytes).where(
            attachments.c.id == photo_id
        )
    ).first()
    if row is None or get_visit(conn, person, row.visit_id) is None:
        return None
    return row.mime, bytes(row.bytes)


@scoped
def photo_bytes(conn: Connection, person: Person, photo_id: int) -> bytes | None:
    """A stored photo, if the person may see its visit."""
    found = photo_file(conn, person, photo_id)
    return found[1] if found else None


def photo_counts(conn: Connection, visit: VisitRecord) -> dict[str, int]:
    query = (
        sa.select(attachments.c.item_id, sa.func.count())
        .where(attachments.c.visit_id == visit.id)
        .group_by(attachments.c.item_id)
    )
    return {item_id: count for item_id, count in conn.execute(query) if item_id}
