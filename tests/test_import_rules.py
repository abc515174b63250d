"""The domain packages stay free of the UI, so they run in the CLI, tests and batch jobs."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_PACKAGES = ("standards", "audits", "scoring", "locales", "cli")
UI_LIBRARIES = {"streamlit", "plotly"}


def imported_top_modules(source: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


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
