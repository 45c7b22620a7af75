"""The figures every page, slide, the pack and the command line show, assembled in one place from a Source's reads
(data_access.figures.source): dossier counts per period and group, monthly series, overdue breakdowns, ageing, tasks as
today's agencies carry them, and the scorecard of the units in force. Nothing here knows whether the Source is live
or a meeting's frozen frames. Returned frames are new; a Source's frames are never changed."""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from data_access.figures.dossier_queries import NO_FILTER, DossierFilter
from data_access.figures.early_warning import DUE_SOON_COUNTS, DueSoon
from data_access.figures.source import Source, province_summary
from data_access.figures.stage_queries import StageQuery
from data_access.figures.summary import dossier_figures
from metrics.agencies import agencies_in_force, agency_successors, regroup_by_successor, tasks_of_agencies_on
from metrics.periods import Period, comparable_period, period_to_date, scorecard_window
from metrics.rollup import detail_months, last_month, period_counts, remap_keys, series_from_daily
from metrics.scorecard import IndicatorSpec
from metrics.stages import agency_table, step_table, supplement_summary, transfers_table
from metrics.tasks import classify_tasks
from metrics.territory import counts_by_unit_in_force, named_lines, scorecard_in_force, units_in_force
from texts import labels as L
from texts.fmt import fmt_int, fmt_window

OVERDUE_COUNTS = ["resolved_late", "in_progress_overdue", "overdue_total", "overdue_land_env"]


@dataclass(frozen=True)
class Comparison:
    """What changes are measured against: the like-for-like window of the period (metrics.periods.
    comparable_period) on the same Source, and the text that names it; `source` is None when a meeting's frozen
    frames lack that window (no change is shown then, rather than one against another window)."""

    source: Source | None
    period: Period
    text: str


def comparison(source: Source, kind: str, period: Period, week_starts_on: int) -> Comparison:
    """Return the comparison of `period` (of `kind`) with its like-for-like window, named in its text ("so với cùng
    kỳ tháng trước (01/11–05/11/2026)"); in a meeting, counted on the meeting's frozen frames."""
    other = comparable_period(kind, period, week_starts_on)
    text = L.COMPARE_KIND[kind].format(window=fmt_window(other.start, other.end), days=fmt_int(other.days))
    return Comparison(source if source.covers(other) else None, other, text)


def scorecard_comparison(source: Source, kind: str, period: Period, months: int,
                         week_starts_on: int) -> tuple[Period, Comparison]:
    """Return (the window the scorecard counts, what its ranks move against): the period and its comparison when it
    reaches `months` months back, else the rolling `months` months to its end against the same window a week
    earlier (metrics.periods.scorecard_window)."""
    window, against = scorecard_window(period, months)
    if against is None:
        return period, comparison(source, kind, period, week_starts_on)
    text = L.COMPARE_KIND["28d"].format(window=fmt_window(against.start, against.end))
    return window, Comparison(source if source.covers(against) else None, against, text)


def compared_headline(source: Source, as_of: date, week_starts_on: int) -> tuple[dict, dict | None, Comparison]:
    """Return (the `summary` figures of the month to `as_of`, those of its like-for-like window, the Comparison):
    the meeting table and the pack compare the month with the same days of the previous month, never a month to
    date with another meeting's month of another length. The second is None when it cannot be counted."""
    period = period_to_date("month", as_of)
    compare = comparison(source, "month", period, week_starts_on)
    now = source.headline(as_of, period.start)
    if compare.source is None:
        return now, None, compare
    before = province_summary(source, compare.period)
    return now, before, compare


def successors(source: Source, on: date) -> dict[int, int]:
    """Return {agency id: the agency it counts for on `on`} (metrics.agencies.agency_successors)."""
    return agency_successors(source.reference("agencies"), source.reference("agency_lineage"), on)


def agency_names(source: Source) -> dict[int, str]:
    """Return {agency id: name} of every agency the Source knows."""
    agencies = source.reference("agencies")
    return dict(zip(agencies["id"].astype(int), agencies["name"], strict=True))


def counts(source: Source, period: Period, flt: DossierFilter, by: str | None = None) -> pd.DataFrame:
    """Return dossier COUNT_COLUMNS for a period from the rollups: one row, or one row per unit, agency, field or
    level with `key` and `name` first (only groups with dossiers in the period); a merged agency's dossiers count
    for its successor."""
    sums = source.sums(flt, by, detail_months([period]), last_month([period]))
    if by == "agency":
        sums = remap_keys(sums, "agency", successors(source, period.end))
    return period_counts(sums, period, by, None if by is None else source.names(by))


def series(source: Source, periods: tuple[Period, ...], flt: DossierFilter) -> pd.DataFrame:
    """Return dossier COUNT_COLUMNS per period, with period_start and period_end, from the rollups."""
    return series_from_daily(source.sums(flt, None, detail_months(periods), last_month(periods)), periods)


