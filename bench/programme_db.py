"""A generated programme in a database, for the dashboard benchmark.

2,000 stores in 20 regions with five staff each, a synthetic standard of bench/synthetic.py
(50 items, or 60 with comments for the report) and its visits over 2026, imported through
the product's own importer (so scores and monthly figures are what a real import writes).
The SQLite file is kept in bench/data/ and reused; PostgreSQL gets a schema of its own, also
reused.
"""

import argparse
import sys
import time
from pathlib import Path

from sqlalchemy.engine import Engine

from audits import importers
from audits.records import db
from audits.records.stats import is_empty
from bench.synthetic import DATA, SECTIONS, SHOPPERS, STORES, ensure, variant
from standards import load_standard

REGIONS = 20
STAFF_PER_STORE = 5


def _people_files(folder: Path) -> tuple[Path, Path, Path]:
    stores = folder / "stores.csv"
    staff = folder / "staff.csv"
    users = folder / "users.csv"
    if not stores.exists():
        lines = ["store_id,name,region,city"]
        lines += [f"S{n:04d},Filiale {n:04d},R{n % REGIONS},Stadt {n % 97}" for n in range(STORES)]
        stores.write_text("\n".join(lines) + "\n", encoding="utf-8")
        rows = ["staff_id,store_id,display_name"]
        rows += [
            f"MA-{n * STAFF_PER_STORE + k:05d},S{n:04d},Person {n * STAFF_PER_STORE + k}"
            for n in range(STORES)
            for k in range(STAFF_PER_STORE)
        ]
        staff.write_text("\n".join(rows) + "\n", encoding="utf-8")
        people = ["username,full_name,email,roles,regions,stores,language"]
        people += [f"shopper{n},Shopper {n},,shopper,,,de" for n in range(SHOPPERS)]
        people += ["regional,Regional Manager,,regional_manager,R0;R1,,de"]
        users.write_text("\n".join(people) + "\n", encoding="utf-8")
    return stores, staff, users


def open_programme(
    visit_count: int,
    backend: str,
    postgres: str,
    sections: int = SECTIONS,
    comments: bool = False,
) -> Engine:
    """An engine on a database holding the programme; built on first use."""
    name = variant(visit_count, sections, comments)
    if backend == "sqlite":
        DATA.mkdir(parents=True, exist_ok=True)
        path = DATA / f"programme_{name}.db"
        engine = db.make_engine(f"sqlite:///{path}")
    else:
        schema = f"bench_{name}"
        admin = db.make_engine(postgres)
        with admin.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
        admin.dispose()
        engine = db.make_engine(postgres, connect_args={"options": f"-csearch_path={schema}"})
    db.upgrade(engine)
    with engine.connect() as conn:
        empty = is_empty(conn)
    if empty:
        _load(engine, ensure(visit_count, sections, comments))
    return engine


def _load(engine: Engine, files: tuple[Path, Path, Path]) -> None:
    standard_path, visits_path, answers_path = files
    stores, staff, users = _people_files(standard_path.parent)
    started = time.perf_counter()
    print(f"importing {visits_path} into {engine.url} ...", file=sys.stderr, flush=True)
    with db.transaction(engine) as conn:
        importers.import_stores(conn, stores)
        importers.import_staff(conn, staff)
        importers.import_users(conn, users)
        importers.import_visits(conn, load_standard(standard_path), visits_path, answers_path)
    if engine.dialect.name == "postgresql":
        # As autovacuum would soon after a large import: the planner needs the statistics.
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    print(f"imported in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--sections", type=int, default=SECTIONS)
    parser.add_argument("--comments", action="store_true")
    args = parser.parse_args()
    engine = open_programme(args.visits, args.backend, args.postgres, args.sections, args.comments)
    print(engine.url)
