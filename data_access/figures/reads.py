"""The reads a Source answers, as values: each is a small frozen dataclass with a stable `key`, answered from the
live database (`live(conn)`) or from a meeting's frozen frames (`frozen(frames)`), side by side in one class, so
that a Source only dispatches (data_access.figures.source) and the frames a meeting stores are named here once
(`Overdue.frame_name`, `stage_frame_name`, the GRAIN_* names, used by data_access.meetings.snapshots when it writes
them).

A frozen answer is a lookup of what the meeting stored. The rollup sums, the overdue breakdowns and the age buckets
are kept per grain (unit, agency, level, field), narrowed to a read's filter and summed (metrics.grain), so a meeting
serves the filters the live data serves; the early warning is kept whole for the province and land/environment and
per grain for any other filter. A meeting created before grains were kept stored those per dimension, for the
province and land/environment, and serves units only. A read the meeting did not store is refused in Vietnamese:
NotKept for a filter it cannot serve (the stage analysis is kept for the whole province and land/environment),
FROZEN_NO_PERIOD or FROZEN_NO_STAGES for a period it did not freeze.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Connection

from data_access.figures import early_warning, overdue_queries, rollup_queries, stage_queries, task_queries
from data_access.figures.dossier_queries import NO_FILTER, DossierFilter
from data_access.figures.overdue_queries import GRAIN
from data_access.reference.holidays import holiday_calendar
from data_access.store.meta import read_meta
from metrics.early_warning import breakdowns
from metrics.errors import DomainError
from metrics.grain import narrow, summed
from metrics.periods import Period
from metrics.rollup import DAILY_COUNTERS, narrow_sums
from metrics.stages import is_supplement_step
from metrics.tasks import open_tasks_due, tasks_within
from texts import messages as M

LAND_ENV = DossierFilter(land_env_only=True)
LOCK_TIMEOUT = "SET LOCAL lock_timeout = '2s'"  # PostgreSQL: how long the early warning waits for a lock
UNSUPPORTED = M.FROZEN_NO_FILTER
Frames = dict[str, pd.DataFrame]
OVERDUE_SUMMED = ["resolved_late", "in_progress_overdue", "overdue_total", "overdue_land_env"]
GRAIN_SUMS, GRAIN_AGEING, GRAIN_DUE_SOON = "sums:grain", "ageing:grain", "due_soon:grain"  # kept per grain: filters


class NotKept(DomainError):
    """A read a meeting did not keep (a filter its frames cannot serve): refused in Vietnamese; a commune account's
    is read live as of the cut-off instead (data_access.figures.source.FrozenSource)."""


def filtered(flt: DossierFilter) -> bool:
    """Return True when a filter narrows by more than land/environment (a meeting serves it from its grains)."""
    return flt not in (NO_FILTER, LAND_ENV)


def _chosen(flt: DossierFilter, frames: Frames) -> dict[str, tuple | None]:
    """Return the grain columns (overdue_queries.GRAIN) a filter narrows and their values (None: any); land/environment
    is the fields named so when the meeting was created."""
    fields: tuple | None = flt.field_ids or None
    if flt.land_env_only:
        names = frames["names:field"]
        land_env = names.loc[names["is_land_env"].astype(bool), "key"].tolist()
        fields = tuple(f for f in (fields or land_env) if f in land_env)
    return {"unit_id": flt.unit_ids or None, "agency_id": flt.agency_ids or None, "level": flt.levels or None,
            "field_id": fields}


def scope_name(flt: DossierFilter) -> str | None:
    """Return the name a meeting stores a filter's frames under ("all", "land_env"), None for any other filter."""
    if flt == NO_FILTER:
        return "all"
    if flt == LAND_ENV:
        return "land_env"
    return None


def cutoff_of(frames: Frames) -> date:
    """Return a meeting's cut-off date from its frames."""
    return frames["cutoff"]["cutoff"].iloc[0]


@dataclass(frozen=True)
class Read:
    """A read of a Source, named by its class and fields."""

    @property
    def key(self) -> str:
        """Return the stable text naming this read."""
        return repr(self)


