"""Generate the demo chain into sample_data/demo/ (deterministic: same code, same bytes).

    python -m sample_data.generate [--out DIR] [--library DIR]

Answers are generated from the shipped standards themselves, item type by item type; item ids
appear only in PLANTED and SCENARIOS below, and an id missing from its standard stops the run.
The planted patterns and their sizes are described in sample_data/README.md.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
from datetime import timedelta
from pathlib import Path
from typing import Any

from standards import Standard

from .answers import answer_visit
from .chain import build_staff, build_stores, build_users
from .checks import check_planted
from .model import PassModel, Visit
from .schedule import plan_visits
from .spec import LIBRARY, TIMED_UNITS, first_timed_item, load_standards
from .timeline import MONTHS, iso

DEMO = Path(__file__).resolve().parent / "demo"

PLANTED: dict[str, Any] = {
    "improving_stores": ["S03", "S10", "S16"],
    # store -> standard -> item -> share of visits in which the item fails
    "recurring_gaps": {
        "S07": {"retail-store-visit": {"price_tags_correct": 0.70}},
        "S11": {"retail-store-visit": {"thanked_for_visit": 0.75, "said_goodbye": 0.75}},
        "S19": {"retail-store-visit": {"advertised_in_stock": 0.60}},
        "S26": {"phone-mystery-call": {"greeting_own_name": 0.75}},
    },
    "critical_stores": ["S05", "S13", "S20"],  # a critical fail in about 1 visit in 4
    "lagging_region": "Ost",
    "lenient_shopper": "s.becker",
    "strict_shopper": "m.schulz",
    "demo_store": "S07",  # the store of the demo store manager
}

# How often each option of a steering question (a choice that only switches follow-up items
# on and off) is chosen; steering questions not listed here get their options evenly.
SCENARIOS: dict[str, dict[str, dict[str, float]]] = {
    "retail-store-visit": {
        "payment_method": {"card": 0.55, "cash": 0.30, "no_payment": 0.15},
        "scenario_return": {"yes": 0.20, "no": 0.80},
    },
    "phone-mystery-call": {"hold_or_transfer": {"neither": 0.45, "hold": 0.35, "transfer": 0.20}},
}

WRITTEN = ("email", "chat", "web")  # here a visit ends when the reply arrives
STORES = ["store_id", "name", "region", "city", "district", "address", "active"]
STAFF = ["staff_id", "store_id", "display_name", "active"]
USERS = ["username", "full_name", "email", "roles", "regions", "stores", "language"]
VISITS = [
    "visit_id", "store_id", "visited_at", "staff_id", "shopper_id", "region", "channel",
    "ended_at", "status",
]  # fmt: skip
ANSWERS = ["visit_id", "item_id", "value", "comment"]


def generate(out: Path = DEMO, library: Path = LIBRARY) -> dict[str, int]:
    """Write every CSV file into `out`; returns the number of rows per file."""
    standards = load_standards(library)
    stores = build_stores()
    staff = build_staff(stores, MONTHS)
    users = build_users(PLANTED)
    check_planted(PLANTED, SCENARIOS, standards, [s.store_id for s in stores])
    shoppers = [u for u in users if "shopper" in u.roles]
    model = PassModel(stores, staff, PLANTED, standards)

    out.mkdir(parents=True, exist_ok=True)
    tables: dict[str, tuple[list[str], list[list[str]]]] = {
        "stores.csv": (
            STORES,
            [[s.store_id, s.name, s.region, s.city, s.district, s.address, "true"] for s in stores],
        ),
        "staff.csv": (
            STAFF,
            [[m.staff_id, m.store_id, m.display_name, _bool(m.active)] for m in staff],
        ),
        "users.csv": (USERS, [_user_row(u) for u in users]),
    }
    for standard in standards:
        visits = plan_visits(standard.id, standard.channel, stores, staff, shoppers)
        scenarios = SCENARIOS.get(standard.id, {})
        answers = [answer_visit(standard, v, model, scenarios) for v in visits]
        visits = [_ended(standard, v, rows) for v, rows in zip(visits, answers, strict=True)]
        tables[f"visits_{standard.id}.csv"] = (VISITS, [_visit_row(v) for v in visits])
        tables[f"answers_{standard.id}.csv"] = (
            ANSWERS,
            [[v.visit_id, *row] for v, rows in zip(visits, answers, strict=True) for row in rows],
        )
    for stale in [*out.glob("visits_*.csv"), *out.glob("answers_*.csv")]:
        if stale.name not in tables:
            stale.unlink()
    return {name: _write(out / name, *table) for name, table in tables.items()}


def _ended(standard: Standard, visit: Visit, rows: list[tuple[str, str, str]]) -> Visit:
    """For e-mail and chat the test ends when the reply arrives, as the response time says."""
    timed = first_timed_item(standard) if standard.channel in WRITTEN else None
    value = next((v for item_id, v, _ in rows if timed and item_id == timed.id), None)
    if timed is None or value is None or value == "na":
        return visit
    minutes = max(1, round(float(value) * TIMED_UNITS[timed.unit]))
    return dataclasses.replace(visit, end=visit.start + timedelta(minutes=minutes))


def _user_row(u: Any) -> list[str]:
    lists = (";".join(u.roles), ";".join(u.regions), ";".join(u.stores))
    return [u.username, u.full_name, u.email, *lists, u.language]


def _visit_row(v: Visit) -> list[str]:
    return [
        v.visit_id, v.store.store_id, iso(v.start), v.staff_id or "", v.shopper, v.store.region,
        v.channel, iso(v.end), v.status,
    ]  # fmt: skip


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _write(path: Path, header: list[str], rows: list[list[str]]) -> int:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return len(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m sample_data.generate", description=__doc__)
    parser.add_argument("--out", type=Path, default=DEMO, help="folder for the CSV files")
    parser.add_argument("--library", type=Path, default=LIBRARY, help="folder of standards")
    args = parser.parse_args(argv)
    for name, rows in generate(args.out, args.library).items():
        print(f"{rows:7d}  {args.out / name}")


if __name__ == "__main__":
    main()
