"""Files a page hands to its reader: photos, the Excel report, CSV tables, dispute attachments.

Streamlit's own media URLs answer anyone who has the link, with or without a log-in, until
the server forgets them. Here a page instead puts an offer on the desk for the person it
shows the file to and links to server.py's /files route with the offer's ticket. The ticket
is bound to that person and to the log-in cookie the page ran with, so a copied link, a
closed tab or a log-out leaves nothing to fetch; server.py checks the log-in again (and a
photo against the person's visits) when the file is asked for.
"""

import hashlib
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Final, Literal

from audits.accounts.sessions import SESSION_COOKIE

SESSION: Final = "session"
SSO: Final = "sso"
# Streamlit's OIDC log-in keeps the signed user in this cookie (split into numbered chunks
# when long); its value changes with every log-in, so it names one log-in like ours does.
SSO_COOKIE_PREFIX = "_streamlit_user"

LIFETIME_SECONDS = 30 * 60
MAX_HELD_BYTES = 256 * 1024 * 1024

LoginKind = Literal["session", "sso"]


@dataclass(frozen=True)
class Login:
    """Which log-in a page ran under: its kind and a hash of the cookie that carried it."""

    kind: LoginKind
    proof: str


@dataclass(frozen=True)
class Offer:
    person_id: int
    login: Login
    name: str
    mime: str
    data: bytes | None  # a file built for this person; None for a stored photo
    photo_id: int | None
    expires: float
    content: str  # what the file is: a hash of its bytes, or the photo's id

    @property
    def size(self) -> int:
        return len(self.data) if self.data is not None else 0


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def session_login(token: str | None) -> Login | None:
    """The log-in carried by this app's session cookie."""
    return Login(SESSION, _digest(token)) if token else None


def sso_login(cookies: Mapping[str, str]) -> Login | None:
    """The log-in carried by Streamlit's single-sign-on cookie."""
    parts = [cookies[name] for name in sorted(cookies) if name.startswith(SSO_COOKIE_PREFIX)]
    return Login(SSO, _digest("\n".join(parts))) if parts else None


def request_login(kind: LoginKind, cookies: Mapping[str, str]) -> Login | None:
    """The log-in of the given kind that a request's cookies carry, if any."""
    return session_login(cookies.get(SESSION_COOKIE)) if kind == SESSION else sso_login(cookies)


class Desk:
    """Offers by ticket, each kept for LIFETIME_SECONDS after it was last offered, with at most
    MAX_HELD_BYTES of built files held (the oldest offers go first)."""

    def __init__(
        self,
        lifetime: float = LIFETIME_SECONDS,
        max_bytes: int = MAX_HELD_BYTES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._lifetime = lifetime
        self._max_bytes = max_bytes
        self._clock = clock
        self._lock = threading.Lock()
        self._offers: OrderedDict[str, Offer] = OrderedDict()
        # A page offers the same file again on every rerun: it keeps its ticket (and the
        # link in the browser stays valid) instead of piling up copies.
        self._tickets: dict[tuple[int, Login, str, str, str], str] = {}
        self._held = 0

    def offer(
        self,
        person_id: int,
        login: Login,
        name: str,
        mime: str,
        *,
        data: bytes | None = None,
        photo_id: int | None = None,
    ) -> str:
        if (data is None) == (photo_id is None):
            raise ValueError("an offer holds either built bytes or a stored photo")
        content = hashlib.sha256(data).hexdigest() if data is not None else f"photo:{photo_id}"
        key = (person_id, login, name, mime, content)  # as _drop rebuilds it
        with self._lock:
            now = self._clock()
            self._drop_expired(now)
            ticket = self._tickets.get(key)
            if ticket is not None:
                self._offers[ticket] = replace(self._offers[ticket], expires=now + self._lifetime)
                self._offers.move_to_end(ticket)
                return ticket
            ticket = secrets.token_urlsafe(32)
            offer = Offer(
                person_id, login, name, mime, data, photo_id, now + self._lifetime, content
            )
            self._offers[ticket] = offer
            self._tickets[key] = ticket
            self._held += offer.size
            while self._held > self._max_bytes and len(self._offers) > 1:
                self._drop(next(iter(self._offers)))
            return ticket

    def claim(self, ticket: str, cookies: Mapping[str, str]) -> Offer | None:
        """The offer behind a ticket, if it is still held and the request's cookies carry the
        log-in it was made for. (Whether that log-in is still live is the caller's check.)"""
        with self._lock:
            self._drop_expired(self._clock())
            offer = self._offers.get(ticket)
        if offer is None or request_login(offer.login.kind, cookies) != offer.login:
            return None
        return offer

    def forget(self, login: Login) -> None:
        """Drops what was offered under a log-in that has ended (frees the memory at once)."""
        with self._lock:
            for ticket in [t for t, o in self._offers.items() if o.login == login]:
                self._drop(ticket)

    def _drop_expired(self, now: float) -> None:
        for ticket in [t for t, o in self._offers.items() if o.expires <= now]:
            self._drop(ticket)

    def _drop(self, ticket: str) -> None:
        offer = self._offers.pop(ticket)
        self._held -= offer.size
        self._tickets.pop((offer.person_id, offer.login, offer.name, offer.mime, offer.content))


# One desk per server process: the pages and server.py's route run in the same process.
DESK = Desk()
