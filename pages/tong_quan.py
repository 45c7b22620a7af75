"""Tổng quan: headline KPIs with their change against last week, what will go overdue in the next working days,
and the oldest overdue tasks."""

import pandas as pd
import streamlit as st

from texts import labels as L
from texts.fmt import fmt_date, fmt_int
from ui import views
from ui.early_warning import early_warning_section
from ui.guard import section
from ui.kpi import kpi_row
from ui.present import page_header
from ui.safe import md_escape
from ui.sidebar import current_filters
from ui.tables import Col, show_table
from views.cards import KpiCard

filters = current_filters()
source = filters.source
as_of, compare = filters.period.end, filters.compare


def slide(cards: list[KpiCard]) -> None:
    """Draw the slide: the eight headline cards."""
    with section("overview-kpis"):
        kpi_row(cards[:4])
        kpi_row(cards[4:])


def page(cards: list[KpiCard], oldest: pd.DataFrame) -> None:
    """Draw the page: the headline cards, the oldest overdue tasks and what will go overdue next."""
    slide(cards)
    with section("overview-oldest-tasks"):
        st.subheader(L.TASKS_OLDEST)
        show_table(oldest, empty=L.TASKS_NONE, columns=[
            Col("content", L.TASK_COLUMNS["content"]),
            Col("lead_agency_shown", L.TASK_COLUMNS["lead_agency"]),
            Col("days_overdue", L.TASK_COLUMNS["days_overdue"], fmt_int),
            Col("deadline", L.TASK_COLUMNS["deadline"], fmt_date),
            Col("doc_number", L.TASK_COLUMNS["doc_number"]),
            Col("leader", L.TASK_COLUMNS["leader"]),
        ])
    with section("overview-due-soon"):
        early_warning_section(source, as_of, filters.dossiers, filters.scope)


present = page_header(L.PAGE_OVERVIEW, filters,
                      L.PERIOD_LINE.format(start=fmt_date(filters.period.start), end=fmt_date(as_of)) + " · "
                      + L.SCOPE_LINE.format(scope=md_escape(filters.scope)))
view = None
with section("overview-kpis"):
    view = views.overview(source, filters.period, filters.dossiers, compare, filters.scope)
if view is not None and present:
    slide(view[0])
elif view is not None:
    page(*view)
