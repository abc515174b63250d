"""The shopper's whole journey in a real browser at phone size.

Log in as the demo shopper, start an assignment, fill in every shown item (a photo
included), reload halfway and find everything still there, submit with a double click,
and end with exactly one submitted, scored visit.
"""

import io

import pytest
import sqlalchemy as sa
from PIL import Image
from playwright.sync_api import expect

from audits.records.db import make_engine
from audits.records.tables import assignments, people, visit_scores, visits
from standards import load_standard, visible_items
from tests.browser import OUTPUT, ROOT, settle

pytestmark = pytest.mark.e2e

STANDARD = load_standard(ROOT / "standards" / "library" / "retail-store-visit.yaml")
CHOICES = {"greeting_manner": "warm", "payment_method": "card", "scenario_return": "yes"}
NUMBERS = {"return_duration": "5"}
DURATIONS = {"wait_until_first_contact": "0:45"}
TEXT = "Freundlich und zügig; nichts zu beanstanden."


def planned() -> dict[str, str]:
    """What the test answers: a passing answer for every item, choices as above."""
    values = {}
    for item in STANDARD.items():
        if item.type == "yes_no":
            values[item.id] = "yes"
        elif item.type == "scale":
            values[item.id] = str(item.max)
        elif item.type == "choice":
            values[item.id] = CHOICES[item.id]
        elif item.type == "number":
            values[item.id] = NUMBERS[item.id]
        elif item.type == "duration":
            values[item.id] = DURATIONS[item.id]
        elif item.type == "multi_choice":
            values[item.id] = next(option.id for option in item.options if option.exclusive)
        elif item.type == "text":
            values[item.id] = TEXT
        else:
            values[item.id] = "photo"
    return values


PLANNED = planned()
SHOWN = visible_items(STANDARD, PLANNED)
# The journey covers Language 2 on a phone: a multi-select, a duration, and an item shown by
# a combined condition (a refund to the way you paid needs a return and a payment).
assert {"store_defects", "wait_until_first_contact", "refund_original_method"} <= SHOWN


def shot(page, name: str) -> None:
    page.screenshot(path=str(OUTPUT / f"{name}.png"), full_page=True)


def photo_file(tmp_path) -> str:
    """A JPEG carrying a GPS position in its EXIF, as a phone camera would write it."""
    image = Image.new("RGB", (3000, 2000), (200, 120, 40))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (53.0, 8.0, 0.0)}  # GPSInfo
    path = tmp_path / "preisschild.jpg"
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    path.write_bytes(buffer.getvalue())
    return str(path)


def answer(page, item, photo: str) -> None:
    box = page.locator(f".st-key-item-{item.id}")
    box.scroll_into_view_if_needed()
    value = PLANNED[item.id]
    if item.type in ("yes_no", "scale"):
        label = {"yes": "Ja", "no": "Nein"}.get(value, value)
        box.get_by_role("radio", name=label, exact=True).click()
    elif item.type == "choice":
        option = next(o for o in item.options if o.id == value)
        box.get_by_text(option.text["de"], exact=True).click()
    elif item.type in ("number", "duration"):
        field = box.locator("input").first
        field.fill(value)
        field.press("Enter")
    elif item.type == "multi_choice":
        option = next(o for o in item.options if o.id == value)
        box.get_by_role("button", name=option.text["de"], exact=True).click()
    elif item.type == "text":
        field = box.locator("textarea").first
        field.fill(value)
        field.press("Tab")
    elif item.type == "photo":
        box.locator("input[type=file]").set_input_files(photo)
        box.locator("[data-testid='stImage']").first.wait_for()  # uploaded, saved, shown
    settle(page)


def open_next(page, section=None) -> None:
    page.get_by_role("button", name="Weiter").click()
    settle(page)
    if section is not None:
        # The new section opens at its top, even though "Next" sat at the end of the last one.
        expect(page.get_by_role("heading", name=section.title["de"])).to_be_in_viewport()


