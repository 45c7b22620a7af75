"""Error boundary for page sections: a clear message instead of a traceback; details go to the server log."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit
import streamlit as st
from sqlalchemy.exc import DBAPIError

from data_access.engine import database_refusal
from data_access.source import NotCounted
from metrics.errors import DomainError
from texts import labels as L
from ui.data import switch_to_newer

log = logging.getLogger("cchc.ui")

try:  # Streamlit's control-flow exceptions (st.stop, st.rerun, st.switch_page) must pass through.
    from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

    _CONTROL = (RerunException, StopException)
except ImportError:  # pragma: no cover - another layout: say so (st.rerun inside a section would be shown as an error)
    _CONTROL = ()
    logging.getLogger(__name__).warning("Streamlit %s moved its control-flow exceptions: ui/guard.py lets none "
                                        "through; read it again against this version", streamlit.__version__)


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
    had not counted runs the page again on the new one (whole_load)."""
    try:
        yield
    except _CONTROL:
        raise
    except NotCounted:
        switch_to_newer()
    except DomainError as exc:  # a rule the user can act on: say it
        st.error(str(exc))
    except DBAPIError as exc:
        log.exception("section %s failed", name)
        st.error(database_refusal(exc) or L.ERROR_GENERIC)
    except Exception:  # noqa: BLE001 - the boundary exists to catch everything else
        log.exception("section %s failed", name)
        st.error(L.ERROR_GENERIC)
