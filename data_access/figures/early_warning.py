"""What will go overdue in the next working days (issue #33): dossiers in progress at the as-of date D whose due date
falls after D and on or before the N-th working day after D, per agency holding them now; and tasks open at D whose
deadline falls in the same days. Aggregated in SQL; no dossier row and no applicant reaches the caller.
"""

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import CompoundSelect, Connection, Select, and_, case, func, or_, select, union_all

from data_access.figures.dossier_queries import NO_FILTER, DossierFilter, filter_conditions
from data_access.store.schema import agencies, dossier_steps, dossiers, fields, procedures, tasks
from metrics.workdays import Calendar, working_days_left

DUE_SOON_COLUMNS = ("agency", "dossiers", "land_env")
DUE_SOON_LIST_COLUMNS = ("code", "procedure", "agency", "step", "due_on", "land_env")
DUE_SOON_FIELD_COLUMNS = ("field", "dossiers", "land_env")  # land_env: 1 when the field is of that group
DUE_SOON_UNIT_COLUMNS = ("key", "dossiers", "land_env")
DUE_SOON_GRAIN_COLUMNS = ("code", "unit_id", "agency_id", "level", "field_id", "field", "land_env")
DUE_SOON_COUNTS = ("dossiers", "land_env")
LIST_LIMIT = 2000  # dossiers listed at most (the counts are always whole)
d = dossiers.c
step_c = dossier_steps.c


def _open_step(as_of: date, column) -> object:
    """Return a scalar subquery of `column` of the dossier's step open at as_of (the latest started)."""
    return (select(column).where(step_c.dossier_code == d.code, step_c.started_on <= as_of,
                                 or_(step_c.ended_on.is_(None), step_c.ended_on > as_of))
            .order_by(step_c.started_on.desc(), step_c.place.desc()).limit(1).scalar_subquery())


def _due_rows(as_of: date, until: date, flt: DossierFilter, grain: bool = False) -> CompoundSelect:
    """Return the UNION ALL of the dossiers in progress at as_of due in (as_of, until], with the agency holding each
    now (its step open at as_of when there is one, else the agency the export names, else the one handling it):
    those still open (found through the partial index ix_dossiers_open_due) and those closed after as_of."""
    holding = func.coalesce(_open_step(as_of, step_c.agency_id), d.current_agency_id, d.agency_id).label("agency_id")
    land_env = case((fields.c.is_land_env.is_(True), 1), else_=0).label("land_env")
    columns = (d.code, d.procedure_id, d.unit_id, holding, _open_step(as_of, step_c.step).label("step"), d.due_on,
               land_env, fields.c.name.label("field"))
    if grain:  # no step is read: DUE_SOON_GRAIN_COLUMNS
        columns = (d.code, d.unit_id, d.agency_id, d.level, d.field_id, fields.c.name.label("field"), land_env)
    window = (d.received_on <= as_of, d.due_on > as_of, d.due_on <= until, *filter_conditions(flt))
    source = dossiers.join(fields, fields.c.id == d.field_id)
    return union_all(select(*columns).select_from(source).where(d.result_on.is_(None), *window),
                     select(*columns).select_from(source).where(d.result_on > as_of, *window))


def build_due_soon_query(as_of: date, until: date, flt: DossierFilter = NO_FILTER) -> Select:
    """Return the SELECT of DUE_SOON_COLUMNS: dossiers in progress at as_of, due in (as_of, until], per agency."""
    rows = _due_rows(as_of, until, flt).subquery("due_soon")
    return (select(agencies.c.name.label("agency"), func.count().label("dossiers"),
                   func.sum(rows.c.land_env).label("land_env"))
            .select_from(rows.join(agencies, agencies.c.id == rows.c.agency_id))
            .group_by(agencies.c.id, agencies.c.name))


def build_due_soon_by_field(as_of: date, until: date, flt: DossierFilter = NO_FILTER) -> Select:
    """Return the SELECT of DUE_SOON_FIELD_COLUMNS: the dossiers about to go overdue per field, most first."""
    rows = _due_rows(as_of, until, flt).subquery("due_soon")
    counted = func.count().label("dossiers")
    return (select(rows.c.field, counted, func.max(rows.c.land_env).label("land_env"))
            .group_by(rows.c.field).order_by(counted.desc(), rows.c.field))


