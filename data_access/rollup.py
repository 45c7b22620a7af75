"""The `dossier_daily` rollup: per-day sums of dossier events by agency, field, unit and level.

`rebuild_daily` recomputes it from the dossiers in one INSERT … SELECT; `daily_sums` reads it back grouped
by at most one dimension, for metrics.rollup.counts_from_daily to turn into DOMAIN §3 counts for any period.
"""

import pandas as pd
from sqlalchemy import Connection, Select, and_, case, delete, func, insert, literal, select, union_all

from data_access.dossier_queries import NO_FILTER, DossierFilter
from data_access.schema import dossier_daily, dossiers, fields
from metrics.errors import check_option
from metrics.rollup import DAILY_COUNTERS

DIMENSIONS = ("unit", "agency", "field", "level")
d = dossiers.c
r = dossier_daily.c


def _flag(condition) -> object:
    return case((condition, 1), else_=0)


def _events(day, where, counters: dict) -> Select:
    columns = [counters[name].label(name) if name in counters else literal(0).label(name) for name in DAILY_COUNTERS]
    return select(day.label("day"), d.agency_id.label("agency_id"), d.field_id.label("field_id"),
                  func.coalesce(d.unit_id, 0).label("unit_id"), func.coalesce(d.level, "").label("level"),
                  *columns).where(where)


def build_events() -> Select:
    """Return the UNION ALL of every dossier's events (received, closed, due, cleared after/by due)."""
    closed = d.result_on.is_not(None)
    resolved = and_(closed, d.ended.is_(False))
    with_due = and_(closed, d.due_on.is_not(None))
    one = literal(1)
    return union_all(
        _events(d.received_on, literal(True), {
            "n_received": one, "n_received_online": _flag(d.channel == "online"),
            "n_received_postal": _flag(d.channel == "postal"), "n_received_synced": _flag(d.synced.is_(True)),
            "n_open_supplement": _flag(and_(d.result_on.is_(None), d.waiting_supplement.is_(True)))}),
        _events(d.result_on, closed, {
            "n_closed": one, "n_resolved": _flag(resolved),
            "n_resolved_early": _flag(and_(resolved, d.result_on < d.due_on)),
            "n_resolved_on_day": _flag(and_(resolved, d.result_on == d.due_on)),
            "n_resolved_late": _flag(and_(resolved, d.result_on > d.due_on)),
            "n_resolved_digitised": _flag(and_(resolved, d.digitised.is_(True))),
            "n_ended": _flag(d.ended.is_(True)),
            "n_late_apology": _flag(and_(resolved, d.result_on > d.due_on, d.apology.is_(True)))}),
        _events(d.due_on, d.due_on.is_not(None), {"n_due": one, "n_due_apology": _flag(d.apology.is_(True))}),
        _events(d.result_on, and_(with_due, d.result_on > d.due_on), {
            "n_cleared_after_due": one, "n_cleared_after_due_apology": _flag(d.apology.is_(True))}),
        _events(d.due_on, and_(with_due, d.result_on <= d.due_on), {
            "n_cleared_by_due": one, "n_cleared_by_due_apology": _flag(d.apology.is_(True))}),
    ).subquery("events")


def rebuild_daily(conn: Connection) -> int:
    """Recompute the whole rollup from the dossiers table; return its number of rows."""
    events = build_events()
    keys = [events.c.day, events.c.agency_id, events.c.field_id, events.c.unit_id, events.c.level]
    sums = select(*keys, *[func.sum(events.c[name]) for name in DAILY_COUNTERS]).group_by(*keys)
    conn.execute(delete(dossier_daily))
    conn.execute(insert(dossier_daily).from_select(
        ["day", "agency_id", "field_id", "unit_id", "level", *DAILY_COUNTERS], sums))
    return conn.execute(select(func.count()).select_from(dossier_daily)).scalar_one()


def _dimension(by: str):
    return {"unit": r.unit_id, "agency": r.agency_id, "field": r.field_id, "level": r.level}[by]


def build_daily_query(flt: DossierFilter = NO_FILTER, by: str | None = None) -> Select:
    """Return the SELECT of per-day sums (day, land_env, [by], counters) under a filter."""
    keys = [r.day, fields.c.is_land_env.label("land_env")]
    if by is not None:
        check_option("by", by, DIMENSIONS)
        keys.insert(0, _dimension(by).label(by))
    query = select(*keys, *[func.sum(r[name]).label(name) for name in DAILY_COUNTERS]).select_from(
        dossier_daily.join(fields, fields.c.id == r.field_id)).group_by(*keys)
    if flt.agency_ids:
        query = query.where(r.agency_id.in_(flt.agency_ids))
    if flt.levels:
        query = query.where(r.level.in_(flt.levels))
    if flt.unit_ids:
        query = query.where(r.unit_id.in_(flt.unit_ids))
    if flt.field_ids:
        query = query.where(r.field_id.in_(flt.field_ids))
    if flt.land_env_only:
        query = query.where(fields.c.is_land_env.is_(True))
    return query


def daily_sums(conn: Connection, flt: DossierFilter = NO_FILTER, by: str | None = None) -> pd.DataFrame:
    """Return per-day sums: columns [by], day (date), land_env (bool) and every DAILY_COUNTERS column."""
    result = conn.execute(build_daily_query(flt, by))
    frame = pd.DataFrame(result.mappings().all(), columns=list(result.keys()))
    frame["land_env"] = frame["land_env"].astype(bool)
    for name in DAILY_COUNTERS:
        frame[name] = frame[name].astype("int64")
    return frame
