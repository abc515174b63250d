"""ASGI entry: the Streamlit app plus the app's own HTTP routes.

`streamlit run server.py` finds `app` and serves it. Log-in and log-out are plain form posts
to routes here, because only an HTTP response can set an HttpOnly cookie; the Streamlit
script then reads the cookie (st.context.cookies) and looks the session up on every run.
"""

import asyncio
import os
from functools import cache
from urllib.parse import urlencode, urlsplit

import streamlit as st
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from streamlit.runtime.pages_manager import PagesManager

from audits.db import database_url, make_engine, transaction
from audits.passwords import MAX_LENGTH
from audits.repo_sessions import (
    ABSOLUTE_LIMIT,
    SESSION_COOKIE,
    TYPED_NAME_COOKIE,
    LoginOutcome,
    end_session,
    log_in,
)

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
    await run_in_threadpool(_end, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/?login=out", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")
    return response


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
    ],
)
