"""Dashboard reads on the demo chain, against figures counted by hand from the raw rows,
on SQLite and PostgreSQL."""

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from audits.accounts.access import scope_for
from audits.accounts.people import get_person
from audits.reads import dashboard as repo
from audits.records.db import transaction
from audits.records.scores import item_results_frame, visit_scores_frame
from audits.records.tables import assignments, section_scores, standard_versions, visits
from audits.visits.drafts import open_visit, save_answer
from audits.visits.review import approve_visit
from scoring.gaps import recurring_gaps
from scoring.trends import months
from tests.scopes import everything as whole_chain
from tests.scopes import only

PERIOD = (dt.date(2026, 8, 1), dt.date(2026, 10, 1))


def _standard_of(conn) -> dict[int, str]:
    query = sa.select(standard_versions.c.id, standard_versions.c.standard_id)
    return dict(conn.execute(query).all())


def _local_month(frame: pd.DataFrame) -> pd.Series:
    return months(frame["visited_at"]).dt.start_time.dt.date


def test_published_visits_are_the_scored_ones_within_scope(demo: Engine) -> None:
    with demo.connect() as conn:
        everything = repo.published_frame(conn, whole_chain())
        by_hand = visit_scores_frame(conn)
        regional = get_person(conn, "regional")
        scope = scope_for(conn, regional, "see_results")
        mine = repo.published_frame(conn, scope)
    assert len(everything) == len(by_hand) > 1500
    assert sorted(everything["score"].dropna()) == sorted(by_hand["score"].dropna())
    assert set(mine["region_id"]) == {"ost"}
    assert len(mine) == (by_hand["region_id"] == "ost").sum()
    assert everything["visited_at"].is_monotonic_increasing
    assert str(everything["visited_at"].dt.tz) == "UTC"


def test_the_fast_read_gives_the_same_visits(demo: Engine) -> None:
    with demo.connect() as conn:
        plain = repo.published_frame(conn, only("S07", "S22"))
    fast = repo.read_published(demo, only("S07", "S22"))
    key = ["visited_at", "store_id", "score"]
    pd.testing.assert_frame_equal(
        fast.sort_values(key).reset_index(drop=True), plain.sort_values(key).reset_index(drop=True)
    )


def test_item_figures_match_a_count_of_the_answers(demo: Engine) -> None:
    with demo.connect() as conn:
        results = item_results_frame(conn)
        results["standard_id"] = results["standard_version_id"].map(_standard_of(conn))
        figures = repo.item_figures(conn, only("S22", "S23"), None, *PERIOD, with_stores=True)
    results["month"] = _local_month(results)
    chosen = results[
        results["store_id"].isin(["S22", "S23"])
        & (results["month"] >= PERIOD[0])
        & (results["month"] <= PERIOD[1])
    ]
    by_hand = chosen.groupby(["standard_id", "item_id"]).agg(
        applicable=("failed", "size"), failed=("failed", "sum")
    )
    by_hand["stores"] = (
        chosen[chosen["failed"]].groupby(["standard_id", "item_id"])["store_id"].nunique()
    )
    by_hand = by_hand.fillna({"stores": 0}).astype(int).sort_index()
    stored = figures.set_index(["standard_id", "item_id"]).sort_index()
    pd.testing.assert_frame_equal(stored, by_hand, check_names=False, check_dtype=False)


def test_section_figures_by_store_and_by_month(demo: Engine) -> None:
    with demo.connect() as conn:
        sections = pd.DataFrame(
            conn.execute(
                sa.select(section_scores, visits.c.store_id, visits.c.started_at)
                .join(visits, visits.c.id == section_scores.c.visit_id)
                .join(standard_versions, standard_versions.c.id == visits.c.standard_version_id)
                .where(
                    visits.c.status == "approved",
                    section_scores.c.score.is_not(None),
                    standard_versions.c.standard_id == "retail-store-visit",
                )
            ).mappings()
        )
        per_store = repo.section_figures(conn, whole_chain(), ["retail-store-visit"], *PERIOD)
        per_month = repo.section_figures(
            conn, only("S07"), ["retail-store-visit"], *PERIOD, by="month"
        )
    sections["month"] = months(pd.to_datetime(sections["started_at"], utc=True))
    sections["month"] = sections["month"].dt.start_time.dt.date
    inside = sections[(sections["month"] >= PERIOD[0]) & (sections["month"] <= PERIOD[1])]
    expected = inside.groupby(["store_id", "section_id"])["score"].agg(["size", "mean"])
    stored = per_store.set_index(["store_id", "section_id"]).sort_index()
    assert stored["visits"].tolist() == expected["size"].tolist()
    assert stored["mean"].tolist() == pytest.approx(expected["mean"].tolist())
    s07 = inside[inside["store_id"] == "S07"].groupby(["month", "section_id"])["score"].mean()
    stored = per_month.set_index(["month", "section_id"])["mean"].sort_index()
    assert stored.tolist() == pytest.approx(s07.tolist())
    assert len(stored) == len(s07) > 0


