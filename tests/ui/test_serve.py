"""serve.py imports every ui module in the background once Streamlit's runtime runs (issue #14, item 3): the first
visitor after a start no longer waits for pandas, Altair and SQLAlchemy to be imported."""

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

from streamlit.runtime import Runtime

import serve
import ui

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, sys
import serve
before = sorted(m for m in sys.modules if m.startswith("ui."))
names = serve.import_ui_modules(wait_s=0.1, ready=lambda: True)
print(json.dumps({"before": before, "names": names, "after": sorted(m for m in sys.modules if m.startswith("ui."))}))
"""


def test_without_a_runtime_nothing_is_imported():
    assert not Runtime.exists()
    assert serve.import_ui_modules(wait_s=0.1) == []


def test_once_ready_every_ui_module_is_imported():
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    found = json.loads(out.stdout.strip().splitlines()[-1])
    expected = {f"ui.{m.name}" for m in pkgutil.iter_modules(ui.__path__)}
    assert set(found["names"]) == expected and {"ui.auth", "ui.maps", "ui.warmup"} <= expected
    assert "ui.maps" not in found["before"]  # serve.py alone does not import the pages' modules
    assert expected <= set(found["after"])


def test_session_ids_stay_out_of_streamlit_logs():
    """Issue #30, item 4: Streamlit logs "Session with id … is already connected"; the id is not written."""
    import logging

    previous = logging.getLogRecordFactory()
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    logger = logging.getLogger("streamlit.runtime.websocket_session_manager")
    handler = Keep()
    logger.addHandler(handler)
    try:
        serve.keep_session_ids_out_of_logs()
        serve.keep_session_ids_out_of_logs()  # once only
        session = "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b"
        logger.warning("Session with id %s is already connected! Reconnecting to existing session.", session)
        logging.getLogger("cchc.other").warning("ours: %s", session)  # the project's own lines are not touched
    finally:
        logger.removeHandler(handler)
        logging.setLogRecordFactory(previous)
    assert seen == ["Session with id … is already connected! Reconnecting to existing session."]
