"""`import visits`: visits and answers together, all or nothing, immutable once imported."""

import datetime as dt
from pathlib import Path

import openpyxl
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.importers import import_visits
from audits.records.standards import list_standard_versions
from audits.records.tables import answers, visits
from standards import Standard

VISITS = """\
visit_id,store_id,visited_at,staff_id,shopper_id,region,channel,ended_at,status
v1,S1,2025-11-03T14:05:00+01:00,MA-1,anna,Nord,,2025-11-03T14:40:00+01:00,
v2,S2,2025-11-04 10:00,,,süd,phone,,submitted
"""
ANSWERS = """\
visit_id,item_id,value,comment
v1,greeted,Ja,
v1,friendly,4,"freundlich, aber knapp"
v1,wait,45 s,
v1,note,,
v2,greeted,n/a,
"""


def test_visits_and_answers_are_stored_in_canonical_form(
    org: Connection, write, standard: Standard
) -> None:
    result = import_visits(org, standard, write("visits.csv", VISITS), write("a.csv", ANSWERS))
    version = list_standard_versions(org)[0].version
    assert result.summary() == (
        f"visits: 2 added, 0 unchanged; answers added 4; standard mini version {version} registered"
    )
    assert result.added_ids == ["v1", "v2"]
    rows = {row["id"]: row for row in org.execute(sa.select(visits)).mappings()}
    assert rows["v1"]["started_at"] == dt.datetime(2025, 11, 3, 13, 5, tzinfo=dt.UTC)
    assert rows["v1"]["submitted_at"] == rows["v1"]["ended_at"]
    assert (rows["v1"]["status"], rows["v1"]["channel"], rows["v1"]["staff_id"]) == (
        "approved",
        "in_store",
        "MA-1",
    )
    # A time without an offset is Berlin time: 10:00 CET is 09:00 UTC.
    assert rows["v2"]["started_at"] == dt.datetime(2025, 11, 4, 9, 0, tzinfo=dt.UTC)
    assert (rows["v2"]["status"], rows["v2"]["channel"], rows["v2"]["shopper_id"]) == (
        "submitted",
        "phone",
        None,
    )
    stored = {
        (row.visit_id, row.item_id): (row.value, row.is_na, row.comment)
        for row in org.execute(sa.select(answers))
    }
    assert stored == {
        ("v1", "greeted"): ("yes", False, None),
        ("v1", "friendly"): ("4", False, "freundlich, aber knapp"),
        ("v1", "wait"): ("45", False, None),
        ("v2", "greeted"): (None, True, None),
    }


def test_the_same_visits_again_change_nothing(org: Connection, write, standard: Standard) -> None:
    paths = write("visits.csv", VISITS), write("a.csv", ANSWERS)
    import_visits(org, standard, *paths)
    before = org.execute(sa.text("SELECT count(*) FROM audit_log")).scalar()
    again = import_visits(org, standard, *paths)
    assert again.summary() == "visits: 0 added, 2 unchanged"
    assert not again.changed
    assert org.execute(sa.text("SELECT count(*) FROM audit_log")).scalar() == before


def test_an_imported_visit_cannot_be_changed(
    org: Connection, write, reject, standard: Standard
) -> None:
    import_visits(org, standard, write("visits.csv", VISITS), write("a.csv", ANSWERS))
    moved = VISITS.replace("2025-11-03T14:05:00", "2025-11-03T14:15:00").replace(",MA-1,", ",,")
    other_answer = ANSWERS.replace("v2,greeted,n/a", "v2,greeted,nein")
    errors = reject(
        import_visits, standard, write("visits2.csv", moved), write("a2.csv", other_answer)
    )
    assert errors == [
        "visits2.csv:2: visit 'v1' was imported before with another staff_id, started_at; "
        "imported visits cannot be changed",
        "visits2.csv:3: visit 'v2' was imported before with another answers; "
        "imported visits cannot be changed",
    ]


def test_new_and_known_visits_can_share_a_file(org: Connection, write, standard: Standard) -> None:
    import_visits(org, standard, write("visits.csv", VISITS), write("a.csv", ANSWERS))
    more = VISITS + "v3,S1,2025-11-05T12:00:00+01:00,,,,,,\n"
    result = import_visits(
        org, standard, write("v.csv", more), write("a2.csv", ANSWERS + "v3,friendly,5,\n")
    )
    assert result.summary() == "visits: 1 added, 2 unchanged; answers added 1"


