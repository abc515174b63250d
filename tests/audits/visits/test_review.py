"""Review and disputes: each allowed change, each forbidden one, each with its audit row."""

import datetime as dt
import json

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.access import NotAllowed
from audits.accounts.people import add_person, get_person
from audits.records.settings import set_dispute_days
from audits.records.tables import answers, disputes, visit_scores, visits
from audits.visits import disputes as repo_disputes
from audits.visits.disputes import (
    decide_dispute,
    dispute_attachment,
    dispute_counts,
    list_disputes,
    open_dispute,
)
from audits.visits.drafts import VisitLocked, get_visit, save_answer
from audits.visits.notices import mark_read, unread_notices
from audits.visits.queue import review_queue
from audits.visits.review import (
    ReviewRefused,
    approve_visit,
    correct_answer,
    return_visit,
)
from audits.visits.submit import submit_visit
from audits.visits.trail import audit_frame


def score(conn: Connection, visit_id: str) -> float:
    query = sa.select(visit_scores.c.score).where(visit_scores.c.visit_id == visit_id)
    return conn.execute(query).scalar_one()


def trail(conn: Connection, visit_id: str) -> list[tuple[str, str, str]]:
    frame = audit_frame(conn, visit_id=visit_id)
    return list(zip(frame["username"], frame["entity"], frame["action"], strict=True))[::-1]


def test_the_queue_lists_submitted_visits_with_their_flags(submitted) -> None:
    conn, _anna, rita, _sven, visit_id = submitted
    queue = review_queue(conn, rita)
    assert [row.visit_id for row in queue] == [visit_id]
    row = queue[0]
    assert row.minutes == 20
    assert "missing_comments" not in row.flags  # the failed greeting has its comment
    assert "outside_window" not in row.flags  # visited 20 Nov, window 18-30 Nov


def test_only_a_comment_the_standard_asks_for_counts_as_missing(submitted) -> None:
    conn, _anna, rita, _sven, visit_id = submitted
    # "bought" asks for no comment: failing it without one is ordinary.
    conn.execute(
        sa.update(answers)
        .where(answers.c.visit_id == visit_id, answers.c.item_id == "bought")
        .values(value="no", reason="failed", comment=None)
    )
    assert "missing_comments" not in review_queue(conn, rita)[0].flags
    # "greeted" asks for one when failed; only an import could store it without.
    conn.execute(
        sa.update(answers)
        .where(answers.c.visit_id == visit_id, answers.c.item_id == "greeted")
        .values(comment="  ")
    )
    assert "missing_comments" in review_queue(conn, rita)[0].flags


def test_a_visit_logged_after_its_submission_is_flagged(submitted) -> None:
    conn, _anna, rita, _sven, visit_id = submitted
    assert "future" not in review_queue(conn, rita)[0].flags
    submitted_at = conn.execute(
        sa.select(visits.c.submitted_at).where(visits.c.id == visit_id)
    ).scalar_one()
    conn.execute(
        sa.update(visits)
        .where(visits.c.id == visit_id)
        .values(started_at=submitted_at + dt.timedelta(days=3))
    )
    assert "future" in review_queue(conn, rita)[0].flags


def test_a_reviewer_approves_and_the_store_manager_is_told(submitted) -> None:
    conn, anna, rita, sven, visit_id = submitted
    approve_visit(conn, rita, visit_id)
    assert get_visit(conn, rita, visit_id).status == "approved"
    assert [n.kind for n in unread_notices(conn, sven)] == ["result"]
    assert trail(conn, visit_id) == [("rita", "visit", "approve")]
    with pytest.raises(ReviewRefused, match="approved, not submitted"):
        approve_visit(conn, rita, visit_id)  # a second click changes nothing
    with pytest.raises(VisitLocked):
        save_answer(conn, anna, visit_id, "greeted", value="yes")


def test_a_store_manager_or_shopper_cannot_approve(submitted) -> None:
    conn, anna, _rita, sven, visit_id = submitted
    for person in (sven, anna):
        with pytest.raises(NotAllowed):
            approve_visit(conn, person, visit_id)
    assert get_visit(conn, anna, visit_id).status == "submitted"


