"""Drafts are saved answer by answer, submitted once, and locked afterwards."""

import io
import threading

import pytest
import sqlalchemy as sa
from PIL import Image
from sqlalchemy.engine import Connection

from audits.accounts.access import NotAllowed
from audits.accounts.people import add_person, get_person
from audits.importers import import_stores, import_users
from audits.records.tables import reviews, utcnow, visit_scores, visits
from audits.visits.assignments import shopper_work
from audits.visits.drafts import (
    VisitLocked,
    get_visit,
    last_saved,
    open_visit,
    return_message,
    save_answer,
    visit_answers,
)
from audits.visits.photo_files import prepare_photo
from audits.visits.photos import MAX_PHOTOS_PER_ITEM, TooManyPhotos, add_photo
from audits.visits.submit import submit_visit
from tests.audits.drafts import FORM, complete, photo, start_draft  # noqa: F401


@pytest.fixture
def draft(org: Connection) -> tuple[Connection, object, str]:
    return (org, *start_draft(org))


def test_starting_an_assignment_twice_opens_the_same_draft(draft) -> None:
    conn, anna, visit_id = draft
    assignment = get_visit(conn, anna, visit_id).assignment_id
    assert open_visit(conn, anna, assignment) == visit_id


def test_answers_are_saved_and_cleared_one_by_one(draft) -> None:
    conn, anna, visit_id = draft
    save_answer(conn, anna, visit_id, "greeted", value="yes")
    save_answer(conn, anna, visit_id, "greeted", value="no", comment="  kein Blick  ")
    answer = visit_answers(conn, get_visit(conn, anna, visit_id))["greeted"]
    assert (answer.value, answer.comment) == ("no", "kein Blick")
    save_answer(conn, anna, visit_id, "greeted", value=None)
    assert "greeted" not in visit_answers(conn, get_visit(conn, anna, visit_id))


def test_submit_lists_every_gap_beside_its_item(draft) -> None:
    conn, anna, visit_id = draft
    save_answer(conn, anna, visit_id, "greeted", value="no")
    save_answer(conn, anna, visit_id, "bought", value="yes")
    outcome = submit_visit(conn, anna, visit_id)
    assert outcome.status == "incomplete"
    assert [(i.item_id, i.code) for i in outcome.issues] == [
        (None, "times_missing"),
        (None, "staff_missing"),
        ("greeted", "comment_required"),
        ("receipt", "missing"),
        ("shelf", "photo_required"),
    ]
    assert get_visit(conn, anna, visit_id).status == "draft"


def test_a_complete_visit_is_submitted_once_and_scored(draft) -> None:
    conn, anna, visit_id = draft
    complete(conn, anna, visit_id)
    assert submit_visit(conn, anna, visit_id).status == "submitted"
    assert submit_visit(conn, anna, visit_id).status == "already"
    assert conn.execute(sa.select(sa.func.count()).select_from(visits)).scalar_one() == 1
    score = conn.execute(sa.select(visit_scores.c.score)).scalar_one()
    assert score == pytest.approx(200 / 3)  # greeted failed, two passed; the photo unscored
    work = shopper_work(conn, anna)
    assert [row.stage for row in work] == ["done"]


def test_a_submitted_visit_is_read_only_for_the_shopper(draft) -> None:
    conn, anna, visit_id = draft
    complete(conn, anna, visit_id)
    submit_visit(conn, anna, visit_id)
    with pytest.raises(VisitLocked):
        save_answer(conn, anna, visit_id, "greeted", value="yes")
    with pytest.raises(VisitLocked):
        add_photo(conn, anna, visit_id, "shelf", prepare_photo(photo()), "x.jpg")


def test_another_shopper_can_neither_see_nor_change_the_draft(draft) -> None:
    conn, _anna, visit_id = draft
    carl = add_person(conn, "carl", "Carl", ["shopper"])
    assert get_visit(conn, carl, visit_id) is None
    with pytest.raises(NotAllowed):
        save_answer(conn, carl, visit_id, "greeted", value="yes")
    with pytest.raises(NotAllowed):
        submit_visit(conn, carl, visit_id)


def test_managers_see_a_visit_only_in_scope_and_once_submitted(draft) -> None:
    conn, anna, visit_id = draft
    nord = get_person(conn, "ben")  # regional manager of Nord, where S1 is
    sud = add_person(conn, "sue", "Sue", ["regional_manager"], regions=["sued"])
    assert get_visit(conn, nord, visit_id) is None  # still a draft
    complete(conn, anna, visit_id)
    submit_visit(conn, anna, visit_id)
    assert get_visit(conn, nord, visit_id) is not None
    assert get_visit(conn, sud, visit_id) is None


