"""The Excel gap report on a generated programme: 2,000 stores, a 60-item standard and 100k
visits (with shoppers' comments) in SQLite and PostgreSQL, the whole year in one workbook.

    python -m bench.report [--visits 100000] [--backend sqlite|postgres|both]

Targets (issue 7): the report in at most 15 s, peak memory at most 500 MB. Each run is a
fresh process, so its peak resident memory is the report's alone (imports included).
"""

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.programme_db import open_programme

SECTIONS = 6
"""Ten items per section: the 60 items of the target."""
YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 1))
LIMIT_SECONDS, LIMIT_MB = 15.0, 500.0


def one_run(visits: int, backend: str, postgres: str) -> dict[str, float]:
    """Read and write one report; the figures of this process."""
    from audits.reads.report import ReportFilters, read_report, report_scopes
    from scoring.dashboard import Period
    from scoring.report import write_report

    engine = open_programme(visits, backend, postgres, sections=SECTIONS, comments=True)
    started = time.perf_counter()
    data = read_report(engine, *report_scopes(engine, None), ReportFilters(Period(*YEAR)))
    read = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "report.xlsx"
        write_report(data, "de", target)
        total = time.perf_counter() - started
        size = target.stat().st_size
    # ru_maxrss is in kilobytes on Linux.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "read": read,
        "write": total - read,
        "total": total,
        "peak_mb": peak,
        "visits": len(data.visits),
        "stores": len(data.stores),
        "items": sum(
            len(section.items)
            for standard in data.standards.values()
            for section in standard.sections
        ),
        "file_mb": size / 2**20,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--one", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.visits, args.one, args.postgres)))
        return
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    for backend in backends:
        # Built (or found) first, so the timed run below measures the report only.
        open_programme(args.visits, backend, args.postgres, sections=SECTIONS, comments=True)
        command = [sys.executable, "-m", "bench.report", "--visits", str(args.visits)]
        command += ["--postgres", args.postgres, "--one", backend]
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        verdict = (
            "ok"
            if figures["total"] <= LIMIT_SECONDS and figures["peak_mb"] <= LIMIT_MB
            else "MISSED"
        )
        print(
            f"{backend:<8} {figures['visits']:,} visits, {figures['stores']:,} stores, "
            f"{figures['items']} items: read {figures['read']:.1f} s, write "
            f"{figures['write']:.1f} s, total {figures['total']:.1f} s, peak "
            f"{figures['peak_mb']:.0f} MB, file {figures['file_mb']:.1f} MB  {verdict}"
        )


if __name__ == "__main__":
    main()
