"""`import submissions`: visits filled in ODK Collect or KoboCollect come in from the exports
of ODK Central (wide CSV) and KoboToolbox (XLSX), scored and stored as `import visits` would,
waiting for review; the same file again changes nothing; bad cells are named."""

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.people import add_person
from audits.importers import import_submissions, import_visits
from audits.records.tables import answers, standard_versions, visit_scores, visits
from audits.visits.queue import review_queue
from standards import Standard, load_standard_text, version_hash

STANDARD = """\
id: visit
title: {de: Besuch, en: Visit}
channel: in_store
languages: [de, en]
sections:
  - id: greeting
    title: Greeting
    items:
      - {id: greeted, type: yes_no, text: Greeted?, na_allowed: true, subject: staff,
         require_comment: on_fail}
      - {id: friendly, type: scale, text: Friendly?}
      - id: manner
        type: choice
        text: Manner
        options: [{id: warm, text: Warm, score: 1}, {id: cold, text: Cold, score: 0}]
  - id: store
    title: Store
    items:
      - {id: queue, type: number, text: Queue, unit: people, na_allowed: true,
         pass_if: {max: 3}}
      - {id: wait, type: duration, text: Wait, pass_if: {max: "2:00"}}
      - id: defects
        type: multi_choice
        text: Defects
        base: 1
        options:
          - {id: litter, text: Litter, score: -0.5}
          - {id: dirt, text: Dirt, score: -0.5}
          - {id: none, text: None of these, exclusive: true}
      - {id: at, type: time, text: Time}
      - {id: day, type: date, text: Day}
      - {id: shelf, type: photo, text: Shelf}
      - {id: note, type: text, text: Note}
"""
UUID1 = "1b4e28ba-2fa1-11d2-883f-0016d3cca427"
UUID2 = "6fa459ea-ee8a-3ca4-894e-db77e160355e"
CENTRAL_HEADER = (
    "SubmissionDate,start,end,store_id,shopper,greeting-greeted,greeting-greeted__comment,"
    "greeting-friendly,greeting-manner,store-queue__na,store-queue,store-wait,"
    "store-wait__seconds,store-defects,store-at,store-day,store-shelf,store-note,"
    "meta-instanceID,meta-instanceName,KEY,SubmitterID,SubmitterName,AttachmentsPresent,"
    "AttachmentsExpected,Status,ReviewState,DeviceID,Edits,FormVersion"
)
# The same two visits in both layouts, and as VISITS/ANSWERS files for `import visits`.
VISIT_ONE = {
    "start": "2025-11-03T14:05:00.000+01:00", "end": "2025-11-03T14:40:00.000+01:00",
    "store_id": "S1", "shopper": "anna", "greeted": "no", "greeted__comment": "Kein Gruß",
    "friendly": "4", "manner": "warm", "queue__na": "", "queue": "2", "wait": "1:30",
    "wait__seconds": "90", "defects": "litter dirt", "at": "14:10:00.000+01:00",
    "day": "2025-11-03", "shelf": "1730641200.jpg", "note": "Alles gut",
}  # fmt: skip
VISIT_TWO = VISIT_ONE | {
    "start": "2025-11-04T09:00:00.000+01:00", "end": "2025-11-04T09:20:00.000+01:00",
    "store_id": "S2", "shopper": "ANNA", "greeted": "na", "greeted__comment": "",
    "friendly": "2", "manner": "cold", "queue__na": "na", "queue": "", "wait": "200",
    "wait__seconds": "200", "defects": "none", "at": "09:05:00.000+01:00",
    "day": "2025-11-04", "shelf": "", "note": "",
}  # fmt: skip
EQUIVALENT_VISITS = f"""\
visit_id,store_id,visited_at,ended_at,shopper_id,status
{UUID1},S1,2025-11-03T14:05:00+01:00,2025-11-03T14:40:00+01:00,anna,submitted
{UUID2},S2,2025-11-04T09:00:00+01:00,2025-11-04T09:20:00+01:00,anna,submitted
"""
EQUIVALENT_ANSWERS = f"""\
visit_id,item_id,value,comment
{UUID1},greeted,no,Kein Gruß
{UUID1},friendly,4,
{UUID1},manner,warm,
{UUID1},queue,2,
{UUID1},wait,1:30,
{UUID1},defects,litter dirt,
{UUID1},at,14:10,
{UUID1},day,2025-11-03,
{UUID1},note,Alles gut,
{UUID2},greeted,na,
{UUID2},friendly,2,
{UUID2},manner,cold,
{UUID2},queue,na,
{UUID2},wait,200,
{UUID2},defects,none,
{UUID2},at,09:05,
{UUID2},day,2025-11-04,
"""


@pytest.fixture
def visit_standard() -> Standard:
    return load_standard_text(STANDARD, "visit.yaml")


