"""ASGI entry: the Streamlit app plus the app's own HTTP routes.

`streamlit run server.py` finds `app` and serves it. Log-in and log-out are plain form posts
to routes here, because only an HTTP response can set an HttpOnly cookie; the Streamlit
script then reads the cookie (st.context.cookies) and looks the session up on every run.
"""

import asyncio
import os
import re
from functools import cache
from urllib.parse import quote, urlencode, urlsplit

import streamlit as st
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send
from streamlit import config
from streamlit.runtime.pages_manager import PagesManager

from audits.accounts.downloads import DESK, SESSION, session_login
from audits.accounts.passwords import MAX_LENGTH
from audits.accounts.people import get_person_by_id
from audits.accounts.sessions import (
    ABSOLUTE_LIMIT,
    SESSION_COOKIE,
    TYPED_NAME_COOKIE,
    LoginOutcome,
    end_session,
    log_in,
    session_person,
)
from audits.records.db import database_url, make_engine, transaction
from audits.visits.photos import photo_file

# argon2 takes 64 MiB per check: a flood of log-ins must queue, not exhaust the memory.
CHECKS_AT_ONCE = asyncio.Semaphore(4)


def _secure(request: Request) -> bool:
    """HTTPS reached directly, or through a proxy that terminates it (SESSION_COOKIE_SECURE=1)."""
    return request.url.scheme == "https" or os.environ.get("SESSION_COOKIE_SECURE") == "1"


@cache
def _engine() -> Engine:
    return make_engine(database_url())


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


def _same_origin(request: Request) -> bool:
    # A form posted from another site must not log a browser in or out (login CSRF). Browsers
    # send Origin with every form post; a request without one is no cross-site form.
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host", "")


def _safe_next(target: str | None) -> str:
    """Only a path of this site: never an absolute or scheme-relative URL (open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _check(username: str, password: str, client: str, old: str | None) -> LoginOutcome:
    with transaction(_engine()) as conn:
        outcome = log_in(conn, username, password, client)
        if outcome.ok:
            end_session(conn, old)  # a new log-in replaces this browser's earlier session
        return outcome


async def login(request: Request) -> Response:
    if not _same_origin(request):
        return PlainTextResponse("cross-site log-in refused", status_code=403)
    form = await request.form()
    username = str(form.get("username", ""))[:200]
    # One character over the longest password that can be set: still wrong, never cut to a
    # right one, and argon2 never hashes a megabyte.
    password = str(form.get("password", ""))[: MAX_LENGTH + 1]
    lang = str(form.get("lang", ""))[:5]
    target = _safe_next(str(form.get("next", "")))
    client = request.client.host if request.client else "unknown"
    async with CHECKS_AT_ONCE:
        outcome = await run_in_threadpool(
            _check, username, password, client, request.cookies.get(SESSION_COOKIE)
        )
    if not outcome.ok:
        query = {"login": "wait" if outcome.wait else "failed"}
        if outcome.wait:
            query["seconds"] = str(max(1, round(outcome.wait.total_seconds())))
        if lang:
            query["lang"] = lang
        response = RedirectResponse(f"/?{urlencode(query)}", status_code=303)
        # The typed name comes back in the form, so only the password needs typing again;
        # a short-lived cookie keeps it out of the URL, browser history and access logs.
        response.set_cookie(
            TYPED_NAME_COOKIE,
            username[:100],
            max_age=300,
            path="/",
            httponly=True,
            samesite="lax",
            secure=_secure(request),
        )
        return response
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        outcome.token or "",
        max_age=int(ABSOLUTE_LIMIT.total_seconds()),
        path="/",
        httponly=True,
        samesite="lax",
        secure=_secure(request),
    )
    response.delete_cookie(TYPED_NAME_COOKIE, path="/")
    return response


def _end(token: str | None) -> None:
    with transaction(_engine()) as conn:
        end_session(conn, token)


async def logout(request: Request) -> Response:
    if not _same_origin(request):
        return PlainTextResponse("cross-site log-out refused", status_code=403)
    token = request.cookies.get(SESSION_COOKIE)
    await run_in_threadpool(_end, token)
    if (ended := session_login(token)) is not None:
        DESK.forget(ended)
    response = RedirectResponse("/?login=out", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")
    return response


MIME = re.compile(r"[\w.+-]+/[\w.+-]+")
# Shown images only: what a browser could run or mistake for a page is always a download.
INLINE_TYPES = {"image/jpeg", "image/png", "image/webp"}
FILE_HEADERS = {
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Referrer-Policy": "no-referrer",
}
GONE = (
    "Diese Datei ist nicht oder nicht mehr verfügbar. Bitte die Seite in der App neu öffnen.\n"
    "This file is not or no longer available. Please open the page in the app again.\n"
)


def _release(ticket: str, cookies: dict[str, str]) -> tuple[str, str, bytes] | None:
    """(name, content type, bytes) of an offer, for the log-in it was made for while that
    log-in is live; a photo is checked against the person's visits once more."""
    offer = DESK.claim(ticket, cookies)
    if offer is None:
        return None
    with transaction(_engine()) as conn:
        if offer.login.kind == SESSION:
            person = session_person(conn, cookies.get(SESSION_COOKIE))
        else:
            person = get_person_by_id(conn, offer.person_id)
        if person is None or not person.active or person.id != offer.person_id:
            return None
        if offer.photo_id is None:
            return offer.name, offer.mime, offer.data or b""
        found = photo_file(conn, person, offer.photo_id)
    return (offer.name, *found) if found else None


