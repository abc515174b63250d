"""A reviewer's choice belongs to one visit (its own module: it takes two of the demo
shopper's three open assignments, which the other review page tests need)."""

from audits.records.db import make_engine, transaction
from tests.pages.filled import submit_demo_visit
from tests.pages.test_review_pages import choose, decide


def test_a_decision_chosen_for_one_visit_does_not_wait_on_the_next(login, demo_db) -> None:
    with transaction(make_engine(demo_db)) as conn:
        first, second = submit_demo_visit(conn), submit_demo_visit(conn, "S08")
    at = login("reviewer", lang="en", page="pages/review.py")
    decide(choose(at, first), first, "approve")
    assert [b for b in at.button if b.label.startswith("Approve: ")]
    choose(at, second)
    assert not [b for b in at.button if b.label.startswith("Approve")]
