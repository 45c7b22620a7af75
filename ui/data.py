"""The Streamlit boundary of data_access: the process-wide context (data_access.context), cached queries keyed
on filters.

Every cached query takes `version` (the time of the last load) so that a new import invalidates it. While a
meeting is selected, `version` names the meeting instead and the same functions answer from its frozen frames
(data_access.snapshots), so nothing a page shows moves when data is imported during the meeting.
"""

import logging
from datetime import date

import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from config.settings import load_settings
from data_access import boundaries as boundary_store
from data_access import index_queries, overdue_queries, reference, rollup_queries, snapshots, task_queries, territory
from data_access import meetings as meeting_store
from data_access.context import app_context, forget_context
from data_access.dossier_queries import DossierFilter
from data_access.engine import database_url
from data_access.meta import LAST_LOAD_AT, TASKS_CHANGED_AT, read_meta
from metrics.agencies import agency_successors, regroup_by_successor
from metrics.periods import Period
from metrics.rollup import detail_months, last_month, period_counts, remap_keys, series_from_daily
from metrics.tasks import classify_tasks
from metrics.territory import scorecard_in_force
from texts.tasks import tasks_of_agencies_on

TTL_SECONDS = 600
OVERDUE_COUNTS = ["resolved_late", "in_progress_overdue", "overdue_total", "overdue_land_env"]
VIEW_KEY = "_meeting_view"  # the meeting whose frozen frames the pages read (set by the sidebar), or None
MEETING_MARK = "|meeting:"
log = logging.getLogger(__name__)


def _engine(url: str) -> Engine:
    return app_context(url).engine


def engine() -> Engine:
    """Return the engine of the configured database, started once per process (data_access.context)."""
    return _engine(database_url())


def connection_error() -> str | None:
    """Return None when the database answers, or the error text to log (the next call starts it again)."""
    url = database_url()
    try:
        with _engine(url).connect() as conn:
            read_meta(conn)
        return None
    except (SQLAlchemyError, OSError) as exc:
        log.exception("database unreachable")
        forget_context(url)
        return str(exc)


@st.cache_data(ttl=10, show_spinner=False)
def _meta(url: str) -> dict[str, str]:
    with _engine(url).connect() as conn:
        return read_meta(conn)


def meta() -> dict[str, str]:
    """Return the meta table of the configured database (data kind, last load, as-of date); cached 10 s."""
    return _meta(database_url())


def forget_meta() -> None:
    """Drop the cached meta table (after an import) so that freshness and caches update at once."""
    _meta.clear()


def live_version() -> str:
    """Return the version key of the live data: the database, its last load time and its last task recorded in the
    app (a new load or a meeting decision changes it)."""
    current = meta()
    return f"{database_url()}|{current.get(LAST_LOAD_AT, '')}|{current.get(TASKS_CHANGED_AT, '')}"


def meeting_version(meeting_id: int) -> str:
    """Return the version key of a meeting's frozen frames."""
    return f"{database_url()}{MEETING_MARK}{meeting_id}"


def version() -> str:
    """Return the version key the pages read: the selected meeting's frozen frames, or the live data."""
    meeting_id = st.session_state.get(VIEW_KEY)
    return live_version() if meeting_id is None else meeting_version(meeting_id)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _snapshot(url: str, meeting_id: int) -> dict[str, pd.DataFrame]:
    with _engine(url).connect() as conn:
        return snapshots.load_snapshot(conn, meeting_id)


def _frozen(version: str) -> dict[str, pd.DataFrame] | None:
    """Return the frozen frames a meeting version names, or None for the live data."""
    if MEETING_MARK not in version:
        return None
    url, meeting_id = version.rsplit(MEETING_MARK, 1)
    return _snapshot(url, int(meeting_id))


def _frame_or_query(version: str, name: str, read) -> pd.DataFrame:
    """Return the meeting's frozen frame `name`, or `read(conn)` on the live database."""
    frames = _frozen(version)
    if frames is not None and name in frames:  # meetings frozen before lineage was kept read it live
        return frames[name]
    with engine().connect() as conn:
        return read(conn)


