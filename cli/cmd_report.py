"""`mystery-audit report`: the trainers' Excel gap report, the same file the app offers."""

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from cli.output import InputProblem, add_db_option, open_engine
from locales import LANGUAGES


def month(text: str) -> dt.date:
    """A month as 2026-03, or a day as 2026-03-14 standing for its month."""
    for pattern in ("%Y-%m", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date().replace(day=1)
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"{text!r} is not a month (2026-03) or a day (2026-03-14)")


def listed(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    report = commands.add_parser(
        "report",
        help="write the trainers' Excel gap report",
        description=(
            "Write the Excel gap report (summary, gaps by item, store x item, recurring gaps, "
            "coaching by staff, comments, visits) for whole calendar months. Without --from "
            "and --to: the last three months up to the newest month with published visits."
        ),
    )
    report.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx")
    report.add_argument("--from", dest="first", type=month, metavar="MONTH", help="2026-03")
    report.add_argument("--to", dest="last", type=month, metavar="MONTH", help="2026-05")
    for name, what in (("region", "region id"), ("store", "store id"), ("standard", "id")):
        report.add_argument(
            f"--{name}",
            dest=f"{name}s",
            action="extend",
            type=listed,
            default=[],
            metavar=name.upper(),
            help=f"only this {what}; repeat or separate by commas for several",
        )
    report.add_argument("--lang", choices=LANGUAGES, default="de", help="headers and texts")
    add_db_option(report)
    report.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    from sqlalchemy import exc as sa_errors

    from audits.accounts.access import operator_scope
    from audits.reads import dashboard as repo_dashboard
    from audits.reads.report import ReportError, ReportFilters, read_report, report_scopes
    from scoring.dashboard import Period, month_start
    from scoring.report import write_report

    _check_target(args.out)
    engine = open_engine(args)
    first, last = args.first, args.last
    if first is None or last is None:
        with engine.connect() as conn:
            known = repo_dashboard.month_range(conn, operator_scope("export_report"))
        if last is None:
            # Up to the newest month with visits, or the month asked for when that is later.
            newest = known[1] if known else dt.date.today().replace(day=1)
            last = max(newest, first) if first else newest
        if first is None:
            earliest = known[0] if known and known[0] <= last else None
            first = max(earliest, month_start(last, -2)) if earliest else month_start(last, -2)
    if first > last:
        raise InputProblem([f"--from {first:%Y-%m} lies after --to {last:%Y-%m}"])
    period = Period(first, last)
    print(f"report for {first:%Y-%m} to {last:%Y-%m} (whole months)", file=sys.stderr)
    filters = ReportFilters(period, tuple(args.regions), tuple(args.stores), tuple(args.standards))
    try:
        data = read_report(engine, *report_scopes(engine, None), filters)
    except ReportError as error:
        raise InputProblem([f"mystery-audit report: {error}"]) from error
    bar = ProgressBar()
    # Written beside the target and moved into place at the end: an interrupted run never
    # leaves a broken file, nor destroys the report that was there.
    handle, temporary = tempfile.mkstemp(suffix=".xlsx", dir=args.out.parent)
    os.close(handle)
    try:
        write_report(data, args.lang, temporary, progress=bar)
        os.chmod(temporary, _file_mode(args.out))
        os.replace(temporary, args.out)
    except (OSError, ValueError, RuntimeError, sa_errors.SQLAlchemyError) as error:
        raise InputProblem(
            [f"mystery-audit report: could not write {args.out}: {error}"]
        ) from error
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    bar.done()
    print(
        f"{args.out}: {len(data.visits)} visits, {len(data.stores)} stores, "
        f"{first:%Y-%m} to {last:%Y-%m}"
    )
    return 0


def _check_target(out: Path) -> None:
    """Everything about --out that can be known before minutes of work."""
    if out.suffix.lower() != ".xlsx":
        raise InputProblem([f"--out {out}: the report is an Excel file; name it *.xlsx"])
    if out.is_dir():
        raise InputProblem([f"--out {out}: that is a folder; name a file in it"])
    if not out.parent.is_dir():
        raise InputProblem([f"--out {out}: the folder {out.parent} does not exist"])
    if not os.access(out.parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise InputProblem([f"--out {out}: no permission to write there"])


def _file_mode(out: Path) -> int:
    """The mode an ordinary new file would get (or the replaced report's own)."""
    if out.exists():
        return out.stat().st_mode & 0o777
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


class ProgressBar:
    """A bar on stderr, redrawn in place on a terminal and one line per part elsewhere."""

    WIDTH = 24

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.label = ""

    def __call__(self, share: float, label: str) -> None:
        if not self.tty and label == self.label and share < 1.0:
            return
        self.label = label
        filled = round(self.WIDTH * share)
        line = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {share:4.0%} {label}"
        end = "\r" if self.tty else "\n"
        print(line.ljust(72), end=end, file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.tty:
            print(file=sys.stderr)
