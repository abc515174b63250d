"""The admin page for data-subject requests: an export offered as a file, an erasure only
after the box is ticked."""

import sqlalchemy as sa

from audits.records.db import make_engine
from audits.records.tables import people
from pages.ui import plain


def test_the_admin_page_exports_and_erases_after_confirmation(login, demo_db) -> None:
    at = login("admin", lang="en", page="pages/admin_privacy.py")
    at.radio[0].set_value("user").run()
    at.text_input(key="privacy-subject").input("s.becker").run()
    assert not at.exception, at.exception
    next(b for b in at.button if b.label == "Prepare the file").click().run()
    assert at.caption[-1].value.startswith("The file holds the record and ")
    assert [b.label for b in at.get("link_button")] == ["Download (JSON)"]
    erase = next(b for b in at.button if b.label == "Erase")
    assert erase.disabled  # not before the box is ticked
    at.checkbox(key="privacy-sure").check().run()
    next(b for b in at.button if b.label == "Erase").click().run()
    assert [s.value for s in at.success][-1].startswith(plain("s.becker") + " is erased")
    with make_engine(demo_db).connect() as conn:
        assert not conn.execute(sa.select(people).where(people.c.username == "s.becker")).first()
