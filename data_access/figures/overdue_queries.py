"""Overdue-only breakdowns that the rollups do not carry (procedure, agency now holding the dossier, age).

They read only overdue dossiers, found through partial indexes: late results in the period
(`ix_dossiers_late_result`), dossiers still open (`ix_dossiers_open_due`) and dossiers closed after the
as-of date (`ix_dossiers_result_on_received_on`). Counts follow DOMAIN §3 exactly as in dossier_queries.
"""

from datetime import date

import pandas as pd
from sqlalchemy import Connection, Select, and_, case, func, literal, select, union_all

from data_access.figures.dossier_queries import NO_FILTER, DossierFilter, filter_conditions
from data_access.store.schema import agencies, dossiers, fields, procedures
from metrics.ageing import due_date_bounds
from metrics.errors import check_option
from metrics.periods import Period

OVERDUE_GROUPINGS = ("procedure", "current_agency")
OVERDUE_COLUMNS = ("resolved_late", "in_progress_overdue", "overdue_total", "overdue_land_env")
GRAIN = ("unit_id", "agency_id", "level", "field_id")  # what a meeting keeps its breakdowns per, to filter them later
d = dossiers.c
SOURCE = dossiers.join(fields, fields.c.id == d.field_id)


def _columns(late: int) -> list:
    return [d.procedure_id, d.current_agency_id, d.unit_id, d.agency_id, d.level, d.field_id, d.due_on,
            fields.c.name.label("field_name"),
            case((fields.c.is_land_env.is_(True), 1), else_=0).label("land_env"),
            literal(late).label("late"), literal(1 - late).label("open")]


def open_overdue_parts(as_of: date, flt: DossierFilter = NO_FILTER) -> list[Select]:
    """Return SELECTs of the dossiers in progress and overdue at as_of: still open, and closed after as_of."""
    overdue = and_(d.received_on <= as_of, d.due_on < as_of)
    conditions = filter_conditions(flt)
    return [
        select(*_columns(0)).select_from(SOURCE).where(d.result_on.is_(None), overdue, *conditions),
        select(*_columns(0)).select_from(SOURCE).where(d.result_on > as_of, overdue, *conditions),
    ]


def overdue_rows(period: Period, flt: DossierFilter = NO_FILTER) -> Select:
    """Return the UNION ALL of the period's overdue dossiers: resolved late in it, or open and overdue at its end."""
    late = select(*_columns(1)).select_from(SOURCE).where(
        d.result_on > d.due_on, d.result_on.between(period.start, period.end), d.ended.is_(False),
        *filter_conditions(flt))
    return union_all(late, *open_overdue_parts(period.end, flt))


def build_overdue_query(period: Period, flt: DossierFilter = NO_FILTER, by: str = "procedure",
                        per: tuple[str, ...] = ()) -> Select:
    """Return the SELECT of OVERDUE_COLUMNS per procedure or per agency holding the dossier (and per the GRAIN columns
    `per` names)."""
    check_option("by", by, OVERDUE_GROUPINGS)
    rows = overdue_rows(period, flt).subquery("overdue")
    counts = [func.sum(rows.c.late).label("resolved_late"), func.sum(rows.c.open).label("in_progress_overdue"),
              func.count().label("overdue_total"),
              func.sum(rows.c.land_env).label("overdue_land_env")]
    if by == "procedure":
        keys = [rows.c.procedure_id.label("key"), procedures.c.name.label("name"), procedures.c.code.label("code"),
                rows.c.field_name.label("field")]
        source = rows.outerjoin(procedures, procedures.c.id == rows.c.procedure_id)
    else:
        keys = [rows.c.current_agency_id.label("key"), agencies.c.name.label("name")]
        source = rows.outerjoin(agencies, agencies.c.id == rows.c.current_agency_id)
    for name in per:
        check_option("per", name, GRAIN)
        keys.append(rows.c[name].label(name))
    return select(*keys, *counts).select_from(source).group_by(*keys).order_by(keys[1])


def overdue_counts(conn: Connection, period: Period, flt: DossierFilter = NO_FILTER,
                   by: str = "procedure", per: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return key, name (code and field for procedures), the columns `per` names and OVERDUE_COLUMNS, one row per group
    with any."""
    result = conn.execute(build_overdue_query(period, flt, by, per))
    frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    for column in OVERDUE_COLUMNS:
        frame[column] = frame[column].fillna(0).astype("int64")
    return frame


def build_ageing_query(as_of: date, flt: DossierFilter = NO_FILTER, per_grain: bool = False) -> Select:
    """Return the SELECT counting dossiers in progress and overdue at as_of, one column per age bucket (one row, or one
    per GRAIN with any)."""
    rows = union_all(*open_overdue_parts(as_of, flt)).subquery("open_overdue")
    keys = [rows.c[name] for name in GRAIN] if per_grain else []
    columns = []
    for key, earliest, latest in due_date_bounds(as_of):
        in_bucket = rows.c.due_on <= latest if earliest is None else rows.c.due_on.between(earliest, latest)
        columns.append(func.coalesce(func.sum(case((in_bucket, 1), else_=0)), 0).label(key))
    return select(*keys, *columns).select_from(rows).group_by(*keys) if keys else select(*columns).select_from(rows)


def overdue_ageing(conn: Connection, as_of: date, flt: DossierFilter = NO_FILTER) -> pd.DataFrame:
    """Return (bucket, count) of dossiers in progress and overdue at as_of, every bucket present."""
    row = conn.execute(build_ageing_query(as_of, flt)).mappings().one()
    return pd.DataFrame({"bucket": list(row.keys()), "count": [int(v or 0) for v in row.values()]})


def ageing_grain(conn: Connection, as_of: date) -> pd.DataFrame:
    """Return GRAIN and one count column per age bucket of the dossiers in progress and overdue at as_of, one row per
    GRAIN with any (a meeting keeps it to count any filter's buckets, metrics.ageing.buckets_of)."""
    result = conn.execute(build_ageing_query(as_of, per_grain=True))
    frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    buckets = [c for c in frame.columns if c not in GRAIN]
    return frame.astype({c: "int64" for c in buckets})