def has_snapshot(meeting_id: int) -> bool:
    """Return True when a meeting has frozen frames (meetings created before revision 0005 have none)."""
    return bool(_snapshot(database_url(), meeting_id))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _sums(version: str, flt: DossierFilter, by: str | None, months: tuple[date, ...], until: date) -> pd.DataFrame:
    frames = _frozen(version)
    if frames is not None:
        return snapshots.frozen_sums(frames, flt, by, months)
    with engine().connect() as conn:
        return rollup_queries.period_sums(conn, flt, by, months, until)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _names(version: str, by: str) -> pd.DataFrame:
    return _frame_or_query(version, f"names:{by}", lambda conn: rollup_queries.dimension_names(conn, by))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def counts(version: str, period: Period, flt: DossierFilter, by: str | None = None) -> pd.DataFrame:
    """Return dossier COUNT_COLUMNS for a period from the rollups: one row, or one row per unit, agency, field or
    level with `key` and `name` first (only groups with dossiers in the period, as dossier_queries would)."""
    sums = _sums(version, flt, by, detail_months([period]), last_month([period]))
    if by == "agency":  # a merged agency's dossiers count for its successor
        sums = remap_keys(sums, "agency", successors(version, period.end))
    return period_counts(sums, period, by, None if by is None else _names(version, by))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def series(version: str, periods: tuple[Period, ...], flt: DossierFilter) -> pd.DataFrame:
    """Return dossier COUNT_COLUMNS per period, with period_start and period_end, from the rollups."""
    return series_from_daily(_sums(version, flt, None, detail_months(periods), last_month(periods)), periods)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def overdue(version: str, period: Period, flt: DossierFilter, by: str) -> pd.DataFrame:
    """Return overdue counts per procedure or per agency holding the dossier (see overdue_queries)."""
    frames = _frozen(version)
    if frames is not None:
        found = snapshots.frozen_overdue(frames, period, flt, by)
    else:
        with engine().connect() as conn:
            found = overdue_queries.overdue_counts(conn, period, flt, by)
    if by != "current_agency":
        return found
    return regroup_by_successor(found, successors(version, period.end), _agency_names(version), OVERDUE_COUNTS)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def ageing(version: str, as_of: date, flt: DossierFilter) -> pd.DataFrame:
    """Return overdue dossiers in progress per age bucket at as_of."""
    frames = _frozen(version)
    if frames is not None:
        return snapshots.frozen_ageing(frames, as_of, flt)
    with engine().connect() as conn:
        return overdue_queries.overdue_ageing(conn, as_of, flt)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def tasks(version: str, issued_by) -> pd.DataFrame:
    """Return tasks issued by a date (see task_queries.load_tasks)."""
    frames = _frozen(version)
    if frames is not None:
        found = snapshots.frozen_tasks(frames, issued_by)
    else:
        with engine().connect() as conn:
            found = task_queries.load_tasks(conn, issued_by)
    return tasks_of_agencies_on(found, agencies(version), agency_lineage(version), issued_by or date.today())


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def index_results(version: str) -> pd.DataFrame:
    """Return every index result."""
    return _frame_or_query(version, "index_results", index_queries.load_index_results)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def units(version: str) -> pd.DataFrame:
    """Return territorial units."""
    return _frame_or_query(version, "units", reference.list_units)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def successors(version: str, on: date) -> dict[int, int]:
    """Return {agency id: the agency it counts for on `on`} (metrics.agencies.agency_successors)."""
    return agency_successors(agencies(version), agency_lineage(version), on)


def _agency_names(version: str) -> dict[int, str]:
    frame = agencies(version)
    return dict(zip(frame["id"].astype(int), frame["name"], strict=True))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def unit_lineage(version: str) -> pd.DataFrame:
    """Return which old unit went into which new one (see territory.list_unit_lineage)."""
    return _frame_or_query(version, "unit_lineage", territory.list_unit_lineage)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def agency_lineage(version: str) -> pd.DataFrame:
    """Return which old agency a merged agency succeeds (see territory.list_agency_lineage)."""
    return _frame_or_query(version, "agency_lineage", territory.list_agency_lineage)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def agencies(version: str) -> pd.DataFrame:
    """Return agencies."""
    return _frame_or_query(version, "agencies", reference.list_agencies)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def boundaries(version: str, level: str) -> tuple[dict, str | None]:
    """Return (the shapes drawn for a level, the name of the official file they come from or None when shipped)."""
    with engine().connect() as conn:
        return boundary_store.load_boundaries(conn, level), boundary_store.official_file(conn, level)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def scorecard(version: str, period: Period, flt: DossierFilter, min_dossiers: int) -> tuple[pd.DataFrame,
                                                                                          pd.DataFrame]:
    """Return (the scored units in force at the period's end, the lines not attributed to one of them)."""
    settings = load_settings()
    return scorecard_in_force(counts(version, period, flt, "unit"), classify_tasks(tasks(version, period.end),
                                                                                   period.end),
                              units(version), unit_lineage(version), period.end, settings.scorecard_specs,
                              min_dossiers)


def meetings() -> pd.DataFrame:
    """Return the meetings, latest first (a small table, read fresh)."""
    with engine().connect() as conn:
        return meeting_store.list_meetings(conn)


def meeting_record(meeting_id: int) -> tuple[dict, dict | None, int | None]:
    """Return (frozen figures, the previous meeting's frozen figures or None, the previous meeting id)."""
    with engine().connect() as conn:
        previous = meeting_store.previous_meeting(conn, meeting_id)
        before = meeting_store.frozen_figures(conn, previous) if previous is not None else None
        return meeting_store.frozen_figures(conn, meeting_id), before, previous


def meeting_decisions(meeting_id: int) -> pd.DataFrame:
    """Return the tasks a meeting decided."""
    with engine().connect() as conn:
        return meeting_store.meeting_decisions(conn, meeting_id)
