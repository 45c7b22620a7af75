"""Nhiệm vụ được giao: four-way status overall and per lead agency, ageing, overdue list, due soon."""

import altair as alt
import streamlit as st

from config.settings import load_settings
from metrics.meetings import task_changes
from metrics.tasks import TASK_STATUSES
from texts import labels as L
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
from ui.views import TasksView

filters = current_filters()
settings = load_settings()
as_of = filters.period.end

compare = filters.compare
SLIDE_TASKS = 5


def pickers(choices: dict[str, list[str]]) -> tuple[tuple[str, ...], ...]:
    """Draw the page's four task pickers (a slide shows every task); return what they chose."""
    c1, c2, c3, c4 = st.columns(4)
    docs = c1.multiselect(L.TASK_FILTER_DOC, choices["doc_number"], key="t_doc", placeholder=L.SIDEBAR_ALL,
                          select_all=False)
    leaders = c2.multiselect(L.TASK_FILTER_LEADER, choices["leader"], key="t_leader",
                             placeholder=L.SIDEBAR_ALL, select_all=False)
    home = account().home_agency()  # a department sees its own tasks first; it may widen
    if home is not None and "t_agency" not in st.session_state:
        mine = data.agency_name(filters.source, home)
        st.session_state["t_agency"] = [n for n in choices["lead_agency"] if n == mine]
    agencies = c3.multiselect(L.TASK_FILTER_AGENCY, choices["lead_agency"], key="t_agency",
                              placeholder=L.SIDEBAR_ALL, select_all=False)
    statuses = c4.multiselect(L.TASK_FILTER_STATUS, list(TASK_STATUSES), key="t_status",
                              format_func=L.TASK_STATUS.get, placeholder=L.SIDEBAR_ALL, select_all=False)
    return tuple(tuple(v) for v in (docs, leaders, agencies, statuses))


def slide(view: TasksView) -> None:
    """Draw the slide: the task cards and the oldest overdue tasks."""
    with section("tasks-slide"):
        kpi_row(view.cards, per_row=5)
        oldest = view.overdue.head(SLIDE_TASKS)
        st.subheader(L.SLIDE_TASKS_OLDEST.format(n=len(oldest), total=fmt_int(len(view.overdue))))
        slide_table(oldest.assign(content=oldest["content"].map(shorten)), [
            Col("content", L.TASK_COLUMNS["content"]), Col("lead_agency_shown", L.TASK_COLUMNS["lead_agency"]),
            Col("days_overdue", L.TASK_COLUMNS["days_overdue"], fmt_int),
            Col("deadline", L.TASK_COLUMNS["deadline"], fmt_date)], empty=L.TASKS_NONE)


def by_agency(view: TasksView) -> None:
    """Draw the statuses per lead agency beside the overdue tasks' ages."""
    left, right = st.columns([3, 2])
    with left:
        st.subheader(L.TASKS_BY_AGENCY)
        if view.by_agency.empty:
            st.caption(L.TASKS_NONE)
        else:
            palette = {L.TASK_STATUS[s]: c for s, c in TASK_COLOURS.items()}
            order = [L.TASK_STATUS[s] for s in ("open_overdue", "done_late", "open_within_deadline", "done_on_time",
                                                "no_deadline")]
            show_chart(stacked_bar(
                view.by_agency, "lead_agency", "count", "status_label", palette, order,
                [alt.Tooltip("lead_agency:N", title=L.TASK_COLUMNS["lead_agency"]),
                 alt.Tooltip("status_label:N", title=L.TASK_COLUMNS["status"]),
                 alt.Tooltip("count_label:N", title=L.COUNT_AXIS)],
                view.agency_order))
    with right:
        st.subheader(L.TASKS_AGEING)
        show_chart(column_chart(view.ages, "bucket_label", "count", list(L.AGE_BUCKETS.values()),
                                TASK_COLOURS["open_overdue"],
                                [alt.Tooltip("bucket_label:N", title=L.AGE_AXIS),
                                 alt.Tooltip("count_label:N", title=L.COUNT_AXIS)]))


TASK_COLUMNS = [
    Col("content", L.TASK_COLUMNS["content"]),
    Col("lead_agency_shown", L.TASK_COLUMNS["lead_agency"]),
    Col("doc_number", L.TASK_COLUMNS["doc_number"]),
    Col("deadline", L.TASK_COLUMNS["deadline"], fmt_date),
]


def page(view: TasksView) -> None:
    """Draw the page: the cards, what changed since the last meeting, the charts, overdue and due-soon tasks."""
    with section("tasks"):
        kpi_row(view.cards, per_row=5)
    if filters.meeting is not None and filters.meeting.previous_cutoff is not None:
        with section("tasks-since-meeting"):
            task_changes_tables(*task_changes(data.tasks(filters.source, as_of), filters.meeting.previous_cutoff,
                                              as_of))
    with section("tasks-by-agency"):
        by_agency(view)
    with section("tasks-overdue"):
        st.subheader(L.TASKS_OVERDUE_LIST)
        show_table(view.overdue, empty=L.TASKS_NONE,
                   columns=TASK_COLUMNS[:2] + [Col("days_overdue", L.TASK_COLUMNS["days_overdue"], fmt_int)]
                   + TASK_COLUMNS[2:] + [Col("leader", L.TASK_COLUMNS["leader"]),
                                         Col("progress_note", L.TASK_COLUMNS["progress_note"])])
    with section("tasks-due-soon"):
        st.subheader(L.TASKS_DUE_SOON.format(days=settings.due_soon_days))
        show_table(view.due_soon, empty=L.TASKS_NONE,
                   columns=TASK_COLUMNS + [Col("days_left", L.TASK_COLUMNS["days_left"], fmt_int),
                                           Col("working_days_left", L.TASK_COLUMNS["working_days_left"], fmt_int),
                                           Col("coordinating", L.TASK_COLUMNS["coordinating"])])


present = page_header(L.PAGE_TASKS, filters, L.DATA_AS_OF.format(date=fmt_date(as_of)))
view = None
with section("tasks"):
    chosen = ((), (), (), ()) if present else pickers(views.task_choices(filters.source, as_of))
    view = views.tasks(filters.source, as_of, compare, chosen, settings.due_soon_days)
if view is not None and present:
    slide(view)
elif view is not None:
    page(view)
