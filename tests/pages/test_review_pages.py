"""Review, visit reports, actions, audit trail and notices, page by page and role by role."""

import json

import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from audits.accounts.people import get_person
from audits.records.db import make_engine, transaction
from audits.records.settings import dispute_days
from audits.records.tables import answers, visits
from audits.visits.disputes import open_dispute
from audits.visits.trail import audit_frame
from tests.pages.conftest import ROOT
from tests.pages.filled import submit_demo_visit


def status_of(demo_db: str, visit_id: str) -> str:
    with make_engine(demo_db).connect() as conn:
        return conn.execute(sa.select(visits.c.status).where(visits.c.id == visit_id)).scalar()


def choose(at: AppTest, visit_id: str) -> AppTest:
    # A formatted choice is set through its key: AppTest formats options outside the run.
    at.session_state["review-visit"] = visit_id
    return at.run()


def decide(at: AppTest, visit_id: str, decision: str) -> AppTest:
    at.session_state[f"review-decision:{visit_id}"] = decision
    return at.run()


def test_no_visit_is_chosen_until_the_reviewer_picks_one(login, demo_db) -> None:
    with transaction(make_engine(demo_db)) as conn:
        visit_id = submit_demo_visit(conn)
    at = login("reviewer", lang="en", page="pages/review.py")
    assert at.session_state["review-visit"] is None
    assert not [b for b in at.button if b.label.startswith("Approve")]
    choose(at, visit_id)
    # Choosing shows the visit, not yet a button that publishes it.
    assert not [b for b in at.button if b.label.startswith("Approve")]
    shown = " ".join(m.value for m in at.markdown)
    for fact in ("Visit date", "Start–end", "Served by", "Kasse 1"):
        assert fact in shown
    # (An answer may read "None" when the standard offers that option; the facts may not.)
    facts = [m.value for m in at.markdown if m.value.startswith("**") and "  \n" in m.value]
    assert len(facts) == 5 and not any("None" in fact for fact in facts)


def test_the_reviewer_approves_a_submitted_visit_and_the_store_sees_it(login, demo_db) -> None:
    with transaction(make_engine(demo_db)) as conn:
        visit_id = submit_demo_visit(conn)
    at = login("reviewer", lang="en", page="pages/review.py")
    assert [t.value for t in at.title] == ["Review"]
    queue = at.dataframe[0].value
    assert len(queue) == len(at.selectbox(key="review-visit").options)  # the demo's and ours
    decide(choose(at, visit_id), visit_id, "approve")
    approve = next(b for b in at.button if b.label.startswith("Approve: Oldenburg"))
    approve.click().run()
    assert status_of(demo_db, visit_id) == "approved"
    [message] = [s.value for s in at.success]
    assert message.startswith("Approved: Oldenburg")
    # The decided visit left the queue; no other one took its place unseen.
    assert at.session_state["review-visit"] is None

    store = login("store", lang="en", page="pages/store_results.py")
    assert [t.value for t in store.title] == ["Visit reports"]
    labels = store.selectbox[0].options
    assert labels and all("Oldenburg" in label for label in labels)  # S07 only
    notices = login("store", lang="en", page="pages/notices.py")
    assert any("New result for Oldenburg" in m.value for m in notices.markdown)


def test_a_return_needs_a_reason_and_reaches_the_shopper(login, demo_db) -> None:
    with transaction(make_engine(demo_db)) as conn:
        visit_id = submit_demo_visit(conn, "S08")
    at = login("reviewer", lang="en", page="pages/review.py")
    decide(choose(at, visit_id), visit_id, "return")
    next(b for b in at.button if b.label == "Return").click().run()
    assert [e.value for e in at.error] == ["Please give a reason."]
    assert status_of(demo_db, visit_id) == "submitted"
    next(t for t in at.text_area if t.label.startswith("Reason for returning")).input(
        "Bitte das Preisschild-Foto schärfer aufnehmen."
    )
    next(b for b in at.button if b.label == "Return").click().run()
    assert status_of(demo_db, visit_id) == "returned"
    home = login("shopper", lang="en")
    assert any("Preisschild" in e.value for e in home.error)


def test_a_dispute_card_shows_what_the_decision_rests_on(login, demo_db) -> None:
    engine = make_engine(demo_db)
    with transaction(engine) as conn:
        published, item_id, comment = conn.execute(
            sa.select(visits.c.id, answers.c.item_id, answers.c.comment)
            .join(answers, answers.c.visit_id == visits.c.id)
            .where(
                visits.c.status == "approved",
                visits.c.store_id == "S07",
                answers.c.value == "no",
                answers.c.comment.is_not(None),
            )
            .limit(1)
        ).one()
        conn.execute(
            sa.update(visits)
            .where(visits.c.id == published)
            .values(approved_at=sa.func.current_timestamp())
        )
        open_dispute(
            conn,
            get_person(conn, "store"),
            published,
            item_id,
            "Die Kamera zeigt eine Begrüßung.",
        )
    at = login("reviewer", lang="en", page="pages/review.py")
    texts = [t.value for t in at.text]
    assert "Die Kamera zeigt eine Begrüßung." in texts
    assert comment in texts  # the shopper's comment
    assert any(text.startswith("No (failed") for text in texts)  # the stored answer
    shown = " ".join(m.value for m in at.markdown)
    assert item_id not in shown  # the question by its text, not its id
    # The new answer is the item's own widget: a yes/no choice, starting at the stored "no".
    [choice] = [r for r in at.radio if r.key.startswith("decide-")]
    assert choice.options == ["Yes", "No"] or choice.options[:2] == ["Yes", "No"]
    choice.set_value("yes")
    next(t for t in at.text_area if t.label.startswith("Reason for the decision")).input(
        "Video bestätigt die Begrüßung."
    )
    next(b for b in at.button if b.label == "Uphold").click().run()
    with engine.connect() as conn:
        after = conn.execute(
            sa.select(answers.c.value).where(
                answers.c.visit_id == published, answers.c.item_id == item_id
            )
        ).scalar_one()
    assert after == "yes"
    assert any(s.value.startswith("Decided:") for s in at.success)


def test_the_audit_trail_and_actions_pages_are_for_their_roles(login) -> None:
    admin = login("admin", lang="en", page="pages/audit.py")
    assert [t.value for t in admin.title] == ["Audit trail"]
    shopper = login("shopper", lang="en")
    for page in ("pages/audit.py", "pages/review.py", "pages/actions.py"):
        direct = AppTest.from_file(str(ROOT / page), default_timeout=30)
        direct.session_state["person"] = shopper.session_state["person"]
        direct.run()
        assert [e.value for e in direct.error] == [
            "Your role does not give access to this page."
        ] or [e.value for e in direct.error] == [
            "Diese Seite ist für Ihre Rolle nicht freigegeben."
        ]


def test_an_admin_sets_the_dispute_period_and_the_change_is_recorded(login, demo_db) -> None:
    at = login("admin", lang="en", page="pages/admin_settings.py")
    at.number_input[0].set_value(10)
    at.button[0].click().run()
    assert "Saved." in [s.value for s in at.success]
    with make_engine(demo_db).connect() as conn:
        assert dispute_days(conn) == 10
        row = audit_frame(conn).iloc[0]
    assert (row["username"], row["entity"], row["action"]) == ("admin", "settings", "change")
    assert json.loads(row["after"])["dispute_days"] == 10
