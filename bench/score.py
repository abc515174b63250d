"""Scoring benchmark: prints its figures; see README "Performance" for the last run.

    python bench/score.py            # 100k visits (about 5M answers)
    python bench/score.py --large    # also 1M visits (about 50M answers, 2.6 GB of CSV)

1. End to end: `mystery-audit score` on the CSV against the same scoring written as SQL in
   DuckDB (bench/duckdb_score.py), each a fresh process, best of three; the two outputs
   must be byte-identical.
2. In process, on answers already in memory: score + rank (stores) + recurring gaps, with the
   process's peak memory.
"""

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import ensure  # noqa: E402


def _timed(command: list[str], out: Path) -> float:
    start = time.perf_counter()
    with out.open("wb") as handle:
        subprocess.run(command, stdout=handle, check=True)
    return time.perf_counter() - start


def end_to_end(visits: int, repeats: int) -> None:
    standard, _visits, answers = ensure(visits)
    ours_out, duck_out = HERE / "data" / "ours.csv", HERE / "data" / "duck.csv"
    ours = [sys.executable, "-m", "cli", "score", "--standard", str(standard), str(answers)]
    duck = [sys.executable, str(HERE / "duckdb_score.py"), str(standard), str(answers)]
    ours_times = [_timed(ours, ours_out) for _ in range(repeats)]
    duck_times = [_timed(duck, duck_out) for _ in range(repeats)]
    same = ours_out.read_bytes() == duck_out.read_bytes()
    rows = sum(1 for _ in answers.open("rb")) - 1
    best_ours, best_duck = min(ours_times), min(duck_times)
    print(
        f"end to end, {visits:,} visits, {rows:,} answers ({answers.stat().st_size / 1e6:.0f} MB)"
    )
    print(f"  mystery-audit score   best {best_ours:6.2f} s   runs {_list(ours_times)}")
    print(f"  DuckDB SQL            best {best_duck:6.2f} s   runs {_list(duck_times)}")
    print(f"  ratio DuckDB / ours   {best_duck / best_ours:.2f}x   identical output: {same}")
    if not same:
        raise SystemExit("the two outputs differ")


def _list(times: list[float]) -> str:
    return " ".join(f"{t:.2f}" for t in times)


def in_process(visits: int) -> None:
    """Runs in its own process so that its peak memory is its own."""
    from cli.answer_files import _fast_table
    from cli.cmd_score import load_plan
    from cli.visit_files import read_visits
    from scoring.arrow import code_table
    from scoring.engine import score_coded
    from scoring.gaps import gaps_from_cells, status_of
    from scoring.rankings import rank_units

    standard, visits_path, answers_path = ensure(visits)
    plan = load_plan(str(standard))
    table = _fast_table(str(answers_path))
    info = read_visits(str(visits_path)).set_index("visit_id")
    start = time.perf_counter()
    coded, _ = code_table(plan, table)
    scored = time.perf_counter()
    scores = score_coded(plan, coded, cells=True)
    ranked = time.perf_counter()
    frame = info.loc[list(scores.visit_ids), ["store_id", "visited_at"]].reset_index()
    frame["score"] = scores.score
    ranking = rank_units(frame, "store_id")
    gapped = time.perf_counter()
    gaps = gaps_from_cells(
        status_of(scores.reason_cells),
        frame["store_id"].to_numpy(),
        frame["visited_at"].to_numpy(),
        plan.item_ids,
    )
    done = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"in process, {len(coded.item):,} answers of {len(scores.visit_ids):,} visits")
    print(f"  code answers          {scored - start:6.2f} s")
    print(f"  score                 {ranked - scored:6.2f} s")
    print(f"  rank {len(ranking):,} stores      {gapped - ranked:6.2f} s")
    print(f"  recurring gaps        {done - gapped:6.2f} s   ({len(gaps):,} gaps)")
    print(f"  score + rank + gaps   {done - start:6.2f} s   peak memory {peak:,.0f} MB")


def large(visits: int) -> None:
    standard, _visits, answers = ensure(visits)
    command = [sys.executable, "-m", "cli", "score", "--standard", str(standard), str(answers)]
    seconds = _timed(command, HERE / "data" / "large.csv")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"end to end, {visits:,} visits ({answers.stat().st_size / 1e9:.1f} GB of answers)")
    print(f"  mystery-audit score   {seconds:6.2f} s   peak memory {peak:,.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--large", action="store_true", help="also run 1M visits")
    parser.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.in_process:
        in_process(args.visits)
        return
    ensure(args.visits)
    print(f"machine: {_machine()}")
    end_to_end(args.visits, args.repeats)
    command = [sys.executable, __file__, "--in-process", "--visits", str(args.visits)]
    subprocess.run(command, check=True)
    if args.large:
        large(1_000_000)


def _machine() -> str:
    import os
    import platform

    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {memory:.0f} GiB, Python {platform.python_version()}"


if __name__ == "__main__":
    main()
