"""A signed-in session cannot be taken by presenting its id (issue #30, item 4).

A client does what a browser does: asks for the health check (Streamlit sets its XSRF cookie), opens the websocket
with that cookie, reads its session id from the first message and signs in through the form. A second websocket with no
cookie then presents that session id, as someone who read it from a log or a screen would: the run it asks for
draws the sign-in form, not the signed-in overview, and the audit trail records it."""

import asyncio
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from urllib.parse import urlparse

from sqlalchemy import create_engine, select

from data_access.store.schema import audit_log
from tests.e2e.conftest import E2E_PASSWORD, E2E_USER, ROOT
from texts import labels as L
from ui.session_binding import XSRF_COOKIE

sys.path.insert(0, str(ROOT / "bench"))
from load import Run, Session, _run  # noqa: E402  (the harness's websocket protocol)
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402


def _xsrf_cookie(base: str) -> str:
    with urllib.request.urlopen(base + "/_stcore/health") as response:  # as the page does before connecting
        cookies = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
    return cookies[XSRF_COOKIE].value


async def _first_run(session: Session) -> tuple[Run, str]:
    """Ask for the first run; return what it drew and the session id the server gave."""
    message = BackMsg()
    message.rerun_script.query_string = ""
    await session.socket.send(message.SerializeToString())
    session_id, run = None, Run()
    while True:
        forward = ForwardMsg()
        forward.ParseFromString(await asyncio.wait_for(session.socket.recv(), 60))
        kind = forward.WhichOneof("type")
        if kind == "new_session":
            session_id = forward.new_session.initialize.session_id
        elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            from load import _read_element

            _read_element(forward.delta.new_element, run)
        elif kind == "script_finished":
            return run, session_id


async def _replay(base: str) -> tuple[Run, Run]:
    import websockets

    netloc = urlparse(base).netloc
    stream, origin = f"ws://{netloc}/_stcore/stream", f"http://{netloc}"
    cookie = _xsrf_cookie(base)
    async with websockets.connect(stream, subprotocols=["streamlit", cookie], origin=origin, max_size=None,
                                  additional_headers=[("Cookie", f"{XSRF_COOKIE}={cookie}")]) as browser:
        mine = Session(browser)
        form, session_id = await _first_run(mine)
        fields = form.widgets
        signed = await _run(mine, {fields[L.SIGN_IN_USER][0]: ("string", E2E_USER),
                                   fields[L.SIGN_IN_PASSWORD][0]: ("string", E2E_PASSWORD),
                                   fields[L.SIGN_IN_BUTTON][0]: ("trigger", True)})
        async with websockets.connect(stream, subprotocols=["streamlit", "x", session_id], origin=origin,
                                      max_size=None) as thief:
            taken = await _run(Session(thief), {})
    return signed, taken


def test_a_replayed_session_id_is_refused_and_audited(server, e2e_db):
    with ThreadPoolExecutor(1) as pool:  # a loop of its own: the session's Playwright may run one in this thread
        signed, taken = pool.submit(asyncio.run, _replay(server)).result(timeout=300)
    assert L.SIGN_IN_USER not in signed.widgets and signed.error is None  # the browser itself was signed in
    assert L.SIGN_IN_USER in taken.widgets  # the replayed id got the form, not the overview
    with create_engine(e2e_db).connect() as conn:
        refused = conn.execute(select(audit_log.c.account).where(audit_log.c.action == "session_refused")).scalars()
        assert E2E_USER in list(refused)
