"""Meeting widgets: the frozen-figures comparison table and the meeting labels."""

import pandas as pd
import streamlit as st

from texts import labels as L
from texts.fmt import fmt_date, fmt_datetime
from ui.tables import Col, show_table

TASK_TABLE = [Col("content", L.TASK_COLUMNS["content"]), Col("lead_agency", L.TASK_COLUMNS["lead_agency"]),
              Col("deadline", L.TASK_COLUMNS["deadline"], fmt_date)]

def meeting_label(row: pd.Series) -> str:
    """Return 'dd/mm/yyyy — title' for a meeting row."""
    return L.MEETING_OPTION.format(date=fmt_date(row["held_on"]), title=row["title"])


def cutoff_text(cutoff) -> str:
    """Return the cut-off as 'dd/mm/yyyy HH:MM'."""
    return fmt_datetime(cutoff)


def task_changes_tables(newly: pd.DataFrame, closed: pd.DataFrame) -> None:
    """Draw side by side the tasks newly overdue and the tasks completed since the previous meeting."""
    left, right = st.columns(2)
    with left:
        st.subheader(L.MEETING_NEWLY_OVERDUE)
        show_table(newly, TASK_TABLE, empty=L.MEETING_NONE_NEWLY_OVERDUE)
    with right:
        st.subheader(L.MEETING_CLOSED)
        show_table(closed, TASK_TABLE, empty=L.MEETING_NONE_CLOSED)