@dataclass(frozen=True)
class Sums(Read):
    """The rollup sums of rollup_queries.period_sums (days of `months`, whole other months up to `until`)."""

    flt: DossierFilter
    by: str | None
    months: tuple[date, ...]
    until: date

    def live(self, conn: Connection) -> pd.DataFrame:
        """Return the sums read from the rollup tables."""
        return rollup_queries.period_sums(conn, self.flt, self.by, self.months, self.until)

    def frozen(self, frames: Frames) -> pd.DataFrame:
        """Return the sums as they were at the cut-off, from the stored sums per grain (per dimension for a meeting
        kept before grains were)."""
        flt, by = self.flt, self.by
        if not set(self.months) <= set(frames["detail_months"]["month"]):
            raise DomainError(M.FROZEN_NO_PERIOD)
        if GRAIN_SUMS in frames:
            return self._from_grain(frames[GRAIN_SUMS])
        if flt.agency_ids or flt.levels or flt.field_ids or (flt.unit_ids and by not in (None, "unit")):
            raise NotKept(UNSUPPORTED)
        if flt.unit_ids and by is None:
            return narrow_sums(frames["sums:unit"], flt.land_env_only, "unit", flt.unit_ids, drop=True)
        return narrow_sums(frames[f"sums:{by or 'all'}"], flt.land_env_only, "unit" if flt.unit_ids else None,
                           flt.unit_ids)

    def _from_grain(self, grain: pd.DataFrame) -> pd.DataFrame:
        """Return the sums of the filter's rows of the grain, per `by`, day and land/environment (sorted by them)."""
        flt = self.flt
        chosen = {"unit": flt.unit_ids or None, "agency": flt.agency_ids or None, "level": flt.levels or None,
                  "field": flt.field_ids or None, "land_env": (True,) if flt.land_env_only else None}
        keys = [*([self.by] if self.by else []), "day", "land_env"]
        return summed(narrow(grain, chosen), keys, DAILY_COUNTERS)


@dataclass(frozen=True)
class Overdue(Read):
    """Overdue counts per procedure or per agency holding the dossier (overdue_queries.overdue_counts)."""

    period: Period
    flt: DossierFilter
    by: str

    @staticmethod
    def frame_name(period: Period, scope: str, by: str) -> str:
        """Return the name a meeting stores an overdue breakdown under."""
        return f"overdue:{scope}:{by}:{period.start.isoformat()}:{period.end.isoformat()}"

    def live(self, conn: Connection) -> pd.DataFrame:
        """Return the breakdown counted now."""
        return overdue_queries.overdue_counts(conn, self.period, self.flt, self.by)

    def frozen(self, frames: Frames) -> pd.DataFrame:
        """Return the breakdown stored at the cut-off, summed from its grain (a meeting kept before grains were: the
        province's or land/environment's as stored, a unit's with its whole predecessors from the per-unit one)."""
        flt, scope = self.flt, scope_name(self.flt)
        grain = frames.get(self.frame_name(self.period, "grain", self.by))
        if grain is not None:
            return self._summed(narrow(grain, _chosen(flt, frames)), GRAIN)
        if scope is not None:
            return frames[self.frame_name(self.period, scope, self.by)]
        per_unit = frames.get(self.frame_name(self.period, "units", self.by))  # a meeting kept before grains were
        if per_unit is None or self.by != "procedure" or flt != DossierFilter(unit_ids=flt.unit_ids):
            raise NotKept(UNSUPPORTED)
        chosen = per_unit.loc[per_unit["unit_id"].isin(flt.unit_ids)]
        return chosen.drop(columns=["unit_id"]).reset_index(drop=True) if len(flt.unit_ids) == 1 else self._summed(
            chosen, ("unit_id",))

    @staticmethod
    def _summed(chosen: pd.DataFrame, kept_per: tuple[str, ...]) -> pd.DataFrame:
        """Return the chosen rows summed per procedure or agency, in the stored (SQL, by name) order."""
        chosen = chosen.drop(columns=list(kept_per))
        keys = [c for c in chosen.columns if c not in OVERDUE_SUMMED]
        out = summed(chosen, keys, OVERDUE_SUMMED, sort=False)
        if out.empty:  # as SQL's empty answer: no type to infer
            return out.astype(dict.fromkeys(keys, object))
        text = [k for k in keys if chosen[k].dtype == object]
        out[text] = out[text].astype(object).where(out[text].notna(), None)
        whole = [k for k in keys if out[k].dtype.kind == "f" and out[k].notna().all()]  # ids with a NULL among them
        return out.astype(dict.fromkeys(whole, "int64"))


