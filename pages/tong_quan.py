"""Tổng quan: headline KPIs with their change against last week, and the oldest overdue tasks."""

import streamlit as st

from config.settings import load_settings
from metrics.dossiers import dossier_rates, totals_row
from metrics.indexes import latest_rank, published_by
from metrics.tasks import classify_tasks, open_overdue_by, overdue_list, status_counts
from texts import labels as L
from texts.cards import dossier_cards, rank_card, task_card
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
    open_now = int(status_counts(tasks_now)["open_overdue"].iloc[0])
    open_before = int(status_counts(tasks_before)["open_overdue"].iloc[0])
    results = published_by(data.reference(source, "index_results"), as_of)

    cards = dossier_cards(now, before, by_agency, settings, compare.text)
    cards.insert(3, task_card(open_now, open_before, open_overdue_by(tasks_now, "lead_agency"), settings,
                              compare.text))
    cards.append(rank_card("par_rank", latest_rank(results, settings.province, "PAR INDEX"), settings,
                           L.CONCERNS_PAR))
    cards.append(rank_card("rank_766", latest_rank(results, settings.province, "766"), settings, L.CONCERNS_766))
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
