"""What every command shares: input problems, the database option, progress on stderr."""

import argparse
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


class InputProblem(Exception):
    """The input is wrong; `lines` are printed to stderr one each and the exit code is 1."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = list(lines)
        super().__init__("\n".join(self.lines))


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL (default: $DATABASE_URL, else the app's SQLite file in data/)",
    )


def open_engine(args: argparse.Namespace) -> "Engine":
    """The engine for --db, with the schema brought up to date first."""
    from audits.records.db import database_url, make_engine, upgrade

    engine = make_engine(args.db or database_url())
    upgrade(engine)
    return engine


def step(number: int, total: int, text: str) -> None:
    """One line of progress on stderr, so stdout stays a clean result."""
    width = 20
    done = width * number // total
    bar = "#" * done + "." * (width - done)
    print(f"[{bar}] {number}/{total} {text}", file=sys.stderr, flush=True)
