"""The reads of figures as values: each query is a small frozen dataclass with a stable `key`, run by
`Source.read(query)`. The Streamlit boundary caches every one of them at one site (ui.data.read), keyed on the
Source's key and the query's; the pack and the command line call data_access.figures.assemble directly.

A new figure read is one class here: its fields are what the answer depends on, `run` says how it is counted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date
from operator import attrgetter
from typing import Any, ClassVar

from data_access.figures import assemble as figures
from data_access.figures.dossier_queries import NO_FILTER, DossierFilter
from data_access.figures.source import Source
from metrics.periods import Period
from metrics.scorecard import IndicatorSpec


@dataclass(frozen=True)
class Query:
    """A read of figures from a Source, named by its class and fields."""

    @property
    def key(self) -> str:
        """Return the stable text naming this read (its class and fields)."""
        return repr(self)

    def run(self, source: Source) -> Any:
        """Return the answer counted on `source`."""
        raise NotImplementedError


@dataclass(frozen=True)
class FigureQuery(Query):
    """A query answered by one function of data_access.figures.assemble, called with the Source then its fields in
    order."""

    figure: ClassVar[Callable[..., Any]]

    def run(self, source: Source) -> Any:
        """Return the figure counted on `source`."""
        return type(self).figure(source, *(getattr(self, f.name) for f in fields(self)))


@dataclass(frozen=True)
class Counts(FigureQuery):
    """COUNT_COLUMNS of a period, in total or per group (data_access.figures.assemble.counts)."""

    period: Period
    flt: DossierFilter = NO_FILTER
    by: str | None = None

    figure = staticmethod(figures.counts)


@dataclass(frozen=True)
class Series(FigureQuery):
    """COUNT_COLUMNS per period with period_start and period_end (data_access.figures.assemble.series)."""

    periods: tuple[Period, ...]
    flt: DossierFilter = NO_FILTER

    figure = staticmethod(figures.series)


@dataclass(frozen=True)
class AgenciesOffered(FigureQuery):
    """The agencies in force on a date (data_access.figures.assemble.agencies_offered)."""

    on: date

    figure = staticmethod(figures.agencies_offered)


@dataclass(frozen=True)
class UnitsOffered(FigureQuery):
    """The units in force on a date within the Source's scope (data_access.figures.assemble.units_offered)."""

    on: date

    figure = staticmethod(figures.units_offered)


@dataclass(frozen=True)
class UnitLines(FigureQuery):
    """Counts per unit in force at the period's end, then the lines not attributed to one (figures.unit_lines)."""

    period: Period
    flt: DossierFilter = NO_FILTER

    figure = staticmethod(figures.unit_lines)


@dataclass(frozen=True)
class Overdue(FigureQuery):
    """Overdue counts per procedure or per agency holding the dossier (data_access.figures.assemble.overdue)."""

    period: Period
    flt: DossierFilter
    by: str

    figure = staticmethod(figures.overdue)


@dataclass(frozen=True)
class Ageing(FigureQuery):
    """Overdue dossiers in progress per age bucket at a date (data_access.figures.assemble.ageing)."""

    as_of: date
    flt: DossierFilter = NO_FILTER

    figure = staticmethod(figures.ageing)


@dataclass(frozen=True)
class WorkingDays(Query):
    """The calendar of working days (data_access.reference.holidays)."""

    def run(self, source: Source) -> Any:
        """Return the Calendar."""
        return source.calendar()


@dataclass(frozen=True)
class DueSoon(Query):
    """What goes overdue within `working_days` working days after a date, named by the units in force, or None for a
    meeting (Source.due_soon)."""

    as_of: date
    flt: DossierFilter
    working_days: int

    def run(self, source: Source) -> Any:
        """Return the DueSoon, or None."""
        found = source.due_soon(self.as_of, self.working_days, self.flt)
        if found is None or found.by_unit is None:
            return found
        return replace(found, by_unit=figures.due_soon_units(source, found))


@dataclass(frozen=True)
class Journey(Query):
    """One dossier's steps as counted at a date (data_access.figures.stage_queries.JOURNEY_COLUMNS)."""

    code: str
    as_of: date

    def run(self, source: Source) -> Any:
        """Return the steps frame."""
        return source.journey(self.code, self.as_of)


@dataclass(frozen=True)
class Tasks(FigureQuery):
    """Tasks issued by a date, as that date's agencies carry them (data_access.figures.assemble.tasks)."""

    issued_by: date | None

    figure = staticmethod(figures.tasks)


@dataclass(frozen=True)
class Successors(FigureQuery):
    """{agency id: the agency it counts for on a date} (data_access.figures.assemble.successors)."""

    on: date

    figure = staticmethod(figures.successors)


@dataclass(frozen=True)
class Reference(Query):
    """A reference frame by name (data_access.figures.source.REFERENCE)."""

    name: str

    def run(self, source: Source) -> Any:
        """Return the frame."""
        return source.reference(self.name)


@dataclass(frozen=True)
class Scorecard(Query):
    """(The scored units in force at the period's end, the lines not attributed to one) (figures.scorecard)."""

    period: Period
    flt: DossierFilter
    specs: tuple[IndicatorSpec, ...]
    min_dossiers: int

    def run(self, source: Source) -> Any:
        """Return the two frames."""
        return figures.scorecard(source, self.period, self.flt, list(self.specs), self.min_dossiers)


QUERY_TYPES = (Counts, Series, AgenciesOffered, UnitsOffered, UnitLines, Overdue, Ageing, WorkingDays, DueSoon,
               Journey, Tasks, Successors, Reference, Scorecard)
QUERY_HASH_FUNCS = {kind: attrgetter("key") for kind in QUERY_TYPES}  # st.cache_data(hash_funcs=…), with a Source's