def test_an_answer_hidden_again_by_its_condition_is_not_asked_for(draft) -> None:
    conn, anna, visit_id = draft
    complete(conn, anna, visit_id)
    save_answer(conn, anna, visit_id, "bought", value="no")
    save_answer(conn, anna, visit_id, "receipt", value=None)
    assert submit_visit(conn, anna, visit_id).status == "submitted"


def test_the_same_photo_twice_is_kept_once(draft) -> None:
    conn, anna, visit_id = draft
    first = add_photo(conn, anna, visit_id, "shelf", prepare_photo(photo()), "a.jpg")
    again = add_photo(conn, anna, visit_id, "shelf", prepare_photo(photo()), "a.jpg")
    assert first == again
    assert visit_answers(conn, get_visit(conn, anna, visit_id))["shelf"].value == "a.jpg"


def test_a_returned_visit_is_a_draft_again_with_the_reviewers_message(draft) -> None:
    conn, anna, visit_id = draft
    complete(conn, anna, visit_id)
    submit_visit(conn, anna, visit_id)
    reviewer = add_person(conn, "rita", "Rita", ["reviewer"])
    conn.execute(sa.update(visits).where(visits.c.id == visit_id).values(status="returned"))
    conn.execute(
        sa.insert(reviews).values(
            visit_id=visit_id, reviewer_id=reviewer.id, action="returned", reason="Foto unscharf"
        )
    )
    work = shopper_work(conn, anna)
    assert [(row.stage, row.review_message) for row in work] == [("draft", "Foto unscharf")]
    assert return_message(conn, get_visit(conn, anna, visit_id)) == "Foto unscharf"
    save_answer(conn, anna, visit_id, "greeted", value="yes")  # editable again
    assert submit_visit(conn, anna, visit_id).status == "submitted"
    assert conn.execute(sa.select(visit_scores.c.score)).scalar_one() == 100.0  # rescored


def test_a_submit_waits_for_an_answer_another_device_is_saving(engine, write) -> None:
    """Device A is saving the last answer while device B presses submit: B waits for A and
    then submits the visit with A's answer, never a check made before A's write."""
    from tests.audits.conftest import STORES, USERS

    with engine.begin() as setup:
        import_stores(setup, write("stores.csv", STORES))
        import_users(setup, write("users.csv", USERS))
        anna, visit_id = start_draft(setup)
        complete(setup, anna, visit_id)
        save_answer(setup, anna, visit_id, "receipt", value=None)  # the one gap left
    device_a = engine.connect()
    saving = device_a.begin()
    save_answer(device_a, anna, visit_id, "receipt", value="yes")
    outcome: dict[str, str] = {}

    def device_b() -> None:
        with engine.begin() as conn:
            outcome["status"] = submit_visit(conn, anna, visit_id).status

    submitting = threading.Thread(target=device_b)
    submitting.start()
    submitting.join(timeout=0.5)
    assert submitting.is_alive()  # B waits for A's transaction
    saving.commit()
    device_a.close()
    submitting.join(timeout=10)
    assert outcome == {"status": "submitted"}


def test_an_item_takes_at_most_five_photos(draft) -> None:
    conn, anna, visit_id = draft
    for n in range(MAX_PHOTOS_PER_ITEM):
        image = Image.new("RGB", (20, 20), (n * 40, 0, 0))
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG")
        add_photo(conn, anna, visit_id, "shelf", prepare_photo(buffer.getvalue()), f"{n}.jpg")
    with pytest.raises(TooManyPhotos):
        add_photo(conn, anna, visit_id, "shelf", prepare_photo(photo()), "one-more.jpg")


def test_the_saved_time_is_the_last_answer_from_any_device(draft) -> None:
    conn, anna, visit_id = draft
    assert last_saved(conn, anna, visit_id) is None  # nothing answered yet
    save_answer(conn, anna, visit_id, "greeted", value="yes")
    first = last_saved(conn, anna, visit_id)
    while utcnow() <= first:  # the next answer must get a later clock reading
        pass
    save_answer(conn, anna, visit_id, "bought", value="no")  # say, on the phone
    assert last_saved(conn, anna, visit_id) > first
    other = add_person(conn, "bert", "Bert", ["shopper"])
    assert last_saved(conn, other, visit_id) is None  # nobody else reads it
