"""Error boundary for page sections: a clear message instead of a traceback; details go to the server log."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from sqlalchemy.exc import DBAPIError

from data_access.figures.reads import NotKept
from data_access.figures.source import NotCounted
from data_access.store.engine import database_refusal
from metrics.errors import DomainError
from texts import labels as L
from ui.data import switch_to_newer

log = logging.getLogger("cchc.ui")

@contextmanager
def whole_load() -> Iterator[None]:
    """Run the sidebar and the page; when they ask the previous load for a view it had not counted (a new load came
    in), run them again on the new load: a page never shows half of each (ui.loads)."""
    try:
        yield
    except NotCounted:
        switch_to_newer()


@contextmanager
def section(name: str) -> Iterator[None]:
    """Run a page section; on an unexpected error show ERROR_GENERIC and log the traceback; a view the previous load
    had not counted runs the page again on the new one (whole_load). Streamlit's own control flow (st.rerun, st.stop,
    st.switch_page) raises BaseException, not Exception: it passes every handler here (tests/ui/test_guard.py)."""
    try:
        yield
    except NotCounted:
        switch_to_newer()
    except NotKept as exc:  # a meeting did not keep this view under this filter: say what it kept
        st.info(str(exc))
    except DomainError as exc:  # a rule the user can act on: say it
        st.error(str(exc))
    except DBAPIError as exc:
        log.exception("section %s failed", name)
        st.error(database_refusal(exc) or L.ERROR_GENERIC)
    except Exception:  # noqa: BLE001 - the boundary exists to catch everything else
        log.exception("section %s failed", name)
        st.error(L.ERROR_GENERIC)