def central_csv(standard: Standard, *visits: tuple[str, dict[str, str]]) -> str:
    """ODK Central's wide CSV: group and question joined by `-`, its metadata around."""
    lines = [CENTRAL_HEADER]
    for uuid, visit in visits:
        cells = [visit[key] for key in VISIT_ONE]
        cells = [f'"{cell}"' if "," in cell else cell for cell in cells]
        meta = [f"uuid:{uuid}", f"{visit['store_id']} anna", f"uuid:{uuid}", "5", "Anna", "1"]
        meta += ["1", "", "", "collect:abc", "0", version_hash(standard)]
        lines.append(",".join(["2025-11-05T08:00:00.000Z", *cells, *meta]))
    return "\n".join(lines) + "\n"


def kobo_xlsx(path: Path, *visits: tuple[str, dict[str, str]]) -> Path:
    """KoboToolbox's XLSX: `group/question`, one 0/1 column per option, `_uuid` and more."""
    groups = {"greeted", "greeted__comment", "friendly", "manner"}
    columns = [
        key
        if key in ("start", "end", "store_id", "shopper")
        else f"{'greeting' if key in groups else 'store'}/{key}"
        for key in VISIT_ONE
    ]
    options = ["store/defects/litter", "store/defects/dirt", "store/defects/none"]
    meta = ["store/shelf_URL", "_id", "_uuid", "_submission_time", "_validation_status"]
    meta += ["_notes", "_status", "_submitted_by", "__version__", "_tags", "_index"]
    book = openpyxl.Workbook()
    book.active.append([*columns, *options, *meta])
    for index, (uuid, visit) in enumerate(visits, 1):
        cells: list[object] = [visit[key] or None for key in VISIT_ONE]
        # Kobo writes the day of a date question as an Excel date.
        cells[list(VISIT_ONE).index("day")] = dt.datetime.fromisoformat(visit["day"])
        ticked = visit["defects"].split()
        cells += [int(option.rsplit("/", 1)[1] in ticked) for option in options]
        cells += [None, 100 + index, uuid, "2025-11-05T08:00:00", None, "[]"]
        cells += ["submitted_via_web", "anna", "vHq8", "[]", index]
        book.active.append(cells)
    book.save(path)
    return path


VISIT_FIELDS = ("store_id", "shopper_id", "status", "started_at", "ended_at", "channel")
VISIT_FIELDS += ("submitted_at",)
SCORE_FIELDS = ("score", "computed", "critical_failed", "earned", "possible", "staff_score")
ANSWER_FIELDS = ("item_id", "value", "is_na", "comment", "earned", "possible", "passed")
ANSWER_FIELDS += ("reason",)


def stored(conn: Connection, visit_ids: list[str]) -> list[tuple]:
    """What a visit import stores and scores, per visit in the order given."""
    rows = []
    for visit_id in visit_ids:
        visit = conn.execute(sa.select(visits).where(visits.c.id == visit_id)).mappings().one()
        query = sa.select(visit_scores).where(visit_scores.c.visit_id == visit_id)
        score = conn.execute(query).mappings().one()
        query = sa.select(answers).where(answers.c.visit_id == visit_id).order_by("item_id")
        given = conn.execute(query).mappings().all()
        rows.append(
            (
                {key: visit[key] for key in VISIT_FIELDS},
                {key: score[key] for key in SCORE_FIELDS},
                [{key: row[key] for key in ANSWER_FIELDS} for row in given],
            )
        )
    return rows


def test_a_central_csv_scores_and_stores_as_import_visits_would(
    org: Connection, write, visit_standard: Standard
) -> None:
    path = write("central.csv", central_csv(visit_standard, (UUID1, VISIT_ONE), (UUID2, VISIT_TWO)))
    result = import_submissions(org, visit_standard, path)
    assert result.summary().startswith("submissions: 2 added, 0 unchanged; answers added 17")
    assert "1 photo file names not imported" in result.summary()
    assert result.added_ids == [UUID1, UUID2]
    from_odk = stored(org, [UUID1, UUID2])
    one, two = (
        {a["item_id"]: (a["value"], a["is_na"], a["comment"]) for a in v[2]} for v in from_odk
    )
    # ODK's time with seconds and offset is the time entered; 1:30 is ninety seconds; the
    # comment question belongs to its item; photos are not answers.
    assert (one["at"], one["wait"], one["greeted"]) == (
        ("14:10", False, None),
        ("90", False, None),
        ("no", False, "Kein Gruß"),
    )
    assert "shelf" not in one
    # N/A from the list's `na` choice and from the "does not apply" tick box.
    assert two["greeted"] == two["queue"] == (None, True, None)
    assert from_odk[0][0]["status"] == "submitted"
    assert from_odk[0][0]["started_at"] == dt.datetime(2025, 11, 3, 13, 5, tzinfo=dt.UTC)
    # The same answers through `import visits`, once the submissions are removed again.
    for table in ("answers", "visit_scores", "section_scores", "visits"):
        org.execute(sa.text(f"DELETE FROM {table}"))  # noqa: S608 - fixed table names
    import_visits(
        org, visit_standard, write("v.csv", EQUIVALENT_VISITS), write("a.csv", EQUIVALENT_ANSWERS)
    )
    assert stored(org, [UUID1, UUID2]) == from_odk


