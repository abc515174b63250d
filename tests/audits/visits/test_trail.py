"""The audit trail as the admin page shows it: local time, words in the reader's language,
names instead of ids, and each change as "field: old → new" rather than stored JSON."""

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.records.tables import audit_log
from audits.visits.assignments import create_assignments, standard_choices
from audits.visits.trail import Names, audit_frame, readable_trail, trail_names

BERLIN = ZoneInfo("Europe/Berlin")
NAMES = Names(
    stores={"S01": "S01 Hamburg Mönckebergstraße"},
    regions={"nord": "Nord"},
    people={7: "Sam Becker (s.becker)"},
)


def frame(**row: object) -> pd.DataFrame:
    base = {
        "at": dt.datetime(2026, 3, 14, 23, 30),  # UTC: already the 15th in Berlin
        "username": "admin",
        "full_name": "Ada Admin",
        "entity": "stores",
        "entity_id": "S01",
        "action": "import_update",
        "before": json.dumps({"city": "Hamburg", "active": True, "region_id": "nord"}),
        "after": json.dumps({"city": "Altona", "active": False, "region_id": "nord"}),
    }
    return pd.DataFrame([{**base, **row}])


def test_a_change_reads_as_german_text_in_local_time() -> None:
    shown = readable_trail(frame(), "de", BERLIN, NAMES).iloc[0].to_dict()
    assert shown == {
        "at": "15.03.2026, 00:30",
        "person": "Ada Admin (admin)",
        "entity": "Filiale",
        "item": "S01 Hamburg Mönckebergstraße",
        "action": "per Import geändert",
        "change": "Ort: Hamburg → Altona; Aktiv: Ja → Nein; Region: Nord → Nord",
    }


def test_the_same_change_in_english() -> None:
    shown = readable_trail(frame(), "en", BERLIN, NAMES).iloc[0]
    assert shown["action"] == "changed by an import"
    assert shown["change"].startswith("City: Hamburg → Altona; Active: Yes → No")


def test_no_json_and_no_codes_for_a_new_account() -> None:
    after = {"full_name": "Nina Neu", "roles": ["store_manager"], "language": "de", "email": None}
    row = frame(entity="people", entity_id="n.neu", action="create", before=None,
                after=json.dumps(after))  # fmt: skip
    shown = readable_trail(row, "de", BERLIN, NAMES).iloc[0]
    assert (shown["entity"], shown["action"]) == ("Benutzerkonto", "angelegt")
    assert shown["change"] == (
        "Vollständiger Name: Nina Neu; Rollen: Filialleitung; Sprache: Deutsch; E-Mail: –"
    )
    assert not any(mark in shown["change"] for mark in '{}[]"')


def test_answers_and_actions_name_the_question_and_their_fields() -> None:
    names = Names(questions={"greeted": {"de": "Begrüßt?", "en": "Greeted?"}})
    answer = frame(entity="answer", entity_id="v-1:greeted", action="dispute_upheld",
                   before=json.dumps({"item_id": "greeted", "value": "no"}),
                   after=json.dumps({"item_id": "greeted", "value": "yes"}))  # fmt: skip
    shown = readable_trail(answer, "de", BERLIN, names).iloc[0]
    assert shown["item"] == "Begrüßt?"
    assert "greeted" not in shown["change"]
    action = frame(entity="action", entity_id="3", action="create", before=None,
                   after=json.dumps({"item_id": "greeted", "due_date": "2026-12-17",
                                     "status": "open"}))  # fmt: skip
    shown = readable_trail(action, "de", BERLIN, names).iloc[0]
    assert shown["change"] == "Frage: Begrüßt?; Fällig am: 17.12.2026; Status: Offen"


def test_an_assignment_is_logged_and_named(conn: Connection, write) -> None:
    """Storage and rendering together: the assignment form's change reaches the trail."""
    from audits.accounts.people import add_person
    from audits.importers import import_stores
    from audits.records.standards import register_standard
    from standards.loader import load_standard

    import_stores(conn, write("s.csv", "store_id,name,region,city\nS01,Hamburg,Nord,Hamburg\n"))
    shopper = add_person(conn, "s.becker", "Sam Becker", ["shopper"])
    library = Path(__file__).resolve().parents[3] / "standards" / "library"
    version = register_standard(conn, load_standard(library / "phone-mystery-call.yaml"))
    made = create_assignments(
        conn, store_ids=["S01"], standard_version_id=version, shopper_ids=[shopper.id],
        window_start=dt.date(2026, 3, 1), window_end=dt.date(2026, 3, 14), by=shopper.id,
    )  # fmt: skip
    rows = (
        conn.execute(sa.select(audit_log).where(audit_log.c.entity == "assignment"))
        .mappings()
        .all()
    )
    assert [(row["entity_id"], row["action"]) for row in rows] == [(str(made[0]), "create")]
    shown = readable_trail(audit_frame(conn), "de", BERLIN, trail_names(conn))
    assigned = shown[shown["entity"] == "Auftrag"].iloc[0]
    assert "Filiale: S01 Hamburg" in assigned["change"]
    assert "Testkäufer/in: Sam Becker (s.becker)" in assigned["change"]
    assert "Standard: Testanruf" in assigned["change"]
    assert "Zeitraum ab: 01.03.2026" in assigned["change"]
    (choice,) = standard_choices(conn)
    assert (choice.id, choice.number) == (version, 1)
