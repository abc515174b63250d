"""`mystery-audit user add|passwd|disable`: local accounts."""

import argparse
import getpass
import sys

from cli.output import InputProblem, add_db_option, open_engine


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = commands.add_parser("user", help="add accounts, set passwords, disable accounts")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="create a local account")
    add.add_argument("username")
    add.add_argument("--name", required=True, help="full name")
    add.add_argument("--email")
    add.add_argument(
        "--roles",
        required=True,
        help="';'-separated: admin, shopper, reviewer, regional_manager, store_manager, trainer",
    )
    add.add_argument("--regions", default="", help="';'-separated region names (regional managers)")
    add.add_argument("--stores", default="", help="';'-separated store ids (store managers)")
    add.add_argument("--language", default="de", choices=["de", "en"])
    _password_option(add)
    add.set_defaults(run=run_add)

    passwd = actions.add_parser("passwd", help="set a new password (ends the user's sessions)")
    passwd.add_argument("username")
    _password_option(passwd)
    passwd.set_defaults(run=run_passwd)

    disable = actions.add_parser("disable", help="disable an account (ends its sessions)")
    disable.add_argument("username")
    add_db_option(disable)
    disable.set_defaults(run=run_disable)


def _password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input instead of prompting",
    )
    add_db_option(parser)


def _read_password(args: argparse.Namespace, required: bool) -> str | None:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        if required:
            raise InputProblem(["no terminal to ask for the password; use --password-stdin"])
        return None
    first = getpass.getpass("New password: ")
    if first != getpass.getpass("Repeat password: "):
        raise InputProblem(["the two passwords differ; nothing was changed"])
    return first


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def run_add(args: argparse.Namespace) -> int:
    from audits.accounts.access import needs_regions, needs_stores
    from audits.accounts.people import add_person
    from audits.records.db import transaction
    from audits.records.tables import ROLES

    roles = _split(args.roles)
    problems = [
        f"user {args.username}: unknown role '{r}'; roles are {', '.join(ROLES)}"
        for r in roles
        if r not in ROLES
    ]
    if needs_regions(roles) and not _split(args.regions):
        problems.append(f"user {args.username}: a regional_manager needs --regions")
    if needs_stores(roles) and not _split(args.stores):
        problems.append(f"user {args.username}: a store_manager needs --stores")
    if problems:
        raise InputProblem(problems)
    password = _read_password(args, required=False)
    engine = open_engine(args)
    try:
        with transaction(engine) as conn:
            person = add_person(
                conn,
                args.username,
                args.name,
                [role for role in ROLES if role in roles],  # all known: checked above
                email=args.email,
                language=args.language,
                regions=_split(args.regions),
                stores=_split(args.stores),
                password=password,
            )
    except ValueError as error:
        raise InputProblem([f"user {args.username}: {error}"]) from error
    note = "" if password else " (no password yet: set one with 'mystery-audit user passwd')"
    print(f"added {person.username} ({', '.join(person.roles)}){note}")
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    from audits.accounts.people import set_password
    from audits.records.db import transaction

    password = _read_password(args, required=True)
    if password is None:  # required: _read_password asked or refused
        raise InputProblem(["no password given; nothing was changed"])
    engine = open_engine(args)
    try:
        with transaction(engine) as conn:
            set_password(conn, args.username, password)
    except (LookupError, ValueError) as error:
        raise InputProblem([f"user {args.username}: {error}"]) from error
    print(f"password changed for {args.username}; their sessions are ended")
    return 0


def run_disable(args: argparse.Namespace) -> int:
    from audits.accounts.people import disable_person
    from audits.records.db import transaction

    engine = open_engine(args)
    try:
        with transaction(engine) as conn:
            disable_person(conn, args.username)
    except LookupError as error:
        raise InputProblem([f"user {args.username}: {error}"]) from error
    print(f"disabled {args.username}; their sessions are ended")
    return 0
