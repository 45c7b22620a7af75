"""Dossier aggregates computed in SQL with the counting rules of DOMAIN §3.

Every query returns the COUNT_COLUMNS of metrics.dossiers (per group when asked), so that
metrics.dossiers.dossier_rates turns them into rates. Building a statement is separate from running it:
the build_* functions need no database. All values are bound parameters.
"""

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, Select, and_, case, func, literal, or_, select, union_all
from sqlalchemy.sql.elements import ColumnElement

from data_access.schema import agencies, dossiers, fields, procedures, units
from metrics.dossiers import COUNT_COLUMNS
from metrics.errors import check_option
from metrics.periods import Period

GROUPINGS = ("unit", "agency", "field", "procedure", "current_agency", "level")

d = dossiers.c


@dataclass(frozen=True)
class DossierFilter:
    """Which dossiers to count; empty tuples mean no restriction."""

    agency_ids: tuple[int, ...] = ()
    levels: tuple[str, ...] = ()
    unit_ids: tuple[int, ...] = ()
    field_ids: tuple[int, ...] = ()
    land_env_only: bool = False


NO_FILTER = DossierFilter()


def _flag(condition: ColumnElement) -> ColumnElement:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def count_expressions(period: Period) -> list[ColumnElement]:
    """Return the labelled SUM(CASE …) columns of COUNT_COLUMNS for `period` (as-of = period.end)."""
    start, end = period.start, period.end
    received_in = d.received_on.between(start, end)
    closed_in = and_(d.result_on.is_not(None), d.result_on.between(start, end))
    resolved = and_(closed_in, d.ended.is_(False))
    late = and_(resolved, d.result_on > d.due_on)
    in_progress = and_(d.received_on <= end, or_(d.result_on.is_(None), d.result_on > end))
    overdue_open = and_(in_progress, d.due_on < end)
    overdue = or_(late, overdue_open)
    expressions = {
        "received": received_in,
        "received_online": and_(received_in, d.channel == "online"),
        "received_postal": and_(received_in, d.channel == "postal"),
        "received_synced": and_(received_in, d.synced.is_(True)),
        "carried_over": and_(d.received_on < start, or_(d.result_on.is_(None), d.result_on >= start)),
        "resolved": resolved,
        "resolved_early": and_(resolved, d.result_on < d.due_on),
        "resolved_on_day": and_(resolved, d.result_on == d.due_on),
        "resolved_late": late,
        "resolved_digitised": and_(resolved, d.digitised.is_(True)),
        "ended_without_result": and_(closed_in, d.ended.is_(True)),
        "in_progress": in_progress,
        "in_progress_overdue": overdue_open,
        "in_progress_supplement": and_(in_progress, d.result_on.is_(None), d.waiting_supplement.is_(True)),
        "overdue_total": overdue,
        "overdue_land_env": and_(overdue, fields.c.is_land_env.is_(True)),
        "late_with_apology": and_(overdue, d.apology.is_(True)),
    }
    return [_flag(expressions[name]).label(name) for name in COUNT_COLUMNS]


def relevant_to(period: Period) -> ColumnElement:
    """Return the condition selecting the dossiers that can count in `period` (others add only zeros)."""
    return and_(d.received_on <= period.end, or_(d.result_on.is_(None), d.result_on >= period.start))


def filter_conditions(flt: DossierFilter) -> list[ColumnElement]:
    """Return the WHERE conditions of a filter."""
    conditions: list[ColumnElement] = []
    if flt.agency_ids:
        conditions.append(d.agency_id.in_(flt.agency_ids))
    if flt.levels:
        conditions.append(d.level.in_(flt.levels))
    if flt.unit_ids:
        conditions.append(d.unit_id.in_(flt.unit_ids))
    if flt.field_ids:
        conditions.append(d.field_id.in_(flt.field_ids))
    if flt.land_env_only:
        conditions.append(fields.c.is_land_env.is_(True))
    return conditions


def _grouping(by: str) -> tuple[list[ColumnElement], object]:
    """Return (key and name columns, FROM clause) of a grouping."""
    base = dossiers.join(fields, fields.c.id == d.field_id)
    if by == "unit":
        return [d.unit_id.label("key"), units.c.name.label("name")], base.outerjoin(units, units.c.id == d.unit_id)
    if by == "agency":
        return [d.agency_id.label("key"), agencies.c.name.label("name")], base.join(
            agencies, agencies.c.id == d.agency_id)
    if by == "current_agency":
        return [d.current_agency_id.label("key"), agencies.c.name.label("name")], base.outerjoin(
            agencies, agencies.c.id == d.current_agency_id)
    if by == "field":
        return [d.field_id.label("key"), fields.c.name.label("name"), fields.c.is_land_env.label("is_land_env")], base
    if by == "procedure":
        return [d.procedure_id.label("key"), procedures.c.name.label("name"), procedures.c.code.label("code"),
                fields.c.name.label("field")], base.outerjoin(procedures, procedures.c.id == d.procedure_id)
    return [d.level.label("key"), d.level.label("name")], base


def build_counts_query(period: Period, flt: DossierFilter = DossierFilter(), by: str | None = None) -> Select:
    """Return the SELECT of COUNT_COLUMNS for `period`, in total or grouped by one of GROUPINGS."""
    if by is None:
        source = dossiers.join(fields, fields.c.id == d.field_id)
        query = select(*count_expressions(period)).select_from(source)
    else:
        check_option("by", by, GROUPINGS)
        keys, source = _grouping(by)
        query = select(*keys, *count_expressions(period)).select_from(source).group_by(*keys)
        query = query.order_by(keys[1])
    return query.where(relevant_to(period), *filter_conditions(flt))


def dossier_counts(conn: Connection, period: Period, flt: DossierFilter = DossierFilter(),
                   by: str | None = None) -> pd.DataFrame:
    """Return COUNT_COLUMNS for the period: one row, or one row per group with `key` and `name` first."""
    result = conn.execute(build_counts_query(period, flt, by))
    frame = pd.DataFrame(result.mappings().all(), columns=list(result.keys()))
    for column in COUNT_COLUMNS:
        frame[column] = frame[column].astype("int64")
    return frame


def build_series_query(periods: list[Period], flt: DossierFilter = DossierFilter()) -> Select:
    """Return one SELECT (UNION ALL) with COUNT_COLUMNS for each period, labelled by its start and end."""
    parts = []
    source = dossiers.join(fields, fields.c.id == d.field_id)
    for period in periods:
        parts.append(
            select(literal(period.start.isoformat()).label("period_start"),
                   literal(period.end.isoformat()).label("period_end"),
                   *count_expressions(period))
            .select_from(source)
            .where(relevant_to(period), *filter_conditions(flt))
        )
    return union_all(*parts) if len(parts) > 1 else parts[0]


def dossier_series(conn: Connection, periods: list[Period], flt: DossierFilter = DossierFilter()) -> pd.DataFrame:
    """Return COUNT_COLUMNS per period with period_start and period_end (dates), in the given order."""
    if not periods:
        return pd.DataFrame(columns=["period_start", "period_end", *COUNT_COLUMNS])
    result = conn.execute(build_series_query(periods, flt))
    frame = pd.DataFrame(result.mappings().all(), columns=list(result.keys()))
    frame["period_start"] = pd.to_datetime(frame["period_start"]).dt.date
    frame["period_end"] = pd.to_datetime(frame["period_end"]).dt.date
    for column in COUNT_COLUMNS:
        frame[column] = frame[column].astype("int64")
    return frame.sort_values("period_start", kind="stable").reset_index(drop=True)
