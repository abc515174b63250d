"""Dashboard pages per role on the demo chain: scope, filters in the URL, fresh data."""

import datetime as dt

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from audits.accounts.access import scope_for
from audits.accounts.people import get_person
from audits.reads import dashboard as repo_dashboard
from audits.records.db import make_engine, transaction
from audits.records.months import month_of
from audits.records.settings import set_staff_display, set_staff_roles
from audits.records.tables import answers, audit_log, visit_scores
from audits.visits.review import approve_visit
from scoring.dashboard import Period, in_period, month_start, with_months
from tests.pages.conftest import ROOT
from tests.pages.filled import newest_submitted

DASHBOARDS = {
    "pages/overview.py": "Überblick",
    "pages/rankings.py": "Ranglisten",
    "pages/heatmap.py": "Heatmap",
    "pages/gaps.py": "Schwachstellen",
}
RESULT_ROLES = ["regional", "store", "trainer", "reviewer", "admin"]
OST = {
    "Berlin Rosenthaler Straße",
    "Berlin Schloßstraße",
    "Leipzig Grimmaische Straße",
    "Dresden Prager Straße",
    "Erfurt Anger",
    "Rostock Kröpeliner Straße",
    "Magdeburg Breiter Weg",
}


def texts(at) -> str:
    return " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.info, *at.warning])


@pytest.mark.parametrize("username", RESULT_ROLES)
@pytest.mark.parametrize("page", list(DASHBOARDS))
def test_every_results_role_sees_every_dashboard(login, username, page) -> None:
    at = login(username, page=page)
    assert [title.value for title in at.title] == [DASHBOARDS[page]]
    assert not at.exception


def test_a_store_manager_sees_only_their_store_everywhere(login) -> None:
    at = login("store", lang="en", page="pages/rankings.py")
    assert at.dataframe[0].value["name"].tolist() == ["Oldenburg Achternstraße"]
    at.switch_page("pages/heatmap.py").run()
    assert at.dataframe[0].value["Name"].tolist() == ["Nord · Oldenburg Achternstraße"]
    at.switch_page("pages/gaps.py").run()
    gaps = at.dataframe[1].value
    assert set(gaps["store_id"]) == {"S07"}
    # The region filter only offers what the reader may see.
    assert at.multiselect(key="dash-regions").options == ["Nord"]


def test_a_store_outside_the_scope_is_not_shown(login) -> None:
    at = AppTest.from_file(str(ROOT / "pages/store.py"), default_timeout=30)
    regional = login("regional").session_state["person"]
    at.session_state["person"] = regional
    at.query_params["store"] = "S07"  # Oldenburg, region Nord
    at.run()
    assert "gehört nicht zu Ihren Filialen" in texts(at)
    assert at.selectbox(key="store-choice").value != "S07"
    assert at.title[0].value != "Oldenburg Achternstraße"


def test_filters_come_from_the_url_and_out_of_scope_regions_are_ignored(login) -> None:
    at = AppTest.from_file(str(ROOT / "pages/overview.py"), default_timeout=30)
    at.session_state["person"] = login("regional").session_state["person"]
    at.query_params.update({"from": "2026-05", "to": "2026-07", "region": "nord,ost"})
    at.run()
    assert "Mai 2026 – Juli 2026, verglichen mit Feb. 2026 – Apr. 2026." in texts(at)
    assert at.multiselect(key="dash-regions").value == ["ost"]
    assert at.query_params["region"] in ("ost", ["ost"])


def test_a_filter_change_goes_into_the_url(login) -> None:
    at = login("admin", page="pages/rankings.py")
    at.multiselect(key="dash-regions").set_value(["sued"]).run()
    assert at.query_params["region"] in ("sued", ["sued"])
    assert set(at.dataframe[0].value["region"]) == {"Süd"}
    at.selectbox(key="dash-channel").set_value("phone").run()
    assert at.query_params["channel"] in ("phone", ["phone"])


def test_calibration_is_for_reviewers_and_admins_only(login) -> None:
    at = login("reviewer", page="pages/calibration.py")
    table = at.dataframe[0].value
    assert {"shopper", "leniency", "flagged"} <= set(table.columns)
    assert len(table) > 3
    for username in ("regional", "store", "trainer"):
        direct = AppTest.from_file(str(ROOT / "pages/calibration.py"), default_timeout=30)
        direct.session_state["person"] = login(username).session_state["person"]
        direct.run()
        assert [e.value for e in direct.error] == [
            "Diese Seite ist für Ihre Rolle nicht freigegeben."
        ]
        assert not direct.dataframe


