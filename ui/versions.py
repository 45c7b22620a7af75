"""The library versions the project's uses of their private names were read against (issue #31, item 4): each use
is applied only on that version and refused, with a logged warning, on any other; tests/ui/test_versions.py fails
when requirements.txt pins another one, until the uses are read again."""

import logging

import pandas
import streamlit

STREAMLIT_VERSION = "1.67.0"  # ui/streamlit_speed.py (config, arrow, dataframe_util), ui/streamlit_fixes.py (the
# pages manager), ui/charts.py (the Altair conversion) and ui/style.py's CSS classes
PANDAS_VERSION = "3.1.1"  # ui/tables.py (Styler._compute and _translate, computed once per shared table)
log = logging.getLogger(__name__)


def streamlit_is_pinned(use: str) -> bool:
    """Return True on the pinned Streamlit; else log that `use` is not applied and return False."""
    if streamlit.__version__ == STREAMLIT_VERSION:
        return True
    log.warning("Streamlit %s is not %s: %s is not applied", streamlit.__version__, STREAMLIT_VERSION, use)
    return False


def pandas_is_pinned(use: str) -> bool:
    """Return True on the pinned pandas; else log that `use` is not applied and return False."""
    if pandas.__version__ == PANDAS_VERSION:
        return True
    log.warning("pandas %s is not %s: %s is not applied", pandas.__version__, PANDAS_VERSION, use)
    return False
