"""ASGI entry: the Streamlit app plus the app's own HTTP routes.

`streamlit run server.py` finds `app` and serves it; log-in and log-out routes join the
health route here when accounts arrive.
"""

import streamlit as st
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


app = st.App("app.py", routes=[Route("/healthz", health)])
