"""The access log of staff figures and the works-council role: the council reads the log and
the settings behind it, and reaches no other page."""

import re

import pytest

from audits.accounts.access import scope_for
from audits.accounts.people import add_person, get_person
from audits.reads.staff import open_staff_view, staff_scope_for
from audits.records.db import make_engine, transaction
from pages.ui import plain
from tests.pages.conftest import ROOT

PAGES = sorted(set(re.findall(r'st\.Page\("(pages/[a-z_]+\.py)"', (ROOT / "app.py").read_text())))
COUNCIL_PAGES = {"pages/access_log.py", "pages/notices.py", "pages/account.py"}


@pytest.fixture
def council(demo_db: str) -> str:
    with transaction(make_engine(demo_db)) as conn:
        if get_person(conn, "br.meyer") is None:
            add_person(conn, "br.meyer", "Renate Meyer", ["works_council"], language="de")
    return "br.meyer"


def test_the_council_reaches_the_access_log_and_nothing_else(login, council) -> None:
    assert len(PAGES) > 15
    for page in PAGES:
        at = login(council, "en")
        if page in COUNCIL_PAGES:
            at.switch_page(page)
            at.run()
            assert not at.exception, (page, at.exception)
        else:
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(page)


def test_a_look_at_staff_figures_is_listed_with_who_when_and_scope(login, demo_db, council) -> None:
    with transaction(make_engine(demo_db)) as conn:
        regional = get_person(conn, "regional")
        scope = staff_scope_for(conn, regional)
        open_staff_view(
            conn, scope, "view", {"from": "2026-08", "to": "2026-10", "display": "pseudonymous"}
        )
        stores = scope_for(conn, regional, "see_results").stores
        name = regional.full_name
    at = login(council, "de", page="pages/access_log.py")
    assert not at.exception, at.exception
    assert at.title[0].value == "Zugriffsprotokoll der Mitarbeiterauswertungen"
    table = at.dataframe[0].value
    first = table.iloc[0]
    assert first["person"] == name
    assert first["kind"] == "Auf einer Seite angesehen"
    assert first["scope"] == ", ".join(stores)
    assert (
        first["what"] == "2026-08..2026-10 · mit einem Pseudonym"
        or "2026-08..2026-10" in first["what"]
    )
    # The settings in force, read-only: the demo's agreement.
    agreed = plain("Betriebsvereinbarung Testkauf (Demo)")
    assert any(agreed in c.value for c in at.caption)
    assert [b.label for b in at.button] == []  # nothing to change here
    assert any(link.label == "CSV herunterladen" for link in at.get("link_button"))


def test_admins_read_the_log_too(login) -> None:
    at = login("admin", "en", page="pages/access_log.py")
    assert not at.exception, at.exception
    assert at.title[0].value == "Access log of staff figures"
