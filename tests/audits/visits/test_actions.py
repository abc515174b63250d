"""Corrective actions: created in scope, moved through their statuses, overdue, recurred."""

import datetime as dt

import pytest

from audits.accounts.access import NotAllowed
from audits.accounts.people import add_person, get_person
from audits.visits.actions import ActionRefused, actions_frame, create_action, set_action_status
from audits.visits.drafts import save_answer, save_details
from audits.visits.review import approve_visit
from audits.visits.submit import submit_visit
from audits.visits.trail import audit_frame
from scoring.submit_checks import Details
from tests.audits.drafts import complete, start_draft

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def published(submitted):
    conn, anna, rita, sven, visit_id = submitted
    approve_visit(conn, rita, visit_id)
    return conn, anna, rita, sven, visit_id


def new_action(conn, person, visit_id, due=dt.date(2026, 12, 4)) -> int:
    return create_action(
        conn,
        person,
        store_id="S1",
        standard_id="form",
        item_id="greeted",
        owner="Filialleitung",
        due_date=due,
        visit_id=visit_id,
        note="Begrüßung üben",
    )


def test_a_failed_item_becomes_an_action_with_owner_and_due_date(published) -> None:
    conn, _anna, _rita, sven, visit_id = published
    action = new_action(conn, sven, visit_id)
    row = actions_frame(conn, sven, TODAY).iloc[0]
    assert (row["id"], row["source"], row["status"], row["owner"]) == (
        action,
        "visit",
        "open",
        "Filialleitung",
    )
    # Lists name the store and the question, not their ids.
    assert (row["store_name"], row["question"]) == ("Hamburg Mitte", "Greeted?")
    assert not row["overdue"] and not row["recurred"]
    assert audit_frame(conn, visit_id=visit_id).iloc[0]["action"] == "create"


def test_an_action_past_its_due_date_stands_out_until_it_is_done(published) -> None:
    conn, _anna, _rita, sven, visit_id = published
    action = new_action(conn, sven, visit_id, due=dt.date(2026, 11, 20))
    assert actions_frame(conn, sven, TODAY).iloc[0]["overdue"]
    set_action_status(conn, sven, action, "done")
    assert not actions_frame(conn, sven, TODAY).iloc[0]["overdue"]


def test_statuses_move_in_order_and_only_managers_above_verify(published) -> None:
    conn, _anna, _rita, sven, visit_id = published
    action = new_action(conn, sven, visit_id)
    with pytest.raises(ActionRefused, match="cannot become verified"):
        set_action_status(conn, sven, action, "verified")
    set_action_status(conn, sven, action, "in_progress")
    set_action_status(conn, sven, action, "done")
    with pytest.raises(ActionRefused) as refused:
        set_action_status(conn, sven, action, "verified")
    assert refused.value.code == "not_verifier"
    set_action_status(conn, get_person(conn, "ben"), action, "verified")
    assert actions_frame(conn, sven, TODAY).iloc[0]["status"] == "verified"
    statuses = audit_frame(conn, visit_id=visit_id)["action"].tolist()
    assert statuses[:4] == ["status", "status", "status", "create"]


def test_a_regional_manager_learns_why_they_cannot_verify_outside_their_regions(
    published,
) -> None:
    """Rolf manages S1 as its store manager and verifies for the south only: the refusal
    says the store is outside his regions, not that his role cannot verify."""
    conn, _anna, _rita, sven, visit_id = published
    rolf = add_person(
        conn, "rolf", "Rolf", ["regional_manager", "store_manager"], regions=["sued"], stores=["S1"]
    )
    action = new_action(conn, sven, visit_id)
    set_action_status(conn, rolf, action, "done")  # his own store: he manages it
    with pytest.raises(ActionRefused) as refused:
        set_action_status(conn, rolf, action, "verified")
    assert refused.value.code == "verify_outside"
    assert actions_frame(conn, sven, TODAY).iloc[0]["status"] == "done"


def test_no_action_outside_ones_scope_or_from_an_unpublished_visit(submitted) -> None:
    conn, anna, _rita, _sven, visit_id = submitted
    olga = add_person(conn, "olga", "Olga", ["store_manager"], stores=["S2"])
    with pytest.raises(NotAllowed):
        new_action(conn, olga, visit_id)
    with pytest.raises(NotAllowed):
        new_action(conn, anna, visit_id)  # a shopper
    ben = get_person(conn, "ben")
    with pytest.raises(ActionRefused, match="published"):
        new_action(conn, ben, visit_id)  # still only submitted


def test_a_closed_action_whose_item_fails_again_is_marked_recurred(published) -> None:
    conn, anna, rita, sven, visit_id = published
    action = new_action(conn, sven, visit_id)
    set_action_status(conn, sven, action, "done")
    assert not actions_frame(conn, sven, TODAY).iloc[0]["recurred"]
    # The next visit, after the action was closed, fails the greeting again.
    _, again = start_draft(conn, window=(dt.date(2030, 1, 2), dt.date(2030, 1, 9)))
    complete(conn, anna, again)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    save_details(conn, anna, again, Details(later, later + dt.timedelta(minutes=15), None, "K"))
    save_answer(conn, anna, again, "greeted", value="no", comment="wieder nicht")
    assert submit_visit(conn, anna, again).status == "submitted"
    approve_visit(conn, rita, again)
    assert actions_frame(conn, sven, TODAY).iloc[0]["recurred"]


def test_reviewers_and_trainers_read_actions_but_do_not_write_them(published) -> None:
    conn, _anna, rita, sven, visit_id = published
    action = new_action(conn, sven, visit_id)
    trainer = add_person(conn, "tina", "Tina", ["trainer"])
    for reader in (rita, trainer):
        assert list(actions_frame(conn, reader, TODAY)["id"]) == [action]
        with pytest.raises(NotAllowed):
            set_action_status(conn, reader, action, "done")
        with pytest.raises(NotAllowed):
            new_action(conn, reader, visit_id)


def test_a_store_manager_who_also_trains_acts_only_on_their_own_stores(published) -> None:
    """Training grants reading every store, not managing them: the scope for writing an
    action comes from the roles that may write one."""
    conn, _anna, _rita, sven, visit_id = published
    own = new_action(conn, sven, visit_id)
    mixed = add_person(conn, "mia", "Mia", ["store_manager", "trainer"], stores=["S2"])
    assert list(actions_frame(conn, mixed, TODAY)["id"]) == [own]  # reading: every store
    with pytest.raises(NotAllowed):
        new_action(conn, mixed, visit_id)  # an action on S1, not her store
    with pytest.raises(NotAllowed):
        set_action_status(conn, mixed, own, "done")
