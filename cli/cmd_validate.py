"""`mystery-audit validate PATH...`: check standard files without touching a database."""

import argparse
import sys
from pathlib import Path

from cli.output import InputProblem
from standards import StandardError, check_standard, version_hash

_SUFFIXES = (".yaml", ".yml")


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = commands.add_parser(
        "validate",
        help="check standard files (YAML) and report every problem",
        description="Check standard files or folders of them. Prints 'OK PATH (id, version)' "
        "per valid file; on any problem prints each as PATH:LINE:COL: CODE message, exit 1. "
        "Warnings (Wnnn) go to stderr and keep exit 0 unless --strict is given.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a standard file or a folder")
    parser.add_argument("--strict", action="store_true", help="treat warnings as problems (exit 1)")
    parser.set_defaults(run=run)


def _files(paths: list[str]) -> tuple[list[Path], list[str]]:
    files: list[Path] = []
    missing: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in _SUFFIXES)
            if not found:
                missing.append(f"{raw}: no .yaml or .yml files in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            missing.append(f"{raw}: no such file or folder")
    return files, missing


def run(args: argparse.Namespace) -> int:
    files, problems = _files(args.paths)
    ok_lines: list[str] = []
    warnings: list[str] = []
    first_file_of: dict[str, Path] = {}
    for path in files:
        try:
            standard, found = check_standard(path)
        except StandardError as error:
            problems.extend(str(p) for p in error.problems)
            continue
        warnings.extend(str(warning) for warning in found)
        if standard.id in first_file_of:
            problems.append(
                f"{path}:1:1: E004 standard id '{standard.id}' is already used by "
                f"{first_file_of[standard.id]}; give each standard its own id"
            )
            continue
        first_file_of[standard.id] = path
        ok_lines.append(f"OK {path} ({standard.id}, {version_hash(standard)})")
    if ok_lines:
        print("\n".join(ok_lines))
    if args.strict:
        problems.extend(warnings)
    elif warnings:
        print("\n".join(warnings), file=sys.stderr)
    if problems:
        raise InputProblem(problems)
    return 0
