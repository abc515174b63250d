"""Backup and restore: every record of the database in one file, photos included.

The file is gzip-compressed JSON lines: a head line (format, schema revision, when), one
line per row (`{"t": table, "r": {column: value}}`), and a tail line with the row count of
each table and the SHA-256 of every line before it, so a cut or altered file is refused.
Rows are read inside one read-only transaction (a snapshot on both backends), so a backup
taken while the app runs is consistent. It is backend-neutral: a SQLite backup restores into
PostgreSQL and back.

Not in a backup: log-in sessions and failed log-in counts (everyone logs in again after a
restore, and nobody is locked out by old attempts).
"""

import base64
import datetime as dt
import gzip
import hashlib
import itertools
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from audits.records.db import current_revision, upgrade
from audits.records.stats import count_rows
from audits.records.tables import login_failures, metadata, sessions

FORMAT = "mystery-audit-backup"
VERSION = 1
SKIPPED = (sessions.name, login_failures.name)
CHUNK = 2_000
Progress = Callable[[int, int, str], None]


class BackupRefused(ValueError):
    """The backup or restore cannot go ahead; the message says why and what to do."""


def tables() -> list[sa.Table]:
    """The tables a backup holds, parents before children."""
    return [table for table in metadata.sorted_tables if table.name not in SKIPPED]


def _encode(value: Any) -> Any:
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _decoder(column: sa.Column[Any]) -> Callable[[Any], Any]:
    kind = column.type
    if isinstance(kind, sa.LargeBinary):
        return lambda v: None if v is None else base64.b64decode(v)
    if isinstance(kind, sa.DateTime) or isinstance(getattr(kind, "impl", None), sa.DateTime):
        return lambda v: None if v is None else dt.datetime.fromisoformat(v)
    if isinstance(kind, sa.Date):
        return lambda v: None if v is None else dt.date.fromisoformat(v)
    return lambda v: v


def _snapshot(engine: Engine) -> Connection:
    """A connection in a read transaction whose reads all see one moment of the database."""
    if engine.dialect.name == "postgresql":
        conn = engine.connect().execution_options(
            isolation_level="REPEATABLE READ", postgresql_readonly=True
        )
        conn.begin()
        return conn
    conn = engine.connect()
    # pysqlite opens a transaction only before a write; reads need an explicit one, or each
    # SELECT would see the database as it is at that moment.
    conn.exec_driver_sql("BEGIN")
    return conn


def _lines(conn: Connection, progress: Progress | None) -> Iterator[dict[str, Any]]:
    chosen = tables()
    totals = count_rows(conn)
    for number, table in enumerate(chosen, start=1):
        if progress:
            progress(number, len(chosen), f"{table.name} ({totals.get(table.name, 0):,} rows)")
        query = sa.select(table).order_by(*table.primary_key.columns)
        result = conn.execution_options(yield_per=CHUNK).execute(query)
        for row in result.mappings():
            yield {"t": table.name, "r": {key: _encode(value) for key, value in row.items()}}


def write_backup(engine: Engine, target: Path, progress: Progress | None = None) -> dict[str, int]:
    """Write the database into `target` (replaced only once complete); the table counts."""
    target = Path(target)
    partial = target.with_name(f".{target.name}.partial")
    digest = hashlib.sha256()
    counts: dict[str, int] = {}
    conn = _snapshot(engine)
    try:
        head = {
            "format": FORMAT,
            "version": VERSION,
            "revision": current_revision_of(conn),
            "backend": engine.dialect.name,
            "made_at": dt.datetime.now(dt.UTC).isoformat(),
        }
        # 0600: the file holds people's names, e-mail addresses and staff figures.
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with gzip.open(os.fdopen(descriptor, "wb"), "wt", encoding="utf-8") as out:
            for line in itertools.chain([head], _lines(conn, progress)):
                text = json.dumps(line, ensure_ascii=False, separators=(",", ":"))
                digest.update(text.encode("utf-8"))
                out.write(text + "\n")
                if "t" in line:
                    counts[line["t"]] = counts.get(line["t"], 0) + 1
            out.write(json.dumps({"end": True, "counts": counts, "sha256": digest.hexdigest()}))
            out.write("\n")
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        conn.rollback()
        conn.close()
    partial.replace(target)
    return counts


