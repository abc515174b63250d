"""Admin pages: accounts with roles and scopes, assignments for a store or a whole region."""

import sqlalchemy as sa

from audits.db import make_engine
from audits.repo_people import get_person
from audits.tables import assignments, stores

# AppTest (1.67) loses the choice of a multiselect with formatted text options inside a form,
# so choosing roles is tested in the browser (tests/e2e/test_admin.py); the assignment form's
# choices are made through the widgets' keys.


def widget(elements, label):
    return next(element for element in elements if element.label == label)


def test_a_taken_username_is_refused(login) -> None:
    at = login("admin", lang="en", page="pages/admin_users.py")
    widget(at.text_input, "Username").input("Shopper")
    widget(at.text_input, "Name").input("Someone")
    widget(at.button, "Create").click().run()
    assert [e.value for e in at.error] == ["The username shopper is taken."]


def test_region_assignments_share_the_stores_among_the_shoppers(login, demo_db) -> None:
    at = login("admin", lang="en", page="pages/admin_assignments.py")
    with make_engine(demo_db).connect() as conn:
        region_stores = conn.execute(
            sa.select(sa.func.count()).where(stores.c.region_id == "ost", stores.c.active)
        ).scalar_one()
        before = conn.execute(sa.select(sa.func.count()).select_from(assignments)).scalar_one()
    with make_engine(demo_db).connect() as conn:
        chosen = [get_person(conn, name).id for name in ("s.becker", "m.schulz")]
    at.session_state["bulk-region"] = "ost"
    at.session_state["bulk-shoppers"] = chosen
    widget(at.button, "Create assignments for every store of the region").click().run()
    assert [s.value for s in at.success] == [f"{region_stores} assignments created."]
    with make_engine(demo_db).connect() as conn:
        made = conn.execute(
            sa.select(assignments.c.shopper_id, sa.func.count())
            .where(assignments.c.id > before)
            .group_by(assignments.c.shopper_id)
        ).all()
    counts = sorted(count for _, count in made)
    assert len(made) == 2 and counts[1] - counts[0] <= 1 and sum(counts) == region_stores
