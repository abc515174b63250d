"""What the Excel gap report reads: one reader's scope and filters turned into ReportData.

Everything comes from stored figures (monthly item figures, stored scores, each store's
latest results), never from rescoring. Reads run side by side on their own connections.
"""

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from audits.accounts.access import require_role, store_scope
from audits.reads import dashboard as dash
from audits.reads import report_queries as reads
from audits.records.models import Person, Role
from audits.records.settings import get_staff_display, get_staff_min_group
from audits.records.standards import list_standard_versions, load_standard_version
from audits.records.tables import stores as stores_table
from audits.visits.trail import record
from scoring.dashboard import Period, month_start
from scoring.gaps import K, N
from scoring.report.data import Later, ReportData
from scoring.trends import LOCAL_ZONE
from standards import text_in

CHAIN_MONTHS = 12
"""How unusual a gap is, is judged against the chain's last twelve months, as on the
dashboards (pages/gap_view.py), so a gap is marked the same in the app and the file."""


REPORT_ROLES: tuple[Role, ...] = ("admin", "trainer", "regional_manager", "store_manager")
"""Who may export the report: trainers for the chain, managers for their own stores."""


class ReportError(ValueError):
    """A filter names something unknown or outside the reader's scope; says which."""


@dataclass(frozen=True)
class ReportFilters:
    period: Period
    regions: tuple[str, ...] = ()
    stores: tuple[str, ...] = ()
    standards: tuple[str, ...] = ()
    """Empty means everything in the reader's scope."""


def read_report(
    engine: Engine, person: Person | None, filters: ReportFilters, lang: str
) -> ReportData:
    """The report's data for `person` (None: the command line, every store). Raises
    ReportError for a region, store or standard that is unknown or out of scope (one
    message for both, so it tells nothing about stores the reader may not see). Raises
    NotAllowed for a person without a report role."""
    if person is not None:
        require_role(person, *REPORT_ROLES)
    with engine.connect() as conn:
        scope = store_scope(conn, person) if person is not None else None
        stores = dash.stores_frame(conn, scope)
        region_sizes = dict(
            conn.execute(
                sa.select(stores_table.c.region_id, sa.func.count()).group_by(
                    stores_table.c.region_id
                )
            ).all()
        )
        versions = {
            record.id: load_standard_version(conn, record.id)
            for record in list_standard_versions(conn, latest_only=False)
        }
        display = get_staff_display(conn)
        min_group = get_staff_min_group(conn)
    stores = _chosen_stores(stores, filters)
    newest: dict[str, int] = {}
    for version_id, standard in versions.items():
        newest[standard.id] = max(newest.get(standard.id, 0), version_id)
    unknown = sorted(set(filters.standards) - set(newest))
    if unknown:
        raise ReportError(
            f"unknown standard {', '.join(unknown)}; known: {', '.join(sorted(newest))}"
        )
    standard_ids = tuple(filters.standards) or None
    everything = scope is None and not filters.regions and not filters.stores
    store_ids = None if everything else tuple(stores["store_id"])
    period = filters.period
    before = period.previous()
    this_month = dt.datetime.now(ZoneInfo(LOCAL_ZONE)).date().replace(day=1)
    staff_items = _staff_items(versions, standard_ids)
    section_ids = sorted(
        {
            section.id
            for standard in versions.values()
            if standard_ids is None or standard.id in standard_ids
            for section in standard.sections
        }
    )
    # Only the visits are read before writing starts; everything else is read in the
    # background (mostly the database's own work, on another core) while the visits sheet
    # is written, and waited for where a sheet needs it (ReportData's Later frames). Two
    # workers: one for the long staff figures, one for the rest in the order the sheets
    # need them; more would only crowd the visits read and the writing.
    background = ThreadPoolExecutor(max_workers=2)

    def later(read, *args, **options) -> Later:
        return _start(background, engine, read, *args, **options)

    staff_figures = (
        later(reads.staff_figures, store_ids, period, staff_items) if display != "hidden" else None
    )
    items_now = later(
        dash.item_figures, store_ids, standard_ids, period.first, period.last, with_stores=True
    )
    deferred = {
        "items_now": items_now,
        "store_items": later(
            dash.item_figures, store_ids, standard_ids, period.first, period.last, by_store=True
        ),
        "candidates": later(dash.recurring_candidates, None, standard_ids, k=K, n=N),
        "chain_items": later(
            dash.item_figures,
            None,
            standard_ids,
            month_start(this_month, 1 - CHAIN_MONTHS),
            this_month,
            by_month=True,
        ),
        "actions": later(dash.open_actions, store_ids),
        "comments": later(reads.failed_comments, store_ids, standard_ids, period),
        "items_before": later(
            dash.item_figures, store_ids, standard_ids, before.first, before.last
        ),
        "before": later(reads.period_scores, store_ids, standard_ids, before),
        "staff": staff_figures,
    }
    background.shutdown(wait=False)
    with engine.connect() as conn:
        visit_frame, sections = reads.period_visits(
            conn, store_ids, standard_ids, period, section_ids
        )
    # Every standard chosen (all when none is): recurring gaps are about now and must not
    # depend on which standards had visits in the period.
    shown = sorted(standard_ids or newest)
    names: dict[str, str] = {}
    if display == "named":
        with engine.connect() as conn:
            names = dash.staff_names(conn, store_ids)
    data = ReportData(
        period=period,
        made_at=dt.datetime.now(ZoneInfo(LOCAL_ZONE)).replace(tzinfo=None, microsecond=0),
        chosen=_chosen_words(stores, filters, versions, newest, lang),
        stores=stores,
        standards={sid: versions[newest[sid]] for sid in shown},
        section_titles=_section_titles(versions, shown),
        whole_regions=_whole_regions(stores, region_sizes),
        band_labels={
            (version_id, float(band.min)): band.label
            for version_id, standard in versions.items()
            for band in standard.bands
        },
        visits=visit_frame,
        sections=sections,
        staff_display=display,
        min_group=min_group,
        staff_names=names,
        **deferred,
    )
    if display != "hidden":
        # Staff figures are personal data: who read them for a report, for which period and
        # how many stores, is kept.
        with engine.begin() as conn:
            record(
                conn,
                person.id if person else None,
                "staff_figures",
                person.username if person else "command line",
                "report",
                None,
                {
                    "period": f"{period.first:%Y-%m}..{period.last:%Y-%m}",
                    "stores": len(stores),
                    "display": display,
                },
            )
    return data


