"""`xlsform export`, `xlsform import` and `import submissions` as a user meets them: files
named by default, exit codes, problems on stderr, nothing written when the input is wrong."""

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cli.main import main
from standards import load_standard, version_hash
from tests.standards.xlsform.forms import table, workbook

LIBRARY = Path(__file__).resolve().parents[2] / "standards" / "library"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_export_then_import_writes_files_beside_their_sources(tmp_path: Path, capsys) -> None:
    source = tmp_path / "fast-food-visit.yaml"
    shutil.copy(LIBRARY / "fast-food-visit.yaml", source)
    version = version_hash(load_standard(source))
    assert main(["xlsform", "export", str(source)]) == 0
    form = tmp_path / "fast-food-visit.xlsx"
    assert capsys.readouterr().out == f"{form}: form fast-food-visit version {version}\n"
    source.unlink()
    assert main(["xlsform", "import", str(form)]) == 0
    out, err = capsys.readouterr()
    assert out == f"{source}: standard fast-food-visit version {version} (22 items in 7 sections)\n"
    assert err == ""
    assert version_hash(load_standard(source)) == version
    assert main(["validate", str(source)]) == 0


def test_a_form_with_errors_writes_nothing_and_says_where(tmp_path: Path, capsys) -> None:
    form = tmp_path / "form.xlsx"
    survey = table(
        "type | name | label | pass_if",
        ("begin_group", "g", "G"),
        ("integer", "count", "Count", "10-120"),
        ("geopoint", "where", "Where"),
        ("end_group",),
    )
    settings = [["form_id", "channel", "languages"], ["t", "web", "en"]]
    form.write_bytes(workbook(survey, settings=settings))
    out = tmp_path / "kept.yaml"
    out.write_text("# the file that was there\n", encoding="utf-8")
    assert main(["xlsform", "import", str(form), "-o", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert [line.split(" ")[0:2] for line in err] == [
        [f"{form}:survey:3:", "X011"],
        [f"{form}:survey:4:", "X003"],
    ]
    assert out.read_text(encoding="utf-8") == "# the file that was there\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["form.xlsx", "kept.yaml"]


def test_warnings_go_to_stderr_and_the_standard_is_written(tmp_path: Path, capsys) -> None:
    form = tmp_path / "Store Check.xlsx"
    survey = table(
        "type | name | label",
        ("begin_group", "g", "G"),
        ("note", "intro", "Hello"),
        ("select_one yn", "ok", "OK?"),
        ("end_group",),
    )
    choices = table("list_name | name | label", ("yn", "yes", "Yes"), ("yn", "no", "No"))
    form.write_bytes(workbook(survey, choices))
    assert main(["xlsform", "import", str(form)]) == 0
    out, err = capsys.readouterr()
    assert f"{form}:survey:3: X101 note 'intro' is dropped" in err
    assert "the file name became the standard id 'store-check'" in err
    assert out.startswith(f"{tmp_path / 'Store Check.yaml'}: standard store-check version ")
    assert (tmp_path / "Store Check.yaml").is_file()


def test_wrong_inputs_and_usage(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitel: Hallo\n", encoding="utf-8")
    assert main(["xlsform", "export", str(bad)]) == 1
    assert f"{bad}:2:1: E002" in capsys.readouterr().err
    assert not (tmp_path / "bad.xlsx").exists()
    assert (
        main(
            [
                "xlsform",
                "export",
                str(LIBRARY / "fast-food-visit.yaml"),
                "-o",
                str(tmp_path / "form.csv"),
            ]
        )
        == 1
    )
    assert "name it *.xlsx" in capsys.readouterr().err
    assert main(["xlsform", "import", str(tmp_path / "missing.xlsx")]) == 1
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["xlsform"])
    assert usage.value.code == 2


def test_import_submissions_from_the_command_line(db: str, tmp_path: Path, capsys) -> None:
    standard = tmp_path / "phone.yaml"
    shutil.copy(LIBRARY / "phone-mystery-call.yaml", standard)
    (tmp_path / "stores.csv").write_text("store_id,name,region,city\nS1,Eins,Nord,Kiel\n")
    (tmp_path / "users.csv").write_text(
        "username,full_name,email,roles,regions,stores,language\nanna,Anna,,shopper,,,de\n"
    )
    assert main(["import", "stores", str(tmp_path / "stores.csv"), "--db", db]) == 0
    assert main(["import", "users", str(tmp_path / "users.csv"), "--db", db]) == 0
    assert main(["xlsform", "export", str(standard)]) == 0
    capsys.readouterr()
    # The columns ODK Central's CSV has for this form, one visit answering one item.
    book = load_workbook(tmp_path / "phone.xlsx")
    first_item = next(
        (row[1], group) for group, row in _questions(book) if row[0] == "select_one yes_no"
    )
    header = f"start,end,store_id,shopper,{first_item[1]}-{first_item[0]},meta-instanceID,KEY"
    row = "2025-11-03T14:05:00.000+01:00,,S1,anna,yes,uuid:abc-1,uuid:abc-1"
    submissions = tmp_path / "central.csv"
    submissions.write_text(f"{header}\n{row}\n", encoding="utf-8")
    arguments = ["import", "submissions", "--standard", str(standard), str(submissions)]
    assert main([*arguments, "--db", db]) == 0
    assert capsys.readouterr().out.startswith("submissions: 1 added, 0 unchanged; answers added 1")
    assert main([*arguments, "--db", db]) == 0
    assert capsys.readouterr().out.endswith("(nothing changed)\n")
    submissions.write_text(f"{header}\n{row.replace(',S1,', ',S9,')}\n", encoding="utf-8")
    assert main([*arguments, "--db", db]) == 1
    assert capsys.readouterr().err == f"{submissions}:2:store_id: unknown store 'S9'\n"


def _questions(book):
    group = ""
    for row in book["survey"].iter_rows(min_row=2, values_only=True):
        if row[0] == "begin_group":
            group = row[1]
        yield group, row
