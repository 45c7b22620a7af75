"""One source of figures: the live database, or one meeting's frozen frames. `open_source` chooses once; everything
after it (pages, slides, the pack, the command line) reads a Source one way and never asks which kind it is.

A Source has one hashable identity, `key`, that changes when what it reads changes: the database URL with the time
of the last load and of the last task recorded (live), or the URL with the meeting id (frozen frames never change).
Streamlit caches on it through `SOURCE_HASH_FUNCS`. Its `family` is the same without the data version, so that a
slow count of the previous load can stand in, labelled, while the new load's is counted (ui.recount). A Source is
handed its engine (and frames); it never reaches back into the app. Counts are assembled from its reads in one
place, data_access.figures.assemble.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from operator import attrgetter
from typing import Any, Protocol, TypeVar

import pandas as pd
from sqlalchemy import Engine, select

from data_access.accounts.store import NotAllowed
from data_access.figures import index_queries, reads, rollup_queries, stage_queries
from data_access.figures.dossier_queries import NO_FILTER, DossierFilter
from data_access.figures.early_warning import DueSoon
from data_access.figures.reads import LAND_ENV
from data_access.figures.summary import summary_of
from data_access.meetings import records as meeting_store
from data_access.meetings import snapshots
from data_access.reference import boundaries as boundary_store
from data_access.reference import lookup as reference
from data_access.reference import territory
from data_access.reference.holidays import holiday_calendar
from data_access.store.meta import LAST_LOAD_AT, TASKS_CHANGED_AT, read_meta
from data_access.store.schema import meeting_frames, meetings
from metrics.errors import DomainError
from metrics.periods import PERIOD_KINDS, Period
from metrics.rollup import counts_from_daily, detail_months, last_month
from metrics.tasks import classify_tasks
from metrics.territory import units_attributed_to
from metrics.workdays import Calendar
from texts import messages as M

T = TypeVar("T")
SUMS_KEPT = 64  # rollup sums kept per Source (each a few thousand rows at most)
REFERENCE = ("index_results", "units", "unit_lineage", "agency_lineage", "agencies")
_READ_REFERENCE = {"index_results": index_queries.load_index_results, "units": reference.list_units,
                   "unit_lineage": territory.list_unit_lineage, "agency_lineage": territory.list_agency_lineage,
                   "agencies": reference.list_agencies, "fields": reference.list_fields,
                   "procedures": reference.list_procedures}


@dataclass(frozen=True)
class Scope:
    """What an account may see in detail: its commune's units (the commune with its whole predecessors). Province
    figures (totals without filters) and the scorecard's per-unit counts stay visible; every other read is narrowed
    to these units in the query, and a read that asks only for other units is refused."""

    unit_ids: tuple[int, ...]


@dataclass(frozen=True)
class Meeting:
    """A meeting whose figures are shown, and the meeting held before it (None for the first)."""

    id: int
    title: str
    held_on: date
    cutoff_at: datetime
    previous_id: int | None
    previous_held_on: date | None
    previous_cutoff: date | None


class Query(Protocol):
    """A read of figures that counts itself on a Source (data_access.figures.queries)."""

    def run(self, source: Source) -> object:
        """Return the answer counted on `source`."""


class NotCounted(Exception):  # noqa: N818 - a state, not an error: the viewer is switched to the new load
    """A read asked of a Source whose data a new load has since replaced, for something it had not counted: answering
    it from the database would mix two loads on one page (ui.data then shows that viewer the new load whole)."""


class Source(ABC):
    """Where every figure is read from. Reference frames are read once per Source and the latest sums are kept (a
    new load makes a new Source with a new key); callers never change the frames they get."""

    period_kinds: tuple[str, ...] = PERIOD_KINDS  # the period kinds it can count
    filters_supported: bool = True  # whether dossiers can be filtered by agency, level and unit
    frozen: bool = False  # True when the figures cannot move (a meeting's frames)

    def __init__(self, engine: Engine, key: str, meeting: Meeting | None, previous: Source | None,
                 scope: Scope | None = None, *, family: str | None = None, loaded_at: str | None = None,
                 opened_on: dict[str, str] | None = None) -> None:
        self._engine, self.meeting, self.previous, self.scope = engine, meeting, previous, scope
        self._sealed = False
        units = "" if scope is None else f"|units:{','.join(map(str, scope.unit_ids))}"
        self.key = key + units
        self.family = (key if family is None else family) + units  # the same data at any version (a new load)
        self.loaded_at = loaded_at  # the data's last load (meta last_load_at, ISO, UTC) when known
        self.opened_on = opened_on or {}  # the meta table the Source was opened on (the load it shows)
        self._memo: dict[str, pd.DataFrame] = {}
        self._sums_kept: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.key!r})"

    @property
    def engine(self) -> Engine:
        """Return the engine every read of the database goes through (the one door); raise NotCounted once sealed."""
        if self._sealed:
            raise NotCounted(self.key)
        return self._engine

    def seal(self) -> None:
        """Refuse from now on any read that needs the database: a new load replaced the data this Source names, and
        only what was already counted from it (kept in the caches) may still be shown, whole."""
        self._sealed = True

    @property
    def sealed(self) -> bool:
        """Return True once a new load replaced this Source's data (see seal)."""
        return self._sealed

    @property
    def load_key(self) -> str:
        """Return the key of the dossier data alone: the family and its last load (a task recorded in the app changes
        `key` but not the dossiers and their steps)."""
        return f"{self.family}|{self.loaded_at}"

    @property
    def content_digest(self) -> str:
        """Return the key naming this Source's data (what is built from a Source is shared under it, ui.shared)."""
        return self.key

    @property
    def fixed_as_of(self) -> date | None:
        """Return the date the figures are counted at when it is fixed (a meeting's cut-off), else None."""
        return None if self.meeting is None else self.meeting.cutoff_at.date()

    def _once(self, name: str, read) -> pd.DataFrame:
        with self._lock:
            if name not in self._memo:
                self._memo[name] = read()
            return self._memo[name]

    def _live(self, read) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return read(conn)

    def read(self, query: Query) -> object:
        """Return the answer of a query (data_access.figures.queries) counted on this Source; its reads keep their
        scope."""
        return query.run(self)

    def reference(self, name: str) -> pd.DataFrame:
        """Return a reference frame by name (REFERENCE): index results, units, unit and agency lineage, agencies."""
        if name not in _READ_REFERENCE:
            raise DomainError(M.NO_REFERENCE.format(name=name))
        return self._once(name, lambda: self._reference(name))

    def names(self, by: str) -> pd.DataFrame:
        """Return key, name of every unit, agency, field or level (rollup_queries.dimension_names)."""
        return self._once(f"names:{by}", lambda: self._names(by))

    def meta(self) -> dict[str, str]:
        """Return the meta table as this source sees it (data kind, last load, as-of date)."""
        return self._answer(reads.Meta())

    def boundaries(self, level: str) -> tuple[dict, str | None]:
        """Return (the shapes drawn for a level, the official file they come from or None when shipped)."""
        with self.engine.connect() as conn:
            return boundary_store.load_boundaries(conn, level), boundary_store.official_file(conn, level)

    def headline(self, as_of: date | None = None, start: date | None = None) -> dict:
        """Return the `summary` figures of [start, as_of] (as_of defaults to today, start to its month's first day),
        counted from the rollup's sums as every page counts; for a meeting, those of the month to its cut-off, from
        its frozen frames (a meeting kept before frames were: the figures it stored, else counted at its cut-off).
        Province-wide in any scope."""
        if self.meeting is not None and not self.frozen:
            with self.engine.connect() as conn:
                stored = meeting_store.stored_figures(conn, self.meeting.id)
            if stored is not None:
                return stored
        day = self.fixed_as_of or as_of or date.today()
        return province_summary(self, Period(day.replace(day=1) if self.meeting is not None or start is None else start,
                                             day))

    def covers(self, period: Period) -> bool:
        """Return True when the Source can count `period` (a meeting's frames hold only the periods it froze)."""
        return True

    def previous_headline(self) -> dict | None:
        """Return the previous meeting's frozen `summary` figures, or None (no meeting, or the first one)."""
        if self.meeting is None or self.meeting.previous_id is None:
            return None
        previous = self.previous or open_source(self.engine, self.meeting.previous_id, with_previous=False)
        return previous.headline()

    def narrowed(self, flt: DossierFilter) -> DossierFilter:
        """Return the filter narrowed to the scope's units (unchanged without a scope); raise NotAllowed when it asks
        only for units outside the scope."""
        if self.scope is None:
            return flt
        allowed = set(self.scope.unit_ids)
        units = allowed & set(flt.unit_ids) if flt.unit_ids else allowed
        if not units:
            raise NotAllowed(M.OUTSIDE_SCOPE)
        return replace(flt, unit_ids=tuple(sorted(units)))

    def sums(self, flt: DossierFilter, by: str | None, months: tuple[date, ...], until: date) -> pd.DataFrame:
        """Return the rollup sums rollup_queries.period_sums returns: province totals, the land/environment total and
        the unfiltered per-unit sums of the scorecard whole; any other grouping or filter narrowed to the scope. The
        latest SUMS_KEPT are kept: periods that end on the same day (a month and its year to date) read the same."""
        if not ((flt == NO_FILTER and by in (None, "unit")) or (flt == LAND_ENV and by is None)):
            flt = self.narrowed(flt)
        wanted = (flt, by, months, until)
        with self._lock:
            found = self._sums_kept.get(wanted)
            if found is not None:
                self._sums_kept.move_to_end(wanted)
                return found
        found = self._answer(reads.Sums(flt, by, months, until))
        with self._lock:
            self._sums_kept[wanted] = found
            while len(self._sums_kept) > SUMS_KEPT:
                self._sums_kept.popitem(last=False)
        return found

    def overdue(self, period: Period, flt: DossierFilter, by: str) -> pd.DataFrame:
        """Return overdue counts per procedure or per agency holding the dossier (overdue_queries.overdue_counts),
        narrowed to the scope."""
        return self._answer(reads.Overdue(period, self.narrowed(flt), by))

    def ageing(self, as_of: date, flt: DossierFilter) -> pd.DataFrame:
        """Return overdue dossiers in progress per age bucket at as_of (overdue_queries.overdue_ageing), narrowed
        to the scope."""
        return self._answer(reads.Ageing(as_of, self.narrowed(flt)))

    def stages(self, query: stage_queries.StageQuery) -> stage_queries.StageFrames:
        """Return the aggregated step frames of a period's dossiers (stage_queries.stage_frames), narrowed to the
        scope."""
        return self._answer(reads.Stages(replace(query, flt=self.narrowed(query.flt))))

    def overdue_codes(self, query: stage_queries.StageQuery) -> tuple[str, ...]:
        """Return the codes of the query's overdue dossiers that have steps, most days overdue first
        (stage_queries.overdue_codes), narrowed to the scope."""
        return self._answer(reads.OverdueCodes(replace(query, flt=self.narrowed(query.flt))))

    def journey(self, code: str, as_of: date) -> pd.DataFrame:
        """Return one dossier's steps as counted at as_of (stage_queries.dossier_journey; a meeting reads the step
        table as of its cut-off); a dossier outside the scope has none."""
        if self.scope is not None and not self._in_scope(code):
            return pd.DataFrame(columns=stage_queries.JOURNEY_COLUMNS)
        return self._live(lambda conn: stage_queries.dossier_journey(conn, code, as_of))

    def calendar(self) -> Calendar:
        """Return the calendar of working days (config/holidays and the days the Office added)."""
        return self._live(holiday_calendar)

    def due_soon(self, as_of: date, working_days: int, flt: DossierFilter) -> DueSoon | None:
        """Return what will go overdue within `working_days` working days after as_of
        (data_access.figures.early_warning), narrowed to the scope; None for a meeting, which does not freeze it."""
        if self.meeting is not None:
            return None
        return self._live(reads.DueSoon(as_of, working_days, self.narrowed(flt)).live)

    def _in_scope(self, code: str) -> bool:
        with self.engine.connect() as conn:
            return stage_queries.dossier_in_units(conn, code, self.scope.unit_ids)

    def tasks(self, issued_by: date | None) -> pd.DataFrame:
        """Return tasks issued by a date (task_queries.load_tasks); with a scope, those led from its units."""
        return self._answer(reads.Tasks(issued_by, None if self.scope is None else self.scope.unit_ids))

    @abstractmethod
    def _answer(self, read: reads.Read) -> Any:
        """Return the answer of a read (data_access.figures.reads): live, or from the meeting's frames."""

    @abstractmethod
    def _reference(self, name: str) -> pd.DataFrame: ...

    @abstractmethod
    def _names(self, by: str) -> pd.DataFrame: ...


