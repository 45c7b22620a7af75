"""Starts the dashboard server: `streamlit run asgi.py` (app.py as a documented `st.App`, with the project's HTTP
middleware and routes) with the arguments given (make run calls it).

Before any browser session opens it applies the routing fix of ui/streamlit_fixes.py (streamlit/streamlit#9992) and
the cuts of ui/streamlit_speed.py (Streamlit's per-run work for thirty viewers).
The first visitor after a start used to wait ≈ 1,7 s for imports (docs/history/scaling.md §0g). The libraries the
pages use (pandas, Altair, SQLAlchemy…) are imported before the server listens, in this thread: no visitor's script
can import them at the same moment (a library importing itself in a circle could then fail). Once the runtime runs, a
background thread imports every `ui` module (their caches belong to the runtime; the project's modules import no
circle).
"""

import importlib
import logging
import os
import pkgutil
import re
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from streamlit.web import cli

import ui
from ui import streamlit_speed
from ui.streamlit_fixes import declare_navigation_app

APP = Path(__file__).resolve().parent / "asgi.py"
LIBRARIES = ("numpy", "pandas", "pyarrow", "sqlalchemy", "altair", "pydeck", "babel.dates", "babel.numbers", "argon2")
log = logging.getLogger(__name__)


def import_ui_modules(wait_s: float = 60.0, ready: Callable[[], bool] | None = None) -> list[str]:
    """Import every module of the `ui` package once `ready()` (default: Streamlit's runtime exists, so that their
    caches belong to it); return their names (none when it was not ready within `wait_s`)."""
    from streamlit import runtime

    ready = ready or runtime.exists
    deadline = time.monotonic() + wait_s
    while not ready():
        if time.monotonic() > deadline:
            return []
        time.sleep(0.05)
    names = [f"ui.{module.name}" for module in pkgutil.iter_modules(ui.__path__)]
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a page would then show the same failure; the server goes on
            log.exception("cannot import %s ahead of the first visit", name)
    return names


_SESSION_ID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.IGNORECASE)


def keep_session_ids_out_of_logs() -> None:
    """Make every log record of Streamlit's loggers name a session without its id ("Session with id … is already
    connected"): an id read from a log must not help anyone present it (the documented record-factory hook)."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "redacts_session_ids", False):
        return

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        if record.name.startswith("streamlit"):
            text = record.getMessage()
            if _SESSION_ID.search(text):
                record.msg, record.args = _SESSION_ID.sub("…", text), ()
        return record

    factory.redacts_session_ids = True
    logging.setLogRecordFactory(factory)


def main(argv: list[str] | None = None) -> None:
    """Run the Streamlit server on app.py with `argv` (e.g. --server.port 8501); returns when it stops."""
    # Streamlit's server (uvicorn) believes X-Forwarded-For from 127.0.0.1 by default: any program on the machine
    # could then name the client the audit trail records. Served directly, nothing is trusted; deploy/start.py
    # sets 127.0.0.1 (its nginx), and a province's own proxy sets its address (docs/operations.md).
    os.environ.setdefault("FORWARDED_ALLOW_IPS", "")
    keep_session_ids_out_of_logs()
    declare_navigation_app()
    streamlit_speed.apply()
    for name in LIBRARIES:
        importlib.import_module(name)
    threading.Thread(target=import_ui_modules, name="import-ui-modules", daemon=True).start()
    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
