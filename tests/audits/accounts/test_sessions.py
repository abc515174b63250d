"""Sessions end when they should, and log-in answers never tell whether a user exists."""

import datetime as dt

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts import sessions as repo_sessions
from audits.accounts.people import add_person, set_active, set_password
from audits.accounts.sessions import (
    FREE_ATTEMPTS,
    end_session,
    log_in,
    person_for_email,
    session_person,
)
from audits.records.tables import sessions

PASSWORD = "correct horse"


@pytest.fixture
def anna(conn: Connection) -> Connection:
    add_person(conn, "anna", "Anna", ["shopper"], email="Anna@Example.com", password=PASSWORD)
    return conn


def test_a_right_password_starts_a_session_that_finds_the_person(anna: Connection) -> None:
    outcome = log_in(anna, "Anna ", PASSWORD, "10.0.0.1")
    assert outcome.ok and outcome.person is not None
    assert session_person(anna, outcome.token).username == "anna"
    stored = anna.execute(sa.select(sessions.c.token_hash)).scalar_one()
    assert outcome.token not in stored  # only a hash is kept


def test_logging_out_ends_the_session(anna: Connection) -> None:
    token = log_in(anna, "anna", PASSWORD, "a").token
    end_session(anna, token)
    assert session_person(anna, token) is None


def test_disabling_a_user_ends_their_open_sessions_at_once(anna: Connection) -> None:
    first = log_in(anna, "anna", PASSWORD, "phone").token
    second = log_in(anna, "anna", PASSWORD, "laptop").token
    set_active(anna, "anna", False)
    assert session_person(anna, first) is None
    assert session_person(anna, second) is None
    assert not log_in(anna, "anna", PASSWORD, "phone").ok


def test_a_new_password_ends_every_session(anna: Connection) -> None:
    token = log_in(anna, "anna", PASSWORD, "a").token
    set_password(anna, "anna", "another secret")
    assert session_person(anna, token) is None


def test_an_idle_or_old_session_has_ended(anna: Connection, monkeypatch) -> None:
    token = log_in(anna, "anna", PASSWORD, "a").token
    later = dt.datetime.now(dt.UTC) + repo_sessions.IDLE_LIMIT + dt.timedelta(minutes=1)
    monkeypatch.setattr(repo_sessions, "utcnow", lambda: later)
    assert session_person(anna, token) is None


def test_a_page_refreshing_itself_does_not_keep_the_session_open(anna, monkeypatch) -> None:
    token = log_in(anna, "anna", PASSWORD, "a").token
    start = dt.datetime.now(dt.UTC)
    for hour in range(1, 26):  # a form left open refreshes its "saved at" line all day
        when = start + dt.timedelta(hours=hour)
        monkeypatch.setattr(repo_sessions, "utcnow", lambda w=when: w)
        if session_person(anna, token, touch=False) is None:
            break
    assert when - start == repo_sessions.IDLE_LIMIT  # ended on time, not pushed back


def test_even_an_active_session_ends_fourteen_days_after_log_in(anna, monkeypatch) -> None:
    token = log_in(anna, "anna", PASSWORD, "a").token
    start = dt.datetime.now(dt.UTC)
    for half_day in range(1, 28):  # used twice a day, so never idle
        when = start + dt.timedelta(hours=12 * half_day)
        monkeypatch.setattr(repo_sessions, "utcnow", lambda w=when: w)
        assert session_person(anna, token) is not None
    late = start + repo_sessions.ABSOLUTE_LIMIT + dt.timedelta(minutes=1)
    monkeypatch.setattr(repo_sessions, "utcnow", lambda: late)
    assert session_person(anna, token) is None


def test_a_forged_token_finds_nobody(anna: Connection) -> None:
    log_in(anna, "anna", PASSWORD, "a")
    assert session_person(anna, "forged") is None
    assert session_person(anna, None) is None


def test_wrong_password_and_unknown_user_get_the_same_answer(anna: Connection) -> None:
    wrong = log_in(anna, "anna", "wrong password", "a")
    unknown = log_in(anna, "nobody", "wrong password", "a")
    assert wrong == unknown == repo_sessions.LoginOutcome()


def test_repeated_failures_make_the_guesser_wait(anna: Connection) -> None:
    for _ in range(FREE_ATTEMPTS):
        assert log_in(anna, "anna", "guess", "10.0.0.9").wait is None
    blocked = log_in(anna, "anna", PASSWORD, "10.0.0.9")
    assert not blocked.ok and blocked.wait is not None
    # The same wait for a name that does not exist: throttling reveals nothing either.
    for _ in range(FREE_ATTEMPTS):
        log_in(anna, "nobody", "guess", "10.0.0.9")
    assert log_in(anna, "nobody", "guess", "10.0.0.9").wait is not None
    # The real user on another address is not locked out by the guesser.
    assert log_in(anna, "anna", PASSWORD, "10.0.0.1").ok


def test_single_sign_on_matches_one_active_account_by_email(anna: Connection) -> None:
    assert person_for_email(anna, " anna@example.COM ").username == "anna"
    add_person(anna, "anna2", "Anna Zwei", ["shopper"], email="anna@example.com")
    assert person_for_email(anna, "anna@example.com") is None  # ambiguous: nobody


def _parallel_guesses(engine, monkeypatch, attempts: list[tuple[str, str]]) -> list:
    """Each (username, address) guessed at once from its own connection, as parallel
    requests do; returns the outcomes and counts the password checks made."""
    import threading
    import time

    checks = []
    real = repo_sessions.verify_password

    def slow_check(conn, username, password):
        checks.append(username)
        time.sleep(0.05)  # the length of a real argon2 check: the window a race needs
        return real(conn, username, password)

    monkeypatch.setattr(repo_sessions, "verify_password", slow_check)
    outcomes = []

    def guess(username: str, address: str) -> None:
        with engine.begin() as conn:
            outcomes.append(log_in(conn, username, "wrong guess", address))

    workers = [threading.Thread(target=guess, args=pair) for pair in attempts]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return [outcomes, checks]


def test_parallel_wrong_passwords_get_no_more_checks_than_allowed(engine, monkeypatch) -> None:
    with engine.begin() as conn:
        add_person(conn, "anna", "Anna", ["shopper"], password=PASSWORD)
    outcomes, checks = _parallel_guesses(engine, monkeypatch, [("anna", "10.0.0.9")] * 8)
    assert len(checks) == FREE_ATTEMPTS
    assert sum(1 for outcome in outcomes if outcome.wait) == 8 - FREE_ATTEMPTS


def test_one_address_spraying_many_accounts_is_slowed_down(engine) -> None:
    """One common password tried on many accounts from one address: after the address's
    free attempts, it waits, whichever account it names next."""
    from audits.accounts.sessions import ADDRESS_ATTEMPTS

    with engine.begin() as conn:
        add_person(conn, "anna", "Anna", ["shopper"], password=PASSWORD)
        for n in range(ADDRESS_ATTEMPTS):
            assert not log_in(conn, f"user{n}", "Sommer2026!", "10.6.6.6").wait
        assert log_in(conn, "anna", "Sommer2026!", "10.6.6.6").wait is not None
        # Anna herself, at another address, is not held up by it.
        assert log_in(conn, "anna", PASSWORD, "10.0.0.1").ok
