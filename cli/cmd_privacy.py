"""`mystery-audit privacy export|erase` for one staff member or user (docs/privacy.md)."""

import argparse
import os
import sys
import zipfile
from pathlib import Path

from cli.output import InputProblem, add_db_option, open_engine


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    privacy = commands.add_parser(
        "privacy",
        help="data-subject requests: export or erase one staff member or user",
        description="export: everything stored about one staff member or user as one JSON "
        "file (a .zip adds their photos). erase: remove their personal data and their links "
        "from visits; scores, answers and anonymous figures stay.",
    )
    actions = privacy.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write everything stored about the person")
    export.add_argument("--out", required=True, metavar="FILE", help="FILE.json or FILE.zip")
    erase = actions.add_parser("erase", help="remove the person's data (asks first)")
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    for parser in (export, erase):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--staff", metavar="ID", help="a staff member's id")
        who.add_argument("--user", metavar="NAME", help="a user's username")
        add_db_option(parser)
        parser.set_defaults(run=run_privacy)


def run_privacy(args: argparse.Namespace) -> int:
    from audits.records.db import transaction
    from audits.visits import privacy

    subject = f"staff member {args.staff}" if args.staff else f"user {args.user}"
    engine = open_engine(args)
    try:
        if args.action == "export":
            with transaction(engine) as conn:  # the export itself is logged
                found = (
                    privacy.export_staff(conn, None, args.staff)
                    if args.staff
                    else privacy.export_user(conn, None, args.user)
                )
                photos = privacy.photo_files(conn, found)
            _write(Path(args.out), privacy.export_json(found), photos)
            print(f"{args.out}: everything stored about {subject}")
            return 0
        if not args.yes:
            print(f"Erase {subject}? Their data cannot be restored. [y/N] ", end="", flush=True)
            if sys.stdin.readline().strip().lower() not in ("y", "yes", "j", "ja"):
                print("nothing erased")
                return 1
        with transaction(engine) as conn:
            if args.staff:
                count = privacy.erase_staff(conn, None, args.staff)
                print(f"staff member {args.staff} erased; {count} visits no longer name them")
            else:
                privacy.erase_user(conn, None, args.user)
                print(f"user {args.user} erased")
    except privacy.UnknownSubject as problem:
        raise InputProblem([str(problem)]) from problem
    return 0


def _write(out: Path, data: bytes, photos: list[tuple[str, bytes]]) -> None:
    """Created readable by its owner only from the first byte: it holds personal data."""
    out.unlink(missing_ok=True)
    with os.fdopen(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as file:
        if out.suffix.lower() != ".zip":
            file.write(data)
            return
        with zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("data.json", data)
            for name, content in photos:
                archive.writestr(f"photos/{name}", content)
