"""`mystery-audit report` as a user meets it: the file, its period and filters, and clear
messages (with nothing overwritten) for bad input."""

from pathlib import Path

import pytest
from openpyxl import load_workbook

from cli.main import main
from tests.conftest import sqlite_copy


@pytest.fixture(scope="module")
def db(tmp_path_factory, demo_sqlite) -> str:
    return sqlite_copy(demo_sqlite, tmp_path_factory.mktemp("cli-report"))


def test_the_report_covers_the_last_three_months_by_default(db: str, tmp_path, capsys) -> None:
    out = tmp_path / "gaps.xlsx"
    assert main(["report", "--out", str(out), "--db", db]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"{out}: ")
    assert "2026-08 to 2026-10" in captured.out  # the demo's newest month is October
    assert "Besuche werden geschrieben" in captured.err  # progress, on stderr only
    book = load_workbook(out, read_only=True)
    assert book.sheetnames[0] == "Übersicht"
    assert next(book["Übersicht"].iter_rows(min_row=2, max_row=2, values_only=True))[1] == (
        "Aug. 2026 – Okt. 2026 (verglichen mit Mai 2026 – Juli 2026)"
    )


def test_filters_and_language(db: str, tmp_path, capsys) -> None:
    out = tmp_path / "nord.xlsx"
    command = ["report", "--out", str(out), "--db", db, "--from", "2026-05-14", "--to", "2026-06"]
    assert (
        main([*command, "--region", "nord", "--standard", "retail-store-visit", "--lang", "en"])
        == 0
    )
    assert "2026-05 to 2026-06" in capsys.readouterr().out
    book = load_workbook(out, read_only=True)
    visits = list(book["Visits"].iter_rows(values_only=True))
    assert visits[0][:3] == ("Visited", "Store ID", "Store")
    assert {row[1] for row in visits[1:]} <= {f"S0{n}" for n in range(1, 8)}
    assert all(row[0].year == 2026 and row[0].month in (5, 6) for row in visits[1:])


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (["--out", "{tmp}/gaps.csv"], 1, "name it *.xlsx"),
        (["--out", "{tmp}/missing/gaps.xlsx"], 1, "does not exist"),
        (["--out", "{tmp}/gaps.xlsx", "--region", "atlantis"], 1, "region atlantis is unknown"),
        (["--out", "{tmp}/gaps.xlsx", "--standard", "nope"], 1, "unknown standard nope"),
        (["--out", "{tmp}/gaps.xlsx", "--from", "2026-06", "--to", "2026-03"], 1, "lies after"),
        (["--out", "{tmp}/gaps.xlsx", "--from", "2026-13"], 2, "is not a month"),
        (["--out", "{tmp}"], 1, "name it *.xlsx"),
        (["--out", "{tmp}/folder.xlsx"], 1, "that is a folder"),
    ],
)
def test_bad_input_says_what_to_do_and_leaves_the_old_file(
    db: str, tmp_path: Path, capsys, arguments, code, message
) -> None:
    old = tmp_path / "gaps.xlsx"
    old.write_bytes(b"last week's report")
    (tmp_path / "folder.xlsx").mkdir()
    filled = [part.format(tmp=tmp_path) for part in arguments]
    if code == 2:
        with pytest.raises(SystemExit) as stopped:
            main(["report", *filled, "--db", db])
        assert stopped.value.code == 2
    else:
        assert main(["report", *filled, "--db", db]) == 1
    assert message in capsys.readouterr().err
    assert old.read_bytes() == b"last week's report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.xlsx", "gaps.xlsx"]


def test_a_period_without_visits_gives_a_report_that_says_so(db: str, tmp_path, capsys) -> None:
    out = tmp_path / "old.xlsx"
    assert (
        main(["report", "--out", str(out), "--db", db, "--from", "2020-01", "--to", "2020-02"]) == 0
    )
    assert "0 visits" in capsys.readouterr().out
    visits = list(load_workbook(out, read_only=True)["Besuche"].iter_rows(values_only=True))
    assert visits[1][0] == "Keine veröffentlichten Besuche in diesem Zeitraum."


def test_to_alone_means_the_three_months_up_to_it(db: str, tmp_path, capsys) -> None:
    out = tmp_path / "june.xlsx"
    assert main(["report", "--out", str(out), "--db", db, "--to", "2026-06"]) == 0
    assert "2026-04 to 2026-06" in capsys.readouterr().out


def test_a_failure_while_writing_keeps_the_old_report(db: str, tmp_path, capsys, monkeypatch):
    old = tmp_path / "gaps.xlsx"
    old.write_bytes(b"last week's report")

    def full_disk(data, lang, target, progress=None):
        Path(target).write_bytes(b"half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("scoring.report.write_report", full_disk)
    assert main(["report", "--out", str(old), "--db", db]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert (
        err[-1]
        == f"mystery-audit report: could not write {old}: [Errno 28] No space left on device"
    )
    assert old.read_bytes() == b"last week's report"
    assert [p.name for p in tmp_path.iterdir()] == ["gaps.xlsx"]
