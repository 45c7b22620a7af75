"""What will go overdue in the next working days (issue #33): dossiers in progress at the as-of date D whose due date
falls after D and on or before the N-th working day after D, per agency holding them now; and tasks open at D whose
deadline falls in the same days. Aggregated in SQL; no dossier row and no applicant reaches the caller.
"""

from datetime import date

import pandas as pd
from sqlalchemy import Connection, Select, and_, case, func, or_, select

from data_access.schema import agencies, dossiers, fields, tasks
from metrics.workdays import Calendar

DUE_SOON_COLUMNS = ("agency", "dossiers", "land_env")
d = dossiers.c


def _holding() -> object:
    """Return the agency holding a dossier now: the one its steps name, else the one that handles it."""
    return func.coalesce(d.current_agency_id, d.agency_id)


def build_due_soon_query(as_of: date, until: date) -> Select:
    """Return the SELECT of DUE_SOON_COLUMNS: dossiers in progress at as_of, due in (as_of, until], per agency."""
    holding = _holding().label("agency_id")
    rows = (select(holding, case((fields.c.is_land_env.is_(True), 1), else_=0).label("land_env"))
            .select_from(dossiers.join(fields, fields.c.id == d.field_id))
            .where(d.received_on <= as_of, or_(d.result_on.is_(None), d.result_on > as_of),
                   d.due_on > as_of, d.due_on <= until)
            .subquery("due_soon"))
    return (select(agencies.c.name.label("agency"), func.count().label("dossiers"),
                   func.sum(rows.c.land_env).label("land_env"))
            .select_from(rows.join(agencies, agencies.c.id == rows.c.agency_id))
            .group_by(agencies.c.id, agencies.c.name))


def due_soon_by_agency(conn: Connection, as_of: date, until: date) -> pd.DataFrame:
    """Return DUE_SOON_COLUMNS, one row per agency holding any, most dossiers first, then by name."""
    result = conn.execute(build_due_soon_query(as_of, until))
    frame = pd.DataFrame(result.fetchall(), columns=list(DUE_SOON_COLUMNS))
    frame = frame.astype({"dossiers": "int64", "land_env": "int64"})
    return frame.sort_values(["dossiers", "agency"], ascending=[False, True], ignore_index=True)


def build_tasks_due_soon_query(as_of: date, until: date) -> Select:
    """Return the SELECT counting tasks issued by as_of, not completed by it, whose deadline is in (as_of, until]."""
    t = tasks.c
    return select(func.count()).select_from(tasks).where(
        t.doc_date <= as_of, or_(t.completed_on.is_(None), t.completed_on > as_of),
        and_(t.deadline > as_of, t.deadline <= until))


def due_soon(conn: Connection, as_of: date, working_days: int, calendar: Calendar) -> dict:
    """Return the `cli.py due-soon` figures: {"as_of", "working_days", "until", "dossiers": {"total", "land_env"},
    "by_agency": [{"agency", "dossiers", "land_env"}], "tasks": {"total"}, "holidays_missing_for": [years]}."""
    until = calendar.add_working_days(as_of, working_days)
    by_agency = due_soon_by_agency(conn, as_of, until)
    return {
        "as_of": as_of.isoformat(),
        "working_days": working_days,
        "until": until.isoformat(),
        "dossiers": {"total": int(by_agency["dossiers"].sum()), "land_env": int(by_agency["land_env"].sum())},
        "by_agency": [{"agency": str(r.agency), "dossiers": int(r.dossiers), "land_env": int(r.land_env)}
                      for r in by_agency.itertuples()],
        "tasks": {"total": int(conn.execute(build_tasks_due_soon_query(as_of, until)).scalar_one())},
        "holidays_missing_for": calendar.missing_years(as_of, until),
    }