def current_revision_of(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def restore_backup(
    engine: Engine, source: Path, progress: Progress | None = None
) -> dict[str, int]:
    """Fill an empty database from a backup, all or nothing; the table counts.

    The file is read twice: once to check it whole (checksum, counts, every row placeable),
    then to insert, a chunk at a time, so a large backup never sits in memory.
    """
    source = Path(source)
    head, tail = _verify(source)
    if current_revision(engine) is not None:
        with engine.connect() as conn:
            if any(count for name, count in count_rows(conn).items() if name not in SKIPPED):
                raise BackupRefused(
                    "the database already holds data; restore goes only into an empty one "
                    "(create a new database, or point --db at one)"
                )
    # The schema the backup was made with, then the rows, then today's migrations.
    upgrade(engine, head["revision"] or "head")
    by_name = {table.name: table for table in tables()}
    decoders = {
        name: {column.name: _decoder(column) for column in table.columns}
        for name, table in by_name.items()
    }
    with engine.begin() as conn:
        for table in reversed(tables()):
            conn.execute(sa.delete(table))  # the rows migrations seed (settings, counters)
        batch: list[dict[str, Any]] = []
        current = ""
        done = 0
        for name, row in _rows(source):
            if name != current or len(batch) >= CHUNK:
                if batch:
                    conn.execute(sa.insert(by_name[current]), batch)
                batch = []
                if name != current:
                    done += 1
                    if progress:
                        progress(done, len(tail["counts"]), name)
                current = name
            decode = decoders[name]
            batch.append({key: decode[key](value) for key, value in row.items()})
        if batch:
            conn.execute(sa.insert(by_name[current]), batch)
        if engine.dialect.name == "postgresql":
            _reset_sequences(conn)
    upgrade(engine)
    # The tail is JSON; _verify checked its counts against the rows it counted itself.
    counts: dict[str, int] = tail["counts"]
    return counts


def _rows(source: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    with gzip.open(source, "rt", encoding="utf-8") as lines:
        for text in lines:
            line = json.loads(text)
            if "t" in line:
                yield line["t"], line["r"]


def _verify(source: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """(head, tail) of a whole, unaltered backup this version can restore."""
    if not source.is_file():
        raise BackupRefused(f"{source}: no such file")
    digest = hashlib.sha256()
    head: dict[str, Any] | None = None
    tail: dict[str, Any] | None = None
    counted: dict[str, int] = {}
    known = {table.name: {column.name for column in table.columns} for table in tables()}
    order = list(known)
    last = -1
    try:
        with gzip.open(source, "rt", encoding="utf-8") as lines:
            for number, text in enumerate(lines, start=1):
                line = json.loads(text)
                if tail is not None or not isinstance(line, dict):
                    raise BackupRefused(f"{source}:{number}: a line after the end of the backup")
                if "end" in line:
                    tail = line
                    continue
                digest.update(text.rstrip("\n").encode("utf-8"))
                if head is None:
                    head = line
                    if line.get("format") != FORMAT or line.get("version") != VERSION:
                        raise BackupRefused(f"{source}: not a mystery-audit backup")
                    continue
                name, row = line.get("t"), line.get("r")
                if name not in known or not isinstance(row, dict) or set(row) - known[name]:
                    raise BackupRefused(f"{source}:{number}: a row this version cannot place")
                if order.index(name) < last:
                    raise BackupRefused(f"{source}:{number}: rows out of their table order")
                last = order.index(name)
                counted[name] = counted.get(name, 0) + 1
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupRefused(f"{source}: cannot be read as a backup ({error})") from None
    if head is None or tail is None:
        raise BackupRefused(f"{source}: the file ends early; it is not a whole backup")
    if tail.get("sha256") != digest.hexdigest():
        raise BackupRefused(f"{source}: the content does not match its checksum")
    if counted != {name: n for name, n in tail.get("counts", {}).items() if n}:
        raise BackupRefused(f"{source}: the row counts do not match the backup's own")
    return head, tail


def _reset_sequences(conn: Connection) -> None:
    """Rows came with their ids; the next id of each table must come after them."""
    for table in tables():
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, sa.Integer):
            continue
        column = keys[0]
        sequence = sa.func.pg_get_serial_sequence(table.name, column.name)
        highest = sa.select(sa.func.coalesce(sa.func.max(column), 0)).scalar_subquery()
        conn.execute(sa.select(sa.func.setval(sequence, highest + 1, False)))
