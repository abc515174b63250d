"""Log-in sessions and log-in throttling.

The browser holds a random token in an HttpOnly cookie; the database holds only its SHA-256,
so a copy of the database opens no session. Every page load looks the session up again, so
logging out, disabling an account or changing a password ends a session at once.
"""

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.people import get_person_by_id, normalise_username, verify_password
from audits.records.models import Person
from audits.records.tables import login_failures, people, sessions, utcnow

SESSION_COOKIE = "ma_session"
"""The browser's cookie holding the session token (set by server.py, read by pages/auth.py)."""
TYPED_NAME_COOKIE = "ma_typed_name"
"""A short-lived cookie that brings the typed username back after a failed log-in."""
IDLE_LIMIT = dt.timedelta(hours=24)
"""A session unused this long ends: a shopper can pause between visits without logging in."""
ABSOLUTE_LIMIT = dt.timedelta(days=14)
"""However active, a session ends this long after log-in."""
TOUCH_EVERY = dt.timedelta(minutes=5)
FREE_ATTEMPTS = 5
"""Wrong passwords allowed per username and address before waiting starts."""
ACCOUNT_ATTEMPTS = 10
"""Wrong passwords allowed for one username from all addresses together (a guesser with
many addresses), before waiting starts there too."""
ADDRESS_ATTEMPTS = 20
"""Wrong passwords allowed from one address for all usernames together (password spraying:
one common password tried on many accounts)."""
FAILURE_WINDOW = dt.timedelta(minutes=15)
MAX_WAIT = dt.timedelta(minutes=15)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(conn: Connection, person_id: int) -> str:
    """A new session for the person; returns the token for the cookie."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    conn.execute(
        sa.insert(sessions).values(
            token_hash=token_hash(token),
            person_id=person_id,
            created_at=now,
            expires_at=now + IDLE_LIMIT,
            last_seen_at=now,
        )
    )
    return token


def session_person(conn: Connection, token: str | None, *, touch: bool = True) -> Person | None:
    """The active person holding this session token, or None (ended, expired, disabled).

    A lookup counts as use of the session (it stays open another IDLE_LIMIT) unless `touch`
    is false: a page refreshing itself on a timer is no sign of a person at the screen."""
    if not token:
        return None
    now = utcnow()
    row = conn.execute(
        sa.select(sessions.c.person_id, sessions.c.created_at, sessions.c.last_seen_at)
        .join(people, people.c.id == sessions.c.person_id)
        .where(
            sessions.c.token_hash == token_hash(token),
            sessions.c.expires_at > now,
            people.c.active.is_(True),
        )
    ).first()
    if row is None or row.created_at + ABSOLUTE_LIMIT <= now:
        return None
    if touch and (row.last_seen_at is None or now - row.last_seen_at > TOUCH_EVERY):
        conn.execute(
            sa.update(sessions)
            .where(sessions.c.token_hash == token_hash(token))
            .values(last_seen_at=now, expires_at=now + IDLE_LIMIT)
        )
    return get_person_by_id(conn, row.person_id)


def end_session(conn: Connection, token: str | None) -> None:
    if token:
        conn.execute(sa.delete(sessions).where(sessions.c.token_hash == token_hash(token)))


def end_sessions_of(conn: Connection, person_id: int) -> int:
    """End every session of a person; returns how many there were."""
    return conn.execute(sa.delete(sessions).where(sessions.c.person_id == person_id)).rowcount


@dataclass(frozen=True)
class LoginOutcome:
    person: Person | None = None
    token: str | None = None
    wait: dt.timedelta | None = None
    """Set when too many wrong passwords came from this address for this username."""

    @property
    def ok(self) -> bool:
        return self.token is not None


def log_in(conn: Connection, username: str, password: str, client: str) -> LoginOutcome:
    """Check the password and start a session.

    A wrong password, an unknown user and a disabled account give the same outcome (no person,
    no token) after the same work, so the answer never tells whether a username exists. The
    throttle is keyed by the typed username, existing or not, for the same reason: per
    username and address, per username, and per address.
    """
    name = normalise_username(username)
    keys = {
        f"{name}|{client}": FREE_ATTEMPTS,
        f"{name}|*": ACCOUNT_ATTEMPTS,
        f"*|{client}": ADDRESS_ATTEMPTS,
    }
    checked = _throttled_check(conn, keys, username, password, kept=(f"*|{client}",))
    if checked.person is None:
        return checked
    return LoginOutcome(person=checked.person, token=start_session(conn, checked.person.id))


def confirm_password(conn: Connection, person: Person, password: str) -> LoginOutcome:
    """Check a logged-in person's own password (before changing it), throttled like log-in:
    a borrowed session must not become a way to guess it."""
    key = f"{person.username}|own-password"
    return _throttled_check(conn, {key: FREE_ATTEMPTS}, person.username, password)


def _throttled_check(
    conn: Connection, keys: dict[str, int], username: str, password: str, kept: tuple[str, ...] = ()
) -> LoginOutcome:
    """Count the attempt first, then check the password.

    Counting first is what makes the throttle hold against parallel guesses: the count is
    one atomic write per key, and the transaction keeps its row locked (PostgreSQL) or the
    database's write lock (SQLite) until it ends, so a guess made meanwhile waits and then
    sees this one counted. A success takes the attempt back; `kept` keys count only failures
    and are not reset by a success (a sprayer's one hit must not clear the address).
    """
    now = utcnow()
    waits = []
    for key, free in sorted(keys.items()):  # one order everywhere: no deadlock
        wait = _reserve(conn, key[:300], free, now)
        if wait is not None:
            waits.append(wait)
    if waits:
        return LoginOutcome(wait=max(waits))
    person = verify_password(conn, username, password)
    if person is None:
        return LoginOutcome()
    for key in keys:
        if key in kept:
            conn.execute(
                sa.update(login_failures)
                .where(login_failures.c.key == key[:300])
                .values(failures=login_failures.c.failures - 1)
            )
        else:
            conn.execute(sa.delete(login_failures).where(login_failures.c.key == key[:300]))
    return LoginOutcome(person=person)


def _reserve(conn: Connection, key: str, free: int, now: dt.datetime) -> dt.timedelta | None:
    """Count one attempt under `key`; the wait when it is blocked or over its free attempts.

    An attempt refused for a block is not counted, so waiting out a block always helps.
    """
    row = conn.execute(
        sa.update(login_failures)
        .where(login_failures.c.key == key, login_failures.c.first_at >= now - FAILURE_WINDOW)
        .values(
            failures=login_failures.c.failures
            + sa.case((login_failures.c.blocked_until > now, 0), else_=1)
        )
        .returning(login_failures.c.failures, login_failures.c.blocked_until)
    ).first()
    blocked: dt.datetime | None
    if row is None:
        # No attempt within the window: start counting afresh (a stale row is replaced).
        conn.execute(sa.delete(login_failures).where(login_failures.c.key == key))
        try:
            with conn.begin_nested():
                conn.execute(sa.insert(login_failures).values(key=key, failures=1, first_at=now))
            count, blocked = 1, None
        except sa.exc.IntegrityError:
            # Another process started the count at this moment (and has finished): add ours.
            return _reserve(conn, key, free, now)
    else:
        count, blocked = row
    if blocked is not None and blocked > now:
        return blocked - now
    over = count - free
    if over >= 0:
        # The last free attempt and every later one block the next, longer each time.
        wait = min(dt.timedelta(seconds=2 ** min(over, 20)), MAX_WAIT)
        conn.execute(
            sa.update(login_failures)
            .where(login_failures.c.key == key)
            .values(blocked_until=now + wait)
        )
    return None


def person_for_email(conn: Connection, email: str) -> Person | None:
    """The active account with this e-mail (single sign-on matches users this way).

    None when no account or more than one has it: an ambiguous match must not pick one.
    """
    ids = (
        conn.execute(
            sa.select(people.c.id)
            .where(
                sa.func.lower(people.c.email) == email.strip().lower(), people.c.active.is_(True)
            )
            .limit(2)
        )
        .scalars()
        .all()
    )
    return get_person_by_id(conn, ids[0]) if len(ids) == 1 else None
