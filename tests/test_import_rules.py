"""The layers of docs/architecture.md, held by the imports: each part of the code imports
only the parts below it, and the domain stays free of the UI so it runs in the command
line, tests and batch jobs."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_PACKAGES = ("standards", "audits", "scoring", "locales", "cli")
UI_LIBRARIES = {"streamlit", "plotly"}

# Part -> the parts of ours it may import (besides itself). The order of the table is the
# order of the layers, bottom first.
BELOW: dict[str, set[str]] = {
    "locales": set(),
    "standards": {"locales"},
    "scoring": {"standards", "locales"},
    "audits.records": {"scoring", "standards", "locales"},
    "audits.accounts": {"audits.records", "scoring", "standards", "locales"},
    "audits.visits": {"audits.accounts", "audits.records", "scoring", "standards", "locales"},
}
# Reads and importers stand side by side on the workflow.
BELOW["audits.reads"] = BELOW["audits.importers"] = {"audits.visits", *BELOW["audits.visits"]}
AUDITS = {part for part in BELOW if part.startswith("audits.")}
BELOW["cli"] = {*AUDITS, "audits", "scoring", "standards", "locales"}
BELOW["pages"] = {*AUDITS, "scoring", "standards", "locales"}
BELOW["app"] = {"pages", *BELOW["pages"]}
BELOW["server"] = {"pages", *BELOW["pages"]}
OURS = set(BELOW) | {"audits"}

# Pages name the vocabularies the tables check, never the tables themselves.
PAGE_TABLE_NAMES = {"ACTION_STATUSES", "LANGUAGES", "ROLES", "STAFF_DISPLAYS"}
# Plain record queries of stores, staff and scores that no gate checks: pages use the
# scoped reads instead (audits/reads/directory.py, audits/visits/drafts.visit_staff).
UNGATED = {
    "audits.records.stores": {"list_stores", "list_staff"},
    "audits.records.scores": {"visit_scores_frame", "item_results_frame"},
}


def imported_top_modules(source: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def imports(source: str) -> list[tuple[str, list[str]]]:
    """(module, names) of every absolute import; names are empty for `import x`."""
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((alias.name, []) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, [alias.name for alias in node.names]))
    return found


def part_of(module: str) -> str | None:
    """The layer a dotted module name belongs to, if it is ours."""
    parts = module.split(".")
    for length in (2, 1):
        name = ".".join(parts[:length])
        if name in OURS:
            return name
    return None


def sources() -> list[tuple[str, Path]]:
    found = [("app", ROOT / "app.py"), ("server", ROOT / "server.py")]
    for folder in ("locales", "standards", "scoring", "audits", "cli", "pages"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" in path.parts:
                continue  # frozen snapshots of the schema, importing only Alembic
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found.append((part_of(module) or folder, path))
    return found


def layer_breaches(part: str, source: str) -> list[str]:
    breaches = []
    for module, names in imports(source):
        if part == "pages" and module.split(".")[0] == "sqlalchemy":
            # A page may name a connection or an engine as a type, but builds no queries.
            if module != "sqlalchemy.engine":
                breaches.append(module)
            continue
        target = part_of(module)
        if target is None or target == part or module == "audits":
            continue
        if target not in BELOW[part]:
            breaches.append(module)
        elif part == "pages" and (module + ".").startswith("audits.records.tables."):
            breaches.extend(f"{module}.{name}" for name in names if name not in PAGE_TABLE_NAMES)
        elif part == "pages" and module in UNGATED:
            breaches.extend(f"{module}.{name}" for name in names if name in UNGATED[module])
    return breaches


def test_every_part_imports_only_the_parts_below_it() -> None:
    files = sources()
    assert len(files) > 150
    found = {
        str(path.relative_to(ROOT)): breaches
        for part, path in files
        if (breaches := layer_breaches(part, path.read_text()))
    }
    assert found == {}


@pytest.mark.parametrize(
    ("part", "source", "breach"),
    [
        ("scoring", "from audits.records.db import transaction\n", "audits.records.db"),
        ("audits.records", "from audits.visits import review\n", "audits.visits"),
        ("audits.accounts", "import audits.reads.dashboard\n", "audits.reads.dashboard"),
        ("pages", "from audits.records.tables import visits\n", "audits.records.tables.visits"),
        (
            "pages",
            "from audits.records.tables.people import people\n",
            "audits.records.tables.people.people",
        ),
        ("pages", "import sqlalchemy as sa\n", "sqlalchemy"),
        (
            "pages",
            "from audits.records.stores import list_stores\n",
            "audits.records.stores.list_stores",
        ),
        ("cli", "from pages.ui import t\n", "pages.ui"),
    ],
)
def test_the_layer_check_sees_a_breach(part: str, source: str, breach: str) -> None:
    assert breach in layer_breaches(part, source)


def test_the_layer_check_lets_a_page_name_a_vocabulary_and_a_connection_type() -> None:
    source = "from audits.records.tables import ROLES\nfrom sqlalchemy.engine import Connection\n"
    assert layer_breaches("pages", source) == []


@pytest.mark.parametrize("package", DOMAIN_PACKAGES)
def test_domain_package_never_imports_streamlit_or_plotly(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"{package}/ has no Python files"
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_top_modules(path.read_text()) & UI_LIBRARIES)
        for path in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_checker_sees_both_import_forms() -> None:
    source = "import streamlit as st\nfrom plotly import express\nfrom .x import y\n"
    assert imported_top_modules(source) & UI_LIBRARIES == {"streamlit", "plotly"}
