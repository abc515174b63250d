"""Thirty shoppers filling in their visits at once, each in two tabs, through the same
repository calls the form makes (one transaction per answer): every answer arrives exactly
once, each assignment has one visit, and each visit is submitted and scored once. Runs on
SQLite and on PostgreSQL."""

import datetime as dt
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from audits.accounts.people import add_person
from audits.importers import import_stores
from audits.records.db import transaction
from audits.records.standards import register_standard
from audits.records.tables import answers, visit_scores, visits
from audits.visits.assignments import create_assignments
from audits.visits.drafts import open_visit, save_answer, save_details
from audits.visits.submit import submit_visit
from scoring.submit_checks import Details
from standards import load_standard_text

pytestmark = pytest.mark.security

SHOPPERS = 30
ITEMS = [f"q{n:02d}" for n in range(12)]
TAB_A, TAB_B = ITEMS[:8], ITEMS[4:]  # q04-q07 are answered in both tabs
FORM = "\n".join(
    [
        "id: load",
        "title: Load",
        "channel: in_store",
        "languages: [de]",
        "sections:",
        "  - id: s",
        "    title: S",
        "    items:",
        *[f"      - {{id: {item}, type: yes_no, text: {item}?}}" for item in ITEMS],
    ]
)
START = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)


def expected(shopper: int, item: str) -> str:
    return "yes" if (shopper + int(item[1:])) % 3 else "no"


@pytest.fixture
def chain(engine: Engine, tmp_path) -> list[tuple[object, int]]:
    """(shopper, assignment) for thirty shoppers, one store each."""
    rows = "\n".join(f"L{n:02d},Filiale {n},Nord,Kiel" for n in range(SHOPPERS))
    stores_file = tmp_path / "stores.csv"
    stores_file.write_text(f"store_id,name,region,city\n{rows}\n", encoding="utf-8")
    with transaction(engine) as conn:
        import_stores(conn, stores_file)
        version = register_standard(conn, load_standard_text(FORM, "load.yaml"))
        pairs = []
        for n in range(SHOPPERS):
            shopper = add_person(conn, f"shopper{n:02d}", f"Shopper {n}", ["shopper"])
            [assignment] = create_assignments(
                conn,
                store_ids=[f"L{n:02d}"],
                standard_version_id=version,
                shopper_ids=[shopper.id],
                window_start=dt.date(2026, 11, 1),
                window_end=dt.date(2026, 11, 30),
            )
            pairs.append((shopper, assignment))
    return pairs


def test_thirty_shoppers_in_two_tabs_lose_and_duplicate_nothing(engine, chain) -> None:
    together = {shopper.id: threading.Barrier(2) for shopper, _ in chain}
    outcomes: list[str] = []
    opened: dict[int, set[str]] = {shopper.id: set() for shopper, _ in chain}

    def tab(number: int, shopper, assignment: int, items: list[str]) -> None:
        together[shopper.id].wait()  # both tabs open the assignment at the same moment
        with transaction(engine) as conn:
            visit_id = open_visit(conn, shopper, assignment)
        opened[shopper.id].add(visit_id)
        with transaction(engine) as conn:
            details = Details(START, START + dt.timedelta(minutes=15), None, "Kasse")
            save_details(conn, shopper, visit_id, details)
        for item in items:
            with transaction(engine) as conn:
                save_answer(conn, shopper, visit_id, item, value=expected(number, item))
        together[shopper.id].wait()  # then both press submit
        with transaction(engine) as conn:
            outcomes.append(submit_visit(conn, shopper, visit_id).status)

    began = time.perf_counter()
    with ThreadPoolExecutor(2 * SHOPPERS) as pool:
        running = [
            pool.submit(tab, n, shopper, assignment, items)
            for n, (shopper, assignment) in enumerate(chain)
            for items in (TAB_A, TAB_B)
        ]
        for done in running:
            done.result()  # any error in a tab fails the test here
    seconds = time.perf_counter() - began

    with engine.connect() as conn:
        stored = {
            (row.visit_id, row.item_id): row.value
            for row in conn.execute(
                sa.select(answers.c.visit_id, answers.c.item_id, answers.c.value)
            )
        }
        rows = conn.execute(sa.select(sa.func.count()).select_from(answers)).scalar_one()
        visit_rows = conn.execute(
            sa.select(visits.c.id, visits.c.assignment_id, visits.c.status)
        ).all()
        scores = conn.execute(sa.select(sa.func.count()).select_from(visit_scores)).scalar_one()
    visit_of = {row.assignment_id: row.id for row in visit_rows}
    wanted = {
        (visit_of[assignment], item): expected(n, item)
        for n, (_, assignment) in enumerate(chain)
        for item in ITEMS
    }
    lost = [key for key, value in wanted.items() if stored.get(key) != value]
    duplicated = rows - len(stored)
    assert (lost, duplicated) == ([], 0), f"{len(lost)} lost, {duplicated} duplicated"
    assert all(len(seen) == 1 for seen in opened.values())  # both tabs on the same draft
    assert len(visit_rows) == SHOPPERS and {row.status for row in visit_rows} == {"submitted"}
    assert sorted(outcomes) == ["already"] * SHOPPERS + ["submitted"] * SHOPPERS
    assert scores == SHOPPERS  # scored once each
    print(
        f"{engine.dialect.name}: {len(stored)} answers from {2 * SHOPPERS} tabs in {seconds:.1f} s"
    )
