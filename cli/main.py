"""`mystery-audit`: the command line (specs in docs/cli.md).

Exit codes: 0 success, 1 the input is wrong (each problem on stderr, one line each, naming
the file and line or row), 2 usage error. Results go to stdout only, so they can be piped.
"""

import argparse
import sys
from collections.abc import Sequence

from cli import (
    cmd_analyse,
    cmd_backup,
    cmd_db,
    cmd_import,
    cmd_privacy,
    cmd_report,
    cmd_retention,
    cmd_score,
    cmd_user,
    cmd_validate,
    cmd_xlsform,
)
from cli.output import InputProblem

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mystery-audit",
        description="Mystery-shopper audits: standards, visits, scores and reports.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (
        cmd_validate,
        cmd_score,
        cmd_analyse,
        cmd_db,
        cmd_import,
        cmd_report,
        cmd_user,
        cmd_xlsform,
        cmd_backup,
        cmd_retention,
        cmd_privacy,
    ):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        # A Namespace attribute is Any to mypy; every command's `run` returns its exit code.
        code: int = args.run(args)
        return code
    except InputProblem as problem:
        for line in problem.lines:
            print(line, file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        # The reader (`| head`) stopped early; that is not an error of ours. Point stdout at
        # devnull so the interpreter's final flush does not complain either.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