class LiveSource(Source):
    """The live database (for a meeting created before snapshots were kept, its live data as of the cut-off)."""

    def _answer(self, read: reads.Read) -> Any:
        return self._live(read.live)

    def _reference(self, name: str) -> pd.DataFrame:
        return self._live(_READ_REFERENCE[name])

    def _names(self, by: str) -> pd.DataFrame:
        return self._live(lambda conn: rollup_queries.dimension_names(conn, by))


class FrozenSource(Source):
    """A meeting's frames, frozen when it was created (data_access.meetings.snapshots): nothing imported since moves
    them.

    A meeting serves the sidebar's filters from the frames it keeps per grain (data_access.figures.reads); one created
    before they were kept serves none. A commune account's detail (narrowed to its units) that was not frozen (the stage
    analysis; any detail of a meeting without grains) is read from the live data as of the cut-off instead
    (`scope_read_live` then says so, for the page to state it)."""

    period_kinds = snapshots.SNAPSHOT_KINDS
    frozen = True

    def __init__(self, engine: Engine, key: str, meeting: Meeting, previous: Source | None,
                 frames: dict[str, pd.DataFrame], scope: Scope | None = None) -> None:
        super().__init__(engine, key, meeting, previous, scope)
        self.frames = frames
        self.live_twin = LiveSource(engine, key, meeting, None, scope)
        self.scope_read_live = False

    @property
    def filters_supported(self) -> bool:
        """Return True when the meeting kept its figures per grain, so that they can be filtered
        (data_access.figures.reads)."""
        return reads.GRAIN_SUMS in self.frames

    def covers(self, period: Period) -> bool:
        """Return True when the frozen sums count `period` exactly (a meeting frozen before a comparison window was
        needed lacks its days)."""
        return (period.end <= self.frames["cutoff"]["cutoff"].iloc[0]
                and set(detail_months([period])) <= set(self.frames["detail_months"]["month"]))

    def _or_live(self, frozen: Callable[[], T], live: Callable[[], T]) -> T:
        """Return the frozen answer; for a scoped account, the live one as of the cut-off when none was frozen."""
        try:
            return frozen()
        except reads.NotKept:
            if self.scope is None:
                raise
        self.scope_read_live = True
        return live()

    def due_soon(self, as_of: date, working_days: int, flt: DossierFilter) -> DueSoon | None:
        """Return the early warning frozen with the meeting (with the follow-up of the one before for the province
        and land/environment), narrowed to the scope, or None when the meeting did not keep it so."""
        return reads.DueSoon(as_of, working_days, self.narrowed(flt)).frozen(self.frames)

    def _answer(self, read: reads.Read) -> Any:
        return self._or_live(lambda: read.frozen(self.frames), lambda: self.live_twin._answer(read))

    def _reference(self, name: str) -> pd.DataFrame:
        if name in self.frames:
            return self.frames[name]
        return self._live(_READ_REFERENCE[name])  # meetings frozen before lineage was kept read it live

    def _names(self, by: str) -> pd.DataFrame:
        return self.frames[f"names:{by}"]


