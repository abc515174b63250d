"""The gap report's reads on the demo chain, on SQLite and PostgreSQL: scope, filters, the
staff setting and its audit trail, each against a count of the raw rows."""

import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from sqlalchemy.engine import Engine

from audits.accounts.access import NotAllowed
from audits.accounts.people import get_person
from audits.reads import dashboard as repo
from audits.reads.report import ReportError, ReportFilters, read_report, report_scopes
from audits.reads.staff import staff_scope_for
from audits.records.db import transaction
from audits.records.settings import (
    get_staff_display,
    set_staff_agreement,
    set_staff_display,
    set_staff_roles,
)
from audits.records.standards import list_standard_versions, load_standard_version
from audits.records.tables import (
    answers,
    audit_log,
    section_scores,
    standard_versions,
    stores,
    visits,
)
from scoring.dashboard import Period
from scoring.report import COMMENTS_PER_ITEM, write_report
from scoring.report.data import ready

PERIOD = Period(dt.date(2026, 8, 1), dt.date(2026, 10, 1))


def _person(engine: Engine, username: str):
    with engine.connect() as conn:
        return get_person(conn, username)


def _approved_in_period(conn, store_ids=None):
    start, end = repo.period_bounds(PERIOD.first, PERIOD.last)
    query = sa.select(visits.c.id, visits.c.store_id).where(
        visits.c.status == "approved", visits.c.started_at >= start, visits.c.started_at < end
    )
    if store_ids is not None:
        query = query.where(visits.c.store_id.in_(store_ids))
    return dict(conn.execute(query).all())


def test_a_store_manager_gets_only_their_store(demo: Engine) -> None:
    data = read_report(demo, *report_scopes(demo, _person(demo, "store")), ReportFilters(PERIOD))
    assert list(data.stores["store_id"]) == ["S07"]
    with demo.connect() as conn:
        expected = _approved_in_period(conn, ["S07"])
    assert sorted(data.visits["visit_id"]) == sorted(expected)
    for frame in (data.store_items, data.comments):
        assert set(ready(frame)["store_id"]) == {"S07"}
    assert data.whole_regions == frozenset()  # one store is not its region
    # Store managers see no staff figures unless the organisation chose them.
    assert data.staff is None


def test_a_store_manager_chosen_for_staff_figures_gets_their_own_staff(own_demo: Engine) -> None:
    with transaction(own_demo) as conn:
        set_staff_roles(conn, ("regional_manager", "store_manager"))
    store = _person(own_demo, "store")
    data = read_report(own_demo, *report_scopes(own_demo, store), ReportFilters(PERIOD))
    assert set(ready(data.staff)["store_id"]) == {"S07"}
    with transaction(own_demo) as conn:
        set_staff_agreement(conn, None)
    data = read_report(own_demo, *report_scopes(own_demo, store), ReportFilters(PERIOD))
    assert data.staff is None and data.staff_display == "hidden"


def test_a_regional_manager_gets_their_region_and_may_narrow_it_to_stores(demo: Engine) -> None:
    regional = _person(demo, "regional")
    whole = read_report(demo, *report_scopes(demo, regional), ReportFilters(PERIOD))
    with demo.connect() as conn:
        east = set(
            conn.execute(sa.select(stores.c.store_id).where(stores.c.region_id == "ost")).scalars()
        )
    assert set(whole.stores["store_id"]) == east
    narrow = read_report(
        demo, *report_scopes(demo, regional), ReportFilters(PERIOD, stores=("S22",))
    )
    assert set(narrow.visits["store_id"]) == {"S22"}
    assert narrow.chosen["stores"] == ["Berlin Rosenthaler Straße (S22)"]


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (ReportFilters(PERIOD, regions=("nord",)), "region nord is unknown or not among"),
        (ReportFilters(PERIOD, regions=("Atlantis",)), "region Atlantis is unknown or not among"),
        (ReportFilters(PERIOD, stores=("S01",)), "store S01 is unknown or not among"),
        (ReportFilters(PERIOD, standards=("nope",)), "unknown standard nope; known: "),
    ],
)
def test_filters_outside_the_scope_are_refused_alike(demo: Engine, filters, message) -> None:
    with pytest.raises(ReportError, match=message):
        read_report(demo, *report_scopes(demo, _person(demo, "regional")), filters)


@pytest.mark.parametrize("username", ["shopper", "reviewer"])
def test_only_trainers_managers_and_admins_may_export(demo: Engine, username: str) -> None:
    with pytest.raises(NotAllowed):
        read_report(demo, *report_scopes(demo, _person(demo, username)), ReportFilters(PERIOD))


def test_visits_carry_their_stored_section_scores(demo: Engine) -> None:
    data = read_report(
        demo, *report_scopes(demo, None), ReportFilters(PERIOD, stores=("S07", "S22"))
    )
    with demo.connect() as conn:
        raw = conn.execute(
            sa.select(
                section_scores.c.visit_id, section_scores.c.section_id, section_scores.c.score
            ).where(section_scores.c.visit_id.in_(list(data.visits["visit_id"])))
        ).all()
    assert raw
    by_visit = data.sections.set_index(data.visits["visit_id"])
    for visit_id, section_id, score in raw:
        stored = by_visit.loc[visit_id, section_id]
        assert stored == pytest.approx(score) if score is not None else stored != stored


