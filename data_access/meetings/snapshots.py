"""Meeting snapshots: every frame the pages read, frozen when a meeting is created, as of its cut-off date.

While a meeting is selected the pages read these frames instead of the database, so what the meeting sees
does not move when new data is imported. A snapshot holds, for the cut-off date:
- the rollup sums (per day for the months that need it, per month otherwise; see metrics.rollup) per grain
  (unit, agency, field and level together), from which every period of the standard kinds that ends on the
  cut-off, the like-for-like window it is compared with, its previous period and the monthly trends are counted
  exactly, in total, per dimension and under any filter;
- the overdue breakdowns (per procedure, per agency holding the dossier) of each of those periods and the age
  buckets at the cut-off, per grain too;
- the stage analysis (data_access.figures.stage_queries) of the default period kind to the cut-off, all fields and
  land/environment;
- the early warning at the cut-off (every dossier listed), for all fields and land/environment, and each listed
  dossier's unit, agency, level and field, from which any filter's is counted;
- the tasks issued by the cut-off, index results, units, agencies and the dimension names.
Frames are stored as Parquet (types kept) in `meeting_frames`, under the names data_access.figures.reads gives them,
and read back by the same reads (each read's `frozen` answer).
"""

import io
from datetime import date

import pandas as pd
from sqlalchemy import Connection, delete, insert, select

from config.settings import Settings
from data_access.figures import (
    early_warning,
    index_queries,
    overdue_queries,
    rollup_queries,
    stage_queries,
    task_queries,
)
from data_access.figures.dossier_queries import NO_FILTER
from data_access.figures.reads import (
    GRAIN_AGEING,
    GRAIN_DUE_SOON,
    GRAIN_SUMS,
    LAND_ENV,
    Overdue,
    stage_frame_name,
    stage_parts,
)
from data_access.reference import holidays, territory
from data_access.reference import lookup as reference
from data_access.store.meta import read_meta
from data_access.store.schema import meeting_frames
from metrics.early_warning import followup
from metrics.periods import (
    Period,
    comparable_period,
    month_ends,
    period_to_date,
    previous_period,
    scorecard_window,
)
from metrics.rollup import DAILY_COUNTERS, detail_months, last_month
from metrics.stages import is_supplement_step

SNAPSHOT_KINDS = ("week", "month", "quarter", "year", "28d")
SCOPES = ("all", "land_env")


def kind_periods(kind: str, cutoff: date, week_starts_on: int) -> tuple[Period, Period, Period]:
    """Return (period to date, the window it is compared with, the previous whole period) of a kind at the
    cut-off: what a meeting freezes so that its pages compare like for like (metrics.periods.comparable_period)."""
    period = period_to_date(kind, cutoff, None, week_starts_on)
    return (period, comparable_period(kind, period, week_starts_on), previous_period(kind, period, week_starts_on))


def periods_kept(cutoff: date, settings: Settings) -> list[Period]:
    """Return every period a page can count at the cut-off: the standard kinds, the scorecard's window and the one
    its ranks move against (metrics.periods.scorecard_window), and the monthly trend."""
    periods = [p for kind in SNAPSHOT_KINDS for p in kind_periods(kind, cutoff, settings.week_starts_on)]
    window = scorecard_window(Period(cutoff, cutoff), settings.scorecard_months)
    return periods + [p for p in window if p is not None] + month_ends(cutoff, settings.trend_months)


def _frames(conn: Connection, cutoff: date, settings: Settings) -> dict[str, pd.DataFrame]:
    periods = periods_kept(cutoff, settings)
    months = detail_months(periods)
    frames = {"detail_months": pd.DataFrame({"month": list(months)})}
    grain = rollup_queries.grain_sums(conn, months, last_month(periods))
    frames[GRAIN_SUMS] = grain.astype({**dict.fromkeys(DAILY_COUNTERS, "int32"), "level": "category"})  # a third of
    # the memory (summed back as int64 and text, metrics.grain.summed)
    for by in rollup_queries.DIMENSIONS:
        frames[f"names:{by}"] = rollup_queries.dimension_names(conn, by)
    for kind in SNAPSHOT_KINDS:
        period = kind_periods(kind, cutoff, settings.week_starts_on)[0]
        for by in overdue_queries.OVERDUE_GROUPINGS:
            frames[Overdue.frame_name(period, "grain", by)] = overdue_queries.overdue_counts(
                conn, period, NO_FILTER, by, per=overdue_queries.GRAIN)
        for scope, flt in (("all", NO_FILTER), ("land_env", LAND_ENV)) if kind == stage_kind(settings) else ():
            query = stage_queries.StageQuery(period, flt)
            found = stage_queries.stage_frames(conn, query, is_supplement_step)
            frames.update({stage_frame_name(period, scope, part): frame for part, frame in stage_parts(found).items()})
            frames[stage_frame_name(period, scope, "overdue_codes")] = pd.DataFrame(
                {"code": list(stage_queries.overdue_codes(conn, query))}, dtype=str)
    frames[GRAIN_AGEING] = overdue_queries.ageing_grain(conn, cutoff)
    frames.update(_due_soon_frames(conn, cutoff, settings))
    frames["tasks"] = task_queries.load_tasks(conn, cutoff)
    frames["index_results"] = index_queries.load_index_results(conn)
    frames["units"] = reference.list_units(conn)
    frames["unit_lineage"] = territory.list_unit_lineage(conn)
    frames["agency_lineage"] = territory.list_agency_lineage(conn)
    frames["agencies"] = reference.list_agencies(conn)
    frames["cutoff"] = pd.DataFrame({"cutoff": [cutoff]})
    loaded = read_meta(conn)
    frames["meta"] = pd.DataFrame({"key": list(loaded), "value": list(loaded.values())}, dtype=str)
    return frames


