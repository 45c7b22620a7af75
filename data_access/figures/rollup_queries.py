"""Reading the rollups: per-day and per-month sums under a filter, for metrics.rollup to turn into counts.

`build_sums_query` is separate from running it and needs no database. The frame it returns has one row per
(day, land_env[, by]): days of the `months` that must be read per day, and whole other months (up to `until`)
dated on their first day (see metrics.rollup.detail_months).
"""

import calendar
from datetime import date

import pandas as pd
from sqlalchemy import Connection, Select, Table, and_, func, or_, select, true, union_all

from data_access.figures.dossier_queries import NO_FILTER, DossierFilter
from data_access.store.schema import agencies, dossier_daily, dossier_monthly, fields, units
from metrics.errors import check_option
from metrics.rollup import DAILY_COUNTERS

DIMENSIONS = ("unit", "agency", "field", "level")
_COLUMN = {"unit": "unit_id", "agency": "agency_id", "field": "field_id", "level": "level"}


def _month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def _part(table: Table, day, flt: DossierFilter, by: tuple[str, ...], where) -> Select:
    keys = [*[table.c[_COLUMN[name]].label(name) for name in by], day.label("day"),
            fields.c.is_land_env.label("land_env")]
    source = table.join(fields, fields.c.id == table.c.field_id)
    if set(by) == set(DIMENSIONS):  # the table's own grain: one row per key already, nothing to sum
        query = select(*keys, *[table.c[name] for name in DAILY_COUNTERS]).select_from(source).where(where)
    else:
        query = select(*keys, *[func.sum(table.c[name]).label(name) for name in DAILY_COUNTERS]).select_from(
            source).where(where).group_by(*keys)
    if flt.agency_ids:
        query = query.where(table.c.agency_id.in_(flt.agency_ids))
    if flt.levels:
        query = query.where(table.c.level.in_(flt.levels))
    if flt.unit_ids:
        query = query.where(table.c.unit_id.in_(flt.unit_ids))
    if flt.field_ids:
        query = query.where(table.c.field_id.in_(flt.field_ids))
    if flt.land_env_only:
        query = query.where(fields.c.is_land_env.is_(True))
    return query


def build_sums_query(flt: DossierFilter = NO_FILTER, by: str | None = None, months: tuple[date, ...] = (),
                     until: date | None = None) -> Select:
    """Return the SELECT of sums per day of `months` and per whole other month up to `until` (all when None)."""
    if by is not None:
        check_option("by", by, DIMENSIONS)
    return _sums_query(flt, () if by is None else (by,), months, until)


def build_grain_query(months: tuple[date, ...] = (), until: date | None = None) -> Select:
    """Return the SELECT of the sums per unit, agency, field and level (the rollup's own grain), per day of `months`
    and per whole other month up to `until`: what a meeting keeps so that it can be filtered as the live data is."""
    return _sums_query(NO_FILTER, DIMENSIONS, months, until)


def _sums_query(flt: DossierFilter, by: tuple[str, ...], months: tuple[date, ...], until: date | None) -> Select:
    m = dossier_monthly.c.month
    whole = and_(m.not_in(months) if months else true(), m <= until if until else true())
    parts = [_part(dossier_monthly, m, flt, by, whole)]
    if months:
        days = or_(*[dossier_daily.c.day.between(month, _month_end(month)) for month in months])
        parts.append(_part(dossier_daily, dossier_daily.c.day, flt, by, days))
    return union_all(*parts) if len(parts) > 1 else parts[0]


def period_sums(conn: Connection, flt: DossierFilter = NO_FILTER, by: str | None = None,
                months: tuple[date, ...] = (), until: date | None = None) -> pd.DataFrame:
    """Return columns [by], day (date), land_env (bool) and DAILY_COUNTERS (see build_sums_query)."""
    return _sums_frame(conn.execute(build_sums_query(flt, by, months, until)))


def grain_sums(conn: Connection, months: tuple[date, ...] = (), until: date | None = None) -> pd.DataFrame:
    """Return columns unit, agency, field, level, day, land_env and DAILY_COUNTERS (see build_grain_query)."""
    return _sums_frame(conn.execute(build_grain_query(months, until)))


def _sums_frame(result) -> pd.DataFrame:
    # plain tuples: pandas builds a frame from them in half the time it takes from SQLAlchemy's Row objects
    frame = pd.DataFrame([tuple(row) for row in result], columns=list(result.keys()))
    frame["day"] = pd.to_datetime(frame["day"]).dt.date
    frame["land_env"] = frame["land_env"].astype(bool)
    for name in DAILY_COUNTERS:
        frame[name] = frame[name].astype("int64")
    return frame


def build_names_query(by: str) -> Select:
    """Return the SELECT of (key, name[, is_land_env]) of a dimension's values."""
    check_option("by", by, DIMENSIONS)
    if by == "unit":
        return select(units.c.id.label("key"), units.c.name.label("name"))
    if by == "agency":
        return select(agencies.c.id.label("key"), agencies.c.name.label("name"))
    if by == "field":
        return select(fields.c.id.label("key"), fields.c.name.label("name"), fields.c.is_land_env.label("is_land_env"))
    level = dossier_monthly.c.level
    return select(level.label("key"), level.label("name")).where(level != "").distinct()


def dimension_names(conn: Connection, by: str) -> pd.DataFrame:
    """Return key and name (and is_land_env for fields) of every value of a dimension."""
    result = conn.execute(build_names_query(by))
    frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    if by == "field":
        frame["is_land_env"] = frame["is_land_env"].astype(bool)
    return frame
