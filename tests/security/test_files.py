"""Photos and downloads reach only the logged-in person the page was shown to: a copied
link, a browser without the log-in cookie, another user or a closed session gets nothing;
uploads are bounded by the server, not only by the browser."""

import io
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from PIL import Image

from audits.accounts.people import get_person
from audits.records.db import make_engine, transaction
from audits.records.tables import attachments, visits
from audits.visits.drafts import get_visit
from tests.browser import log_in, serve, settle
from tests.conftest import sqlite_copy

pytestmark = [pytest.mark.e2e, pytest.mark.security]


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "orange").save(out, format="JPEG")
    return out.getvalue()


PHOTO = _jpeg()


@pytest.fixture(scope="module")
def chain(tmp_path_factory, demo_sqlite) -> Iterator[tuple[str, str]]:
    """(base URL, visit id): the demo chain with a photo on a visit the store manager sees."""
    tmp = tmp_path_factory.mktemp("files")
    url = sqlite_copy(demo_sqlite, tmp)
    engine = make_engine(url)
    with transaction(engine) as conn:
        manager = get_person(conn, "store")
        approved = conn.execute(
            sa.select(visits.c.id).where(visits.c.status == "approved").order_by(visits.c.id)
        ).scalars()
        visit_id = next(v for v in approved if get_visit(conn, manager, v) is not None)
        conn.execute(
            sa.insert(attachments).values(
                visit_id=visit_id,
                filename="regal.jpg",
                mime="image/jpeg",
                bytes=PHOTO,
                width=64,
                height=48,
                sha256="0" * 64,
            )
        )
    engine.dispose()
    with serve(url, tmp) as base:
        yield base, visit_id


def _log_out(context, base: str) -> None:
    response = context.request.post(f"{base}/auth/logout", headers={"Origin": base})
    assert response.ok


def test_a_photo_reaches_only_its_reader_while_logged_in(chain, browser) -> None:
    base, visit_id = chain
    context, page = log_in(browser, base, "store")
    page.locator("[data-testid=stMain] h1").first.wait_for()
    page.goto(f"{base}/store_results?visit={visit_id}")
    image = page.locator("[data-testid=stMain] [data-testid=stImage] img").first
    image.wait_for()
    settle(page)
    source = image.get_attribute("src")
    assert image.evaluate("img => img.naturalWidth") == 64  # the browser shows it

    mine = context.request.get(source)
    assert mine.status == 200 and mine.body() == PHOTO

    stranger = browser.new_context()
    assert stranger.request.get(source).status == 404  # the link alone opens nothing
    stranger.close()
    other, _ = log_in(browser, base, "shopper")
    other.pages[0].locator("[data-testid=stMain] h1").first.wait_for()
    assert other.request.get(source).status == 404  # nor for another logged-in user
    other.close()
    assert mine.headers["cache-control"] == "private, no-store"  # kept in no shared cache

    _log_out(context, base)
    assert context.request.get(source).status == 404  # nor after the log-out
    context.close()


def test_the_excel_report_reaches_only_the_manager_who_made_it(chain, browser, tmp_path) -> None:
    base, _ = chain
    context, page = log_in(browser, base, "regional")
    page.locator("[data-testid=stMain] h1").first.wait_for()
    page.goto(f"{base}/report")
    # The demo regional manager works in German (their stored language wins).
    page.get_by_role("heading", name="Excel-Schwachstellenbericht").wait_for()
    settle(page)
    page.get_by_role("button", name="Bericht erstellen").click()
    link = page.get_by_role("link", name="herunterladen")
    link.wait_for(timeout=60_000)
    address = link.get_attribute("href")

    response = context.request.get(address)
    assert response.status == 200
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;") and ".xlsx" in disposition
    saved = tmp_path / "report.xlsx"
    saved.write_bytes(response.body())
    assert load_workbook(saved, read_only=True).sheetnames[0] == "Übersicht"

    stranger = browser.new_context()
    assert stranger.request.get(address).status == 404
    stranger.close()
    _log_out(context, base)
    assert context.request.get(address).status == 404
    context.close()


def test_the_server_refuses_an_upload_over_the_limit(chain, browser, tmp_path) -> None:
    # The browser checks the size before sending; an attacker sends the PUT itself, with the
    # session and XSRF token of a real upload.
    base, _ = chain
    context, page = log_in(browser, base, "admin")
    page.locator("[data-testid=stMain] h1").first.wait_for()
    page.goto(f"{base}/admin_stores")
    page.locator("[data-testid=stFileUploader]").first.wait_for()
    settle(page)
    small = tmp_path / "stores.csv"
    small.write_text("store_id,name,region,city\nS1,Eins,Nord,Kiel\n")
    with page.expect_request(
        lambda r: "/_stcore/upload_file/" in r.url and r.method == "PUT"
    ) as sent:
        page.locator("[data-testid=stFileUploader] input[type=file]").first.set_input_files(small)
    upload = sent.value
    headers = {k: v for k, v in upload.headers.items() if k.lower().startswith("x-")}
    big = {"file": {"name": "big.csv", "mimeType": "text/csv", "buffer": b"x" * (25 << 20)}}
    response = context.request.put(upload.url, headers=headers, multipart=big)
    assert response.status == 413
    fitting = {"file": {"name": "ok.csv", "mimeType": "text/csv", "buffer": b"x" * (1 << 20)}}
    assert context.request.put(upload.url, headers=headers, multipart=fitting).ok
    context.close()
