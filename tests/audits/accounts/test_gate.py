"""The gate: every read of store, visit, staff or person data refuses to run without a
Scope or a Person, and a Scope comes only from the gate."""

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import audits.reads
from audits.accounts import access
from audits.accounts.access import CAPABILITIES, NotAllowed, Scope, can, scope_for
from audits.accounts.people import get_person

ROOT = Path(__file__).resolve().parents[3]

HELPERS = {
    "audits.reads.dashboard.data_version": "a counter, no data",
    "audits.reads.dashboard.read_parallel": "runs reads it is handed",
    "audits.reads.dashboard.read_frame": "runs a query it is handed",
    "audits.reads.dashboard.period_bounds": "date arithmetic",
    "audits.reads.report_queries.local_times": "text to times",
    "audits.reads.report.report_scopes": "asks the gate for a reader's scopes",
    "audits.reads.staff.staff_scope_for": "asks the gate for a reader's scope",
}
"""Public functions of audits/reads that return no store, visit, staff or person data."""

READS_ELSEWHERE = [
    "audits.accounts.people.list_people",
    "audits.accounts.people.people_frame",
    "audits.visits.drafts.get_visit",
    "audits.visits.disputes.list_disputes",
    "audits.visits.disputes.dispute_attachment",
    "audits.visits.actions.actions_frame",
    "audits.visits.photos.photo_bytes",
    "audits.visits.photos.photo_file",
    "audits.visits.queue.review_queue",
    "audits.visits.assignments.shopper_work",
    "audits.visits.notices.unread_notices",
    "audits.visits.calibration.invitable_shoppers",
    "audits.visits.calibration.list_exercises",
    "audits.visits.calibration.exercise_results",
    "audits.visits.exercise_material.exercise_material",
]


def _reads() -> list[str]:
    found = []
    for module in pkgutil.iter_modules(audits.reads.__path__, "audits.reads."):
        loaded = importlib.import_module(module.name)
        for name, function in inspect.getmembers(loaded, inspect.isfunction):
            if function.__module__ == module.name and not name.startswith("_"):
                found.append(f"{module.name}.{name}")
    return sorted(set(found) - set(HELPERS)) + READS_ELSEWHERE


def _function(path: str):
    module, name = path.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


def test_the_walk_finds_the_reads() -> None:
    assert len(_reads()) > 25
    assert "audits.reads.dashboard.published_frame" in _reads()


@pytest.mark.parametrize("path", _reads())
def test_a_read_cannot_run_without_a_scope(path: str) -> None:
    read = _function(path)
    assert getattr(read, "scoped_by", None), f"{path} is not marked @scoped"
    parameters = list(inspect.signature(read).parameters)
    for stand_in in (None, ["S07"], ("S07",), "S07"):
        arguments = dict.fromkeys(parameters)
        arguments[read.scoped_by] = stand_in
        # Every other argument is None: the check must refuse before anything else runs.
        with pytest.raises(NotAllowed, match="needs a"):
            read(**arguments)


def test_a_scope_comes_only_from_the_gate() -> None:
    with pytest.raises(TypeError, match="scope_for"):
        Scope(1, "someone", "see_results", None)


def test_scopes_follow_the_roles_that_grant_the_capability(demo) -> None:
    with demo.connect() as conn:
        regional = get_person(conn, "regional")
        store_manager = get_person(conn, "store")
        shopper = get_person(conn, "shopper")
        trainer = get_person(conn, "trainer")
        ost = scope_for(conn, regional, "see_results")
        own = scope_for(conn, store_manager, "see_results")
        chain = scope_for(conn, trainer, "see_results")
        with pytest.raises(NotAllowed):
            scope_for(conn, shopper, "see_results")
        with pytest.raises(NotAllowed):
            scope_for(conn, trainer, "manage_actions")
    assert ost.stores and all(ost.allows(s) for s in ost.stores)
    assert own.stores == tuple(sorted(store_manager.stores))
    assert chain.whole_chain
    assert not can(shopper, "see_results") and can(shopper, "fill_visits")
    # A filter narrows a scope and never widens it.
    assert own.narrowed(["S99", *own.stores]).stores == own.stores
    assert ost.peers().whole_chain and ost.peers().capability == "see_results"


def test_every_role_has_an_entry_and_every_capability_a_role() -> None:
    assert set(CAPABILITIES) == set(access.REACH)
    granted = set().union(*CAPABILITIES.values())
    assert granted == set(access.CAPABILITY_NAMES)


ROLE_NAMES = {"admin", "reviewer", "regional_manager", "store_manager", "trainer"}
# "shopper" is also the word for the shopper column of tables and figures, so it is not
# searched for; its only role checks go through `can(..., "fill_visits")`.
WHERE_ROLES_LIVE = {
    "audits/accounts/access.py",
    "audits/records/models.py",
    "audits/importers/demo.py",  # the demo chain's accounts
}


def test_no_page_or_command_names_a_role() -> None:
    files = [ROOT / "app.py", ROOT / "server.py"]
    for folder in ("pages", "cli", "audits", "scoring"):
        files += sorted((ROOT / folder).rglob("*.py"))
    found = []
    for path in files:
        relative = str(path.relative_to(ROOT))
        if relative in WHERE_ROLES_LIVE or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and node.value in ROLE_NAMES:
                found.append(f"{relative}:{node.lineno}: {node.value}")
    assert found == []