def test_a_returned_visit_goes_back_to_its_shopper_with_the_reason(submitted) -> None:
    conn, anna, rita, _sven, visit_id = submitted
    with pytest.raises(ReviewRefused, match="give a reason"):
        return_visit(conn, rita, visit_id, "   ")
    return_visit(conn, rita, visit_id, "Foto unscharf")
    assert get_visit(conn, anna, visit_id).status == "returned"
    assert [n.kind for n in unread_notices(conn, anna)] == ["returned"]
    assert mark_read(conn, anna) == 1 and not unread_notices(conn, anna)
    save_answer(conn, anna, visit_id, "greeted", value="yes")
    assert submit_visit(conn, anna, visit_id).status == "submitted"
    approve_visit(conn, rita, visit_id)
    assert score(conn, visit_id) == 100.0
    assert trail(conn, visit_id) == [
        ("rita", "visit", "return"),
        ("rita", "visit", "approve"),
    ]


def test_a_correction_needs_a_reason_rescores_and_is_recorded(submitted) -> None:
    conn, _anna, rita, _sven, visit_id = submitted
    assert score(conn, visit_id) == pytest.approx(200 / 3)
    with pytest.raises(ReviewRefused):
        correct_answer(conn, rita, visit_id, "greeted", "ja", "")
    correct_answer(conn, rita, visit_id, "greeted", "ja", "Foto zeigt Begrüßung")
    assert score(conn, visit_id) == 100.0
    row = audit_frame(conn, visit_id=visit_id).iloc[0]
    assert (row["entity"], row["action"]) == ("answer", "correct")
    assert json.loads(row["before"])["value"] == "no"
    assert json.loads(row["after"])["value"] == "yes"


def test_a_published_visit_is_not_corrected_directly(submitted) -> None:
    conn, _anna, rita, _sven, visit_id = submitted
    approve_visit(conn, rita, visit_id)
    with pytest.raises(ReviewRefused, match="through a dispute"):
        correct_answer(conn, rita, visit_id, "greeted", "yes", "typo")


def test_an_upheld_dispute_changes_the_item_and_the_score(submitted) -> None:
    conn, _anna, rita, sven, visit_id = submitted
    approve_visit(conn, rita, visit_id)
    dispute = open_dispute(
        conn,
        sven,
        visit_id,
        "greeted",
        "Kamera zeigt Begrüßung",
        ("video.txt", "text/plain", b"timestamp 14:02"),
    )
    assert [n.kind for n in unread_notices(conn, rita)] == ["dispute_opened"]
    with pytest.raises(ReviewRefused, match="already has an open dispute"):
        open_dispute(conn, sven, visit_id, "greeted", "noch einmal")
    decide_dispute(conn, rita, dispute, uphold=True, decision="Belegt", new_value="ja")
    assert score(conn, visit_id) == 100.0
    shown = list_disputes(conn, sven)[0]
    assert (shown.status, shown.before_value, shown.after_value) == (
        "upheld",
        "no",
        "yes",
    )
    assert [n.kind for n in unread_notices(conn, sven)] == ["dispute_decided", "result"]
    assert [action for _, _, action in trail(conn, visit_id)] == [
        "approve",
        "open",
        "dispute_upheld",
        "uphold",
    ]
    counts = dispute_counts(conn, "store")
    assert counts.to_dict("records") == [{"store": "S1", "disputes": 1, "upheld": 1}]
    assert dispute_counts(conn, "shopper").to_dict("records") == [
        {"shopper": "anna", "disputes": 1, "upheld": 1}
    ]


def test_an_upheld_dispute_can_take_an_item_out_where_the_standard_allows_na(submitted):
    conn, _anna, rita, sven, visit_id = submitted
    approve_visit(conn, rita, visit_id)
    greeted = open_dispute(conn, sven, visit_id, "greeted", "gilt nicht")
    with pytest.raises(ReviewRefused, match="does not allow N/A"):
        decide_dispute(conn, rita, greeted, uphold=True, decision="raus", new_value="na")
    receipt = open_dispute(conn, sven, visit_id, "receipt", "Kasse war geschlossen")
    decide_dispute(conn, rita, receipt, uphold=True, decision="stimmt", new_value="n/a")
    assert score(conn, visit_id) == 50.0  # greeted failed, bought passed, receipt out


