"""`mystery-audit backup FILE` and `restore FILE`: the whole database in one file."""

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from cli.output import InputProblem, add_db_option, step

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    backup = commands.add_parser(
        "backup",
        help="write every record (photos included) into one file, while the app runs",
        description="Write a consistent copy of the database into FILE (gzip JSON lines), "
        "readable by `restore` on SQLite or PostgreSQL. The file holds personal data: it is "
        "created readable by its owner only; keep it as safe as the database.",
    )
    backup.add_argument("file", metavar="FILE", help="the backup to write, e.g. backup.gz")
    add_db_option(backup)
    backup.set_defaults(run=run_backup)
    restore = commands.add_parser(
        "restore",
        help="fill an empty database from a backup",
        description="Restore FILE into an empty database (all or nothing), then bring its "
        "schema up to date. Log-in sessions are not in a backup: everyone logs in again.",
    )
    restore.add_argument("file", metavar="FILE")
    add_db_option(restore)
    restore.set_defaults(run=run_restore)


def _engine(args: argparse.Namespace) -> "Engine":
    from audits.records.db import database_url, make_engine

    return make_engine(args.db or database_url())


def run_backup(args: argparse.Namespace) -> int:
    from audits.records.backup import write_backup

    target = Path(args.file)
    if target.is_dir():
        raise InputProblem([f"{target}: is a folder; give the backup's file name"])
    if not target.parent.is_dir():
        raise InputProblem([f"{target}: the folder {target.parent} does not exist"])
    engine = _engine(args)
    counts = write_backup(engine, target, progress=step)
    print(f"{target}: {sum(counts.values()):,} rows in {len(counts)} tables")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from audits.records.backup import BackupRefused, restore_backup

    engine = _engine(args)
    try:
        counts = restore_backup(engine, Path(args.file), progress=step)
    except BackupRefused as error:
        raise InputProblem([str(error)]) from error
    print(f"restored {sum(counts.values()):,} rows in {len(counts)} tables from {args.file}")
    return 0
