"""Load the demo chain from sample_data/demo through the same importers users run."""

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Connection, Engine

from audits.accounts.people import get_person, set_password
from audits.importers import ImportResult, import_staff, import_stores, import_users, import_visits
from audits.records.db import transaction
from audits.records.settings import StaffAgreement, set_setting, set_staff_agreement
from audits.records.standards import register_standard
from audits.records.stats import is_empty
from audits.visits.assignments import create_assignments
from standards import Standard, load_library

DEMO_DIR = Path(__file__).resolve().parents[2] / "sample_data" / "demo"
LIBRARY_DIR = Path(__file__).resolve().parents[2] / "standards" / "library"
DEMO_PASSWORD = "mystery-demo"  # noqa: S105 -- the published password of the demo accounts
DEMO_ACCOUNTS: tuple[tuple[str, str], ...] = (
    ("admin", "admin"),
    ("shopper", "shopper"),
    ("reviewer", "reviewer"),
    ("regional_manager", "regional"),
    ("store_manager", "store"),
    ("trainer", "trainer"),
)


DEMO_SETTING = "demo_loaded"
"""Set when the demo chain is loaded: only then does the log-in page name the demo accounts."""


class DatabaseNotEmpty(Exception):
    """The demo goes only into an empty database, so it never mixes with real records."""


@dataclass(frozen=True)
class DemoStep:
    name: str
    run: Callable[[Connection], ImportResult | None]


def demo_steps(folder: Path = DEMO_DIR) -> list[DemoStep]:
    """The demo load as named steps, so callers can show progress between them."""
    steps = [
        DemoStep("stores", lambda conn: import_stores(conn, folder / "stores.csv")),
        DemoStep("staff", lambda conn: import_staff(conn, folder / "staff.csv")),
        DemoStep("users", lambda conn: import_users(conn, folder / "users.csv")),
    ]
    # The visits were filled against the versions kept beside them; the open assignments
    # below use the library's newest versions, so the demo shows both.
    for standard in load_library(folder / "standards"):
        visits = folder / f"visits_{standard.id}.csv"
        answers = folder / f"answers_{standard.id}.csv"
        load = functools.partial(_import_visits, standard=standard, visits=visits, answers=answers)
        steps.append(DemoStep(f"visits: {standard.id}", load))
    # Read once: parsing the YAML is the slowest part of the load after the visits.
    library = load_library(LIBRARY_DIR)
    steps.append(DemoStep("standards library", lambda conn: _register_library(conn, library)))
    steps.append(DemoStep("demo passwords", _set_demo_passwords))
    steps.append(DemoStep("assignments", lambda conn: _demo_assignments(conn, library)))
    steps.append(DemoStep("works-council agreement", _record_demo_agreement))
    steps.append(DemoStep("demo marker", lambda conn: set_setting(conn, DEMO_SETTING, "yes")))
    return steps


DEMO_AGREEMENT = StaffAgreement(dt.date(2025, 10, 1), "Betriebsvereinbarung Testkauf (Demo)")

# (store, standard, scenario) of the open assignments the demo shopper finds on first log-in.
DEMO_ASSIGNMENTS = (
    (
        "S07",
        "retail-store-visit",
        "Sie suchen eine Winterjacke für sich selbst und lassen sich beraten; "
        "kaufen Sie einen kleinen Artikel unter 10 € und zahlen Sie bar.",
    ),
    (
        "S08",
        "retail-store-visit",
        "Fragen Sie nach einem Artikel, der nicht im Regal liegt, und bitten Sie um Bestellung.",
    ),
    (
        "S07",
        "phone-mystery-call",
        "Rufen Sie an und fragen Sie nach den Öffnungszeiten am Samstag "
        "und nach einer Reservierung.",
    ),
)


def _import_visits(
    conn: Connection, standard: Standard, visits: Path, answers: Path
) -> ImportResult:
    return import_visits(conn, standard, visits, answers)


def _demo_assignments(conn: Connection, library: list[Standard]) -> None:
    shopper = get_person(conn, "shopper")
    if shopper is None:
        return
    versions = {standard.id: standard for standard in library}
    today = dt.date.today()
    for store_id, standard_id, scenario in DEMO_ASSIGNMENTS:
        standard: Standard = versions[standard_id]
        create_assignments(
            conn,
            store_ids=[store_id],
            standard_version_id=register_standard(conn, standard),
            shopper_ids=[shopper.id],
            window_start=today - dt.timedelta(days=2),
            window_end=today + dt.timedelta(days=12),
            scenario=scenario,
        )


def _register_library(conn: Connection, library: list[Standard]) -> None:
    """The library's newest versions, so every shipped standard can be assigned at once."""
    for standard in library:
        register_standard(conn, standard)


def _record_demo_agreement(conn: Connection) -> None:
    """The demo chain shows staff figures, as a chain with a signed agreement would."""
    set_staff_agreement(conn, DEMO_AGREEMENT)


def _set_demo_passwords(conn: Connection) -> None:
    for _role, username in DEMO_ACCOUNTS:
        set_password(conn, username, DEMO_PASSWORD)


def load_demo(
    engine: Engine, on_step: Callable[[int, int, str], None] | None = None
) -> list[ImportResult]:
    """Load the whole demo chain in one transaction; refuse a database that holds data."""
    results: list[ImportResult] = []
    with transaction(engine) as conn:
        if not is_empty(conn):
            raise DatabaseNotEmpty(
                "the database already holds data; the demo loads only into an empty one"
            )
        steps = demo_steps()
        for number, step in enumerate(steps, start=1):
            if on_step:
                on_step(number, len(steps), step.name)
            result = step.run(conn)
            if result is not None:
                results.append(result)
    return results
