"""Passwords: the policy a new one must meet, and hashing (argon2id with the library's
recommended parameters).

The policy follows NIST SP 800-63B: at least 8 characters, no composition rules, and no
password that is common, leaked before or made of an obvious pattern, as zxcvbn (Dropbox's
estimator, with its lists of leaked passwords, names and words) judges it. Nothing is cut
off: a password longer than MAX_LENGTH is refused when set, so it never stops working at
log-in.
"""

from collections.abc import Iterable
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

MIN_LENGTH = 8
MAX_LENGTH = 128
MIN_SCORE = 3
"""zxcvbn's "safely unguessable" (about 10^8 guesses and more): with argon2 in front of it,
an online or stolen-hash attack needs years."""

_hasher = PasswordHasher()


class PasswordTooWeak(ValueError):
    """The password does not meet the policy. `reason` names the catalog text
    `password.<reason>`: too_short, too_long, too_common."""

    def __init__(self, reason: str, message: str) -> None:
        self.reason = reason
        super().__init__(message)


def check_policy(password: str, personal: Iterable[str] = ()) -> None:
    """Raise PasswordTooWeak unless `password` meets the policy; `personal` are the
    person's own name, username and e-mail, which a password must not lean on."""
    if len(password) < MIN_LENGTH:
        raise PasswordTooWeak("too_short", f"a password needs at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise PasswordTooWeak("too_long", f"a password has at most {MAX_LENGTH} characters")
    hints = [part for word in personal for part in str(word).replace("@", " ").split() if part]
    if zxcvbn(password, user_inputs=hints, max_length=MAX_LENGTH)["score"] < MIN_SCORE:
        raise PasswordTooWeak(
            "too_common", "this password is easy to guess (common, leaked or a pattern)"
        )


def hash_password(password: str, personal: Iterable[str] = ()) -> str:
    """The hash of a new password, after the policy check."""
    check_policy(password, personal)
    return _hasher.hash(password)


def rehash(password: str) -> str:
    """A fresh hash of a password that just matched (its parameters were outdated): no policy
    check, or an old password would lock its owner out at log-in."""
    return _hasher.hash(password)


@cache
def _dummy_hash() -> str:
    return _hasher.hash("no such user: this hash only spends the time of a real check")


def check_password(stored_hash: str | None, password: str) -> bool:
    """True when `password` matches; without a hash, a dummy check keeps the timing alike.

    A password longer than any that can be set is checked against the dummy hash: it cannot
    match, and argon2 must not hash megabytes for it."""
    if len(password) > MAX_LENGTH:
        stored_hash, password = None, password[:MAX_LENGTH]
    try:
        return _hasher.verify(stored_hash or _dummy_hash(), password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)