def test_a_rejected_dispute_keeps_the_score_and_needs_a_reason(submitted) -> None:
    conn, _anna, rita, sven, visit_id = submitted
    approve_visit(conn, rita, visit_id)
    dispute = open_dispute(conn, sven, visit_id, "greeted", "Wir haben gegrüßt")
    with pytest.raises(ReviewRefused, match="give a reason"):
        decide_dispute(conn, rita, dispute, uphold=False, decision="")
    decide_dispute(conn, rita, dispute, uphold=False, decision="Kommentar ist eindeutig")
    assert score(conn, visit_id) == pytest.approx(200 / 3)
    assert list_disputes(conn, sven)[0].status == "rejected"
    with pytest.raises(ReviewRefused, match="not open"):
        decide_dispute(conn, rita, dispute, uphold=True, decision="doch", new_value="yes")


def test_a_dispute_after_the_deadline_is_refused_with_the_date(submitted, monkeypatch) -> None:
    conn, _anna, rita, sven, visit_id = submitted
    set_dispute_days(conn, 3)
    approve_visit(conn, rita, visit_id)
    late = dt.datetime.now(dt.UTC) + dt.timedelta(days=3, minutes=1)
    monkeypatch.setattr(repo_disputes, "utcnow", lambda: late)
    with pytest.raises(ReviewRefused) as refused:
        open_dispute(conn, sven, visit_id, "greeted", "zu spät")
    assert refused.value.code == "too_late"
    assert "the dispute period ended on" in str(refused.value)


def test_only_the_stores_own_manager_may_dispute_and_only_a_published_visit(submitted):
    conn, anna, rita, sven, visit_id = submitted
    with pytest.raises(ReviewRefused, match="only a published visit"):
        open_dispute(conn, sven, visit_id, "greeted", "zu früh")
    approve_visit(conn, rita, visit_id)
    other = add_person(conn, "olga", "Olga", ["store_manager"], stores=["S2"])
    with pytest.raises(ReviewRefused, match="no such visit of your stores"):
        open_dispute(conn, other, visit_id, "greeted", "nicht meine Filiale")
    with pytest.raises(NotAllowed):
        open_dispute(conn, anna, visit_id, "greeted", "ich bin keine Filialleitung")
    assert list_disputes(conn, other) == []


def test_a_store_manager_cannot_decide_a_dispute(submitted) -> None:
    conn, _anna, rita, sven, visit_id = submitted
    approve_visit(conn, rita, visit_id)
    dispute = open_dispute(conn, sven, visit_id, "greeted", "Wir haben gegrüßt")
    with pytest.raises(NotAllowed):
        decide_dispute(conn, sven, dispute, uphold=True, decision="selbst", new_value="yes")
    ben = get_person(conn, "ben")  # the regional manager of the store's region
    with pytest.raises(NotAllowed):
        decide_dispute(conn, ben, dispute, uphold=True, decision="ich", new_value="yes")


def test_a_dispute_attachment_is_only_for_reviewers_and_the_stores_managers(submitted) -> None:
    conn, _anna, rita, sven, visit_id = submitted
    approve_visit(conn, rita, visit_id)
    dispute = open_dispute(
        conn, sven, visit_id, "greeted", "siehe Video", ("v.txt", "text/plain", b"14:02")
    )
    assert dispute_attachment(conn, rita, dispute) == ("v.txt", "text/plain", b"14:02")
    assert dispute_attachment(conn, sven, dispute) is not None
    olga = add_person(conn, "olga", "Olga", ["store_manager"], stores=["S2"])
    assert dispute_attachment(conn, olga, dispute) is None


def test_nobody_reviews_their_own_visit(submitted) -> None:
    conn, _anna, _rita, _sven, visit_id = submitted
    both = add_person(conn, "anna.qa", "Anna QA", ["reviewer"])
    conn.execute(sa.update(visits).where(visits.c.id == visit_id).values(shopper_id=both.id))
    for attempt in (
        lambda: approve_visit(conn, both, visit_id),
        lambda: return_visit(conn, both, visit_id, "selbst"),
        lambda: correct_answer(conn, both, visit_id, "greeted", "yes", "selbst"),
    ):
        with pytest.raises(ReviewRefused) as refused:
            attempt()
        assert refused.value.code == "own_visit"


def test_a_refused_uphold_changes_nothing(submitted, engine) -> None:
    """An upheld dispute whose new answer is invalid is refused as a whole: the dispute stays
    open and the answer and score stay as they were."""
    conn, _anna, rita, sven, visit_id = submitted
    approve_visit(conn, rita, visit_id)
    dispute = open_dispute(conn, sven, visit_id, "greeted", "Begrüßung war da")
    before = score(conn, visit_id)
    with pytest.raises(ReviewRefused) as refused, conn.begin_nested():
        decide_dispute(conn, rita, dispute, uphold=True, decision="ok", new_value="vielleicht")
    assert refused.value.code == "bad_value"
    assert list_disputes(conn, rita)[0].status == "open"
    assert score(conn, visit_id) == before


