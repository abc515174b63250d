"""Dashboard timings on a generated programme (2,000 stores, 100k visits) in SQLite and in
PostgreSQL: the reads and figures each page runs, first with cold caches, then after a
filter change (the page caches keep the scoped visits; period reads run again).

    python -m bench.dashboard [--visits 100000] [--backend sqlite|postgres|both]

Targets (issue 6): a page within 2 s the first time, within 1 s after a filter change.
Streamlit adds its own rendering on top; tests/e2e measure nothing, this does.
"""

import argparse
import datetime as dt
import pickle
import time
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from audits.accounts.access import operator_scope
from audits.reads import dashboard as repo
from audits.records.tables import stores
from bench.programme_db import open_programme
from scoring.dashboard import (
    Period,
    band_shares,
    in_period,
    item_rates,
    key_figures,
    month_start,
    monthly_rates,
    recurring,
    score_distribution,
    section_means,
    with_months,
)
from scoring.gaps import LOOKBACK_MONTHS, N
from scoring.rankings import rank_units
from scoring.trends import monthly_trend

CHAIN_LAST = dt.date(2026, 12, 1)
"""The month the gap pages treat as "now" (the generated programme runs through 2026)."""
CHAIN_FIRST = month_start(CHAIN_LAST, 1 - LOOKBACK_MONTHS)


def _timed(step: Callable[[], object]) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


class Pages:
    """The work of each dashboard page for one reader scope, with the page caches."""

    def __init__(self, engine: Engine, store_ids: list[str] | None) -> None:
        # The gate's scope for a reader of these stores (None: every store).
        chain = operator_scope("see_results")
        self.engine = engine
        self.scope = chain if store_ids is None else chain.narrowed(store_ids)
        self.cache: dict[str, object] = {}

    def _start(self) -> None:
        """What every page does: the data version, the months with visits (cached)."""
        with self.engine.connect() as conn:
            repo.data_version(conn)
            if "months" not in self.cache:
                self.cache["months"] = repo.month_range(conn, self.scope)

    def _visits(self, peers: bool = False):
        """The scoped visits (or every store's, to rank among), cached like st.cache_data
        does: pickled once, unpickled on every page run (that copy is part of what a page
        costs)."""
        scope = self.scope.peers() if peers else self.scope
        key = f"visits-{scope.whole_chain}"
        if key not in self.cache:
            frame = with_months(repo.read_published(self.engine, scope))
            self.cache[key] = pickle.dumps(frame)
        return pickle.loads(self.cache[key])  # noqa: S301 -- our own bytes

    def overview(self, period: Period) -> None:
        self._start()
        visits = self._visits()
        now = in_period(visits, period)
        key_figures(now, in_period(visits, period.previous()))
        monthly_trend(in_period(visits, period.trend()))
        score_distribution(now)
        band_shares(now, {})

    def rankings(self, period: Period) -> None:
        """Ranked among every store (the peers), shown for the reader's own."""
        self._start()
        now = in_period(self._visits(peers=True), period)
        rank_units(now, "store_id")
        rank_units(now, "region_id")

    def heatmap(self, period: Period) -> None:
        self._start()
        with self.engine.connect() as conn:
            figures = repo.section_figures(conn, self.scope, None, period.first, period.last)
        section_means(figures)

    def gaps(self, period: Period) -> None:
        self._start()
        scope, before, trend = self.scope, period.previous(), period.trend()
        earliest = min(before.first, trend.first)
        found = repo.read_parallel(
            self.engine,
            {
                "now": lambda c: repo.item_figures(
                    c, scope, None, period.first, period.last, with_stores=True
                ),
                "months": lambda c: repo.item_figures(
                    c, scope, None, earliest, period.last, by_month=True
                ),
            },
        )
        # As on the page: chain-wide gaps keyed by data version and month, actions by scope.
        chain = self.scope.peers()
        if "gaps" not in self.cache:
            self.cache["gaps"] = repo.read_parallel(
                self.engine,
                {
                    "pairs": lambda c: repo.latest_pairs(c, chain, None, n=N, first=CHAIN_FIRST),
                    "chain": lambda c: repo.item_figures(
                        c, chain, None, CHAIN_FIRST, CHAIN_LAST, by_month=True
                    ),
                },
            )
        with self.engine.connect() as conn:
            repo.open_actions(conn, scope)
        gaps = self.cache["gaps"]
        by_month = found["months"]
        earlier = by_month[(by_month["month"] >= before.first) & (by_month["month"] <= before.last)]
        item_rates(found["now"], earlier)
        monthly_rates(by_month, [month_start(trend.first, n) for n in range(trend.length)])
        found_gaps = recurring(gaps["pairs"], gaps["chain"])
        if not scope.whole_chain:
            found_gaps = found_gaps[found_gaps["store_id"].isin(scope.stores)]

    def store(self, period: Period) -> None:
        """One store's page: its visits come from the scoped visits, the rest is small."""
        self._start()
        store_id = "S0040"  # in region r0, so in both benchmark scopes
        visits = self._visits()
        mine = visits[visits["store_id"] == store_id]
        monthly_trend(in_period(mine, period.trend()))
        trend = period.trend()
        start, end = repo.period_bounds(period.first, period.last)
        with self.engine.connect() as conn:
            here = self.scope.narrowed([store_id])
            repo.section_figures(conn, here, None, trend.first, trend.last, by="month")
            repo.latest_pairs(conn, here, None, n=N, first=CHAIN_FIRST)
            repo.open_actions(conn, here)
            repo.store_visits(conn, self.scope, store_id, start, end)


def _page(engine: Engine, scope: list[str] | None, page: str) -> tuple[float, float]:
    pages = Pages(engine, scope)
    show = getattr(pages, page)
    cold = _timed(lambda: show(Period(dt.date(2026, 10, 1), dt.date(2026, 12, 1))))
    warm = _timed(lambda: show(Period(dt.date(2026, 4, 1), dt.date(2026, 6, 1))))
    return cold, warm


def run(engine: Engine, label: str, scope: list[str] | None) -> None:
    for page in ("overview", "rankings", "heatmap", "gaps", "store"):
        cold, warm = _page(engine, scope, page)
        verdict = "ok" if cold <= 2.0 and warm <= 1.0 else "MISSED"
        print(f"{label:<24} {page:<9} first {cold:5.2f} s  filter change {warm:5.2f} s  {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    for backend in backends:
        engine = open_programme(args.visits, backend, args.postgres)
        with engine.connect() as conn:
            regional = list(
                conn.execute(
                    sa.select(stores.c.store_id).where(stores.c.region_id.in_(["r0", "r1"]))
                ).scalars()
            )
        run(engine, f"{backend}, whole chain", None)
        run(engine, f"{backend}, two regions", regional)
        engine.dispose()


if __name__ == "__main__":
    main()
