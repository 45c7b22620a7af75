"""The Streamlit boundary of data_access: the process-wide context (data_access.store.context), the Source the pages
read (data_access.figures.source) and the figures assembled from it (data_access.figures.assemble), cached on the
Source's key and the filters. A new import changes the live Source's key, so caches follow; a meeting's Source never
changes, so nothing a page shows moves when data is imported during the meeting.
"""

import logging
from collections.abc import Callable
from datetime import date
from typing import Any, NamedTuple

import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from config.settings import load_settings
from data_access.accounts.audit import read_audit
from data_access.accounts.store import Account, list_accounts
from data_access.figures import assemble as figures
from data_access.figures import queries as q
from data_access.figures.dossier_queries import DossierFilter
from data_access.figures.early_warning import DueSoon
from data_access.figures.queries import QUERY_HASH_FUNCS, Query
from data_access.figures.source import SOURCE_HASH_FUNCS, Source, live_key, open_source, scope_of
from data_access.figures.stage_queries import StageQuery
from data_access.importing.preview import import_history
from data_access.meetings import records as meeting_store
from data_access.meetings.conclusions import meeting_conclusions as meeting_conclusions_of
from data_access.store.context import app_context, forget_context
from data_access.store.engine import database_refusal, database_url
from data_access.store.meta import DATA_AS_OF, read_meta
from metrics.errors import DomainError
from metrics.periods import Period
from metrics.territory import units_in_force
from metrics.workdays import Calendar
from texts.fmt import VIETNAM
from ui import loads, recount
from ui.recount import Counted
from ui.shared import kept

TTL_SECONDS = 600
FRESH_SECONDS = 5  # the sidebar's database check and meetings list, per process (a run re-reads them no sooner)
log = logging.getLogger(__name__)


def _engine(url: str) -> Engine:
    return app_context(url).engine


def engine() -> Engine:
    """Return the engine of the configured database, started once per process (data_access.store.context)."""
    return _engine(database_url())


def read_only() -> bool:
    """Return True when the configured database was opened read-only (viewing only; writes are refused)."""
    return app_context(database_url()).read_only


class Unreachable(NamedTuple):
    """Why the database did not answer: the error (logged), and the Vietnamese sentence of a refusal (its account
    lacks rights on a table, data_access.store.engine) or None when it was unreachable for another reason."""

    error: str
    refusal: str | None


def connection_error(recent: bool = False) -> Unreachable | None:
    """Return None when the database answers (with `recent`, or answered the sidebar's read of the meta table less
    than FRESH_SECONDS ago in this process), else why not (the next call starts the database again)."""
    url = database_url()
    try:
        if recent:
            _state(url)  # kept FRESH_SECONDS when it answered; a failure is not kept, so it is read again
        else:
            with _engine(url).connect() as conn:
                read_meta(conn)
        return None
    except (SQLAlchemyError, OSError, DomainError) as exc:  # DomainError: a read-only file at an older revision
        log.exception("database unreachable")
        forget_context(url)
        return Unreachable(str(exc), database_refusal(exc))


@st.cache_data(ttl=FRESH_SECONDS, show_spinner=False)
def _state(url: str) -> tuple[dict[str, str], pd.DataFrame]:
    """Return the meta table and the meetings list: what every run of every page reads first, kept a few seconds."""
    with _engine(url).connect() as conn:
        return read_meta(conn), meeting_store.list_meetings(conn)


def meta() -> dict[str, str]:
    """Return the meta table of the configured database (data kind, last load, as-of date); read at most every
    FRESH_SECONDS per process."""
    return _state(database_url())[0]


def forget_meta() -> None:
    """Drop the cached meta table (after an import) so that freshness and caches update at once."""
    _state.clear()


FRESH_KEY = "_fresh_load"  # session: the new load it asked for (a view the previous load had not counted)
NEWEST = "*"  # FRESH_KEY's value for "the newest load, whatever its key" (after this session's own import)
NEWER_KEY = "_newer_load"  # session, this run: the new load's key while the previous load is shown, else None


def source(meeting_id: int | None, account: Account,
           count_defaults: Callable[[Source, Source], None] | None = None) -> Source:
    """Return the Source an account reads: a meeting's (data_access.figures.source.open_source) or the live database's,
    narrowed to the account's scope; one per meeting, data version and scope, shared by every session. With
    `count_defaults` (ui.warm), after a new load the live one stays the previous load's while `count_defaults(new,
    previous)` counts the new load's default views (ui.loads); without it, the new load at once."""
    url, now = database_url(), meta()
    found = _source(url, meeting_id, live_key(url, now), account.detail_unit())
    if meeting_id is not None:
        return found
    if st.session_state.get(FRESH_KEY) == NEWEST:
        st.session_state[FRESH_KEY] = found.key  # the load this session just imported, whatever its key
    if count_defaults is None:
        return found
    chosen = loads.choose((url, found.scope), found, count_defaults,
                          fresh_asked=st.session_state.get(FRESH_KEY) == found.key)
    st.session_state[NEWER_KEY] = chosen.newer
    return chosen.source