def test_other_roles_do_not_widen_what_a_store_manager_may_dispute(submitted) -> None:
    conn, _anna, rita, _sven, visit_id = submitted
    approve_visit(conn, rita, visit_id)
    mixed = add_person(conn, "mia", "Mia", ["store_manager", "trainer"], stores=["S2"])
    with pytest.raises(ReviewRefused, match="no such visit of your stores"):
        open_dispute(conn, mixed, visit_id, "greeted", "sehe alles, führe S2")


def test_the_end_of_the_dispute_period_is_the_day_in_berlin(submitted, monkeypatch) -> None:
    conn, _anna, rita, sven, visit_id = submitted
    approve_visit(conn, rita, visit_id)
    # Published at 23:30 UTC on 1 March = 00:30 on 2 March in Berlin; 7 days later: 9 March.
    published = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)
    conn.execute(sa.update(visits).where(visits.c.id == visit_id).values(approved_at=published))
    monkeypatch.setattr(repo_disputes, "utcnow", lambda: published + dt.timedelta(days=8))
    with pytest.raises(ReviewRefused) as refused:
        open_dispute(conn, sven, visit_id, "greeted", "zu spät")
    assert (refused.value.code, refused.value.detail) == ("too_late", "2026-03-09")
    monkeypatch.setattr(repo_disputes, "utcnow", lambda: published + dt.timedelta(days=6))
    assert open_dispute(conn, sven, visit_id, "greeted", "rechtzeitig") > 0


def test_the_queue_flags_everything_yes_and_na_answers_do_not_hide_it(org) -> None:
    from audits.records.standards import register_standard
    from audits.visits.drafts import save_answer
    from standards import load_standard_text

    text = "\n".join(
        [
            "id: yes-form",
            "title: Y",
            "channel: in_store",
            "languages: [de]",
            "sections:",
            "  - id: s",
            "    title: S",
            "    items:",
        ]
        + [f"      - {{id: q{n}, type: yes_no, text: Q{n}, na_allowed: true}}" for n in range(6)]
    )
    register_standard(org, load_standard_text(text, "y.yaml"))
    anna = get_person(org, "anna")
    from audits.records.standards import find_standard_version
    from audits.visits.assignments import create_assignments
    from audits.visits.drafts import open_visit, save_details
    from scoring.submit_checks import Details
    from standards import version_hash

    version = find_standard_version(org, "yes-form", version_hash(load_standard_text(text)))
    [assignment] = create_assignments(
        org,
        store_ids=["S1"],
        standard_version_id=version,
        shopper_ids=[anna.id],
        window_start=dt.date(2026, 11, 1),
        window_end=dt.date(2026, 11, 30),
    )
    visit_id = open_visit(org, anna, assignment)
    start = dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)
    save_details(org, anna, visit_id, Details(start, start + dt.timedelta(minutes=9), None, "K"))
    for n in range(5):
        save_answer(org, anna, visit_id, f"q{n}", value="yes")
    save_answer(org, anna, visit_id, "q5", value=None, is_na=True)
    assert submit_visit(org, anna, visit_id).status == "submitted"
    rita = add_person(org, "rita", "Rita", ["reviewer"])
    [row] = [row for row in review_queue(org, rita) if row.visit_id == visit_id]
    assert "all_yes" in row.flags


def test_the_database_itself_holds_one_open_dispute_per_item(submitted) -> None:
    """Even a second insert that skipped the check (two managers at the same moment) fails;
    a decided dispute leaves room for a new one."""
    conn, _anna, rita, sven, visit_id = submitted
    approve_visit(conn, rita, visit_id)
    first = open_dispute(conn, sven, visit_id, "greeted", "erster")
    row = {"visit_id": visit_id, "item_id": "greeted", "opened_by": sven.id, "reason": "zweiter"}
    with pytest.raises(sa.exc.IntegrityError), conn.begin_nested():
        conn.execute(sa.insert(disputes).values(**row))
    decide_dispute(conn, rita, first, uphold=False, decision="bleibt")
    assert open_dispute(conn, sven, visit_id, "greeted", "neuer Einspruch") != first
