"""The supported library versions are declared once and tested at both ends.

pyproject.toml gives each runtime dependency a floor and a ceiling; .ci/lowest-versions.txt
pins every floor for `make test-lowest`. The two must not drift apart, and the ceilings must
keep out the next major release of the libraries whose majors have broken us before.
"""

import importlib.util
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
MAJOR_CAPPED = ("pandas", "numpy", "sqlalchemy", "plotly", "pydantic", "alembic")
# Streamlit is held tighter, to one minor release (see its own test below).
LOCK = ROOT / ".ci" / "constraints.txt"


def _lock_module():
    spec = importlib.util.spec_from_file_location("lock", ROOT / ".ci" / "lock.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def declared() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = [Requirement(line) for line in project["dependencies"]]
    return {canonicalize_name(r.name): r for r in requirements}


def pinned() -> dict[str, Version]:
    pins = {}
    for line in (ROOT / ".ci" / "lowest-versions.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f".ci/lowest-versions.txt: '{line}' is not a NAME==VERSION pin"
            pins[canonicalize_name(name)] = Version(version)
    return pins


def floor(requirement: Requirement) -> Version:
    (lower,) = [s for s in requirement.specifier if s.operator == ">="]
    return Version(lower.version)


def test_every_dependency_has_a_floor_and_the_lowest_run_pins_exactly_it() -> None:
    pins = pinned()
    for name, requirement in declared().items():
        assert name in pins, f"{name} has no pin in .ci/lowest-versions.txt"
        assert pins[name] == floor(requirement), (
            f"{name}: pyproject.toml says >={floor(requirement)}, "
            f".ci/lowest-versions.txt pins {pins[name]}"
        )
        # An extra's packages (psycopg[binary] -> psycopg-binary) are pinned alike.
        for extra in requirement.extras:
            assert pins.get(canonicalize_name(f"{name}-{extra}")) == pins[name]


def test_the_lowest_run_pins_nothing_that_is_not_declared() -> None:
    names = set(declared())
    names |= {canonicalize_name(f"{n}-{e}") for n, r in declared().items() for e in r.extras}
    assert set(pinned()) <= names


def test_no_untested_major_release_can_be_installed() -> None:
    requirements = declared()
    for name in MAJOR_CAPPED:
        requirement = requirements[name]
        current = floor(requirement)
        next_major = Version(f"{current.major + 1}.0")
        # The ceiling lets in the majors the suite has run on, and not the one after them.
        ceilings = [Version(s.version) for s in requirement.specifier if s.operator == "<"]
        assert ceilings, f"{name} has no ceiling"
        assert not requirement.specifier.contains(str(max(ceilings)))
        assert max(ceilings) >= next_major


def test_streamlit_is_held_to_the_minor_the_asgi_entry_is_tested_on() -> None:
    requirement = declared()["streamlit"]
    lowest = floor(requirement)
    assert requirement.specifier.contains(str(lowest))
    assert not requirement.specifier.contains(f"{lowest.major}.{lowest.minor + 1}.0")


def test_the_lock_pins_every_dependency_inside_its_declared_range() -> None:
    pins = {}
    for line in LOCK.read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [Requirement(line) for line in project["dependencies"]]
    wanted += [Requirement(line) for line in project["optional-dependencies"]["dev"]]
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is missing from .ci/constraints.txt: run `make lock`"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f".ci/constraints.txt pins {name}=={pins[name]} outside {requirement.specifier}"
        )


def test_the_lock_was_made_from_the_dependency_lists_as_they_are() -> None:
    lock = _lock_module()
    assert lock.locked_hash() == lock.dependencies_hash(), (
        "pyproject.toml's dependencies changed after .ci/constraints.txt was made: run `make lock`"
    )