def test_a_kobo_xlsx_gives_the_same_visits_as_the_central_csv(
    org: Connection, write, tmp_path: Path, visit_standard: Standard
) -> None:
    central = write(
        "central.csv", central_csv(visit_standard, (UUID1, VISIT_ONE), (UUID2, VISIT_TWO))
    )
    import_submissions(org, visit_standard, central)
    from_central = stored(org, [UUID1, UUID2])
    for table in ("answers", "visit_scores", "section_scores", "visits"):
        org.execute(sa.text(f"DELETE FROM {table}"))  # noqa: S608 - fixed table names
    kobo = kobo_xlsx(tmp_path / "kobo.xlsx", (UUID1, VISIT_ONE), (UUID2, VISIT_TWO))
    result = import_submissions(org, visit_standard, kobo)
    assert result.added == 2
    assert stored(org, [UUID1, UUID2]) == from_central


def test_the_same_file_again_changes_nothing_and_the_visits_wait_for_review(
    org: Connection, write, visit_standard: Standard
) -> None:
    path = write("central.csv", central_csv(visit_standard, (UUID1, VISIT_ONE), (UUID2, VISIT_TWO)))
    import_submissions(org, visit_standard, path)
    before = org.execute(sa.text("SELECT count(*) FROM audit_log")).scalar()
    again = import_submissions(org, visit_standard, path)
    assert again.summary().startswith("submissions: 0 added, 2 unchanged")
    assert not again.changed
    assert org.execute(sa.text("SELECT count(*) FROM audit_log")).scalar() == before
    rita = add_person(org, "rita", "Rita", ["reviewer"])
    queue = review_queue(org, rita)
    assert sorted(entry.visit_id for entry in queue) == sorted([UUID1, UUID2])
    assert {entry.shopper for entry in queue} == {"anna"}


def test_only_the_ticked_option_columns_are_enough(
    org: Connection, tmp_path: Path, visit_standard: Standard
) -> None:
    path = kobo_xlsx(tmp_path / "kobo.xlsx", (UUID1, VISIT_ONE))
    book = openpyxl.load_workbook(path)
    book.active.delete_cols(list(VISIT_ONE).index("defects") + 1)
    book.save(path)
    import_submissions(org, visit_standard, path)
    value = org.execute(
        sa.select(answers.c.value).where(answers.c.item_id == "defects")
    ).scalar_one()
    assert value == "litter dirt"


def test_every_bad_cell_is_named_and_nothing_is_written(
    org: Connection, write, reject, visit_standard: Standard
) -> None:
    bad = VISIT_ONE | {"store_id": "S9", "shopper": "zoe", "greeted": "vielleicht"}
    worse = VISIT_TWO | {"start": "gestern", "queue": "5", "greeted": "", "greeted__comment": "?"}
    text = central_csv(visit_standard, (UUID1, bad), (UUID1, VISIT_ONE), (UUID2, worse))
    text = text.replace(version_hash(visit_standard), "0123456789ab", 1)
    errors = reject(import_submissions, visit_standard, write("central.csv", text))
    assert errors == [
        "central.csv:2:store_id: unknown store 'S9'",
        "central.csv:2:shopper: unknown user 'zoe'; import the users first",
        "central.csv:2:formversion: filled in the form of version 0123456789ab, not "
        f"{version_hash(visit_standard)} of visit; import it with the standard of that version",
        "central.csv:2:greeting-greeted: item greeted: 'vielleicht' is not a valid answer; "
        "give yes or no (ja or nein)",
        f"central.csv:3:meta-instanceid: instance 'uuid:{UUID1}' is already on row 2",
        "central.csv:4:start: 'gestern' is not a time such as 2025-11-03T14:05:00+01:00",
        "central.csv:4:greeting-greeted__comment: a comment needs an answer to item greeted",
        "central.csv:4:store-queue__na: ticks 'does not apply' beside the answer '5'",
    ]


def test_a_column_the_form_does_not_have_is_a_bad_column(
    org: Connection, write, reject, visit_standard: Standard
) -> None:
    text = central_csv(visit_standard, (UUID1, VISIT_ONE))
    text = text.replace("store-note,", "store-notes,", 1)
    errors = reject(import_submissions, visit_standard, write("central.csv", text))
    assert errors == [
        "central.csv:1:store-notes: no question of standard visit and no ODK or KoboToolbox "
        "metadata; import with the standard the form was made from (KoboToolbox: export "
        "with XML values and headers)"
    ]
    no_store = central_csv(visit_standard, (UUID1, VISIT_ONE)).replace(",store_id,", ",shop,", 1)
    errors = reject(import_submissions, visit_standard, write("central2.csv", no_store))
    assert "central2.csv:1: missing column 'store_id'" in "\n".join(errors)


def test_a_file_with_a_header_only_is_refused_and_registers_nothing(
    org: Connection, write, reject, visit_standard: Standard
) -> None:
    header_only = central_csv(visit_standard, (UUID1, VISIT_ONE)).splitlines()[0] + "\n"
    errors = reject(import_submissions, visit_standard, write("central.csv", header_only))
    assert errors == ["central.csv:2: the file holds no submissions below its header"]
    assert org.execute(sa.select(sa.func.count()).select_from(standard_versions)).scalar() == 0