def test_the_visit_report_says_why_and_shows_points(login, demo_db) -> None:
    at = login("store", lang="en", page="pages/store_results.py")
    assert "Why this score" in [h.value for h in at.header]
    sections, items = at.dataframe[0].value, at.dataframe[1].value
    assert {"section", "score", "earned", "possible"} <= set(sections.columns)
    assert {"question", "earned", "possible", "why", "comment"} <= set(items.columns)
    visit_id = at.selectbox(key="results-visit").value
    with make_engine(demo_db).connect() as conn:
        stored = conn.execute(
            sa.select(sa.func.sum(answers.c.earned), sa.func.sum(answers.c.possible)).where(
                answers.c.visit_id == visit_id
            )
        ).one()
        score = conn.execute(
            sa.select(visit_scores.c.score).where(visit_scores.c.visit_id == visit_id)
        ).scalar_one()
    assert (items["earned"].sum(), items["possible"].sum()) == pytest.approx(tuple(stored))
    assert at.metric[0].value == f"{score:.1f}"  # English: a decimal point


def test_a_newly_approved_visit_shows_on_the_next_page_load(login, demo_db) -> None:
    at = login("regional", page="pages/overview.py")
    engine = make_engine(demo_db)
    with engine.connect() as conn:
        waiting = newest_submitted(conn, "ost")
    month = month_of(waiting.started_at)
    at.select_slider(key="dash-period").set_value((month, month)).run()
    before = int(at.metric[1].value)
    with transaction(engine) as conn:
        approve_visit(conn, get_person(conn, "reviewer"), waiting.id)
    at.run()
    assert int(at.metric[1].value) == before + 1


def test_staff_figures_follow_the_setting_and_every_look_is_logged(login, demo_db) -> None:
    at = login("regional", page="pages/rankings.py")
    assert [tab.label for tab in at.tabs] == ["Filialen", "Regionen", "Mitarbeitende"]
    assert len(at.dataframe) == 2  # nothing about staff until asked for
    try:
        _staff_checks(at, demo_db)
    finally:
        with transaction(make_engine(demo_db)) as conn:
            set_staff_display(conn, "pseudonymous")


def _staff_checks(at, demo_db) -> None:
    at.toggle(key="staff-show").set_value(True).run()
    staff = at.dataframe[2].value
    assert len(staff) > 3
    assert staff["name"].str.match(r"MA-\d{4}$").all()  # pseudonymous codes by default
    with make_engine(demo_db).connect() as conn:
        logged = conn.execute(
            sa.select(audit_log.c.action, audit_log.c.after).where(
                audit_log.c.entity == "staff_figures"
            )
        ).all()
    assert logged and logged[-1].action == "view"
    with transaction(make_engine(demo_db)) as conn:
        set_staff_display(conn, "named")
    at.run()
    assert not at.dataframe[2].value["name"].str.match(r"MA-\d{4}$").any()
    with transaction(make_engine(demo_db)) as conn:
        set_staff_display(conn, "hidden")
    at.run()
    assert [tab.label for tab in at.tabs] == ["Filialen", "Regionen"]


def test_reviewers_see_no_staff_figures_and_store_managers_no_region_row(login, demo_db) -> None:
    at = login("reviewer", page="pages/rankings.py")
    assert [tab.label for tab in at.tabs] == ["Filialen", "Regionen"]
    # Store managers see staff figures only when the organisation chose them.
    at = login("store", page="pages/rankings.py")
    assert [tab.label for tab in at.tabs] == ["Filialen"]
    with transaction(make_engine(demo_db)) as conn:
        set_staff_roles(conn, ("admin", "trainer", "regional_manager", "store_manager"))
    at = login("store", page="pages/rankings.py")
    assert [tab.label for tab in at.tabs] == ["Filialen", "Mitarbeitende"]


def test_the_cards_point_the_way_the_figures_moved(login, demo_db) -> None:
    at = login("regional", page="pages/overview.py")
    with make_engine(demo_db).connect() as conn:
        scope = scope_for(conn, get_person(conn, "regional"), "see_results")
        _first, last = repo_dashboard.month_range(conn, scope)
        visits_ost = with_months(repo_dashboard.published_frame(conn, scope))
    period = Period(month_start(last, -2), last)
    change = (
        in_period(visits_ost, period)["score"].mean()
        - in_period(visits_ost, period.previous())["score"].mean()
    )
    delta = at.metric[0].delta
    assert delta.startswith("-" if change < 0 else "+")
    assert f"{abs(change):.1f}".replace(".", ",") in delta