def _due_soon_frames(conn: Connection, cutoff: date, settings: Settings) -> dict[str, pd.DataFrame]:
    """Return the early warning at the cut-off, whole (every dossier listed), for all fields and land/environment."""
    calendar = holidays.holiday_calendar(conn)
    frames = {}
    for scope, flt in (("all", NO_FILTER), ("land_env", LAND_ENV)):
        found = early_warning.due_soon_view(conn, cutoff, settings.early_warning_days, calendar, flt, limit=None)
        frames[f"due_soon:{scope}:agencies"] = found.by_agency
        frames[f"due_soon:{scope}:dossiers"] = found.dossiers
        frames[f"due_soon:{scope}:fields"] = found.by_field
        frames[f"due_soon:{scope}:units"] = found.by_unit
        frames[f"due_soon:{scope}:window"] = pd.DataFrame({
            "working_days": [found.working_days], "until": [found.until], "tasks": [found.tasks],
            "missing": [",".join(str(y) for y in found.missing_years)]})
    frames[GRAIN_DUE_SOON] = early_warning.due_soon_grain(conn, cutoff, found.until)
    return frames


def stage_kind(settings: Settings) -> str:
    """Return the period kind whose stage analysis a meeting freezes: the default period of the pages (reading the
    steps of a year costs seconds at a million dossiers, so the other kinds are not frozen)."""
    return settings.default_period if settings.default_period in SNAPSHOT_KINDS else "month"


def take_snapshot(conn: Connection, meeting_id: int, cutoff: date, settings: Settings,
                  previous_id: int | None = None) -> int:
    """Freeze the frames of a meeting (replacing any it had), with the follow-up of what was about to go overdue at
    the meeting `previous_id`; return how many were stored."""
    frames = _frames(conn, cutoff, settings)
    if previous_id is not None:
        frames.update(_followup_frames(conn, previous_id, cutoff))
    conn.execute(delete(meeting_frames).where(meeting_frames.c.meeting_id == meeting_id))
    rows = []
    for name, frame in frames.items():
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        rows.append({"meeting_id": meeting_id, "name": name, "payload": buffer.getvalue()})
    conn.execute(insert(meeting_frames), rows)
    return len(rows)


def _followup_frames(conn: Connection, previous_id: int, cutoff: date) -> dict[str, pd.DataFrame]:
    """Return the follow-up of the dossiers that were about to go overdue at the meeting `previous_id` (none when it
    did not freeze them): how many went overdue by `cutoff`, per agency holding them then."""
    name = "due_soon:all:dossiers"
    payload = conn.execute(select(meeting_frames.c.payload).where(meeting_frames.c.meeting_id == previous_id,
                                                                  meeting_frames.c.name == name)).scalar()
    if payload is None:
        return {}
    listed = pd.read_parquet(io.BytesIO(payload))
    now = early_warning.outcomes(conn, [str(c) for c in listed["code"]])
    return {"due_soon:followup": followup(listed, now, cutoff)}


def load_snapshot(conn: Connection, meeting_id: int) -> dict[str, pd.DataFrame]:
    """Return the frozen frames of a meeting by name (empty for a meeting created before snapshots)."""
    query = select(meeting_frames.c.name, meeting_frames.c.payload).where(meeting_frames.c.meeting_id == meeting_id)
    return {name: pd.read_parquet(io.BytesIO(payload)) for name, payload in conn.execute(query)}


def snapshot_size(conn: Connection, meeting_id: int) -> int:
    """Return the stored size of a meeting's frames in bytes."""
    query = select(meeting_frames.c.payload).where(meeting_frames.c.meeting_id == meeting_id)
    return sum(len(payload) for (payload,) in conn.execute(query))