@dataclass(frozen=True)
class Ageing(Read):
    """Overdue dossiers in progress per age bucket at a date (overdue_queries.overdue_ageing)."""

    as_of: date
    flt: DossierFilter

    def live(self, conn: Connection) -> pd.DataFrame:
        """Return the buckets counted now."""
        return overdue_queries.overdue_ageing(conn, self.as_of, self.flt)

    def frozen(self, frames: Frames) -> pd.DataFrame:
        """Return the buckets stored at the cut-off, summed from their grain (a meeting kept before grains were: the
        province's or land/environment's as stored)."""
        scope = scope_name(self.flt)
        if self.as_of != cutoff_of(frames):
            raise NotKept(UNSUPPORTED)
        grain = frames.get(GRAIN_AGEING)
        if grain is None:
            if scope is None:
                raise NotKept(UNSUPPORTED)
            return frames[f"ageing:{scope}"]
        buckets = [c for c in grain.columns if c not in GRAIN]
        totals = summed(narrow(grain, _chosen(self.flt, frames)), (), buckets).iloc[0]
        return pd.DataFrame({"bucket": buckets, "count": [int(totals[b]) for b in buckets]})


STAGE_PARTS = ("histogram", "steps", "agencies", "transfers", "counts", "named")


def stage_frame_name(period: Period, scope: str, part: str) -> str:
    """Return the name a meeting stores a part of a stage analysis under."""
    return f"stages:{scope}:{period.start.isoformat()}:{period.end.isoformat()}:{part}"


def stage_parts(found: stage_queries.StageFrames) -> dict[str, pd.DataFrame]:
    """Return a stage analysis as the frames a meeting stores (STAGE_PARTS)."""
    return {"histogram": found.histogram, "steps": found.steps, "agencies": found.agencies,
            "transfers": found.transfers,
            "counts": pd.DataFrame({"supplement_dossiers": [found.supplement_dossiers], "no_steps": [found.no_steps]}),
            "named": pd.DataFrame({"code": list(found.no_steps_named)}, dtype=str)}


def _stored_stage_parts(frames: Frames, query: stage_queries.StageQuery, names: tuple[str, ...]) -> Frames:
    """Return the named stored parts of a stage analysis, or refuse: another filter or a procedure (NotKept), or a
    period whose analysis was not frozen (only the default kind's is)."""
    scope = scope_name(query.flt)
    if scope is None or query.procedure_id is not None:
        raise NotKept(M.FROZEN_NO_STAGES_FILTER)
    parts = {name: frames.get(stage_frame_name(query.period, scope, name)) for name in names}
    if any(frame is None for frame in parts.values()):
        raise DomainError(M.FROZEN_NO_STAGES)
    return parts


@dataclass(frozen=True)
class Stages(Read):
    """The aggregated step frames of a period's dossiers (stage_queries.stage_frames)."""

    query: stage_queries.StageQuery

    def live(self, conn: Connection) -> stage_queries.StageFrames:
        """Return the analysis counted now."""
        return stage_queries.stage_frames(conn, self.query, is_supplement_step)

    def frozen(self, frames: Frames) -> stage_queries.StageFrames:
        """Return the analysis stored at the cut-off (the default period kind, all fields or land/environment)."""
        parts = _stored_stage_parts(frames, self.query, STAGE_PARTS)
        counts = parts["counts"].iloc[0]
        return stage_queries.StageFrames(parts["histogram"], parts["steps"], parts["agencies"], parts["transfers"],
                                         int(counts["supplement_dossiers"]), int(counts["no_steps"]),
                                         tuple(parts["named"]["code"]))


@dataclass(frozen=True)
class OverdueCodes(Read):
    """The codes of a period's overdue dossiers that have steps, most days overdue first (stage_queries)."""

    query: stage_queries.StageQuery

    def live(self, conn: Connection) -> tuple[str, ...]:
        """Return the codes read now."""
        return stage_queries.overdue_codes(conn, self.query)

    def frozen(self, frames: Frames) -> tuple[str, ...]:
        """Return the codes stored at the cut-off."""
        return tuple(_stored_stage_parts(frames, self.query, ("overdue_codes",))["overdue_codes"]["code"])