def _start(pool: ThreadPoolExecutor, engine: Engine, read, *args, **options) -> Later:
    def run() -> pd.DataFrame:
        with engine.connect() as conn:
            return read(conn, *args, **options)

    return Later(pool.submit(run))


def _whole_regions(stores: pd.DataFrame, sizes: dict[str, int]) -> frozenset[str]:
    """Regions all of whose stores are in the report: only their figures are the region's."""
    counts = stores.groupby("region_id").size()
    return frozenset(region for region, count in counts.items() if count == sizes.get(region))


def _section_titles(versions, shown) -> dict[str, list[tuple[str, object]]]:
    """Per standard, its sections in the newest version's order, then sections that only
    older versions had (their visits still carry those scores)."""
    titles: dict[str, list[tuple[str, object]]] = {}
    for version_id in sorted(versions, reverse=True):
        standard = versions[version_id]
        if standard.id not in shown:
            continue
        known = titles.setdefault(standard.id, [])
        seen = {section_id for section_id, _ in known}
        known.extend((s.id, s.title) for s in standard.sections if s.id not in seen)
    return titles


def _chosen_stores(stores: pd.DataFrame, filters: ReportFilters) -> pd.DataFrame:
    regions = set(stores["region_id"])
    unknown = sorted(set(filters.regions) - regions)
    if unknown:
        raise ReportError(f"region {', '.join(unknown)} is unknown or not among your regions")
    missing = sorted(set(filters.stores) - set(stores["store_id"]))
    if missing:
        raise ReportError(f"store {', '.join(missing)} is unknown or not among your stores")
    if filters.regions:
        stores = stores[stores["region_id"].isin(filters.regions)]
    if filters.stores:
        stores = stores[stores["store_id"].isin(filters.stores)]
    return stores.reset_index(drop=True)


def _chosen_words(stores, filters, versions, newest, lang) -> dict[str, list[str]]:
    regions = dict(zip(stores["region_id"], stores["region"], strict=True))
    names = dict(zip(stores["store_id"], stores["name"], strict=True))
    return {
        "regions": [regions.get(r, r) for r in filters.regions],
        "stores": [f"{names.get(s, s)} ({s})" for s in filters.stores],
        "standards": [text_in(versions[newest[s]].title, lang) for s in filters.standards],
    }


def _staff_items(versions, standard_ids) -> set[tuple[str, str]]:
    return {
        (standard.id, item.id)
        for standard in versions.values()
        if standard_ids is None or standard.id in standard_ids
        for section in standard.sections
        for item in section.items
        if item.subject == "staff"
    }
