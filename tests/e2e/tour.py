"""Every page of every demo role, for the tests that look at all of them (accessibility, the
German words): an app server of their own, whose demo chain also has a shopper's started visit
with a photo and a published visit with a photo, and a walk through a role's pages."""

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from PIL import Image

from audits.accounts.people import get_person
from audits.importers.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from audits.records.db import make_engine, transaction
from audits.records.tables import attachments, person_regions, standard_versions, stores, visits
from audits.visits.assignments import shopper_work
from audits.visits.drafts import open_visit
from audits.visits.photo_files import prepare_photo
from audits.visits.photos import add_photo
from tests.browser import serve, settle

ROLES = tuple(username for _role, username in DEMO_ACCOUNTS)
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
LOCALES = {"de": "de-DE", "en": "en-GB"}
PHOTO_ITEM = "price_tag_photo"  # a photo item of the retail store visit


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 120, 40)).save(buffer, format="JPEG")
    return buffer.getvalue()


def _prepare(url: str) -> dict[str, str]:
    """The shopper starts a store visit and adds a photo; a published store visit in the
    regional manager's region gets a photo too. Returns the two visits' ids."""
    engine = make_engine(url)
    with transaction(engine) as conn:
        shopper = get_person(conn, "shopper")
        regional = get_person(conn, "regional")
        assert shopper is not None and regional is not None
        retail = set(
            conn.execute(
                sa.select(standard_versions.c.id).where(
                    standard_versions.c.standard_id == "retail-store-visit"
                )
            ).scalars()
        )
        todo = next(
            row
            for row in shopper_work(conn, shopper)
            if row.stage == "todo" and row.standard_version_id in retail
        )
        draft = open_visit(conn, shopper, todo.assignment_id)
        add_photo(conn, shopper, draft, PHOTO_ITEM, prepare_photo(_jpeg()), "preisschild.jpg")
        region = sa.select(person_regions.c.region_id).where(
            person_regions.c.person_id == regional.id
        )
        published = conn.execute(
            sa.select(visits.c.id)
            .join(stores, stores.c.store_id == visits.c.store_id)
            .where(
                visits.c.status == "approved",
                visits.c.standard_version_id.in_(retail),
                stores.c.region_id.in_(region),
            )
            .order_by(visits.c.approved_at.desc())
            .limit(1)
        ).scalar_one()
        photo = prepare_photo(_jpeg())
        conn.execute(
            sa.insert(attachments).values(
                visit_id=published,
                item_id=PHOTO_ITEM,
                filename="regal.jpg",
                mime=photo.mime,
                bytes=photo.data,
                width=photo.width,
                height=photo.height,
                sha256=photo.sha256,
            )
        )
    engine.dispose()
    return {"draft": draft, "published": published}


@pytest.fixture(scope="session")
def tour_server(
    tmp_path_factory: pytest.TempPathFactory, demo_sqlite: Path
) -> Iterator[tuple[str, dict[str, str]]]:
    """(base URL, the prepared visits) of an app server on a demo chain of its own: the
    started visit must not change what the other browser tests find."""
    from tests.conftest import sqlite_copy

    url = sqlite_copy(demo_sqlite, tmp_path_factory.mktemp("tour"))
    prepared = _prepare(url)
    with serve(url, tmp_path_factory.getbasetemp()) as base:
        yield base, prepared


def open_context(browser, size: str, lang: str):
    context = browser.new_context(
        viewport=SIZES[size], locale=LOCALES[lang], timezone_id="Europe/Berlin"
    )
    context.set_default_timeout(20_000)
    return context


def log_in(page, base: str, username: str, lang: str) -> None:
    page.goto(f"{base}/?lang={lang}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.locator("[data-testid=stSidebarNav]").wait_for(state="attached")
    settle(page)


def paths(page, username: str, prepared: dict[str, str]) -> list[str]:
    """The role's pages: its navigation, and the hidden ones a link leads to (the shopper's
    visit form; a published visit's report for those who see results)."""
    found = page.eval_on_selector_all(
        "[data-testid=stSidebarNav] a", "links => links.map(a => new URL(a.href).pathname)"
    )
    if username == "shopper":
        found.append(f"/visit?visit={prepared['draft']}")
    if "/store_results" in found and username == "regional":
        found.append(f"/store_results?visit={prepared['published']}")
    return found


def visit(page, base: str, path: str, lang: str) -> None:
    """Open the page in `lang` and wait until its script has finished."""
    joiner = "&" if "?" in path else "?"
    page.goto(f"{base}{path}{joiner}lang={lang}")
    page.locator("[data-testid=stMain]").wait_for()
    settle(page)