def build_due_soon_by_unit(as_of: date, until: date, flt: DossierFilter = NO_FILTER) -> Select:
    """Return the SELECT of DUE_SOON_UNIT_COLUMNS: the dossiers about to go overdue per unit of any era (key = unit
    id, None without one), for metrics.territory to count by the units in force."""
    rows = _due_rows(as_of, until, flt).subquery("due_soon")
    return (select(rows.c.unit_id.label("key"), func.count().label("dossiers"),
                   func.sum(rows.c.land_env).label("land_env")).group_by(rows.c.unit_id))


def build_due_soon_list(as_of: date, until: date, flt: DossierFilter = NO_FILTER,
                        limit: int | None = LIST_LIMIT) -> Select:
    """Return the SELECT of DUE_SOON_LIST_COLUMNS, soonest due first (`limit` rows at most; None: all)."""
    rows = _due_rows(as_of, until, flt).subquery("due_soon")
    return (select(rows.c.code, procedures.c.name.label("procedure"), agencies.c.name.label("agency"), rows.c.step,
                   rows.c.due_on, rows.c.land_env)
            .select_from(rows.join(agencies, agencies.c.id == rows.c.agency_id)
                         .outerjoin(procedures, procedures.c.id == rows.c.procedure_id))
            .order_by(rows.c.due_on, rows.c.code).limit(limit))


def build_due_soon_grain(as_of: date, until: date) -> Select:
    """Return the SELECT of DUE_SOON_GRAIN_COLUMNS: each dossier about to go overdue with its unit, the agency that
    received it, its level and field (what a meeting keeps to count the early warning under any filter)."""
    rows = _due_rows(as_of, until, NO_FILTER, grain=True).subquery("due_soon")
    return select(*[rows.c[name] for name in DUE_SOON_GRAIN_COLUMNS])  # no ORDER BY: SQLite would scan by code


def due_soon_grain(conn: Connection, as_of: date, until: date) -> pd.DataFrame:
    """Return DUE_SOON_GRAIN_COLUMNS of every dossier about to go overdue in (as_of, until] (build_due_soon_grain)."""
    result = conn.execute(build_due_soon_grain(as_of, until))
    frame = pd.DataFrame(result.fetchall(), columns=list(DUE_SOON_GRAIN_COLUMNS)).astype({"land_env": "int64"})
    return frame.sort_values("code", ignore_index=True)


def due_soon_by_agency(conn: Connection, as_of: date, until: date, flt: DossierFilter = NO_FILTER) -> pd.DataFrame:
    """Return DUE_SOON_COLUMNS, one row per agency holding any, most dossiers first, then by name."""
    result = conn.execute(build_due_soon_query(as_of, until, flt))
    frame = pd.DataFrame(result.fetchall(), columns=list(DUE_SOON_COLUMNS))
    frame = frame.astype({"dossiers": "int64", "land_env": "int64"})
    return frame.sort_values(["dossiers", "agency"], ascending=[False, True], ignore_index=True)


def build_tasks_due_soon_query(as_of: date, until: date, flt: DossierFilter = NO_FILTER) -> Select:
    """Return the SELECT counting tasks issued by as_of, not completed by it, whose deadline is in (as_of, until],
    within the filter as metrics.tasks.tasks_within reads it: led by one of its agencies, by an agency of its units."""
    t = tasks.c
    led = [t.lead_agency_id.in_(flt.agency_ids)] if flt.agency_ids else []
    if flt.unit_ids:
        led.append(t.lead_agency_id.in_(select(agencies.c.id).where(agencies.c.unit_id.in_(flt.unit_ids))))
    return select(func.count()).select_from(tasks).where(
        t.doc_date <= as_of, or_(t.completed_on.is_(None), t.completed_on > as_of),
        and_(t.deadline > as_of, t.deadline <= until), *led)