def fill_section(page, section, photo: str) -> None:
    for item in section.items:
        if item.id in SHOWN:
            answer(page, item, photo)


def progress(page) -> str:
    return page.get_by_text("Fragen beantwortet").first.inner_text()


def test_shopper_fills_reloads_and_submits_once(app_server, phone, tmp_path) -> None:
    base, db_url = app_server
    page = phone
    photo = photo_file(tmp_path)

    page.goto(base)
    page.fill("input[name=username]", "shopper")
    page.fill("input[name=password]", "mystery-demo")
    shot(page, "01-login")
    page.click("button[type=submit]")
    page.get_by_text("Offene Aufträge (3)").wait_for()
    shot(page, "02-assignments")

    page.get_by_role("button", name="Besuch beginnen").first.click()
    details = page.locator(".st-key-details")
    details.wait_for()
    settle(page)
    end = details.locator("[data-testid='stTimeInput']").nth(1)
    end.get_by_role("spinbutton").first.click()
    page.keyboard.type("2359")
    page.keyboard.press("Enter")
    settle(page)
    # Nobody is pre-chosen as the staff member; the shopper describes the contact instead.
    details.locator("[data-testid=stSelectbox]").click()
    page.get_by_role("option", name="Nicht in der Liste – in Worten beschreiben").click()
    settle(page)
    describe = details.get_by_label("Beschreibung (Bereich, Uhrzeit)")
    describe.fill("Kasse 2, ca. 14:10")
    describe.press("Tab")
    settle(page)
    shot(page, "03-details")

    sections = list(STANDARD.sections)
    for number, section in enumerate(sections[:6]):
        open_next(page, section)
        fill_section(page, section, photo)
        if number == 0:
            shot(page, "04-first-section")
    shot(page, "05-photo-section")
    before = progress(page)
    assert before.startswith(str(sum(1 for s in sections[:6] for i in s.items if i.id in SHOWN)))

    page.reload()
    page.get_by_text("Fragen beantwortet").first.wait_for()
    settle(page)
    assert progress(page) == before
    photo_box = page.locator(".st-key-item-price_tag_photo")
    assert photo_box.locator("[data-testid='stImage']").count() == 1
    active = page.locator(
        "[data-testid='stMain'] [data-testid='stButtonGroup'] [data-selected=true]"
    )
    store_ticks = [
        i for i in sections[5].items if i.type in ("yes_no", "multi_choice") and i.id in SHOWN
    ]
    assert active.count() == len(store_ticks)
    shot(page, "06-after-reload")

    for section in sections[6:]:
        open_next(page, section)
        fill_section(page, section, photo)
    open_next(page)
    shot(page, "07-ready-to-submit")
    page.get_by_role("button", name="Besuch einreichen").dblclick()
    settle(page)
    page.get_by_text("Eingereicht am").wait_for()
    shot(page, "08-submitted")

    page.goto(base)
    page.get_by_text("Eingereichte Besuche (1)").wait_for()
    shot(page, "09-home-after-submit")

    engine = make_engine(db_url)
    with engine.connect() as conn:
        shopper_id = conn.execute(
            sa.select(people.c.id).where(people.c.username == "shopper")
        ).scalar_one()
        rows = conn.execute(
            sa.select(visits.c.id, visits.c.status, visit_scores.c.score)
            .outerjoin(visit_scores, visit_scores.c.visit_id == visits.c.id)
            .where(visits.c.shopper_id == shopper_id, visits.c.assignment_id.is_not(None))
        ).all()
        done = conn.execute(
            sa.select(sa.func.count()).where(
                assignments.c.shopper_id == shopper_id, assignments.c.status == "done"
            )
        ).scalar_one()
    engine.dispose()
    assert [(status, score) for _, status, score in rows] == [("submitted", 100.0)]
    assert done == 1
