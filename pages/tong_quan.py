"""Tổng quan: headline KPIs with their change against last week, and the oldest overdue tasks."""

import streamlit as st

from config.settings import load_settings
from metrics.dossiers import dossier_rates, totals_row
from metrics.indexes import published_by
from metrics.tasks import classify_tasks, overdue_list
from texts import labels as L
from texts.cards import headline_cards
from texts.fmt import fmt_date, fmt_int
from ui import data
from ui.guard import section
from ui.kpi import kpi_row
from ui.present import page_header
from ui.sidebar import current_filters
from ui.tables import Col, show_table

filters = current_filters()
settings = load_settings()
source = filters.source
as_of, compare = filters.period.end, filters.compare

present = page_header(L.PAGE_OVERVIEW, filters,
                      L.PERIOD_LINE.format(start=fmt_date(filters.period.start), end=fmt_date(as_of)))

with section("overview-kpis"):
    now = totals_row(data.counts(source, filters.period, filters.dossiers))
    before = totals_row(data.counts(compare.source, compare.period, filters.dossiers))
    by_agency = dossier_rates(data.counts(source, filters.period, filters.dossiers, "agency"))
    tasks_now = classify_tasks(data.tasks(source, as_of), as_of)
    tasks_before = classify_tasks(data.tasks(compare.source, compare.period.end), compare.period.end)
    results = published_by(data.reference(source, "index_results"), as_of)
    cards = headline_cards(now, before, by_agency, tasks_now, tasks_before, results, settings, compare.text)
    kpi_row(cards[:4])
    kpi_row(cards[4:])
if present:
    st.stop()  # the slide is the eight headline cards

with section("overview-oldest-tasks"):
    st.subheader(L.TASKS_OLDEST)
    oldest = overdue_list(tasks_now).head(10)
    show_table(oldest, empty=L.TASKS_NONE, columns=[
        Col("content", L.TASK_COLUMNS["content"]),
        Col("lead_agency_shown", L.TASK_COLUMNS["lead_agency"]),
        Col("days_overdue", L.TASK_COLUMNS["days_overdue"], fmt_int),
        Col("deadline", L.TASK_COLUMNS["deadline"], fmt_date),
        Col("doc_number", L.TASK_COLUMNS["doc_number"]),
        Col("leader", L.TASK_COLUMNS["leader"]),
    ])