def overdue(source: Source, period: Period, flt: DossierFilter, by: str) -> pd.DataFrame:
    """Return overdue counts per procedure, or per agency holding the dossier counted for its successor."""
    found = source.overdue(period, flt, by)
    if by != "current_agency":
        return found
    return regroup_by_successor(found, successors(source, period.end), agency_names(source), OVERDUE_COUNTS)


def ageing(source: Source, as_of: date, flt: DossierFilter) -> pd.DataFrame:
    """Return overdue dossiers in progress per age bucket at as_of."""
    return source.ageing(as_of, flt)


def tasks(source: Source, issued_by: date | None) -> pd.DataFrame:
    """Return tasks issued by a date (task_queries.load_tasks), each counted for its lead agency's successor on
    that date, with `lead_agency_shown`."""
    return tasks_of_agencies_on(source.tasks(issued_by), source.reference("agencies"),
                                source.reference("agency_lineage"), issued_by or date.today())


def scorecard(source: Source, period: Period, flt: DossierFilter, specs: list[IndicatorSpec],
              min_dossiers: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (the scored units in force at the period's end, the lines not attributed to one of them)."""
    return scorecard_in_force(counts(source, period, flt, "unit"), classify_tasks(tasks(source, period.end),
                                                                                  period.end),
                              source.reference("units"), source.reference("unit_lineage"), period.end, specs,
                              min_dossiers)


def agencies_offered(source: Source, on: date) -> pd.DataFrame:
    """Return the agencies in force on a date (metrics.agencies.agencies_in_force), as the sidebar offers them."""
    return agencies_in_force(source.reference("agencies"), source.reference("agency_lineage"), on)


def units_offered(source: Source, on: date) -> pd.DataFrame:
    """Return the units in force on a date within the Source's scope (metrics.territory.units_in_force)."""
    offered = units_in_force(source.reference("units"), on)
    return offered if source.scope is None else offered.loc[offered["id"].isin(source.scope.unit_ids)]


def unit_lines(source: Source, period: Period, flt: DossierFilter) -> pd.DataFrame:
    """Return key, name and COUNT_COLUMNS of the units in force at the period's end followed by the lines not
    attributed to one (metrics.territory.named_lines), every dossier once."""
    units = source.reference("units")
    return named_lines(*counts_by_unit_in_force(counts(source, period, flt, "unit"), units,
                                                source.reference("unit_lineage"), period.end), units)


def due_soon_units(source: Source, found: DueSoon) -> pd.DataFrame:
    """Return key, name, dossiers, land_env of the units in force at the as-of date (then the lines not attributed to
    one, named by their key) holding any dossier about to go overdue, most first, then by name."""
    units = source.reference("units")
    lines = named_lines(*counts_by_unit_in_force(found.by_unit, units, source.reference("unit_lineage"), found.as_of,
                                                 columns=DUE_SOON_COUNTS), units)
    lines = lines.loc[lines["dossiers"] > 0]
    return lines.sort_values(["dossiers", "name"], ascending=[False, True], ignore_index=True)


def summary_by_unit(source: Source, as_of: date, start: date | None = None) -> dict:
    """Return {"as_of", "from", "units": {GSO code: {...}}, "other": {line: {...}}, "province": {...}}: the dossier
    figures of [start, as_of] by the units in force on as_of (metrics.territory), each {...} as summary's dossiers."""
    period = Period(start or as_of.replace(day=1), as_of)
    units = source.reference("units")
    per_unit, other = counts_by_unit_in_force(counts(source, period, NO_FILTER, "unit"), units,
                                              source.reference("unit_lineage"), as_of)
    codes = {int(i): c or n for i, c, n in zip(units["id"], units["code"], units["name"], strict=True)}
    return {
        "as_of": as_of.isoformat(),
        "from": period.start.isoformat(),
        "units": {codes[int(row["key"])]: dossier_figures(per_unit.iloc[[i]].drop(columns="key"))
                  for i, row in per_unit.iterrows()},
        "other": {row["key"]: dossier_figures(other.iloc[[i]].drop(columns="key")) for i, row in other.iterrows()},
        "province": dossier_figures(counts(source, period, NO_FILTER)),
    }


@dataclass(frozen=True)
class StageAnalysis:
    """Where a period's dossiers lost their days (metrics.stages): per step, per agency and step, transfers out and
    back, supplement rounds, and the dossiers without step data (counted, and named up to a limit)."""

    steps: pd.DataFrame  # metrics.stages.STEP_TABLE
    agencies: pd.DataFrame  # metrics.stages.AGENCY_TABLE
    transfers: pd.DataFrame  # agency, passages, days, mean_days
    supplement: dict[str, int]  # dossiers, rounds, days_waiting
    no_steps: int
    no_steps_named: tuple[str, ...]


def stages(source: Source, query: StageQuery) -> StageAnalysis:
    """Return the StageAnalysis of a StageQuery read from a Source (live, or a meeting's frozen frames)."""
    found, names = source.stages(query), agency_names(source)
    return StageAnalysis(step_table(found.histogram, found.steps), agency_table(found.histogram, found.agencies, names),
                         transfers_table(found.transfers, names),
                         supplement_summary(found.histogram, found.supplement_dossiers), found.no_steps,
                         found.no_steps_named)
