"""Spreadsheets uploaded in the app go through the same importers as the command line."""

import tempfile
from collections.abc import Callable
from pathlib import Path, PurePath

from sqlalchemy.engine import Connection, Engine

from audits.importers import ImportRejected, ImportResult
from audits.importers.reader import row_limit
from audits.records.db import transaction

MAX_SHEET_BYTES = 20 * 1024 * 1024
MAX_SHEET_ROWS = 100_000
"""Stores, staff and people of the largest chain fit many times over."""
SHEET_SUFFIXES = (".csv", ".xlsx", ".xlsm")

Importer = Callable[..., ImportResult]


def import_upload(
    engine: Engine, importer: Importer, filename: str, data: bytes, person_id: int
) -> ImportResult:
    """Import an uploaded file in one transaction; raises ImportRejected naming each bad row.

    The browser's type and size limits are hints only: both are checked here again.
    """
    name = PurePath(filename or "upload.csv").name
    if Path(name).suffix.lower() not in SHEET_SUFFIXES:
        raise ImportRejected([f"{name}:1: use a .csv or .xlsx file"])
    if len(data) > MAX_SHEET_BYTES:
        raise ImportRejected([f"{name}:1: the file is larger than 20 MB; split it"])
    with tempfile.TemporaryDirectory() as folder:
        # The importers name the file in every message, so it keeps the user's file name.
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            with transaction(engine) as conn:
                return _run(importer, conn, path, person_id)
        except ImportRejected as rejected:
            # The temporary folder means nothing to the user; their file name does.
            raise ImportRejected(
                [line.replace(str(path), name) for line in rejected.errors]
            ) from None


def _run(importer: Importer, conn: Connection, path: Path, person_id: int) -> ImportResult:
    with row_limit(MAX_SHEET_ROWS):
        return importer(conn, path, by=person_id)
