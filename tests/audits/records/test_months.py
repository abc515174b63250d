"""Monthly figures: filled on approval, rebuilt on correction, after imports and by the
migration, with months counted in Berlin."""

import datetime as dt
import threading

import pandas as pd
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from audits.records import db
from audits.records.months import month_bounds, month_of, rebuild_months, refresh_store_month
from audits.records.scores import item_results_frame, score_unscored, visit_scores_frame
from audits.records.tables import (
    item_months,
    item_recent,
    section_months,
    section_scores,
    visit_scores,
)
from audits.visits.disputes import decide_dispute, open_dispute
from audits.visits.review import approve_visit
from scoring.trends import months


def rows(conn: Connection, table: sa.Table) -> list[dict]:
    order = [column for column in table.primary_key.columns]
    return [dict(row._mapping) for row in conn.execute(sa.select(table).order_by(*order))]


def test_months_are_calendar_months_in_berlin() -> None:
    # 22:30 UTC on 31 March 2026 is already 00:30 on 1 April in Berlin (summer time).
    assert month_of(dt.datetime(2026, 3, 31, 22, 30, tzinfo=dt.UTC)) == dt.date(2026, 4, 1)
    assert month_of(dt.datetime(2026, 1, 31, 22, 59, tzinfo=dt.UTC)) == dt.date(2026, 1, 1)
    start, end = month_bounds(dt.date(2026, 12, 1))
    assert start == dt.datetime(2026, 11, 30, 23, 0, tzinfo=dt.UTC)
    assert end == dt.datetime(2026, 12, 31, 23, 0, tzinfo=dt.UTC)


def test_approval_adds_the_visit_and_an_upheld_dispute_rebuilds_it(submitted) -> None:
    conn, _anna, rita, sven, visit_id = submitted
    assert rows(conn, item_months) == []  # submitted visits are not published yet
    approve_visit(conn, rita, visit_id)
    november = dt.date(2026, 11, 1)
    expected = {
        # "greeted" failed; the receipt applied and passed; the photo item is not scored.
        ("greeted", 1, 1),
        ("bought", 1, 0),
        ("receipt", 1, 0),
    }
    found = rows(conn, item_months)
    assert {(r["item_id"], r["applicable"], r["failed"]) for r in found} == expected
    assert {(r["store_id"], r["standard_id"], r["month"]) for r in found} == {
        ("S1", "form", november)
    }
    [section] = rows(conn, section_months)
    assert (section["visits"], section["score_sum"]) == (1, pytest.approx(200 / 3))
    dispute = open_dispute(conn, sven, visit_id, "greeted", "Kamera zeigt Begrüßung")
    decide_dispute(conn, rita, dispute, uphold=True, decision="Belegt", new_value="yes")
    greeted = [r for r in rows(conn, item_months) if r["item_id"] == "greeted"]
    assert [(r["applicable"], r["failed"]) for r in greeted] == [(1, 0)]
    [section] = rows(conn, section_months)
    assert (section["visits"], section["score_sum"]) == (1, 100.0)


def _by_hand(conn: Connection) -> tuple[pd.DataFrame, pd.DataFrame]:
    results = item_results_frame(conn)
    results["month"] = months(results["visited_at"]).dt.start_time.dt.date
    versions = pd.read_sql("SELECT id, standard_id FROM standard_versions", conn)
    results = results.merge(versions, left_on="standard_version_id", right_on="id")
    items = (
        results.groupby(["store_id", "standard_id", "item_id", "month"])
        .agg(applicable=("failed", "size"), failed=("failed", "sum"))
        .reset_index()
    )
    visits = visit_scores_frame(conn).merge(versions, left_on="standard_version_id", right_on="id")
    section = pd.DataFrame(
        conn.execute(sa.select(section_scores).where(section_scores.c.score.is_not(None)))
        .mappings()
        .all()
    ).merge(visits, on="visit_id")
    section["month"] = months(section["visited_at"]).dt.start_time.dt.date
    sections = (
        section.groupby(["store_id", "standard_id", "section_id", "month"])
        .agg(visits=("score_y", "size"), score_sum=("score_x", "sum"))
        .reset_index()
    )
    return items, sections


def _stored(conn: Connection, table: sa.Table) -> pd.DataFrame:
    frame = pd.DataFrame(rows(conn, table))
    return frame.sort_values(list(frame.columns[:4])).reset_index(drop=True)


def _assert_hand_count(conn: Connection) -> None:
    items, sections = _by_hand(conn)
    stored_items = _stored(conn, item_months)
    stored_sections = _stored(conn, section_months)
    key = ["store_id", "standard_id", "item_id", "month"]
    items = items.sort_values(key).reset_index(drop=True)[stored_items.columns]
    stored_items = stored_items.sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(stored_items, items, check_dtype=False)
    key = ["store_id", "standard_id", "section_id", "month"]
    sections = sections.sort_values(key).reset_index(drop=True)[stored_sections.columns]
    stored_sections = stored_sections.sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(stored_sections, sections, check_dtype=False)
    assert len(stored_items) > 1000


def _staff_scores(conn: Connection) -> pd.Series:
    query = sa.select(visit_scores.c.visit_id, visit_scores.c.staff_score)
    return pd.Series(dict(conn.execute(query).all()), dtype=float).sort_index()


def test_import_and_migration_fill_the_figures_a_hand_count_gives(own_demo: Engine) -> None:
    """One demo load serves both: the import fills the figures, and migrations 0005 and 0007
    run on the same database (down and up again) fill exactly the same."""
    with own_demo.begin() as conn:
        _assert_hand_count(conn)
        expected = [_stored(conn, table) for table in (item_months, section_months, item_recent)]
        staff = _staff_scores(conn)
    assert staff.notna().sum() > 500  # the demo's retail and phone standards judge staff
    assert expected[2]["place"].max() == 12  # the lookback of how unusual a gap is
    db.downgrade(own_demo, "0004")
    db.upgrade(own_demo)
    with own_demo.begin() as conn:
        pd.testing.assert_frame_equal(_stored(conn, item_months), expected[0])
        pd.testing.assert_frame_equal(_stored(conn, section_months), expected[1])
        pd.testing.assert_frame_equal(_stored(conn, item_recent), expected[2], check_dtype=False)
        pd.testing.assert_series_equal(_staff_scores(conn), staff)
        conn.execute(sa.delete(item_months))
        assert rebuild_months(conn) == 12  # the demo spans a year
        pd.testing.assert_frame_equal(_stored(conn, item_months), expected[0])


def test_two_rebuilds_of_one_store_month_at_once_both_commit(engine: Engine, submitted) -> None:
    conn, _anna, rita, _sven, visit_id = submitted
    approve_visit(conn, rita, visit_id)
    conn.commit()
    november = dt.date(2026, 11, 1)
    errors: list[BaseException] = []
    started = threading.Barrier(2)

    def rebuild() -> None:
        try:
            with engine.begin() as own:
                started.wait(timeout=10)
                refresh_store_month(own, "S1", november)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=rebuild) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    with engine.connect() as check:
        assert len(rows(check, item_months)) == 3


def test_scoring_old_visits_fills_their_months(engine: Engine, submitted) -> None:
    conn, _anna, rita, _sven, visit_id = submitted
    approve_visit(conn, rita, visit_id)
    conn.execute(sa.delete(section_scores))
    conn.execute(sa.delete(visit_scores))
    conn.execute(sa.delete(item_months))
    assert score_unscored(conn) == 1
    assert {r["item_id"] for r in rows(conn, item_months)} == {"greeted", "bought", "receipt"}