def meta_of(source: Source) -> dict[str, str]:
    """Return the meta table of the load a Source shows (the previous load's while the new one is counted)."""
    return source.opened_on or meta()


def data_as_of(meta_table: dict[str, str]) -> date:
    """Return the as-of date of loaded data (not after today)."""
    try:
        loaded = date.fromisoformat(meta_table.get(DATA_AS_OF, ""))
    except ValueError:
        return date.today()
    return min(loaded, date.today())


def newer_load() -> str | None:
    """Return the key of the new load being counted while this run shows the previous one, else None."""
    return st.session_state.get(NEWER_KEY)


def newer_counted(shown: Source, newer: str) -> bool:
    """Return True when the new load `newer` is counted where `shown` is read (every page may switch to it)."""
    return loads.counted((database_url(), shown.scope), newer)


def read_newest_load() -> None:
    """Let this session read the newest load from its next run on (it has just imported it, and waits anyway)."""
    st.session_state[FRESH_KEY] = NEWEST


def switch_to_newer() -> None:
    """Show this session the new load at once (it asked for a view the previous load had not counted) and run the
    page again: never half of each load."""
    st.session_state[FRESH_KEY] = st.session_state.get(NEWER_KEY)
    st.rerun()


def stages_counted(source: Source, query: StageQuery) -> tuple[str, ...]:
    """Count the stage analysis and overdue codes of `source`'s own data, waiting for them (ui.warm); return the
    codes."""
    return recount.latest_together(source, _stage_asks(source, query), wait=recount.COUNT_WAIT_S)[1].value


@st.cache_resource(ttl=TTL_SECONDS, max_entries=32, show_spinner=False)
def _source(url: str, meeting_id: int | None, stamp: str, unit_id: int | None) -> Source:
    """Return the Source of a meeting or of the live data (`stamp`: its version), narrowed to a commune account's
    units (`unit_id`: its commune, None for the others)."""
    engine = _engine(url)
    return open_source(engine, meeting_id, scope=scope_of(engine, unit_id))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, hash_funcs={**SOURCE_HASH_FUNCS, **QUERY_HASH_FUNCS})
def read(source: Source, query: Query) -> Any:
    """Return a query's answer on a Source (data_access.figures.queries), counted once per process for every viewer:
    the one cache of the figures, keyed on the Source's key (which moves with each load) and the query's."""
    return source.read(query)


def counts(source: Source, period: Period, flt: DossierFilter, by: str | None = None) -> pd.DataFrame:
    """Return dossier COUNT_COLUMNS for a period (data_access.figures.assemble.counts)."""
    return read(source, q.Counts(period, flt, by))


def series(source: Source, periods: tuple[Period, ...], flt: DossierFilter) -> pd.DataFrame:
    """Return dossier COUNT_COLUMNS per period, with period_start and period_end
    (data_access.figures.assemble.series)."""
    return read(source, q.Series(tuple(periods), flt))


def agencies_offered(source: Source, on: date) -> pd.DataFrame:
    """Return the agencies in force on a date (data_access.figures.assemble.agencies_offered)."""
    return read(source, q.AgenciesOffered(on))


def units_offered(source: Source, on: date) -> pd.DataFrame:
    """Return the units in force on a date within the Source's scope (data_access.figures.assemble.units_offered)."""
    return read(source, q.UnitsOffered(on))


def unit_lines(source: Source, period: Period, flt: DossierFilter) -> pd.DataFrame:
    """Return dossier counts per unit in force at the period's end, then the lines not attributed to one
    (data_access.figures.assemble.unit_lines)."""
    return read(source, q.UnitLines(period, flt))


def overdue(source: Source, period: Period, flt: DossierFilter, by: str) -> pd.DataFrame:
    """Return overdue counts per procedure or per agency holding the dossier (data_access.figures.assemble.overdue)."""
    return read(source, q.Overdue(period, flt, by))


def ageing(source: Source, as_of: date, flt: DossierFilter) -> pd.DataFrame:
    """Return overdue dossiers in progress per age bucket at as_of."""
    return read(source, q.Ageing(as_of, flt))


def stages(source: Source, query: StageQuery) -> tuple[Counted[figures.StageAnalysis], Counted[tuple[str, ...]]]:
    """Return where the query's dossiers lost their days (data_access.figures.assemble.stages) and the codes of its
    overdue dossiers that have steps, most days overdue first; or the previous load's while the new ones are counted
    (ui.recount: the slowest count of the app). Both counts start together."""
    return tuple(recount.latest_together(source, _stage_asks(source, query)))


def _stage_asks(source: Source, query: StageQuery) -> list[recount.Ask]:
    return [recount.Ask("stages", (query,), lambda: figures.stages(source, query)),
            recount.Ask("overdue_codes", (query,), lambda: source.overdue_codes(query))]


def stages_ready(source: Source, query: StageQuery) -> bool:
    """Return True when the stage analysis and overdue codes of `source`'s own data are counted."""
    return recount.ready(source, "stages", (query,)) and recount.ready(source, "overdue_codes", (query,))


def calendar(source: Source) -> Calendar:
    """Return the calendar of working days (data_access.reference.holidays)."""
    return read(source, q.WorkingDays())