def test_staff_figures_follow_the_recorded_works_council_agreement(login, demo_db) -> None:
    """The demo has an agreement: the regional manager sees the staff tab. Withdrawn on the
    settings page, no staff figure shows; recorded again, they are back."""
    staff_tab = "Mitarbeitende"
    with transaction(make_engine(demo_db)) as conn:
        set_staff_display(conn, "pseudonymous")  # other tests of this module change it
    assert staff_tab in [tab.label for tab in login("regional", page="pages/rankings.py").tabs]
    admin = login("admin", lang="en", page="pages/admin_settings.py")
    assert "Agreement of Oct 1, 2025 recorded: " in admin.success[0].value
    next(b for b in admin.button if b.label == "Withdraw agreement").click().run()
    assert not admin.exception, admin.exception
    assert [w.value for w in admin.warning] == [
        "No agreement is recorded: staff figures are off everywhere."
    ]
    assert staff_tab not in [tab.label for tab in login("regional", page="pages/rankings.py").tabs]
    admin.session_state["council-signed"] = dt.date(2026, 2, 1)
    admin.session_state["council-reference"] = "BV Testkauf 2026"
    next(b for b in admin.button if b.label == "Record agreement").click().run()
    assert "Agreement of Feb 1, 2026 recorded: BV Testkauf 2026" in [s.value for s in admin.success]
    # AppTest loses a formatted multiselect's choice inside a form (tests/pages/test_admin.py),
    # so the form stored no roles: nobody sees staff figures until roles are chosen.
    assert staff_tab not in [tab.label for tab in login("regional", page="pages/rankings.py").tabs]
    with transaction(make_engine(demo_db)) as conn:
        set_staff_roles(conn, ("admin", "trainer", "regional_manager"))
    assert staff_tab in [tab.label for tab in login("regional", page="pages/rankings.py").tabs]
    with make_engine(demo_db).connect() as conn:
        actions = conn.execute(
            sa.select(audit_log.c.action).where(audit_log.c.entity_id == "staff_agreement")
        ).scalars()
        assert list(actions) == ["withdraw", "record"]


def test_a_period_with_a_month_without_visits_says_so_and_compares_like_with_like(
    login, demo_db
) -> None:
    """The demo ends in October 2026: September to November has an empty November. The cards
    compare September-October with June-July, and the page names the missing month."""
    at = AppTest.from_file(str(ROOT / "pages/overview.py"), default_timeout=30)
    at.session_state["person"] = login("regional").session_state["person"]
    at.query_params.update({"from": "2026-09", "to": "2026-11"})
    at.run()
    assert [i.value for i in at.info] == [
        "Vergleich unvollständig – Monate ohne Besuche: Nov. 2026. Die Veränderungen vergleichen"
        " nur Monate mit Besuchen in beiden Zeiträumen: Sept. 2026 – Okt. 2026 mit"
        " Juni 2026 – Juli 2026."
    ]
    with make_engine(demo_db).connect() as conn:
        scope = scope_for(conn, get_person(conn, "regional"), "see_results")
        ost = with_months(repo_dashboard.published_frame(conn, scope))
    now = in_period(ost, Period(dt.date(2026, 9, 1), dt.date(2026, 10, 1)))
    before = in_period(ost, Period(dt.date(2026, 6, 1), dt.date(2026, 7, 1)))
    assert at.metric[1].value == str(len(now))
    change = len(now) - len(before)
    sign = "+" if change > 0 else "-" if change < 0 else "±"
    assert at.metric[1].delta == f"{sign}{abs(change)} ggü. Vergleichsmonaten"


def test_the_heatmap_list_names_every_store_in_full_lowest_score_first(login) -> None:
    at = login("regional")
    at.query_params["view"] = "list"
    at.switch_page("pages/heatmap.py").run()
    assert not at.exception
    links = [link.proto.label for link in at.get("page_link")]
    assert sorted(links) == sorted(OST)
    assert not at.get("plotly_chart")  # the list only, as chosen
    scores = [
        float(c.value.split(" · ")[1].split(" ")[0].replace(",", "."))
        for c in at.caption
        if c.value.startswith("Ost · ")
    ]
    assert len(scores) == len(OST) and scores == sorted(scores)
