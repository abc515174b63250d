"""`score`, `gaps` and `rank` as a user runs them: exact CSV on stdout, row-numbered errors."""

import datetime as dt
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa

from audits.records.db import make_engine, open_database, transaction
from audits.records.settings import (
    StaffAgreement,
    set_staff_agreement,
    set_staff_display,
    set_staff_min_group,
)
from audits.records.tables import audit_log
from cli.main import main

STANDARD = """\
id: mini
title: Mini
channel: in_store
languages: [de, en]
critical_policy: zero
bands:
  - {min: 90, label: {de: Sehr gut, en: Very good}}
  - {min: 0, label: {de: "Schwach, bitte prüfen", en: Weak}}
sections:
  - id: greeting
    title: G
    items:
      - {id: greeted, type: yes_no, text: G, na_allowed: true, subject: staff}
      - {id: polite, type: yes_no, text: P, critical: true, subject: staff}
  - id: store
    title: S
    items:
      - {id: clean, type: yes_no, text: C, na_allowed: true}
      - {id: wait, type: number, text: W, unit: s, pass_if: {max: 60}}
      - {id: note, type: text, text: N}
"""


@pytest.fixture
def files(tmp_path: Path):
    def write(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return str(path)

    write("std.yaml", STANDARD)
    return write


@pytest.fixture
def agreed_db(tmp_path: Path) -> str:
    """An organisation's database with a works-council agreement recorded."""
    url = f"sqlite:///{tmp_path / 'agreed.db'}"
    with transaction(open_database(url)) as conn:
        set_staff_agreement(conn, StaffAgreement(dt.date(2026, 1, 15), "BV 2026/01"))
        set_staff_min_group(conn, 1)  # the tiny test chain has one or two staff per store
    return url


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_score_writes_one_row_per_visit_in_first_seen_order(files, capsys, tmp_path) -> None:
    answers = files(
        "answers.csv",
        """\
        visit_id,item_id,value,comment
        v2,greeted,Ja,
        v2,polite,ja,
        v2,clean,NEIN,"line one
        line two"
        v2,wait,45 s,
        v1,greeted,yes,
        v1,polite,no,unfreundlich
        v1,clean,n/a,
        v1,note,Kasse 2,
        v3,greeted,na,
        v3,clean,na,
        """,
    )
    code, out, err = run(capsys, "score", "--standard", str(tmp_path / "std.yaml"), answers)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "visit_id,score,band,critical_failed,greeting,store",
        'v2,75.00,"Schwach, bitte prüfen",false,100.00,50.00',
        'v1,0.00,"Schwach, bitte prüfen",true,50.00,',
        "v3,,,false,,",
    ]


