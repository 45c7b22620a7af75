"""Nhiệm vụ được giao: four-way status overall and per lead agency, ageing, overdue list, due soon."""

import altair as alt
import streamlit as st

from config.settings import load_settings
from metrics.kpis import most
from metrics.meetings import task_changes
from metrics.tasks import (
    TASK_STATUSES,
    due_soon,
    filter_tasks,
    overdue_ageing,
    overdue_list,
    status_counts,
    status_long,
)
from metrics.text import fold_key
from texts import labels as L
from texts.cards import KpiCard, change_text
from texts.fmt import fmt_date, fmt_int
from ui import data, views
from ui.auth import account
from ui.charts import TASK_COLOURS, column_chart, show_chart, stacked_bar
from ui.guard import section
from ui.kpi import kpi_row
from ui.meetings import task_changes_tables
from ui.present import page_header, shorten, slide_table
from ui.sidebar import current_filters
from ui.tables import Col, show_table

filters = current_filters()
settings = load_settings()
as_of = filters.period.end

present = page_header(L.PAGE_TASKS, filters, L.DATA_AS_OF.format(date=fmt_date(as_of)))

compare = filters.compare
SLIDE_TASKS = 5
with section("tasks"):
    tasks = views.classified_tasks(filters.source, as_of)
    docs, leaders, agencies, statuses = [], [], [], []
    if not present:  # a slide shows every task
        c1, c2, c3, c4 = st.columns(4)

        def choices(column: str) -> list[str]:
            return sorted(tasks[column].dropna().unique(), key=fold_key)  # Vietnamese order (Đ after D)

        docs = c1.multiselect(L.TASK_FILTER_DOC, choices("doc_number"), key="t_doc", placeholder=L.SIDEBAR_ALL)
        leaders = c2.multiselect(L.TASK_FILTER_LEADER, choices("leader"), key="t_leader", placeholder=L.SIDEBAR_ALL)
        home = account().home_agency()  # a department sees its own tasks first; it may widen
        if home is not None and "t_agency" not in st.session_state:
            mine = data.agency_name(filters.source, home)
            st.session_state["t_agency"] = [n for n in choices("lead_agency") if n == mine]
        agencies = c3.multiselect(L.TASK_FILTER_AGENCY, choices("lead_agency"), key="t_agency",
                                  placeholder=L.SIDEBAR_ALL)
        statuses = c4.multiselect(L.TASK_FILTER_STATUS, list(TASK_STATUSES), key="t_status",
                                  format_func=L.TASK_STATUS.get, placeholder=L.SIDEBAR_ALL)
    def chosen(frame):
        """Return the tasks the four filters keep."""
        for column, values in (("doc_number", docs), ("leader", leaders), ("lead_agency", agencies),
                               ("status", statuses)):
            frame = filter_tasks(frame, column, values)
        return frame

    shown = chosen(tasks)
    totals = status_counts(shown).iloc[0]
    before = status_counts(chosen(views.classified_tasks(compare.source, compare.period.end))).iloc[0]
    per_agency = status_counts(shown, by="lead_agency").rename(columns={"lead_agency": "name"})
    spec = settings.indicator("open_overdue_tasks")
    cards = []
    for status in TASK_STATUSES:
        tone = "info"
        if status == "open_overdue":
            tone = "green" if totals[status] <= spec.green else "amber" if totals[status] <= spec.amber else "red"
        top = most(per_agency, status) if not per_agency.empty else None
        concerns = L.CONCERNS_MOST.format(who=top[0], value=fmt_int(top[1])) if top else L.CONCERNS.format(
            who=L.CONCERNS_PROVINCE)
        cards.append(KpiCard(key=f"task-{status}", label=L.TASK_STATUS[status], value=fmt_int(totals[status]),
                             status=tone, concerns=concerns, delta_good_when_up=None,
                             delta=change_text(int(totals[status]) - int(before[status]), compare.text)))
    kpi_row(cards, per_row=5)

