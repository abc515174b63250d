"""`mystery-audit init` and `mystery-audit demo`."""

import argparse

from cli.output import InputProblem, add_db_option, open_engine, step


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    init = commands.add_parser(
        "init",
        help="create or upgrade the database schema (idempotent)",
        description="Create the database schema, or bring it up to date; safe to run again.",
    )
    add_db_option(init)
    init.set_defaults(run=run_init)

    demo = commands.add_parser(
        "demo",
        help="load the demo chain into an empty database",
        description="Load the demo chain from sample_data/demo and print the demo accounts.",
    )
    add_db_option(demo)
    demo.add_argument(
        "--if-empty",
        action="store_true",
        help="load only into the app's own empty SQLite file (what `make run` does); do "
        "nothing and succeed otherwise",
    )
    demo.set_defaults(run=run_demo)


def run_init(args: argparse.Namespace) -> int:
    from audits.records.db import current_revision, transaction
    from audits.records.scores import score_unscored

    engine = open_engine(args)
    # Visits stored before scores were kept (or whose scoring was cut short) get theirs now.
    with transaction(engine) as conn:
        scored = score_unscored(conn)
    print(f"database ready at revision {current_revision(engine)}")
    if scored:
        print(f"{scored} visits scored that had no stored score")
    return 0


def run_demo(args: argparse.Namespace) -> int:
    import os

    from audits.importers import ImportRejected
    from audits.importers.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DatabaseNotEmpty, load_demo

    if args.if_empty and (args.db or os.environ.get("DATABASE_URL", "").strip()):
        # The demo's accounts share a published password: a database someone named (an
        # empty production PostgreSQL, say) gets them only when asked for by name.
        print(
            "demo not loaded: this database was named by --db or DATABASE_URL; load the "
            "demo there on purpose with `mystery-audit demo`"
        )
        return 0
    engine = open_engine(args)
    try:
        results = load_demo(engine, on_step=lambda n, total, name: step(n, total, name))
    except DatabaseNotEmpty as error:
        if args.if_empty:
            print("database already holds data; demo not loaded")
            return 0
        raise InputProblem([f"{error}; point --db at a new database"]) from error
    except ImportRejected as error:
        raise InputProblem(error.errors) from error
    for result in results:
        print(result.summary())
    print()
    print(f"Demo accounts (password for each: {DEMO_PASSWORD}):")
    for role, username in DEMO_ACCOUNTS:
        print(f"  {role:<17} {username}")
    return 0