def test_comments_are_the_newest_per_item_with_the_items_total(demo: Engine) -> None:
    data = read_report(demo, *report_scopes(demo, None), ReportFilters(PERIOD))
    comments = ready(data.comments)
    start, end = repo.period_bounds(PERIOD.first, PERIOD.last)
    with demo.connect() as conn:
        raw = conn.execute(
            sa.select(standard_versions.c.standard_id, answers.c.item_id, visits.c.started_at)
            .join(visits, visits.c.id == answers.c.visit_id)
            .join(standard_versions, standard_versions.c.id == visits.c.standard_version_id)
            .where(
                visits.c.status == "approved",
                visits.c.started_at >= start,
                visits.c.started_at < end,
                answers.c.reason == "failed",
                answers.c.comment.is_not(None),
                answers.c.comment != "",
            )
        ).all()
    totals: dict[tuple[str, str], int] = {}
    for standard_id, item_id, _ in raw:
        totals[(standard_id, item_id)] = totals.get((standard_id, item_id), 0) + 1
    assert max(totals.values()) > COMMENTS_PER_ITEM  # the demo has items beyond the cap
    got = comments.groupby(["standard_id", "item_id"])
    assert got["total"].first().to_dict() == totals
    assert (got.size() == got["total"].first().clip(upper=COMMENTS_PER_ITEM)).all()
    busiest = max(totals, key=totals.get)
    newest = sorted((when for s, i, when in raw if (s, i) == busiest), reverse=True)
    kept = comments[(comments["standard_id"] == busiest[0]) & (comments["item_id"] == busiest[1])]
    # The report keeps local times without a zone; the oldest kept is the 30th newest.
    cutoff = newest[COMMENTS_PER_ITEM - 1].astimezone(ZoneInfo("Europe/Berlin"))
    assert kept["visited_at"].min() == pd.Timestamp(cutoff.replace(tzinfo=None))


def _report_audits(conn) -> int:
    query = sa.select(sa.func.count()).where(
        audit_log.c.entity == "staff_figures", audit_log.c.action == "report"
    )
    return conn.execute(query).scalar_one()


def test_staff_figures_follow_the_setting_and_every_export_is_logged(own_demo: Engine) -> None:
    trainer = _person(own_demo, "trainer")
    with own_demo.connect() as conn:
        setting = get_staff_display(conn)
        logged = _report_audits(conn)
    try:
        with transaction(own_demo) as conn:
            set_staff_display(conn, "hidden")
        hidden = read_report(own_demo, *report_scopes(own_demo, trainer), ReportFilters(PERIOD))
        assert hidden.staff is None
        with own_demo.connect() as conn:
            assert _report_audits(conn) == logged
        with transaction(own_demo) as conn:
            set_staff_display(conn, "pseudonymous")
        shown = read_report(
            own_demo,
            *report_scopes(own_demo, trainer),
            ReportFilters(PERIOD, stores=("S07",)),
        )
        with own_demo.connect() as conn:
            assert _report_audits(conn) == logged + 1
            start, end = repo.period_bounds(PERIOD.first, PERIOD.last)
            raw = conn.execute(
                sa.select(visits.c.staff_id, answers.c.item_id, answers.c.reason)
                .join(answers, answers.c.visit_id == visits.c.id)
                .where(
                    visits.c.store_id == "S07",
                    visits.c.status == "approved",
                    visits.c.staff_id.is_not(None),
                    visits.c.started_at >= start,
                    visits.c.started_at < end,
                    answers.c.reason.in_(("counted", "failed")),
                )
            ).all()
        staff = ready(shown.staff)
        with own_demo.connect() as conn:
            item_ids = {
                item.id
                for record in list_standard_versions(conn, latest_only=False)
                for item in load_standard_version(conn, record.id).items()
                if item.subject == "staff"
            }
        expected: dict[tuple[str, str], list[int]] = {}
        for staff_id, item_id, reason in raw:
            if item_id in item_ids:
                entry = expected.setdefault((staff_id, item_id), [0, 0])
                entry[0] += 1
                entry[1] += reason == "failed"
        assert len(expected) > 10
        got = {
            (row.staff_id, row.item_id): [row.applicable, row.failed] for row in staff.itertuples()
        }
        assert got == expected
        assert shown.staff_names == {}  # names only for the named setting
    finally:
        with transaction(own_demo) as conn:
            set_staff_display(conn, setting)


def test_a_store_managers_workbook_holds_their_store_on_every_sheet(demo: Engine, tmp_path) -> None:
    data = read_report(demo, *report_scopes(demo, _person(demo, "store")), ReportFilters(PERIOD))
    target = tmp_path / "store.xlsx"
    write_report(data, "en", target)
    book = load_workbook(target, read_only=True)
    seen: dict[str, set] = {}
    for title, column in (
        ("Store x item", "Store ID"),
        ("Recurring gaps", "Store ID"),
        ("Visits", "Store ID"),
    ):
        rows = list(book[title].iter_rows(values_only=True))
        at = rows[0].index(column)
        seen[title] = {row[at] for row in rows[1:]}
    assert all(found == {"S07"} for found in seen.values()), seen
    assert "Coaching by staff" not in book.sheetnames  # not for store managers by default
    matrix = [row[2] for row in book["Store x item"].iter_rows(min_row=2, values_only=True)]
    assert not any(str(name).startswith("Region") for name in matrix)  # no region row
    comments = list(book["Comments"].iter_rows(min_row=2, values_only=True))
    names = set(data.stores["name"])
    assert comments and {row[4] for row in comments} <= names


def test_an_empty_choice_of_roles_shows_staff_figures_to_nobody(own_demo: Engine) -> None:
    trainer = _person(own_demo, "trainer")
    with own_demo.connect() as conn:
        assert staff_scope_for(conn, trainer) is not None  # the default roles
    with transaction(own_demo) as conn:
        set_staff_roles(conn, ())
    with own_demo.connect() as conn:
        assert staff_scope_for(conn, trainer) is None
