"""A standard's recommended action reaches the people who act on a gap: the note of a new
corrective action starts with it, and the gaps list shows it."""

from collections.abc import Iterator

import pytest

from audits.accounts.people import get_person
from audits.records.db import open_database, transaction
from audits.visits.review import approve_visit
from tests.conftest import sqlite_copy
from tests.pages.filled import submit_demo_visit

GREETING_ACTION = (
    "Begrüßung im Teammeeting üben: Wer Kundschaft eintreten sieht, grüßt mit Blickkontakt, "
    "auch wenn gerade jemand anderes bedient wird."
)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, demo_sqlite) -> Iterator[str]:
    """The demo chain with one published visit of the newest store standard whose greeting
    failed (the demo's own history uses versions without actions)."""
    url = sqlite_copy(demo_sqlite, tmp_path_factory.mktemp("actions"))
    engine = open_database(url)
    with transaction(engine) as conn:
        visit = submit_demo_visit(conn, "S07", greeted_within_30s="no")
        approve_visit(conn, get_person(conn, "reviewer"), visit)
    engine.dispose()
    yield url


def test_a_new_action_on_a_failed_item_starts_with_the_recommended_action(login) -> None:
    at = login("store", page="pages/store_results.py")
    item = at.selectbox(key="action-item")
    assert item.value == "greeted_within_30s"
    note = next(area for area in at.text_area if area.label == "Notiz")
    assert note.value == GREETING_ACTION
