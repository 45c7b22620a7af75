"""Dossier aggregates computed in SQL with the counting rules of DOMAIN §3.

Every query returns the COUNT_COLUMNS of metrics.dossiers (per group when asked), so that
metrics.dossiers.dossier_rates turns them into rates. Building a statement is separate from running it:
the build_* functions need no database. All values are bound parameters.
"""

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, Select, and_, or_, select
from sqlalchemy.sql.elements import ColumnElement

from data_access.figures.counting_sql import figure_expressions
from data_access.store.schema import agencies, dossiers, fields, procedures, units
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


def count_expressions(period: Period) -> list[ColumnElement]:
    """Return the labelled sums of COUNT_COLUMNS for `period` (as-of = period.end), by the rules of
    metrics/counting.py."""
    return figure_expressions(period)


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