def due_soon(source: Source, as_of: date, flt: DossierFilter) -> DueSoon | None:
    """Return what will go overdue within settings' early-warning working days after as_of, or None for a meeting
    (data_access.figures.source.Source.due_soon)."""
    return read(source, q.DueSoon(as_of, flt, load_settings().early_warning_days))


def journey(source: Source, code: str, as_of: date) -> pd.DataFrame:
    """Return one dossier's steps as counted at as_of (data_access.figures.stage_queries.JOURNEY_COLUMNS)."""
    return read(source, q.Journey(code, as_of))


def tasks(source: Source, issued_by: date | None) -> pd.DataFrame:
    """Return tasks issued by a date, as that date's agencies carry them (data_access.figures.assemble.tasks)."""
    return read(source, q.Tasks(issued_by))


def successors(source: Source, on: date) -> dict[int, int]:
    """Return {agency id: the agency it counts for on `on`}."""
    return read(source, q.Successors(on))


def reference(source: Source, name: str) -> pd.DataFrame:
    """Return a reference frame (data_access.figures.source.REFERENCE): index_results, units, unit_lineage,
    agency_lineage or agencies."""
    return read(source, q.Reference(name))


def boundaries(source: Source, level: str) -> tuple[dict, str | None]:
    """Return (the shapes drawn for a level, the name of the official file they come from or None when shipped),
    read once per Source and shared by every viewer without a copy (read only; a new import is a new Source)."""
    return kept(_boundaries, source, level)


def _boundaries(source: Source, level: str) -> tuple[dict, str | None]:
    return source.boundaries(level)


def scorecard(source: Source, period: Period, flt: DossierFilter, min_dossiers: int) -> tuple[pd.DataFrame,
                                                                                            pd.DataFrame]:
    """Return (the scored units in force at the period's end, the lines not attributed to one of them)."""
    return read(source, q.Scorecard(period, flt, tuple(load_settings().scorecard_specs), min_dossiers))


def scorecard_comparison(source: Source, kind: str, period: Period) -> tuple[Period, figures.Comparison]:
    """Return (the window the scorecard counts, what its ranks move against) (figures.scorecard_comparison)."""
    settings = load_settings()
    return figures.scorecard_comparison(source, kind, period, settings.scorecard_months, settings.week_starts_on)


def meetings() -> pd.DataFrame:
    """Return the meetings, latest first (read at most every FRESH_SECONDS per process; forget_meetings after a
    meeting is created here)."""
    return _state(database_url())[1]


def forget_meetings() -> None:
    """Drop the cached meetings list (after this process created a meeting) so that it shows at once."""
    _state.clear()


def meeting_conclusions(meeting_id: int, source: Source) -> pd.DataFrame:
    """Return a meeting's conclusions (data_access.meetings.conclusions.COLUMNS), within the Source's scope."""
    with engine().connect() as conn:
        return meeting_conclusions_of(conn, meeting_id, None if source.scope is None else source.scope.unit_ids)


def notice_inputs(meeting_id: int) -> meeting_store.NoticeInputs:
    """Return what the conclusion notice reads of a meeting beside its frozen figures (the Office sees all)."""
    with engine().connect() as conn:
        return meeting_store.notice_inputs(conn, meeting_id)


def in_vietnam(times: pd.Series) -> pd.Series:
    """Return stored UTC times (naive) as Vietnam's local times (naive), for display beside every other time."""
    return pd.to_datetime(times).dt.tz_localize("UTC").dt.tz_convert(VIETNAM).dt.tz_localize(None)


def accounts() -> pd.DataFrame:
    """Return the accounts (data_access.accounts.store.list_accounts: no hashes), read fresh, times in Vietnam's
    time."""
    with engine().connect() as conn:
        listed = list_accounts(conn)
    return listed.assign(created_at=in_vietnam(listed["created_at"]), locked_until=in_vietnam(listed["locked_until"]))


def import_log() -> pd.DataFrame:
    """Return the latest imports (data_access.importing.preview.import_history), times in Vietnam's time."""
    with engine().connect() as conn:
        history = import_history(conn)
    return history.assign(imported_at=in_vietnam(history["imported_at"]))


def audit_trail(since: date | None, account: str | None, action: str | None) -> pd.DataFrame:
    """Return the audit trail (data_access.accounts.audit.read_audit), latest first, its times in Vietnam's time."""
    with engine().connect() as conn:
        trail = read_audit(conn, since, account, action)
    return trail.assign(at=in_vietnam(trail["at"]))


def unit_name(source: Source, unit_ids: tuple[int, ...], on: date) -> str | None:
    """Return the name of the unit in force on `on` among `unit_ids` (a commune with its predecessors), or None."""
    frame = reference(source, "units")
    shown = units_in_force(frame, on)
    found = shown.loc[shown["id"].isin(unit_ids), "name"]
    return None if found.empty else str(found.iloc[0])


def agency_name(source: Source, agency_id: int) -> str | None:
    """Return an agency's name (None when it is not known)."""
    frame = reference(source, "agencies")
    found = frame.loc[frame["id"] == agency_id, "name"]
    return None if found.empty else str(found.iloc[0])