def test_latest_pairs_agree_with_the_gap_rules_on_all_answers(demo: Engine) -> None:
    with demo.connect() as conn:
        results = item_results_frame(conn)
        results["standard_id"] = results["standard_version_id"].map(_standard_of(conn))
        pairs = repo.latest_pairs(conn, whole_chain(), None, n=3, first=dt.date(2026, 1, 1))
    key = ["standard_id", "store_id", "item_id"]
    # Item ids belong to a standard, so the k-of-n rule runs per standard.
    expected = pd.concat(
        recurring_gaps(part, k=2, n=3).assign(standard_id=standard_id)
        for standard_id, part in results.groupby("standard_id")
    )
    expected = expected[expected["recurring"]].sort_values(key).reset_index(drop=True)
    found = pairs[pairs["failures"] >= 2].sort_values(key).reset_index(drop=True)
    assert len(found) == len(expected) > 10
    for column in (*key, "failures", "window"):
        assert found[column].tolist() == expected[column].tolist(), column
    assert (found["last_failed_at"] == pd.to_datetime(expected["last_failed_at"], utc=True)).all()
    # The lookback: each pair's latest 12 applicable results from January 2026 on.
    since = pd.Timestamp("2026-01-01", tz="Europe/Berlin")
    newest = results[pd.to_datetime(results["visited_at"], utc=True) >= since].sort_values(
        ["visited_at", "visit_id"], ascending=False
    )
    latest = newest.groupby(key, sort=False).head(12).groupby(key)["failed"].agg(["sum", "size"])
    counted = pairs.set_index(key).loc[latest.index]
    assert counted["lookback_failures"].tolist() == latest["sum"].tolist()
    assert counted["lookback_window"].tolist() == latest["size"].tolist()
    assert (pairs["lookback_window"] > 0).sum() == len(latest) > 100


def test_latest_pairs_refuse_a_window_longer_than_kept(demo: Engine) -> None:
    with demo.connect() as conn, pytest.raises(ValueError, match="n <= 12"):
        repo.latest_pairs(conn, whole_chain(), None, n=13, first=dt.date(2026, 1, 1))


def test_scope_limits_every_read(demo: Engine) -> None:
    with demo.connect() as conn:
        nothing = only()
        assert repo.published_frame(conn, nothing).empty
        assert repo.item_figures(conn, nothing, None, *PERIOD).empty
        assert repo.section_figures(conn, nothing, None, *PERIOD).empty
        assert repo.latest_pairs(conn, nothing, None, n=3, first=PERIOD[0]).empty
        assert repo.month_range(conn, nothing) is None
        assert repo.stores_frame(conn, only("S07"))["store_id"].tolist() == ["S07"]
        assert set(
            repo.latest_pairs(conn, only("S07"), None, n=3, first=PERIOD[0])["store_id"]
        ) == {"S07"}
        first, last = repo.month_range(conn, whole_chain())
    assert (first, last) == (dt.date(2025, 11, 1), dt.date(2026, 10, 1))


def test_an_approval_changes_the_data_version_and_the_figures(own_demo: Engine) -> None:
    with own_demo.connect() as conn:
        before = repo.data_version(conn)
        waiting = conn.execute(
            sa.select(visits.c.id, visits.c.store_id)
            .where(visits.c.status == "submitted")
            .order_by(visits.c.id)
            .limit(1)
        ).one()
        counted = len(repo.published_frame(conn, only(waiting.store_id)))
    with transaction(own_demo) as conn:
        approve_visit(conn, get_person(conn, "reviewer"), waiting.id)
    with own_demo.connect() as conn:
        assert repo.data_version(conn) != before
        assert len(repo.published_frame(conn, only(waiting.store_id))) == counted + 1


def test_a_draft_save_leaves_the_data_version_alone(own_demo: Engine) -> None:
    with own_demo.connect() as conn:
        before = repo.data_version(conn)
        shopper = get_person(conn, "shopper")
        assignment = (
            conn.execute(
                sa.select(assignments.c.id).where(
                    assignments.c.shopper_id == shopper.id, assignments.c.status == "open"
                )
            )
            .scalars()
            .first()
        )
    with transaction(own_demo) as conn:
        visit_id = open_visit(conn, shopper, assignment)
        save_answer(conn, shopper, visit_id, "greeted_within_30s", value="yes")
    with own_demo.connect() as conn:
        assert repo.data_version(conn) == before


def test_reads_run_side_by_side(demo: Engine) -> None:
    found = repo.read_parallel(
        demo,
        {
            "range": lambda c: repo.month_range(c, whole_chain()),
            "stores": lambda c: len(repo.stores_frame(c, whole_chain())),
        },
    )
    assert found == {"range": (dt.date(2025, 11, 1), dt.date(2026, 10, 1)), "stores": 28}


def test_store_visits_are_the_period_newest_first(demo: Engine) -> None:
    start, end = repo.period_bounds(*PERIOD)
    with demo.connect() as conn:
        shown = repo.store_visits(conn, whole_chain(), "S07", start, end)
        by_hand = visit_scores_frame(conn, store_ids=["S07"])
    inside = by_hand[(by_hand["visited_at"] >= start) & (by_hand["visited_at"] < end)]
    assert sorted(shown["visit_id"]) == sorted(inside["visit_id"])
    assert pd.to_datetime(shown["visited_at"], utc=True).is_monotonic_decreasing


def test_visit_months_are_the_months_with_published_visits_in_scope(demo: Engine) -> None:
    with demo.connect() as conn:
        chain = repo.visit_months(conn, whole_chain())
        published = repo.published_frame(conn, only("S07"))
        store = repo.visit_months(conn, only("S07"))
        assert repo.visit_months(conn, only()) == []
    assert chain == [dt.date(2025, 11, 1), dt.date(2025, 12, 1)] + [
        dt.date(2026, month, 1) for month in range(1, 11)
    ]
    assert store == sorted(set(_local_month(published)))
