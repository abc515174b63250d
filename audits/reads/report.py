"""What the Excel gap report reads: one reader's scope and filters turned into ReportData.

Everything comes from stored figures (monthly item figures, stored scores, each store's
latest results), never from rescoring. Reads run side by side on their own connections.
"""

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Concatenate, ParamSpec

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from audits.accounts.access import NotAllowed, Scope, operator_scope, scope_for, scoped
from audits.reads import dashboard as dash
from audits.reads import report_queries as reads
from audits.reads.staff import open_staff_view, staff_access, staff_scope_for
from audits.records.models import Person
from audits.records.standards import list_standard_versions, load_standard_version
from audits.records.tables import stores as stores_table
from locales import HOME_ZONE
from scoring.dashboard import Period, month_start
from scoring.gaps import LOOKBACK_MONTHS, N
from scoring.report.data import Later, ReportData
from standards import Standard
from standards.texts import Text

P = ParamSpec("P")


class ReportError(ValueError):
    """A filter names something unknown or outside the reader's scope; says which."""


@dataclass(frozen=True)
class ReportFilters:
    period: Period
    regions: tuple[str, ...] = ()
    stores: tuple[str, ...] = ()
    standards: tuple[str, ...] = ()
    """Empty means everything in the reader's scope."""


def report_scopes(engine: Engine, person: Person | None) -> tuple[Scope, Scope | None]:
    """What the gate lets `person` (None: the command line's operator) put in a report:
    the export scope, and the staff-figure scope or None. NotAllowed for someone who may
    not export it."""
    if person is None:
        return operator_scope("export_report"), operator_scope("see_staff")
    with engine.connect() as conn:
        return scope_for(conn, person, "export_report"), staff_scope_for(conn, person)


@scoped
def read_report(
    engine: Engine, scope: Scope, staff_scope: Scope | None, filters: ReportFilters
) -> ReportData:
    """The report's data for the holder of `scope` (an export_report scope) and, where
    `staff_scope` allows and the setting shows them, staff figures. Raises
    ReportError for a region, store or standard that is unknown or out of scope (one
    message for both, so it tells nothing about stores the reader may not see). Raises
    NotAllowed for a scope for anything else."""
    if scope.capability != "export_report":
        raise NotAllowed("the report needs the export_report scope")
    with engine.connect() as conn:
        access = staff_access(conn, staff_scope) if staff_scope is not None else None
        stores = dash.stores_frame(conn, scope)
        region_sizes: dict[str, int] = dict(
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
    everything = scope.whole_chain and not filters.regions and not filters.stores
    chosen = scope if everything else scope.narrowed(stores["store_id"])
    # How unusual a gap is, is judged chain-wide, as on the dashboards.
    chain = scope.peers()
    period = filters.period
    before = period.previous()
    this_month = dt.datetime.now(HOME_ZONE).date().replace(day=1)
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

    def later(
        read: Callable[Concatenate[Connection, P], pd.DataFrame], *args: P.args, **options: P.kwargs
    ) -> Later:
        return _start(background, engine, read, *args, **options)

    if access is None or staff_scope is None:
        staff_scope = None
    elif not everything:
        staff_scope = staff_scope.narrowed(stores["store_id"])
    staff_figures = (
        later(reads.staff_figures, staff_scope, period, staff_items) if staff_scope else None
    )
    items_now = later(
        dash.item_figures, chosen, standard_ids, period.first, period.last, with_stores=True
    )
    deferred = {
        "items_now": items_now,
        "store_items": later(
            dash.item_figures, chosen, standard_ids, period.first, period.last, by_store=True
        ),
        "pairs": later(
            dash.latest_pairs,
            chain,
            standard_ids,
            n=N,
            first=month_start(this_month, 1 - LOOKBACK_MONTHS),
        ),
        "chain_items": later(
            dash.item_figures,
            chain,
            standard_ids,
            month_start(this_month, 1 - LOOKBACK_MONTHS),
            this_month,
            by_month=True,
        ),
        "actions": later(dash.open_actions, chosen),
        "comments": later(reads.failed_comments, chosen, standard_ids, period),
        "items_before": later(dash.item_figures, chosen, standard_ids, before.first, before.last),
        "before": later(reads.period_scores, chosen, standard_ids, before),
        "staff": staff_figures,
    }
    background.shutdown(wait=False)
    with engine.connect() as conn:
        visit_frame, sections = reads.period_visits(conn, chosen, standard_ids, period, section_ids)
    # Every standard chosen (all when none is): recurring gaps are about now and must not
    # depend on which standards had visits in the period.
    shown = sorted(standard_ids or newest)
    names: dict[str, str] = {}
    if staff_scope is not None and access is not None:
        # Staff figures are personal data: who read them for a report, for which period and
        # how many stores, is kept.
        looked = {
            "period": f"{period.first:%Y-%m}..{period.last:%Y-%m}",
            "stores": len(stores),
            "display": access.display,
        }
        with engine.begin() as conn:
            names = open_staff_view(conn, staff_scope, "report", looked)
    data = ReportData(
        period=period,
        made_at=dt.datetime.now(HOME_ZONE).replace(tzinfo=None, microsecond=0),
        chosen=_chosen_words(stores, filters, versions, newest),
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
        staff_display=access.display if access else "hidden",
        min_group=access.min_group if access else 0,
        staff_names=names,
        **deferred,
    )
    return data


def _start(
    pool: ThreadPoolExecutor,
    engine: Engine,
    read: Callable[Concatenate[Connection, P], pd.DataFrame],
    *args: P.args,
    **options: P.kwargs,
) -> Later:
    def run() -> pd.DataFrame:
        with engine.connect() as conn:
            return read(conn, *args, **options)

    return Later(pool.submit(run))


def _whole_regions(stores: pd.DataFrame, sizes: dict[str, int]) -> frozenset[str]:
    """Regions all of whose stores are in the report: only their figures are the region's."""
    counts = stores.groupby("region_id").size()
    return frozenset(region for region, count in counts.items() if count == sizes.get(region))


def _section_titles(
    versions: dict[int, Standard], shown: Collection[str]
) -> dict[str, list[tuple[str, Text]]]:
    """Per standard, its sections in the newest version's order, then sections that only
    older versions had (their visits still carry those scores)."""
    titles: dict[str, list[tuple[str, Text]]] = {}
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


def _chosen_words(
    stores: pd.DataFrame,
    filters: ReportFilters,
    versions: dict[int, Standard],
    newest: dict[str, int],
) -> dict[str, list[Text]]:
    regions = dict(zip(stores["region_id"], stores["region"], strict=True))
    names = dict(zip(stores["store_id"], stores["name"], strict=True))
    return {
        "regions": [regions.get(r, r) for r in filters.regions],
        "stores": [f"{names.get(s, s)} ({s})" for s in filters.stores],
        "standards": [versions[newest[s]].title for s in filters.standards],
    }


def _staff_items(
    versions: dict[int, Standard], standard_ids: Sequence[str] | None
) -> set[tuple[str, str]]:
    return {
        (standard.id, item.id)
        for standard in versions.values()
        if standard_ids is None or standard.id in standard_ids
        for section in standard.sections
        for item in section.items
        if item.subject == "staff"
    }