@dataclass(frozen=True)
class DueSoon:
    """What will go overdue in the next working days: the window, the counts, per agency, the list."""

    as_of: date
    working_days: int
    until: date
    missing_years: tuple[int, ...]
    by_agency: pd.DataFrame  # DUE_SOON_COLUMNS
    dossiers: pd.DataFrame  # DUE_SOON_LIST_COLUMNS and working_days_left (LIST_LIMIT at most)
    tasks: int
    by_field: pd.DataFrame | None = None  # DUE_SOON_FIELD_COLUMNS
    by_unit: pd.DataFrame | None = None  # DUE_SOON_UNIT_COLUMNS per unit of any era (Source names them in force)
    followup: pd.DataFrame | None = None  # at a meeting: metrics.early_warning.FOLLOWUP_COLUMNS of the one before

    @property
    def total(self) -> int:
        """Return the dossiers about to go overdue."""
        return int(self.by_agency["dossiers"].sum())

    @property
    def land_env(self) -> int:
        """Return those of the land and environment group."""
        return int(self.by_agency["land_env"].sum())


def due_soon_view(conn: Connection, as_of: date, working_days: int, calendar: Calendar,
                  flt: DossierFilter = NO_FILTER, limit: int | None = LIST_LIMIT) -> DueSoon:
    """Return what will go overdue within `working_days` working days after as_of, for the dossiers within `flt`
    (and the tasks led by its agencies); `limit` dossiers listed at most (None: all, as a meeting freezes them)."""
    until = calendar.add_working_days(as_of, working_days)
    result = conn.execute(build_due_soon_list(as_of, until, flt, limit))
    listed = pd.DataFrame(result.fetchall(), columns=list(DUE_SOON_LIST_COLUMNS))
    listed["working_days_left"] = working_days_left(calendar, as_of, listed["due_on"])
    tasks_total = conn.execute(build_tasks_due_soon_query(as_of, until, flt)).scalar_one()
    result = conn.execute(build_due_soon_by_field(as_of, until, flt))
    by_field = pd.DataFrame(result.fetchall(), columns=list(DUE_SOON_FIELD_COLUMNS)).astype(
        {"dossiers": "int64", "land_env": "int64"})
    result = conn.execute(build_due_soon_by_unit(as_of, until, flt))
    by_unit = pd.DataFrame(result.fetchall(), columns=list(DUE_SOON_UNIT_COLUMNS)).astype(
        {"dossiers": "int64", "land_env": "int64"})
    return DueSoon(as_of, working_days, until, tuple(calendar.missing_years(as_of, until)),
                   due_soon_by_agency(conn, as_of, until, flt), listed, int(tasks_total), by_field, by_unit)


def due_soon(conn: Connection, as_of: date, working_days: int, calendar: Calendar) -> dict:
    """Return the `cli.py due-soon` figures: {"as_of", "working_days", "until", "dossiers": {"total", "land_env"},
    "by_agency": [{"agency", "dossiers", "land_env"}], "tasks": {"total"}, "holidays_missing_for": [years]}: the
    province's due_soon_view, as JSON."""
    found = due_soon_view(conn, as_of, working_days, calendar)
    return {
        "as_of": as_of.isoformat(),
        "working_days": working_days,
        "until": found.until.isoformat(),
        "dossiers": {"total": found.total, "land_env": found.land_env},
        "by_agency": [{"agency": str(r.agency), "dossiers": int(r.dossiers), "land_env": int(r.land_env)}
                      for r in found.by_agency.itertuples()],
        "tasks": {"total": found.tasks},
        "holidays_missing_for": list(found.missing_years),
    }


CODES_PER_QUERY = 500  # codes bound per statement (every database accepts this many parameters)


def outcomes(conn: Connection, codes: list[str]) -> pd.DataFrame:
    """Return code, due_on, result_on of the dossiers with these codes, as stored now."""
    found = []
    for start in range(0, len(codes), CODES_PER_QUERY):
        chunk = codes[start:start + CODES_PER_QUERY]
        found.extend(conn.execute(select(d.code, d.due_on, d.result_on).where(d.code.in_(chunk))).all())
    return pd.DataFrame(found, columns=["code", "due_on", "result_on"])