def province_summary(source: Source, period: Period) -> dict:
    """Return the `summary` figures of a period on a Source, province-wide in any scope: the dossiers from the rollup's
    sums, the tasks issued by its end classified at its end (the headline, and what it is compared with)."""
    sums = source.sums(NO_FILTER, None, detail_months([period]), last_month([period]))
    tasks = source._answer(reads.Tasks(period.end))  # the province's tasks, whatever the scope
    return summary_of(period, counts_from_daily(sums, period), classify_tasks(tasks, period.end))


SOURCE_TYPES = (LiveSource, FrozenSource)
SOURCE_HASH_FUNCS = {kind: attrgetter("key") for kind in SOURCE_TYPES}  # st.cache_data(hash_funcs=…)


def live_key(url: str, meta: dict[str, str]) -> str:
    """Return the key of the live data: the database, its last load and its last task recorded in the app."""
    return f"{url}|{meta.get(LAST_LOAD_AT, '')}|{meta.get(TASKS_CHANGED_AT, '')}"


def find_meeting(engine: Engine, meeting_id: int) -> Meeting | None:
    """Return a meeting with the one held before it, or None when no meeting has this id."""
    with engine.connect() as conn:
        row = conn.execute(select(meetings.c.id, meetings.c.title, meetings.c.held_on, meetings.c.cutoff_at).where(
            meetings.c.id == meeting_id)).first()
        if row is None:
            return None
        previous_id = meeting_store.previous_meeting(conn, meeting_id)
        before = None if previous_id is None else conn.execute(select(meetings.c.held_on, meetings.c.cutoff_at).where(
            meetings.c.id == previous_id)).first()
    return Meeting(int(row.id), row.title, row.held_on, row.cutoff_at, previous_id,
                   None if before is None else before.held_on, None if before is None else before.cutoff_at.date())


