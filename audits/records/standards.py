"""Stored versions of the standards: every visit points at the exact version it was made with."""

import json
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from audits.records.models import StandardVersion
from audits.records.months import bump_data_version
from audits.records.tables import standard_versions, utcnow
from standards import Standard, load_standard_text, version_hash
from standards.texts import Text

_LISTED = [column for column in standard_versions.c if column.name != "yaml_text"]


def find_standard_version(conn: Connection, standard_id: str, version: str) -> int | None:
    return conn.execute(
        sa.select(standard_versions.c.id).where(
            standard_versions.c.standard_id == standard_id,
            standard_versions.c.version == version,
        )
    ).scalar_one_or_none()


def register_standard_version(
    conn: Connection,
    standard_id: str,
    version: str,
    title: str | dict[str, str],
    channel: str,
    yaml_text: str,
) -> int:
    """The id of this (standard, version), stored now if it is new. Safe to call again."""
    found = find_standard_version(conn, standard_id, version)
    if found is not None:
        return found
    row = {
        "standard_id": standard_id,
        "version": version,
        "title": json.dumps(title, ensure_ascii=False, sort_keys=True),
        "channel": channel,
        "yaml_text": yaml_text,
        "created_at": utcnow(),
    }
    try:
        # A savepoint, so losing a race with another process leaves our transaction usable.
        with conn.begin_nested():
            new_id: int = conn.execute(
                sa.insert(standard_versions).values(row).returning(standard_versions.c.id)
            ).scalar_one()
        # Titles and texts of the dashboards come from the standards.
        bump_data_version(conn)
        return new_id
    except IntegrityError:
        found = find_standard_version(conn, standard_id, version)
        if found is None:
            raise
        return found


def register_standard(conn: Connection, standard: Standard) -> int:
    return register_standard_version(
        conn,
        standard.id,
        version_hash(standard),
        standard.title,
        standard.channel,
        standard.source,
    )


def stored_text(raw: str) -> Text:
    """A version's stored title (JSON): one text, or one per language; the reader's page
    picks the language (`standards.text_in`)."""
    # register_standard_version wrote it with json.dumps from a Text.
    text: Text = json.loads(raw)
    return text


def _record(row: sa.RowMapping) -> StandardVersion:
    return StandardVersion(**{**row, "title": json.loads(row["title"])})


def list_standard_versions(conn: Connection, *, latest_only: bool = True) -> list[StandardVersion]:
    """Stored versions by standard id, newest first; only the newest of each by default."""
    query = sa.select(*_LISTED)
    if latest_only:
        newest = (
            sa.select(sa.func.max(standard_versions.c.id))
            .group_by(standard_versions.c.standard_id)
            .scalar_subquery()
        )
        query = query.where(standard_versions.c.id.in_(newest))
    # Ids grow with every registration, so they order versions where timestamps could tie.
    query = query.order_by(standard_versions.c.standard_id, standard_versions.c.id.desc())
    return [_record(row) for row in conn.execute(query).mappings()]


def get_standard_version(conn: Connection, version_id: int) -> StandardVersion | None:
    row = (
        conn.execute(sa.select(*_LISTED).where(standard_versions.c.id == version_id))
        .mappings()
        .first()
    )
    return None if row is None else _record(row)


def load_standard_version(conn: Connection, version_id: int) -> Standard:
    """The standard exactly as it was registered (its YAML is kept in full)."""
    text = conn.execute(
        sa.select(standard_versions.c.yaml_text, standard_versions.c.standard_id).where(
            standard_versions.c.id == version_id
        )
    ).first()
    if text is None:
        raise LookupError(f"no standard version {version_id}")
    return _parsed(text.yaml_text, f"<stored {text.standard_id}>")


@lru_cache(maxsize=64)
def _parsed(yaml_text: str, path: str) -> Standard:
    # Keyed by the text itself, so it is right for any database; a standard is immutable and
    # parsing a long one costs ~0.1 s, which every click of the visit form would pay.
    return load_standard_text(yaml_text, path=path)
