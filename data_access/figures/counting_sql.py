"""The counting rules of metrics/counting.py as SQL: the rollup's events and a period's figures from dossier rows.

`dossier_columns` gives metrics.counting.Dossier as SQLAlchemy column expressions of the `dossiers` table (every
condition is true or false, never NULL, so `~` means not); the rules themselves are not written here.
"""

from datetime import date
from types import SimpleNamespace

from sqlalchemy import Select, and_, case, func, literal, select, true
from sqlalchemy.sql.elements import ColumnElement

from data_access.store.schema import dossiers, fields
from data_access.store.sql_dates import day_after
from metrics.counting import COUNTERS, FIGURES, Term, counter_events, events
from metrics.periods import Period

d = dossiers.c


def dossier_columns() -> SimpleNamespace:
    """Return metrics.counting.Dossier as column expressions of the dossiers table."""
    return SimpleNamespace(
        received=d.received_on, due=d.due_on, result=d.result_on, day_after_due=day_after(d.due_on),
        everyone=true(), closed=d.result_on.is_not(None), has_due=d.due_on.is_not(None), ended=d.ended.is_(True),
        online=d.channel == "online", postal=d.channel == "postal", synced=d.synced.is_(True),
        apology=d.apology.is_(True), digitised=d.digitised.is_(True),
        waiting_supplement=d.waiting_supplement.is_(True))


def _flag(condition: ColumnElement) -> ColumnElement:
    return case((condition, 1), else_=0)


def event_selects(only: ColumnElement) -> list[Select]:
    """Return one SELECT per kind of event of the dossiers matching `only`: day, the rollup keys (a missing unit
    as 0, a missing level as "") and every counter (0 where the event does not count it)."""
    x = dossier_columns()
    parts = []
    for event in events(x):
        counters = [_flag(event.counters[name]).label(name) if name in event.counters else literal(0).label(name)
                    for name in COUNTERS]
        parts.append(select(getattr(x, event.day).label("day"), d.agency_id.label("agency_id"),
                            d.field_id.label("field_id"), func.coalesce(d.unit_id, 0).label("unit_id"),
                            func.coalesce(d.level, "").label("level"), *counters).where(event.when, only))
    return parts


def _in_window(day: ColumnElement, window: str, start: date, end: date) -> ColumnElement:
    if window == "period":
        return day.between(start, end)
    return day <= end if window == "to_end" else day < start


def figure_expressions(period: Period) -> list[ColumnElement]:
    """Return one labelled SUM per figure of metrics.counting.FIGURES for `period`, over dossier rows joined to
    their field (as the rollup would count them)."""
    x = dossier_columns()
    by_counter = counter_events(x)

    def term(t: Term) -> ColumnElement:
        day, condition = by_counter[t.counter]
        window = _in_window(getattr(x, day), t.window, period.start, period.end)
        where = and_(condition, window, fields.c.is_land_env.is_(True)) if t.land_env else and_(condition, window)
        return case((where, t.sign), else_=0)

    out = []
    for name, terms in FIGURES.items():
        total = term(terms[0])
        for more in terms[1:]:
            total = total + term(more)
        out.append(func.coalesce(func.sum(total), 0).label(name))
    return out
