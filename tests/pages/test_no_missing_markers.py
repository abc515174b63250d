"""No page shows a missing value as `nan`, `NaN`, `None` or `NaT`, for any role, in either
language.

Every page each demo role can open is run on a demo chain with work in every state (a draft,
a returned visit, a published visit with a dispute and an action, open notices), and every
element's text is searched: headings, text, alerts, labels, options, metrics, charts and each
table cell, including the cells a table leaves empty (which Streamlit shows as "None" unless
the table names another placeholder).
"""

import datetime as dt
import re
from collections.abc import Iterator

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Dataframe

from audits.accounts.people import get_person
from audits.records.db import make_engine, open_database, transaction
from audits.records.models import Person, WorkItem
from audits.visits.actions import create_action
from audits.visits.assignments import create_assignments, shopper_work
from audits.visits.disputes import open_dispute
from audits.visits.drafts import get_visit, open_visit, save_answer, visit_standard
from audits.visits.review import approve_visit, return_visit
from tests.conftest import sqlite_copy
from tests.pages.filled import submit_demo_visit

# A marker stands alone: "None of these" (an option's text) is English, not a missing value.
MARKERS = re.compile(r"\b(nan|NaN|None|NaT)\b(?! [a-z])")
# Streamlit's own element ids end in the widget key, "None" when a widget has none.
ELEMENT_ID = re.compile(r'"\$\$ID-[^"]*"')
ROLES = ["shopper", "reviewer", "regional", "store", "trainer", "admin"]
PAGES = [
    "pages/shopper_home.py",
    "pages/visit.py",
    "pages/review.py",
    "pages/calibration.py",
    "pages/overview.py",
    "pages/rankings.py",
    "pages/heatmap.py",
    "pages/gaps.py",
    "pages/store.py",
    "pages/store_results.py",
    "pages/actions.py",
    "pages/report.py",
    "pages/admin_users.py",
    "pages/admin_stores.py",
    "pages/admin_assignments.py",
    "pages/audit.py",
    "pages/admin_settings.py",
    "pages/notices.py",
    "pages/account.py",
]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, demo_sqlite) -> Iterator[str]:
    """The demo chain with work in every state a page lists."""
    url = sqlite_copy(demo_sqlite, tmp_path_factory.mktemp("markers"))
    engine = open_database(url)
    with transaction(engine) as conn:
        reviewer, store_manager = get_person(conn, "reviewer"), get_person(conn, "store")
        shopper = get_person(conn, "shopper")
        published = submit_demo_visit(conn, "S07", greeted_within_30s="no")
        approve_visit(conn, reviewer, published)
        work = shopper_work(conn, shopper)
        version = work[0].standard_version_id
        returned = submit_demo_visit(conn, _todo_store(work, skip="S08"))
        return_visit(conn, reviewer, returned, "Bitte die Wartezeit in Sekunden angeben.")
        draft = open_visit(conn, shopper, _todo_assignment(shopper_work(conn, shopper)))
        standard = visit_standard(conn, get_visit(conn, shopper, draft))
        first = standard.items()[0]
        save_answer(conn, shopper, draft, first.id, value="yes", comment=None)
        today = dt.date.today()
        create_assignments(
            conn,
            store_ids=["S09"],
            standard_version_id=version,
            shopper_ids=[shopper.id],
            window_start=today,
            window_end=today + dt.timedelta(days=7),
        )
        open_dispute(conn, store_manager, published, "greeted_within_30s", "Es war viel los.", None)
        create_action(
            conn,
            store_manager,
            store_id="S07",
            standard_id=standard.id,
            item_id="greeted_within_30s",
            owner="Filialleitung",
            due_date=dt.date.today() + dt.timedelta(days=14),
            visit_id=published,
            note=None,
        )
    engine.dispose()
    yield url


def _todo_store(work: list[WorkItem], skip: str) -> str:
    return next(row.store_id for row in work if row.stage == "todo" and row.store_id != skip)


def _todo_assignment(work: list[WorkItem]) -> int:
    return next(row.assignment_id for row in work if row.stage == "todo")


def _draft_of(url: str, person: Person) -> str | None:
    engine = make_engine(url)
    with engine.connect() as conn:
        work = shopper_work(conn, person)
    engine.dispose()
    return next((row.visit_id for row in work if row.stage == "draft"), None)


def shown_markers(at: AppTest) -> list[str]:
    """Every place on the page where a missing value shows, as 'element: text'."""
    found = []
    for node in at._tree:
        if isinstance(node, Dataframe):
            found += _table_markers(node)
        elif getattr(node, "proto", None) is not None:
            text = ELEMENT_ID.sub("", str(node.proto))
            found += [
                f"{node.type}: {m.group(0)} in …{_around(text, m)}…" for m in MARKERS.finditer(text)
            ]
    return found


def _around(text: str, match: re.Match) -> str:
    return text[max(0, match.start() - 60) : match.end() + 30].replace("\n", " ")


def _table_markers(table: Dataframe) -> list[str]:
    frame: pd.DataFrame = table.value
    found = []
    for column in frame.columns:
        cells = frame[column]
        texts = cells[cells.map(lambda v: isinstance(v, str))]
        found += [f"table {column}: {v!r}" for v in texts if MARKERS.search(v)]
        if cells.isna().any() and table.proto.placeholder in ("", "None"):
            # Streamlit draws an empty cell as a grey "None" unless a placeholder is set.
            found.append(f"table {column}: an empty cell shows as None")
    if MARKERS.search(" ".join(map(str, frame.columns))):
        found.append(f"table header: {list(frame.columns)}")
    return found


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("username", ROLES)
def test_no_page_shows_a_missing_value(login, demo_db, username, lang) -> None:
    at = login(username, lang=lang)
    seen: dict[str, list[str]] = {}
    opened = 0
    for page in PAGES:
        if page == "pages/visit.py":
            person = at.session_state["person"]
            draft = _draft_of(demo_db, person) if person.has_role("shopper") else None
            if draft is None:
                continue
            at.query_params["visit"] = draft
        try:
            at.switch_page(page)
        except ValueError:
            continue  # not in this role's navigation
        at.run()
        opened += 1
        assert not at.exception, (page, at.exception)
        if markers := shown_markers(at):
            seen[page] = markers
        at.query_params.pop("visit", None)
    assert opened >= 3
    assert not seen, seen