def test_every_bad_visit_row_is_reported(
    org: Connection, write, reject, standard: Standard
) -> None:
    bad_visits = write(
        "visits.csv",
        """\
        visit_id,store_id,visited_at,staff_id,shopper_id,region,channel,ended_at,status
        ok,S1,2025-11-03T14:05:00+01:00,,,,,,
        ,S1,2025-11-03T14:05:00+01:00,,,,,,
        ok,S1,2025-11-03T14:05:00+01:00,,,,,,
        b1,S9,03.11.2025,MA-9,zoe,,fax,,draft
        b2,S1,2025-11-03T14:05,,,,,2025-11-03T14:00,
        b3,S1,2025-11-03T14:05,MA-2,,Süd,,,
        b4,S1,,,,,,,
        b5 x,S1,2025-11-03T14:05,,,,,,
        b6,S1,2025-11-03T14:05,,,,,,
        """,
    )
    bad_answers = write(
        "answers.csv",
        """\
        visit_id,item_id,value
        ok,greeted,yes
        b1,greeted,yes
        b2,greeted,yes
        b3,greeted,yes
        b4,greeted,yes
        """,
    )
    assert reject(import_visits, standard, bad_visits, bad_answers) == [
        "visits.csv:3: visit_id is empty",
        "visits.csv:4: visit_id 'ok' is already on row 2",
        "visits.csv:5: unknown store 'S9'",
        "visits.csv:5: visited_at '03.11.2025' is not an ISO 8601 date and time "
        "such as 2025-11-03T14:05+01:00",
        "visits.csv:5: unknown staff 'MA-9'",
        "visits.csv:5: unknown shopper 'zoe'; import the users first",
        "visits.csv:5: channel 'fax' is not one of in_store, phone, email, chat, web",
        "visits.csv:5: status 'draft' is not one of submitted, approved",
        "visits.csv:6: ended_at is before visited_at",
        "visits.csv:8: visited_at is empty",
        "visits.csv:9: visit_id 'b5 x' contains a space",
        "visits.csv:7: staff 'MA-2' works in store S2, not S1",
        "visits.csv:7: store S1 is in region 'Nord', not 'Süd'",
        "visits.csv:10: visit 'b6' has no answers",
    ]


def test_every_bad_answer_row_is_reported(
    org: Connection, write, reject, standard: Standard
) -> None:
    good_visits = write("visits.csv", VISITS)
    bad_answers = write(
        "answers.csv",
        """\
        visit_id,item_id,value,comment
        v1,greeted,yes,
        v1,greeted,no,
        v9,greeted,yes,
        v1,smiled,yes,
        v1,friendly,7,
        v1,wait,,too long
        v2,wait,na,
        ,greeted,yes,
        v2,,yes,
        """,
    )
    errors = reject(import_visits, standard, good_visits, bad_answers)
    assert errors == [
        "answers.csv:3: visit 'v1' answers item 'greeted' already on row 2",
        "answers.csv:4: visit 'v9' is not in visits.csv",
        "answers.csv:5: unknown item 'smiled' (standard mini)",
        "answers.csv:6: item friendly: '7' is not a valid answer; give a whole number from 1 to 5",
        "answers.csv:7: item wait: a comment needs an answer; give the answer or na",
        "answers.csv:8: item wait does not allow N/A; give an answer",
        "answers.csv:9: visit_id is empty",
        "answers.csv:10: item_id is empty",
        "visits.csv:3: visit 'v2' has no answers",
    ]


def test_missing_columns_in_both_files_are_reported_together(
    org: Connection, write, reject, standard: Standard
) -> None:
    errors = reject(
        import_visits,
        standard,
        write("visits.csv", "visit_id,store_id,date\nv1,S1,2025-11-03\n"),
        write("answers.csv", "visit_id,value\nv1,yes\n"),
    )
    assert [error.split(";")[0] for error in errors] == [
        "visits.csv:1: unknown column 'date'",
        "visits.csv:1: missing column 'visited_at'",
        "answers.csv:1: missing column 'item_id'",
    ]


def test_visits_import_from_xlsx_with_date_cells(
    org: Connection, tmp_path: Path, write, standard: Standard
) -> None:
    path = tmp_path / "visits.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["visit_id", "store_id", "visited_at"])
    sheet.append(["x1", "S2", dt.datetime(2025, 7, 1, 12, 30)])
    workbook.save(path)
    result = import_visits(
        org, standard, path, write("a.csv", "visit_id,item_id,value\nx1,wait,30\n")
    )
    assert result.added == 1
    started = org.execute(sa.select(visits.c.started_at)).scalar()
    assert started == dt.datetime(2025, 7, 1, 10, 30, tzinfo=dt.UTC)  # CEST is UTC+2