def _disposition(kind: str, name: str) -> str:
    # The plain name for old clients, the exact one (RFC 6266) for all others.
    fallback = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\;' else "_" for c in name
    )
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


async def files(request: Request) -> Response:
    found = await run_in_threadpool(_release, request.path_params["ticket"], request.cookies)
    if found is None:
        return PlainTextResponse(GONE, status_code=404, headers=FILE_HEADERS)
    name, mime, data = found
    if not MIME.fullmatch(mime or ""):
        mime = "application/octet-stream"  # an uploader's type is never sent as it came
    kind = "inline" if mime in INLINE_TYPES else "attachment"
    headers = {**FILE_HEADERS, "Content-Disposition": _disposition(kind, name)}
    return Response(data, media_type=mime, headers=headers)


def _socket_allowed(scope: Scope) -> bool:
    """Same origin, or one the deployment lists in server.corsAllowedOrigins. (Streamlit by
    itself also lets any page served from localhost open the socket: another local app, on
    another port, would then act with this browser's log-in cookie, which is the same site.)"""
    headers = dict(scope.get("headers") or [])
    origin = headers.get(b"origin", b"").decode("latin-1")
    if not origin:
        return True  # not a browser page, so it carries no browser's cookie
    if urlsplit(origin).netloc == headers.get(b"host", b"").decode("latin-1"):
        return True
    return origin.rstrip("/") in {
        o.rstrip("/") for o in config.get_option("server.corsAllowedOrigins")
    }


class SameOriginSockets:
    """Refuses the app's websocket to pages of other origins before it is accepted."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket" and not _socket_allowed(scope):
            await receive()  # the connect message; a close before accept is answered 403
            await send({"type": "websocket.close", "code": 1008})
            return
        await self.app(scope, receive, send)


# Streamlit treats a `pages/` folder beside the main script as the old multipage mode until
# the first st.navigation call: right after a start, a deep link (/admin_users) would run
# that page module on its own and list every module in the sidebar. The router is the only
# way in, from the first request on. (A class attribute of Streamlit's, not public API;
# tests/security/test_router_only.py fails if a Streamlit release changes it.)
PagesManager.uses_pages_directory = False

app = st.App(
    "app.py",
    routes=[
        Route("/healthz", health),
        Route("/auth/login", login, methods=["POST"]),
        Route("/auth/logout", logout, methods=["POST"]),
        Route("/files/{ticket}", files, methods=["GET"]),
    ],
    middleware=[Middleware(SameOriginSockets)],
)