def _has_frames(engine: Engine, meeting_id: int) -> bool:
    with engine.connect() as conn:
        return conn.execute(select(meeting_frames.c.name).where(meeting_frames.c.meeting_id == meeting_id)
                            .limit(1)).first() is not None


def open_source(engine: Engine, meeting_id: int | None = None, *, with_previous: bool = True,
                scope: Scope | None = None) -> Source:
    """Return the Source of a meeting (its frozen frames; live data as of its cut-off for a meeting created before
    snapshots), or of the live database when meeting_id is None. Its `previous` is the previous meeting's frozen
    Source when both are frozen (what changes are measured against), else None. With a scope (a commune account)
    every detail read is narrowed to its units (Source.narrowed). Raises DomainError for an unknown meeting."""
    url = engine.url.render_as_string(hide_password=True)
    if meeting_id is None:
        with engine.connect() as conn:
            meta = read_meta(conn)
        return LiveSource(engine, live_key(url, meta), None, None, scope, family=f"{url}|live",
                          loaded_at=meta.get(LAST_LOAD_AT), opened_on=meta)
    meeting = find_meeting(engine, meeting_id)
    if meeting is None:
        raise DomainError(M.NO_MEETING.format(id=meeting_id))
    if not _has_frames(engine, meeting_id):
        with engine.connect() as conn:
            meta = read_meta(conn)
        return LiveSource(engine, f"{live_key(url, meta)}|meeting:{meeting_id}:live", meeting, None, scope,
                          family=f"{url}|meeting:{meeting_id}:live", loaded_at=meta.get(LAST_LOAD_AT))
    previous = None
    if with_previous and meeting.previous_id is not None and _has_frames(engine, meeting.previous_id):
        previous = open_source(engine, meeting.previous_id, with_previous=False, scope=scope)
    with engine.connect() as conn:
        frames = snapshots.load_snapshot(conn, meeting_id)
    return FrozenSource(engine, f"{url}|meeting:{meeting_id}", meeting, previous, frames, scope)


def scope_of(engine: Engine, unit_id: int | None) -> Scope | None:
    """Return the detail scope of a commune account (Account.detail_unit): the commune with the units whose
    dossiers count for it today; None (everything) when there is no such commune."""
    if unit_id is None:
        return None
    with engine.connect() as conn:
        units, lineage = reference.list_units(conn), territory.list_unit_lineage(conn)
    return Scope(tuple(sorted(units_attributed_to(unit_id, units, lineage, date.today()))))
