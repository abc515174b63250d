"""Data-subject requests: an export holds every row about the person; erasure removes the
person everywhere and leaves scores and anonymous figures as they were."""

import io
import json
import zipfile

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from audits.records.db import transaction
from audits.records.tables import (
    answers,
    audit_log,
    item_months,
    metadata,
    people,
    section_months,
    staff,
    visit_scores,
    visits,
)
from audits.visits.privacy import erase_staff, erase_user, export_staff, export_user
from audits.visits.trail import record
from cli.main import main


def busiest_staff(conn: Connection) -> tuple[str, str]:
    row = conn.execute(
        sa.select(staff.c.staff_id, staff.c.display_name)
        .join(visits, visits.c.staff_id == staff.c.staff_id)
        .group_by(staff.c.staff_id, staff.c.display_name)
        .order_by(sa.func.count().desc(), staff.c.staff_id)
        .limit(1)
    ).one()
    return row.staff_id, row.display_name


def figures(conn: Connection) -> list[pd.DataFrame]:
    """Scores and the anonymous monthly figures, in a fixed order."""
    return [
        pd.DataFrame(conn.execute(sa.select(table).order_by(*table.primary_key.columns)).all())
        for table in (visit_scores, item_months, section_months)
    ]


def mentions(conn: Connection, text: str) -> list[str]:
    """Every table.column whose text holds `text`."""
    found = []
    for table in metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, sa.String | sa.Text):
                hits = conn.execute(
                    sa.select(sa.func.count()).where(column.contains(text, autoescape=True))
                ).scalar_one()
                if hits:
                    found.append(f"{table.name}.{column.name}")
    return found


def test_a_staff_export_holds_their_visits_answers_and_photos(own_demo: Engine) -> None:
    with own_demo.connect() as conn:
        staff_id, name = busiest_staff(conn)
        found = export_staff(conn, None, staff_id)
        named = set(
            conn.execute(sa.select(visits.c.id).where(visits.c.staff_id == staff_id)).scalars()
        )
        answer_count = conn.execute(
            sa.select(sa.func.count()).where(answers.c.visit_id.in_(named))
        ).scalar_one()
    assert found["subject"]["staff"]["display_name"] == name
    assert {visit["id"] for visit in found["visits"]} == named and len(named) > 3
    assert len(found["answers"]) == answer_count
    assert {row["visit_id"] for row in found["visit_scores"]} == named
    json.dumps(found)  # one JSON document


def test_erasing_staff_keeps_every_figure_and_leaves_no_trace(own_demo: Engine) -> None:
    with own_demo.connect() as conn:
        staff_id, _name = busiest_staff(conn)
        before = figures(conn)
        assert mentions(conn, staff_id)
    with transaction(own_demo) as conn:
        unlinked = erase_staff(conn, None, staff_id)
    assert unlinked > 3
    with own_demo.connect() as conn:
        for old, new in zip(before, figures(conn), strict=True):
            pd.testing.assert_frame_equal(old, new)
        assert mentions(conn, staff_id) == []
        # Their name goes with their record; others of the same first name stay.
        assert not conn.execute(sa.select(staff).where(staff.c.staff_id == staff_id)).first()


def test_a_user_export_holds_their_account_and_work_without_secrets(own_demo: Engine) -> None:
    with own_demo.connect() as conn:
        found = export_user(conn, None, "shopper")
        person_id = conn.execute(
            sa.select(people.c.id).where(people.c.username == "shopper")
        ).scalar_one()
        own = conn.execute(
            sa.select(sa.func.count()).where(visits.c.shopper_id == person_id)
        ).scalar_one()
    assert found["subject"]["user"]["full_name"] == "Lena Vogel"
    assert "password_hash" not in found["subject"]["user"]
    assert len(found["visits"]) == own > 0
    assert [row["role"] for row in found["person_roles"]] == ["shopper"]


def test_erasing_a_user_removes_them_everywhere_and_keeps_the_scores(own_demo: Engine) -> None:
    with own_demo.connect() as conn:
        before = figures(conn)
        assert mentions(conn, "Lena Vogel")
    with transaction(own_demo) as conn:
        person_id = erase_user(conn, None, "shopper")
    with own_demo.connect() as conn:
        for old, new in zip(before, figures(conn), strict=True):
            pd.testing.assert_frame_equal(old, new)
        for trace in ("Lena Vogel", "shopper@example.com"):
            assert mentions(conn, trace) == [], trace
        row = conn.execute(sa.select(people).where(people.c.id == person_id)).mappings().one()
        assert (row["username"], row["email"], row["password_hash"], row["active"]) == (
            f"erased-{person_id}",
            None,
            None,
            False,
        )


def test_the_command_refuses_unknown_people_and_asks_before_erasing(
    own_demo: Engine, tmp_path, capsys, monkeypatch
) -> None:
    url = own_demo.url.render_as_string(hide_password=False)
    assert (
        main(
            [
                "privacy",
                "export",
                "--staff",
                "MA-nobody",
                "--out",
                str(tmp_path / "x.json"),
                "--db",
                url,
            ]
        )
        == 1
    )
    assert "no staff member MA-nobody" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert main(["privacy", "erase", "--user", "shopper", "--db", url]) == 1
    assert "nothing erased" in capsys.readouterr().out
    with own_demo.connect() as conn:
        assert conn.execute(sa.select(people.c.id).where(people.c.username == "shopper")).first()
    out = tmp_path / "lena.zip"
    assert main(["privacy", "export", "--user", "shopper", "--out", str(out), "--db", url]) == 0
    with zipfile.ZipFile(out) as archive:
        assert json.loads(archive.read("data.json"))["subject"]["user"]["username"] == "shopper"
    assert out.stat().st_mode & 0o077 == 0


def test_erasing_s1_leaves_s10_and_joanna_alone(own_demo: Engine) -> None:
    """Identifiers are matched whole: a longer id or name that contains them is somebody
    else (found by review: substring matching rewrote other people's audit rows)."""
    with transaction(own_demo) as conn:
        conn.execute(sa.insert(staff), [
            {"staff_id": "S1", "store_id": "S07", "display_name": "Ada"},
            {"staff_id": "S10", "store_id": "S07", "display_name": "Bea"},
        ])  # fmt: skip
        record(conn, None, "staff", "S10", "import", None, {"staff_id": "S10", "note": "S1 moved"})
        record(conn, None, "staff", "S1", "import", None, {"staff_id": "S1"})
    with transaction(own_demo) as conn:
        found = export_staff(conn, None, "S1")
        assert [row["entity_id"] for row in found["audit_log"]] == ["S1"]
        erase_staff(conn, None, "S1")
    with own_demo.connect() as conn:
        after = conn.execute(
            sa.select(audit_log.c.after).where(
                audit_log.c.entity == "staff", audit_log.c.entity_id == "S10"
            )
        ).scalar_one()
    assert json.loads(after) == {"staff_id": "S10", "note": "S1 moved"}
