"""The stay-signed-in cookie of local accounts (issue #29 §3): its HTTP routes, served by asgi.py's `st.App`, and
the page scripts that call them.

Streamlit talks to the browser over a websocket, which cannot set a cookie, so the server gets two routes of its own:

- POST START_PATH with the one-time code a sign-in stored (data_access.accounts.web_sessions.open_session): when the
  code is valid and comes from the browser that signed in, the answer sets COOKIE, a random token, HttpOnly (no script
  can read it), SameSite=Strict (no other site's page sends it), Secure over HTTPS, for LONGEST at most;
- POST END_PATH: the session the cookie names ends (in every tab) and the cookie is cleared.

The signed-in page calls the first once (`hand_over`, a script of st.html); the sign-in form calls the second when its
connection still carried a cookie (`clear`). A reload or a new tab then presents the cookie, and ui/auth.py signs it
in through `data_access.accounts.web_sessions.resume`. Writes a page run would otherwise wait for (an import holds
SQLite's write lock) are done by `in_background`.
"""

import json
import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from data_access.accounts.web_sessions import LONGEST, end_by_token, redeem
from data_access.store.engine import writing
from ui import data
from ui.session_binding import XSRF_COOKIE, secret_of

COOKIE = "cchc_phien"
START_PATH = "/api/phien"
END_PATH = "/api/phien/ket-thuc"
CODE_FIELD = "ma"
SCRIPT_KEY = "session_cookie"  # the container of the scripts (ui/style.py hides it)
log = logging.getLogger(__name__)
_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


def _base() -> str:
    """Return Streamlit's server.baseUrlPath as '' or '/path' (the routes and the cookie live under it)."""
    from streamlit import config

    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


def _same_origin(request: Request) -> bool:
    """Return True when the request comes from a page of this server (its Origin names the Host it was sent to)."""
    origin = request.headers.get("origin")
    return origin is None or origin.split("://", 1)[-1] == request.headers.get("host")


def _start_sync(code: str, browser: str | None) -> str | None:
    with writing(data.engine()) as conn:
        return redeem(conn, code, browser)


def _end_sync(token: str) -> None:
    with writing(data.engine()) as conn:
        end_by_token(conn, token)


async def start(request: Request) -> Response:
    """Exchange the sign-in's one-time code for the cookie (204), or refuse and change nothing (403)."""
    if not _same_origin(request):
        return Response(status_code=403)
    form = await request.form()
    code = str(form.get(CODE_FIELD) or "")
    try:
        token = await run_in_threadpool(_start_sync, code, secret_of(request.cookies.get(XSRF_COOKIE)))
    except (SQLAlchemyError, OSError):
        log.exception("cannot keep a sign-in")
        return Response(status_code=503)
    if token is None:
        return Response(status_code=403)
    response = Response(status_code=204)
    response.set_cookie(COOKIE, token, max_age=int(LONGEST.total_seconds()), path=f"{_base()}/", httponly=True,
                        samesite="strict", secure=request.url.scheme == "https")
    return response


async def end(request: Request) -> Response:
    """End the session the cookie names and clear the cookie (204 whether or not it was still open)."""
    if not _same_origin(request):
        return Response(status_code=403)
    token = request.cookies.get(COOKIE)
    if token:
        try:
            await run_in_threadpool(_end_sync, token)
        except (SQLAlchemyError, OSError):
            log.exception("cannot end a kept sign-in")
    response = Response(status_code=204)
    response.delete_cookie(COOKIE, path=f"{_base()}/", httponly=True, samesite="strict",
                           secure=request.url.scheme == "https")
    return response


def routes() -> list[Route]:
    """Return the server's routes of the cookie (asgi.py gives them to st.App)."""
    return [Route(f"{_base()}{START_PATH}", start, methods=["POST"]),
            Route(f"{_base()}{END_PATH}", end, methods=["POST"])]


def cookie_token() -> str | None:
    """Return the cookie this connection presented when it opened (None without one, or outside a browser)."""
    try:
        token = st.context.cookies.get(COOKIE)
    except Exception:  # noqa: BLE001 - outside a browser session there are no cookies
        return None
    return token if isinstance(token, str) and token else None  # AppTest's context is no browser's


def _post(path: str, body: str) -> None:
    """Run, in this page, one same-origin POST of `body` (form-encoded) to `path` (a script of st.html)."""
    url = json.dumps(f"{_base()}{path}")
    script = (f"<script>fetch({url}, {{method: 'POST', credentials: 'same-origin', headers: "
              f"{{'Content-Type': 'application/x-www-form-urlencoded'}}, body: {json.dumps(body)}}});</script>")
    with st.container(key=SCRIPT_KEY):  # ui/style.py hides it: it holds a script, nothing to read
        st.html(script, unsafe_allow_javascript=True)  # our own constants and a random code, never imported text


def hand_over(code: str) -> None:
    """Have the browser exchange the sign-in's one-time code (URL-safe base64, our own) for its cookie."""
    _post(START_PATH, f"{CODE_FIELD}={code}")


def clear() -> None:
    """Have the browser end the session its cookie names and drop the cookie."""
    _post(END_PATH, "")


def in_background(job, *args) -> Future:
    """Run `job(*args)` on the one background writer of this process (a page run does not wait for it)."""
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kept-sign-in")
    return _executor.submit(_logged, job, *args)


def _logged(job, *args) -> None:
    try:
        job(*args)
    except (SQLAlchemyError, OSError):
        log.exception("kept sign-in: a background write failed")
