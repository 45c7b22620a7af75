"""Date arithmetic that SQLite and PostgreSQL spell differently, as SQLAlchemy constructs (no values inlined)."""

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import Date, Integer


class day_after(FunctionElement):  # noqa: N801 - reads like a SQL function
    """The day after a date column."""

    type = Date()
    inherit_cache = True


class month_start(FunctionElement):  # noqa: N801
    """The first day of a date column's month."""

    type = Date()
    inherit_cache = True


@compiles(day_after)
def _day_after(element, compiler, **kw) -> str:
    return f"({compiler.process(element.clauses, **kw)} + 1)"


@compiles(day_after, "sqlite")
def _day_after_sqlite(element, compiler, **kw) -> str:
    return f"date({compiler.process(element.clauses, **kw)}, '+1 day')"


@compiles(month_start)
def _month_start(element, compiler, **kw) -> str:
    return f"CAST(date_trunc('month', {compiler.process(element.clauses, **kw)}) AS DATE)"


@compiles(month_start, "sqlite")
def _month_start_sqlite(element, compiler, **kw) -> str:
    return f"date({compiler.process(element.clauses, **kw)}, 'start of month')"


class days_between(FunctionElement):  # noqa: N801
    """The whole days from the second date to the first (end − start), as an integer."""

    type = Integer()
    inherit_cache = True


@compiles(days_between)
def _days_between(element, compiler, **kw) -> str:
    end, start = list(element.clauses)
    return f"({compiler.process(end, **kw)} - {compiler.process(start, **kw)})"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element, compiler, **kw) -> str:
    end, start = list(element.clauses)
    return (f"CAST(julianday({compiler.process(end, **kw)}) - julianday({compiler.process(start, **kw)}) "
            "AS INTEGER)")