def test_score_reads_semicolons_and_a_byte_order_mark(files, capsys, tmp_path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffvisit_id;item_id;value\nv1;greeted;ja\nv1;polite;ja\n".encode())
    code, out, _ = run(capsys, "score", "--standard", str(tmp_path / "std.yaml"), str(path))
    assert code == 0
    assert out.splitlines()[1] == "v1,100.00,Sehr gut,false,100.00,"


def test_score_reports_every_bad_row_by_its_number_and_prints_nothing(
    files, capsys, tmp_path
) -> None:
    answers = files(
        "answers.csv",
        """\
        visit_id,item_id,value,comment
        v1,greeted,vielleicht,"a comment
        over two lines"
        v1,polite,yes,
        v1,colour,blue,
        v1,polite,no,
        v2,wait,,only a comment
        """,
    )
    code, out, err = run(capsys, "score", "--standard", str(tmp_path / "std.yaml"), answers)
    assert (code, out) == (1, "")
    lines = err.splitlines()
    # rows count records as a spreadsheet shows them: the two-line comment is one row
    assert [line.split(": ")[0] for line in lines] == [
        f"{answers}:2",
        f"{answers}:4",
        f"{answers}:5",
        f"{answers}:6",
    ]
    assert "'vielleicht' is not a valid answer" in lines[0]
    assert "unknown item 'colour'" in lines[1]
    assert "answers item 'polite' a second time" in lines[2]
    assert "a comment needs an answer" in lines[3]


def test_score_names_a_wrong_header(files, capsys, tmp_path) -> None:
    answers = files("answers.csv", "visit,item_id,value\nv1,greeted,yes\n")
    code, _, err = run(capsys, "score", "--standard", str(tmp_path / "std.yaml"), answers)
    assert code == 1
    assert f"{answers}:1: unknown column 'visit'" in err
    assert "missing column 'visit_id'" in err


def test_score_reports_a_broken_standard_with_its_line(files, capsys, tmp_path) -> None:
    bad = files("bad.yaml", STANDARD.replace("type: number", "type: nummer"))
    answers = files("answers.csv", "visit_id,item_id,value\nv1,greeted,yes\n")
    code, _, err = run(capsys, "score", "--standard", bad, answers)
    assert code == 1
    assert err.startswith(f"{bad}:19:26: E006")


VISITS = """\
visit_id,store_id,visited_at,staff_id,shopper_id,region
a1,S1,2026-03-01T10:00:00+01:00,MA-1,anna,Nord
a2,S1,2026-03-08T10:00:00+01:00,MA-1,ben,Nord
a3,S1,2026-03-15T10:00:00+01:00,MA-2,anna,Nord
a4,S1,2026-03-22T10:00:00+01:00,MA-2,ben,Nord
b1,S2,2026-03-02T10:00:00+01:00,MA-3,anna,Süd
b2,S2,2026-03-09T10:00:00+01:00,,ben,Süd
"""
ANSWERS = """\
visit_id,item_id,value
a1,clean,no
a1,polite,yes
a2,clean,yes
a2,polite,yes
a3,clean,no
a3,polite,yes
a4,clean,no
a4,polite,yes
b1,clean,no
b1,polite,yes
b2,clean,na
b2,polite,yes
"""


def test_gaps_lists_k_of_last_n_per_store_and_item(files, capsys, tmp_path) -> None:
    visits, answers = files("visits.csv", VISITS), files("answers.csv", ANSWERS)
    std = str(tmp_path / "std.yaml")
    code, out, _ = run(capsys, "gaps", "--standard", std, visits, answers)
    assert code == 0
    assert out.splitlines() == [
        "store_id,item_id,failures,window,last_failed_at",
        "S1,clean,2,3,2026-03-22T10:00:00+01:00",
    ]
    code, out, _ = run(capsys, "gaps", "--standard", std, visits, answers, "--k", "1", "--n", "1")
    assert out.splitlines()[1:] == [
        "S1,clean,1,1,2026-03-22T10:00:00+01:00",
        "S2,clean,1,1,2026-03-02T10:00:00+01:00",
    ]


def chain_files(files) -> tuple[str, str]:
    """S01 failed `clean` in 8 of its 11 visits, but not in the last three; 30 other stores
    never did; S02 failed `polite` in its last two visits, every other store once."""
    visit_lines, answer_lines = ["visit_id,store_id,visited_at"], ["visit_id,item_id,value"]
    for store in range(1, 32):
        for day in range(1, 12):
            visit = f"v{store}-{day}"
            visit_lines.append(f"{visit},S{store:02d},2026-03-{day:02d}T10:00:00+01:00")
            clean = "no" if store == 1 and day <= 8 else "yes"
            polite = "no" if (store == 2 and day >= 10) or (store != 2 and day == 5) else "yes"
            answer_lines += [f"{visit},clean,{clean}", f"{visit},polite,{polite}"]
    visits = files("chain-visits.csv", "\n".join(visit_lines) + "\n")
    return visits, files("chain-answers.csv", "\n".join(answer_lines) + "\n")


def test_gaps_with_marks_adds_the_pairs_unlikely_to_be_chance(files, capsys, tmp_path) -> None:
    from scipy.stats import binom

    visits, answers = chain_files(files)
    std = str(tmp_path / "std.yaml")
    code, out, _ = run(capsys, "gaps", "--standard", std, visits, answers)
    assert out.splitlines() == [
        "store_id,item_id,failures,window,last_failed_at",
        "S02,polite,2,3,2026-03-11T10:00:00+01:00",
    ]
    code, out, _ = run(capsys, "gaps", "--standard", std, visits, answers, "--marks")
    assert code == 0
    header, persistent, recurring = out.splitlines()
    assert header == "store_id,item_id,failures,window,last_failed_at,p_value,unlikely_chance"
    # Persistent: not 2 of the last 3, but 8 of 11 at a chain rate of 8 / 341.
    assert persistent.startswith("S01,clean,0,3,2026-03-08T10:00:00+01:00,")
    assert persistent.endswith(",true")
    p_value = float(persistent.split(",")[5])
    assert p_value == pytest.approx(binom.sf(7, 11, 8 / 341), rel=1e-12)
    # Recurring, but 2 of 11 is no rarity when the chain fails the item about once in 11.
    assert recurring.startswith("S02,polite,2,3,") and recurring.endswith(",false")


def test_failures_before_the_lookback_months_are_not_counted(files, capsys, tmp_path) -> None:
    visits, answers = chain_files(files)
    std = str(tmp_path / "std.yaml")
    lines = Path(visits).read_text().splitlines()
    # S01's failing visits move a year back; its three passes stay the newest.
    moved = [
        line.replace("2026-03-0", "2025-02-0")
        if line.startswith("v1-") and "-03-0" in line
        else line
        for line in lines
    ]
    Path(visits).write_text("\n".join(moved) + "\n")
    code, out, _ = run(capsys, "gaps", "--standard", std, visits, answers, "--marks")
    assert code == 0
    assert [line.split(",")[:2] for line in out.splitlines()[1:]] == [["S02", "polite"]]
    code, out, _ = run(
        capsys, "gaps", "--standard", std, visits, answers, "--marks", "--lookback-months", "14"
    )
    assert code == 0
    assert [line.split(",")[:2] for line in out.splitlines()[1:]] == [
        ["S01", "clean"],
        ["S02", "polite"],
    ]


def test_rank_by_store_marks_too_few_visits_with_an_empty_rank(files, capsys, tmp_path) -> None:
    visits, answers = files("visits.csv", VISITS), files("answers.csv", ANSWERS)
    code, out, _ = run(
        capsys, "rank", "--by", "store", "--standard", str(tmp_path / "std.yaml"), visits, answers
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "unit,visits,mean_score,adjusted_score,ci_low,ci_high,rank"
    s1 = lines[1].split(",")
    assert (s1[0], s1[1], s1[2], s1[-1]) == ("S1", "4", "62.50", "1")
    s2 = lines[2].split(",")
    assert (s2[0], s2[1], s2[2], s2[-1]) == ("S2", "2", "75.00", "")


def test_rank_by_staff_needs_the_works_council_agreement(files, capsys, tmp_path) -> None:
    visits, answers = files("visits.csv", VISITS), files("answers.csv", ANSWERS)
    std, db = str(tmp_path / "std.yaml"), f"sqlite:///{tmp_path / 'org.db'}"
    argv = ("rank", "--by", "staff", "--standard", std, visits, answers, "--db", db)
    code, out, err = run(capsys, *argv)
    assert (code, out) == (1, "")
    assert "no works-council agreement is recorded" in err
    with transaction(make_engine(db)) as conn:
        set_staff_agreement(conn, StaffAgreement(dt.date(2026, 1, 15), "BV 2026/01"))
    code, out, _ = run(capsys, *argv)
    # Agreed, but every store has fewer staff with results than the minimum group of 3.
    assert (code, out.splitlines()[1:]) == (0, [])
    with transaction(make_engine(db)) as conn:
        set_staff_display(conn, "hidden")
    code, _, err = run(capsys, *argv)
    assert code == 1 and "hides them" in err
    with make_engine(db).connect() as conn:
        looks = conn.execute(
            sa.select(sa.func.count()).where(audit_log.c.entity == "staff_figures")
        ).scalar_one()
    assert looks == 1  # the one look that showed figures is logged


def test_rank_by_staff_counts_only_staff_items_and_named_staff(
    files, capsys, tmp_path, agreed_db: str
) -> None:
    visits, answers = files("visits.csv", VISITS), files("answers.csv", ANSWERS)
    std = str(tmp_path / "std.yaml")
    code, out, _ = run(
        capsys, "rank", "--by", "staff", "--standard", std, visits, answers, "--db", agreed_db
    )
    assert code == 0
    units = {line.split(",")[0]: line.split(",") for line in out.splitlines()[1:]}
    # only `polite` (staff) counts, and it passed on every visit; b2 names nobody
    assert set(units) == {"MA-1", "MA-2", "MA-3"}
    assert {row[2] for row in units.values()} == {"100.00"}


def test_rank_by_shopper_flags_the_lenient_and_the_strict(files, capsys, tmp_path) -> None:
    """Each of four stores is visited by three shoppers: `gentle` passes everything (100),
    `fair` fails the cleanliness (75), `harsh` that and the waiting time (50)."""
    visit_lines, answer_lines = (
        ["visit_id,store_id,visited_at,shopper_id"],
        ["visit_id,item_id,value"],
    )
    answers_of = {
        "gentle": ("yes", "45"),
        "fair": ("no", "45"),
        "harsh": ("no", "90"),
    }
    for store in range(1, 5):
        for day, (shopper, (clean, wait)) in enumerate(answers_of.items(), start=1):
            visit = f"{shopper}-{store}"
            visit_lines.append(
                f"{visit},S{store},2026-03-{day + 3 * store:02d}T10:00:00Z,{shopper}"
            )
            answer_lines += [
                f"{visit},{item},{value}"
                for item, value in (
                    ("greeted", "yes"),
                    ("polite", "yes"),
                    ("clean", clean),
                    ("wait", wait),
                )
            ]
    visits = files("shopper-visits.csv", "\n".join(visit_lines) + "\n")
    answers = files("shopper-answers.csv", "\n".join(answer_lines) + "\n")
    code, out, _ = run(
        capsys, "rank", "--by", "shopper", "--standard", str(tmp_path / "std.yaml"), visits, answers
    )
    assert code == 0
    lines = [line.split(",") for line in out.splitlines()]
    assert lines[0] == [
        "unit", "visits", "mean_score", "adjusted_score", "ci_low", "ci_high", "rank", "flagged"
    ]  # fmt: skip
    rows = {row[0]: row for row in lines[1:]}
    # gentle: 100 against the others' 62.5 at every store, +37.5; harsh -37.5; fair 0.
    assert rows["gentle"][2] == "37.50" and rows["gentle"][-1] == "true"
    assert rows["harsh"][2] == "-37.50" and rows["harsh"][-1] == "true"
    assert rows["fair"][2] == "0.00" and rows["fair"][-1] == "false"


def test_scores_round_half_away_from_zero(files, capsys, tmp_path) -> None:
    """25 of 32 points is 78.125 %: shown as 78.13, where Python's own format says 78.12."""
    files(
        "weighted.yaml",
        """\
        id: weighted
        title: Weighted
        channel: in_store
        languages: [en]
        sections:
          - id: main
            title: Main
            items:
              - {id: big, type: yes_no, text: Big, weight: 25}
              - {id: small, type: yes_no, text: Small, weight: 7}
        """,
    )
    answers = files("weighted.csv", "visit_id,item_id,value\nv1,big,yes\nv1,small,no\n")
    code, out, _ = run(capsys, "score", "--standard", str(tmp_path / "weighted.yaml"), answers)
    assert code == 0
    assert out.splitlines()[1].split(",")[:2] == ["v1", "78.13"]


def test_rank_refuses_an_answer_of_an_unknown_visit(files, capsys, tmp_path) -> None:
    visits = files("visits.csv", VISITS)
    answers = files("answers.csv", ANSWERS + "zz,clean,yes\n")
    std = str(tmp_path / "std.yaml")
    code, out, err = run(capsys, "rank", "--by", "region", "--standard", std, visits, answers)
    assert (code, out) == (1, "")
    assert err.strip() == f"{answers}:14: visit 'zz' is not in {visits}"


def test_visits_file_errors_name_their_rows(files, capsys, tmp_path) -> None:
    visits = files("visits.csv", VISITS + "a1,S1,2026-04-01,,,\nc1,S3,gestern,,,\n")
    answers = files("answers.csv", ANSWERS)
    std = str(tmp_path / "std.yaml")
    code, _, err = run(capsys, "gaps", "--standard", std, visits, answers)
    assert code == 1
    assert err.splitlines() == [
        f"{visits}:8: visit 'a1' is already on row 2",
        f"{visits}:9: visited_at 'gestern' is not an ISO 8601 date and time such as "
        "2025-11-03T14:05+01:00",
    ]
