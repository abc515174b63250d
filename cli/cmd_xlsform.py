"""`mystery-audit xlsform import FORM.xlsx [-o STANDARD.yaml]` and
`xlsform export STANDARD.yaml [-o FORM.xlsx]`: standards to and from XLSForm (docs/xlsform.md)."""

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from cli.output import InputProblem


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = commands.add_parser(
        "xlsform",
        help="turn XLSForms (ODK, KoboToolbox) into standards and back",
        description="Convert between standards and XLSForm, the form format of ODK Collect, "
        "KoboCollect, SurveyCTO and Ona. Problems are printed as FORM.xlsx:SHEET:ROW: CODE "
        "message; warnings do not stop the conversion, errors do and write no file.",
    )
    directions = parser.add_subparsers(dest="direction", metavar="DIRECTION", required=True)
    read = directions.add_parser("import", help="an XLSForm as a standard (YAML)")
    read.add_argument("form", type=Path, metavar="FORM.xlsx")
    read.add_argument("-o", "--out", type=Path, metavar="STANDARD.yaml", help="default: FORM.yaml")
    read.set_defaults(run=run_import)
    write = directions.add_parser("export", help="a standard as an XLSForm for ODK or Kobo")
    write.add_argument("standard", type=Path, metavar="STANDARD.yaml")
    write.add_argument("-o", "--out", type=Path, metavar="FORM.xlsx", help="default: STANDARD.xlsx")
    write.set_defaults(run=run_export)


def run_import(args: argparse.Namespace) -> int:
    from standards import version_hash
    from standards.xlsform import read_form

    out = args.out or args.form.with_suffix(".yaml")
    _check_target(out, (".yaml", ".yml"), "a YAML file")
    if not args.form.is_file():
        raise InputProblem([f"{args.form}: no such file"])
    result = read_form(args.form, str(args.form))
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    if result.errors or result.standard is None or result.yaml_text is None:
        raise InputProblem(str(problem) for problem in result.errors)
    text = result.yaml_text
    _replace(out, lambda path: Path(path).write_text(text, encoding="utf-8"))
    standard = result.standard
    print(
        f"{out}: standard {standard.id} version {version_hash(standard)} "
        f"({len(standard.items())} items in {len(standard.sections)} sections)"
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from standards import StandardError, load_standard, version_hash
    from standards.xlsform import FormError, write_form

    out = args.out or args.standard.with_suffix(".xlsx")
    _check_target(out, (".xlsx",), "an Excel file")
    try:
        standard = load_standard(args.standard)
    except StandardError as error:
        raise InputProblem(str(problem) for problem in error.problems) from error
    try:
        _replace(out, lambda path: write_form(standard, path, str(args.standard)))
    except FormError as error:
        raise InputProblem(str(problem) for problem in error.problems) from error
    print(f"{out}: form {standard.id} version {version_hash(standard)}")
    return 0


def _check_target(out: Path, suffixes: tuple[str, ...], what: str) -> None:
    if out.suffix.lower() not in suffixes:
        raise InputProblem([f"-o {out}: the output is {what}; name it *{suffixes[0]}"])
    if out.is_dir():
        raise InputProblem([f"-o {out}: that is a folder; name a file in it"])
    if not out.parent.is_dir():
        raise InputProblem([f"-o {out}: the folder {out.parent} does not exist"])


def _replace(out: Path, write: Callable[[str], object]) -> None:
    """Write beside the target and move it into place: an interrupted or failed run never
    leaves half a file, nor destroys the one that was there."""
    handle, temporary = tempfile.mkstemp(suffix=out.suffix, dir=out.parent)
    os.close(handle)
    try:
        write(temporary)
        os.chmod(temporary, _file_mode(out))
        os.replace(temporary, out)
    except OSError as error:
        raise InputProblem([f"could not write {out}: {error.strerror or error}"]) from error
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _file_mode(out: Path) -> int:
    """The mode an ordinary new file would get (or the replaced file's own)."""
    if out.exists():
        return out.stat().st_mode & 0o777
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
