"""Retention removes exactly what is due, on SQLite and PostgreSQL, and nothing else: staff
links and descriptions of old visits, photos of old visits, ended sessions and expired
throttle rows; scores, answers and newer visits stay."""

import datetime as dt
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from audits.accounts.people import add_person
from audits.importers import import_staff, import_stores
from audits.records.db import transaction
from audits.records.settings import (
    RETAIN_PHOTO_MONTHS,
    RETAIN_STAFF_MONTHS,
    get_setting,
    set_number,
)
from audits.records.standards import register_standard
from audits.records.tables import (
    answers,
    attachments,
    audit_log,
    login_failures,
    sessions,
    visits,
)
from audits.visits.retention import (
    LAST_RUN_KEY,
    apply_retention,
    due_today,
    months_before,
    run_daily,
)
from cli.main import main
from tests.scoring.test_agreement import STANDARD

NOW = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)
# (visit, months before NOW): 13 and 7 months are past the limits below (12 staff, 6 photos)
AGES = {"old": 13, "middle": 7, "new": 1}


def chain(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "stores.csv").write_text("store_id,name,region,city\nS1,Kiel,Nord,Kiel\n")
    (tmp_path / "staff.csv").write_text("staff_id,store_id,display_name\nMA-1,S1,Jana\n")
    with transaction(engine) as conn:
        import_stores(conn, tmp_path / "stores.csv")
        import_staff(conn, tmp_path / "staff.csv")
        anna = add_person(conn, "anna", "Anna", ["shopper"])
        version = register_standard(conn, STANDARD)
        set_number(conn, RETAIN_STAFF_MONTHS, 12, "months")
        set_number(conn, RETAIN_PHOTO_MONTHS, 6, "months")
        for visit, months in AGES.items():
            started = NOW - dt.timedelta(days=round(30.5 * months))
            conn.execute(
                sa.insert(visits).values(
                    id=visit, store_id="S1", standard_version_id=version, shopper_id=anna.id,
                    channel="in_store", started_at=started, status="approved",
                    staff_id="MA-1", staff_description="Kasse 2, ca. 14:10",
                )
            )  # fmt: skip
            conn.execute(sa.insert(answers).values(visit_id=visit, item_id="greeted", value="yes"))
            conn.execute(
                sa.insert(attachments).values(
                    visit_id=visit, item_id="note", filename=f"{visit}.jpg", mime="image/jpeg",
                    bytes=b"\xff\xd8" + visit.encode(),
                )
            )  # fmt: skip
        hour = dt.timedelta(hours=1)
        # (token, expires, last seen): ended, idle for 30 hours, in use
        for token, expires, seen in (
            ("ended", NOW - hour, None),
            ("idle", NOW + 72 * hour, NOW - 30 * hour),
            ("live", NOW + 72 * hour, NOW - hour / 12),
        ):
            conn.execute(
                sa.insert(sessions).values(
                    token_hash=token, person_id=anna.id, expires_at=expires, last_seen_at=seen
                )
            )
        conn.execute(
            sa.insert(login_failures),
            [
                {"key": "old", "failures": 3, "first_at": NOW - dt.timedelta(hours=2),
                 "blocked_until": None},
                {"key": "blocked", "failures": 9, "first_at": NOW - dt.timedelta(hours=2),
                 "blocked_until": NOW + dt.timedelta(minutes=5)},
                {"key": "fresh", "failures": 1, "first_at": NOW - dt.timedelta(minutes=1),
                 "blocked_until": None},
            ],
        )  # fmt: skip


def state(engine: Engine) -> dict[str, object]:
    with engine.connect() as conn:
        return {
            "staff": dict(conn.execute(sa.select(visits.c.id, visits.c.staff_id)).all()),
            "described": dict(
                conn.execute(sa.select(visits.c.id, visits.c.staff_description)).all()
            ),
            "photos": sorted(conn.execute(sa.select(attachments.c.filename)).scalars()),
            "answers": sorted(conn.execute(sa.select(answers.c.visit_id, answers.c.value)).all()),
            "sessions": sorted(conn.execute(sa.select(sessions.c.token_hash)).scalars()),
            "throttle": sorted(conn.execute(sa.select(login_failures.c.key)).scalars()),
        }


def test_retention_removes_what_is_due_and_nothing_else(engine: Engine, tmp_path) -> None:
    chain(engine, tmp_path)
    before = state(engine)
    with transaction(engine) as conn:
        counted = apply_retention(conn, NOW, dry_run=True)
    assert state(engine) == before  # a dry run changes nothing
    with transaction(engine) as conn:
        removed = apply_retention(conn, NOW)
    assert removed == counted
    assert (removed.staff_links, removed.staff_descriptions, removed.photos) == (1, 1, 2)
    assert (removed.sessions, removed.throttle_rows) == (2, 1)
    after = state(engine)
    assert after["staff"] == {"old": None, "middle": "MA-1", "new": "MA-1"}
    assert after["described"] == {
        "old": None, "middle": "Kasse 2, ca. 14:10", "new": "Kasse 2, ca. 14:10"
    }  # fmt: skip
    assert after["photos"] == ["new.jpg"]
    assert after["answers"] == before["answers"]
    assert after["sessions"] == ["live"]
    assert after["throttle"] == ["blocked", "fresh"]
    with engine.connect() as conn:
        logged = conn.execute(
            sa.select(audit_log.c.action).where(audit_log.c.entity == "retention")
        ).scalars()
        assert list(logged) == ["apply"]
    with transaction(engine) as conn:
        assert not apply_retention(conn, NOW).any()  # the second run finds nothing


def test_the_limit_is_the_same_local_day_months_earlier() -> None:
    # 31 March, 12:00 in Berlin (summer time) minus one month is 28 February, 12:00 in
    # Berlin (winter time): 11:00 UTC.
    moment = dt.datetime(2026, 3, 31, 10, 0, tzinfo=dt.UTC)
    assert months_before(moment, 1) == dt.datetime(2026, 2, 28, 11, 0, tzinfo=dt.UTC)


def test_the_command_says_what_it_would_do_and_did(tmp_path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'r.db'}"
    assert main(["retention", "--dry-run", "--db", url]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "0 visits would lose their staff member"
    assert main(["retention", "--db", url]) == 0
    assert capsys.readouterr().out.splitlines()[2] == "0 photos deleted"


def test_the_daily_run_happens_once_a_local_day(engine: Engine, tmp_path) -> None:
    chain(engine, tmp_path)
    assert run_daily(engine, NOW)
    with engine.connect() as conn:
        assert get_setting(conn, LAST_RUN_KEY) == "2026-12-07"
        assert not due_today(conn, NOW.date())
        assert due_today(conn, NOW.date() + dt.timedelta(days=1))
    assert state(engine)["photos"] == ["new.jpg"]  # the first run removed what was due