@dataclass(frozen=True)
class Tasks(Read):
    """Tasks issued by a date (task_queries.load_tasks), led from `unit_ids` when given."""

    issued_by: date | None
    unit_ids: tuple[int, ...] | None = None

    def live(self, conn: Connection) -> pd.DataFrame:
        """Return the tasks read now."""
        return task_queries.load_tasks(conn, self.issued_by, self.unit_ids)

    def frozen(self, frames: Frames) -> pd.DataFrame:
        """Return the tasks stored at the cut-off, issued by the date."""
        tasks = frames["tasks"]
        if self.issued_by is not None:
            tasks = tasks.loc[tasks["doc_date"] <= pd.Timestamp(self.issued_by)].reset_index(drop=True)
        if self.unit_ids is not None:
            tasks = tasks.loc[tasks["lead_unit_id"].isin(self.unit_ids)].reset_index(drop=True)
        return tasks


@dataclass(frozen=True)
class DueSoon(Read):
    """What goes overdue within `working_days` working days after a date (data_access.figures.early_warning)."""

    as_of: date
    working_days: int
    flt: DossierFilter

    def live(self, conn: Connection) -> early_warning.DueSoon:
        """Return the early warning counted now (on PostgreSQL a table locked by a schema change fails this read after
        LOCK_TIMEOUT, not the page)."""
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(LOCK_TIMEOUT)
        return early_warning.due_soon_view(conn, self.as_of, self.working_days, holiday_calendar(conn), self.flt)

    def frozen(self, frames: Frames) -> early_warning.DueSoon | None:
        """Return the early warning stored at the cut-off with the follow-up of the meeting before (the province's
        and land/environment's), or counted from the dossiers it lists under another filter; None when it was not
        stored so (a meeting created before it was kept, or before its grain for a filter, another number of working
        days)."""
        scope = scope_name(self.flt)
        window = frames.get(f"due_soon:{scope or 'all'}:window")
        if window is None or int(window["working_days"].iloc[0]) != self.working_days:
            return None
        if self.as_of != cutoff_of(frames):
            return None
        until = pd.Timestamp(window["until"].iloc[0]).date()
        missing = tuple(int(y) for y in str(window["missing"].iloc[0]).split(",") if y)
        if scope is None:
            return self._from_grain(frames, until, missing)
        listed = frames[f"due_soon:{scope}:dossiers"].head(early_warning.LIST_LIMIT)
        return early_warning.DueSoon(self.as_of, self.working_days, until, missing,
                                     frames[f"due_soon:{scope}:agencies"], listed, int(window["tasks"].iloc[0]),
                                     frames.get(f"due_soon:{scope}:fields"), frames.get(f"due_soon:{scope}:units"),
                                     frames.get("due_soon:followup"))

    def _from_grain(self, frames: Frames, until: date, missing: tuple[int, ...]) -> early_warning.DueSoon | None:
        """Return the early warning of the filter's dossiers among those the meeting listed (no follow-up: it is
        counted per agency holding the dossiers, for the province)."""
        grain = frames.get(GRAIN_DUE_SOON)
        if grain is None:
            return None
        chosen = narrow(grain, _chosen(self.flt, frames))
        every = frames["due_soon:all:dossiers"]
        listed = every.loc[every["code"].isin(chosen["code"])].reset_index(drop=True)
        if listed.empty:  # as SQL's empty answer: no type to infer
            listed = pd.DataFrame(columns=list(every.columns)).astype({"working_days_left": "float64"})
        by_agency, by_field, by_unit = breakdowns(listed, chosen)
        led = tasks_within(frames["tasks"], self.flt.agency_ids, self.flt.unit_ids)
        return early_warning.DueSoon(self.as_of, self.working_days, until, missing, by_agency,
                                     listed.head(early_warning.LIST_LIMIT), open_tasks_due(led, self.as_of, until),
                                     by_field, by_unit)


@dataclass(frozen=True)
class Meta(Read):
    """The meta table (data kind, last load, as-of date)."""

    def live(self, conn: Connection) -> dict[str, str]:
        """Return the meta table now."""
        return read_meta(conn)

    def frozen(self, frames: Frames) -> dict[str, str]:
        """Return the meta table as it was when the meeting was created."""
        meta = frames.get("meta")
        return {} if meta is None else dict(zip(meta["key"], meta["value"], strict=True))
