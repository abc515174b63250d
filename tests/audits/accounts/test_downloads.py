"""The desk behind /files: an offer is found only with the log-in it was made for, for as
long as it is held, and built files never pile up past the memory bound."""

import pytest

from audits.accounts.downloads import SESSION_COOKIE, Desk, session_login, sso_login


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


ANNA = {SESSION_COOKIE: "token-of-anna"}
BERT = {SESSION_COOKIE: "token-of-bert"}


def test_an_offer_is_claimed_only_with_its_log_in() -> None:
    desk = Desk()
    ticket = desk.offer(1, session_login(ANNA[SESSION_COOKIE]), "r.xlsx", "x/y", data=b"abc")
    assert desk.claim(ticket, ANNA).data == b"abc"
    assert desk.claim(ticket, BERT) is None
    assert desk.claim(ticket, {}) is None
    assert desk.claim("guessed", ANNA) is None


def test_a_single_sign_on_offer_needs_the_same_sign_on_cookie() -> None:
    cookies = {"_streamlit_user": "signed-1", "other": "x"}
    desk = Desk()
    ticket = desk.offer(3, sso_login(cookies), "p.jpg", "image/jpeg", photo_id=7)
    assert desk.claim(ticket, cookies).photo_id == 7
    assert desk.claim(ticket, {"_streamlit_user": "signed-2"}) is None
    # Our own session cookie is no stand-in for the sign-on it was offered under.
    assert desk.claim(ticket, ANNA) is None


def test_offers_expire_and_a_new_offer_of_the_same_file_keeps_its_ticket() -> None:
    clock = Clock()
    desk = Desk(lifetime=60, clock=clock)
    login = session_login(ANNA[SESSION_COOKIE])
    ticket = desk.offer(1, login, "r.csv", "text/csv", data=b"a;b")
    clock.now = 50
    assert desk.offer(1, login, "r.csv", "text/csv", data=b"a;b") == ticket  # rerun: same link
    clock.now = 100
    assert desk.claim(ticket, ANNA) is not None  # the rerun renewed it
    clock.now = 111
    assert desk.claim(ticket, ANNA) is None
    assert desk.offer(1, login, "r.csv", "text/csv", data=b"a;b") != ticket


def test_held_bytes_stay_bounded_by_dropping_the_oldest() -> None:
    desk = Desk(max_bytes=10)
    login = session_login(ANNA[SESSION_COOKIE])
    first = desk.offer(1, login, "a", "x/y", data=b"123456")
    second = desk.offer(1, login, "b", "x/y", data=b"7890ab")
    assert desk.claim(first, ANNA) is None
    assert desk.claim(second, ANNA) is not None


def test_a_log_out_drops_what_was_offered_under_it() -> None:
    desk = Desk()
    anna, bert = session_login(ANNA[SESSION_COOKIE]), session_login(BERT[SESSION_COOKIE])
    mine = desk.offer(1, anna, "a", "x/y", data=b"1")
    theirs = desk.offer(2, bert, "a", "x/y", data=b"1")
    desk.forget(anna)
    assert desk.claim(mine, ANNA) is None
    assert desk.claim(theirs, BERT) is not None


def test_an_offer_is_either_bytes_or_a_photo() -> None:
    with pytest.raises(ValueError, match="either"):
        Desk().offer(1, session_login("t"), "a", "x/y")