if present:
    with section("tasks-slide"):
        oldest = overdue_list(shown).head(SLIDE_TASKS)
        st.subheader(L.SLIDE_TASKS_OLDEST.format(n=len(oldest), total=fmt_int(len(overdue_list(shown)))))
        slide_table(oldest.assign(content=oldest["content"].map(shorten)), [
            Col("content", L.TASK_COLUMNS["content"]), Col("lead_agency_shown", L.TASK_COLUMNS["lead_agency"]),
            Col("days_overdue", L.TASK_COLUMNS["days_overdue"], fmt_int),
            Col("deadline", L.TASK_COLUMNS["deadline"], fmt_date)], empty=L.TASKS_NONE)
    st.stop()

if filters.meeting is not None and filters.meeting.previous_cutoff is not None:
    with section("tasks-since-meeting"):
        task_changes_tables(*task_changes(data.tasks(filters.source, as_of), filters.meeting.previous_cutoff, as_of))

with section("tasks-by-agency"):
    left, right = st.columns([3, 2])
    with left:
        st.subheader(L.TASKS_BY_AGENCY)
        per_agency = status_counts(shown, by="lead_agency")
        if per_agency.empty:
            st.caption(L.TASKS_NONE)
        else:
            long = status_long(per_agency, "lead_agency")
            long["status_label"] = long["status"].map(L.TASK_STATUS)
            long["count_label"] = long["count"].map(fmt_int)
            palette = {L.TASK_STATUS[s]: c for s, c in TASK_COLOURS.items()}
            order = [L.TASK_STATUS[s] for s in ("open_overdue", "done_late", "open_within_deadline", "done_on_time",
                                                "no_deadline")]
            show_chart(stacked_bar(
                long, "lead_agency", "count", "status_label", palette, order,
                [alt.Tooltip("lead_agency:N", title=L.TASK_COLUMNS["lead_agency"]),
                 alt.Tooltip("status_label:N", title=L.TASK_COLUMNS["status"]),
                 alt.Tooltip("count_label:N", title=L.COUNT_AXIS)],
                per_agency["lead_agency"].tolist()))
    with right:
        st.subheader(L.TASKS_AGEING)
        ages = overdue_ageing(shown)
        ages["bucket_label"] = ages["bucket"].map(L.AGE_BUCKETS)
        ages["count_label"] = ages["count"].map(fmt_int)
        show_chart(column_chart(ages, "bucket_label", "count", list(L.AGE_BUCKETS.values()),
                                     TASK_COLOURS["open_overdue"],
                                     [alt.Tooltip("bucket_label:N", title=L.AGE_AXIS),
                                      alt.Tooltip("count_label:N", title=L.COUNT_AXIS)]))

task_columns = [
    Col("content", L.TASK_COLUMNS["content"]),
    Col("lead_agency_shown", L.TASK_COLUMNS["lead_agency"]),
    Col("doc_number", L.TASK_COLUMNS["doc_number"]),
    Col("deadline", L.TASK_COLUMNS["deadline"], fmt_date),
]
with section("tasks-overdue"):
    st.subheader(L.TASKS_OVERDUE_LIST)
    show_table(overdue_list(shown), empty=L.TASKS_NONE,
               columns=task_columns[:2] + [Col("days_overdue", L.TASK_COLUMNS["days_overdue"], fmt_int)]
               + task_columns[2:] + [Col("leader", L.TASK_COLUMNS["leader"]),
                                     Col("progress_note", L.TASK_COLUMNS["progress_note"])])

with section("tasks-due-soon"):
    st.subheader(L.TASKS_DUE_SOON.format(days=settings.due_soon_days))
    show_table(due_soon(shown, as_of, settings.due_soon_days), empty=L.TASKS_NONE,
               columns=task_columns + [Col("days_left", L.TASK_COLUMNS["days_left"], fmt_int),
                               Col("coordinating", L.TASK_COLUMNS["coordinating"])])
