"""`mystery-audit import stores|staff|users FILE`, `import visits ...` and
`import submissions ...`."""

import argparse

from cli.output import InputProblem, add_db_option, open_engine


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = commands.add_parser(
        "import",
        help="import stores, staff, users, visits or ODK/Kobo submissions (all-or-nothing)",
        description="Import a CSV or XLSX file. On any bad row nothing is written and every "
        "bad row is reported as FILE:ROW: message (the header is row 1). Importing the same "
        "ids again changes nothing.",
    )
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    for kind in ("stores", "staff", "users"):
        sub = kinds.add_parser(kind, help=f"import {kind}")
        sub.add_argument("file", metavar="FILE")
        add_db_option(sub)
        sub.set_defaults(run=run)
    visits = kinds.add_parser("visits", help="import visits and their answers")
    visits.add_argument("--standard", required=True, metavar="STANDARD.yaml")
    visits.add_argument("visits_file", metavar="VISITS")
    visits.add_argument("answers_file", metavar="ANSWERS")
    add_db_option(visits)
    visits.set_defaults(run=run)
    submissions = kinds.add_parser(
        "submissions",
        help="import visits filled in ODK Collect or KoboCollect",
        description="Import the submissions export of ODK Central (CSV) or KoboToolbox (XLSX "
        "or CSV) of a form made by `mystery-audit xlsform export`: one row per visit. Every "
        "bad cell is reported as FILE:ROW:COLUMN: message; the visits wait for review.",
    )
    submissions.add_argument("--standard", required=True, metavar="STANDARD.yaml")
    submissions.add_argument("file", metavar="FILE.csv|FILE.xlsx")
    add_db_option(submissions)
    submissions.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from audits import importers
    from audits.records.db import transaction
    from standards import StandardError, load_standard

    standard = None
    if args.kind in ("visits", "submissions"):
        try:
            standard = load_standard(args.standard)
        except StandardError as error:
            raise InputProblem(str(p) for p in error.problems) from error
    engine = open_engine(args)
    try:
        with transaction(engine) as conn:
            if standard is not None and args.kind == "submissions":
                result = importers.import_submissions(conn, standard, args.file)
            elif standard is not None:
                result = importers.import_visits(
                    conn, standard, args.visits_file, args.answers_file
                )
            else:
                importer = getattr(importers, f"import_{args.kind}")
                result = importer(conn, args.file)
    except importers.ImportRejected as error:
        raise InputProblem(error.errors) from error
    print(result.summary() + ("" if result.changed else " (nothing changed)"))
    return 0
