"""Admin pages: accounts with roles and scopes, assignments for a store or a whole region."""

import sqlalchemy as sa

from audits.accounts.people import get_person
from audits.records.db import make_engine
from audits.records.tables import assignments, standard_versions, stores

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
    # Checked like a users file's row: every problem at once, the taken name first.
    (error,) = [e.value for e in at.error]
    assert error.startswith("The username shopper is taken.")


def test_region_assignments_share_the_stores_among_the_shoppers(login, demo_db) -> None:
    at = login("admin", lang="en", page="pages/admin_assignments.py")
    with make_engine(demo_db).connect() as conn:
        region_stores = conn.execute(
            sa.select(sa.func.count()).where(stores.c.region_id == "ost", stores.c.active)
        ).scalar_one()
        before = conn.execute(sa.select(sa.func.count()).select_from(assignments)).scalar_one()
    with make_engine(demo_db).connect() as conn:
        chosen = [get_person(conn, name).id for name in ("s.becker", "m.schulz")]
        version = conn.execute(
            sa.select(sa.func.max(standard_versions.c.id)).where(
                standard_versions.c.standard_id == "phone-mystery-call"
            )
        ).scalar_one()
    at.session_state["bulk-region"] = "ost"
    at.session_state["bulk-std"] = version
    at.session_state["bulk-shoppers"] = chosen
    widget(at.button, "Create assignments for every store of the region").click().run()
    assert [s.value for s in at.success] == [f"Assignments created: {region_stores}"]
    with make_engine(demo_db).connect() as conn:
        made = conn.execute(
            sa.select(assignments.c.shopper_id, sa.func.count())
            .where(assignments.c.id > before)
            .group_by(assignments.c.shopper_id)
        ).all()
    counts = sorted(count for _, count in made)
    assert len(made) == 2 and counts[1] - counts[0] <= 1 and sum(counts) == region_stores

    # The same again overlaps: refused, naming the stores, and nothing more is made.
    widget(at.button, "Create assignments for every store of the region").click().run()
    assert len(at.error) == 1 and at.error[0].value.startswith("These stores already have")
    with make_engine(demo_db).connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(assignments)).scalar_one()
    assert total == before + region_stores


def test_an_unstarted_assignment_can_be_cancelled(login, demo_db) -> None:
    at = login("admin", lang="en", page="pages/admin_assignments.py")
    table = at.dataframe[0].value
    assert set(table["visit_status"]) == {"–"}  # nobody has started any of them
    cancel = widget(at.selectbox, "Cancel an assignment nobody started")
    assert len(cancel.options) == len(table)
    first = int(table["id"].iloc[0])
    cancel.select(first)
    widget(at.button, "Cancel").click().run()
    assert [s.value for s in at.success] == ["Cancelled."]
    with make_engine(demo_db).connect() as conn:
        status = conn.execute(
            sa.select(assignments.c.status).where(assignments.c.id == first)
        ).scalar_one()
    assert status == "cancelled"
