"""The default views of the agenda pages, counted for a new load before every page switches to it (ui.loads).

A default view is what a page reads with the sidebar at its defaults (the province, the default period kind to the
data's as-of date) and the page's own widgets at theirs. They are read here through the same cached functions, with
the same arguments, as the pages read them, so the pages then find them counted. tests/pages/test_new_load.py runs
every agenda page on a Source that may not read the database after `default_views` and fails on any read this
module misses; a view left out here is not wrong, only counted by its first viewer (who waits, as before).
"""

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from config.settings import Settings, load_settings
from data_access.figures.assemble import comparison
from data_access.figures.dossier_queries import NO_FILTER
from data_access.figures.source import Source
from data_access.figures.stage_queries import StageQuery
from metrics.indexes import published_by
from metrics.periods import Period, month_ends, period_to_date
from metrics.scorecard import extremes, with_rank_changes
from metrics.territory import LEVEL_COMMUNE
from metrics.text import fold_key
from texts import labels as L
from ui import data, views
from ui.scorecard import default_pick, unit_detail

OTHER_KINDS = ("quarter", "week", "year", "28d")  # counted after the default kind, in this order (not "custom")


def count_defaults(new: Source, shown: Source) -> None:
    """Count the new load's default views at its as-of date and at the one the previous load showed (sessions opened
    before the load keep that date): of the default period kind first, then of the other standard kinds (a meeting
    switches periods); ui.loads runs it in the background."""
    settings = load_settings()
    default = settings.default_period if settings.default_period in new.period_kinds else "month"
    others = [k for k in OTHER_KINDS if k in new.period_kinds and k != default]
    now, before = data.data_as_of(data.meta_of(new)), data.data_as_of(data.meta_of(shown))
    asked = [(day, kind) for kind in (default, *others) for day in (now, before)]
    default_views(new, asked, settings)


def default_views(source: Source, views_asked: Iterable[tuple[date, str]], settings: Settings | None = None) -> None:
    """Count the agenda pages' default views of `source` for each (as-of date, period kind); nothing is returned,
    the caches keep them."""
    settings = settings or load_settings()
    for reference in ("units", "unit_lineage", "agencies", "agency_lineage", "index_results", "fields",
                      "procedures"):
        data.reference(source, reference)
    for as_of, kind in dict.fromkeys(views_asked):
        period = period_to_date(kind, as_of, None, settings.week_starts_on)
        compare = comparison(source, kind, period, settings.week_starts_on)
        _sidebar(source, period.end)
        _overview(source, period, compare)
        _tasks(source, as_of, compare, settings)
        _bottleneck(source, period, compare, settings)
        _scorecard(source, kind, period, settings)
        _ranking(source, period, settings)


def _sidebar(source: Source, on: date) -> None:
    data.successors(source, on)
    data.agencies_offered(source, on)
    data.units_offered(source, on)


def _overview(source: Source, period: Period, compare) -> None:
    views.overview(source, period, NO_FILTER, compare, L.SCOPE_PROVINCE)
    data.due_soon(source, period.end, NO_FILTER)


def _tasks(source: Source, as_of: date, compare, settings: Settings) -> None:
    views.task_choices(source, as_of)
    views.tasks(source, as_of, compare, ((), (), (), ()), settings.due_soon_days)


def _bottleneck(source: Source, period: Period, compare, settings: Settings) -> None:
    land_env = replace(NO_FILTER, land_env_only=True)
    views.bottleneck(source, period, NO_FILTER, land_env, compare)
    data.counts(source, period, land_env, "agency")
    data.due_soon(source, period.end, land_env)
    data.series(source, tuple(month_ends(period.end, settings.trend_months)), NO_FILTER)
    data.counts(source, period, NO_FILTER, "field")
    data.unit_lines(source, period, land_env)
    data.ageing(source, period.end, land_env)
    data.overdue(source, period, land_env, "current_agency")
    data.overdue(source, period, land_env, "procedure")
    codes = data.stages_counted(source, StageQuery(period, land_env))  # the section's pickers at their defaults
    if codes:
        data.journey(source, codes[0], period.end)  # the journey of the first overdue dossier listed


def _scorecard(source: Source, kind: str, period: Period, settings: Settings) -> None:
    window, against = data.scorecard_comparison(source, kind, period)
    current = data.scorecard(source, window, NO_FILTER, settings.min_dossiers)[0]
    previous = (data.scorecard(against.source, against.period, NO_FILTER, settings.min_dossiers)[0]
                if against.source is not None else current.iloc[0:0])
    scored = with_rank_changes(current, previous, key="unit_id")
    extremes(scored)
    level = str(scored["level"].iloc[0]) if len(scored) else LEVEL_COMMUNE
    data.boundaries(source, level)
    pick = default_pick(scored, None if source.scope is None else source.scope.unit_ids)  # as the page opens
    if pick is None:
        return
    units, lineage = data.reference(source, "units"), data.reference(source, "unit_lineage")
    unit_filter, trend = unit_detail(pick, units, lineage, period.end, NO_FILTER.levels, settings.trend_months)
    data.series(source, trend, unit_filter)
    data.overdue(source, period, unit_filter, "procedure")


def _ranking(source: Source, period: Period, settings: Settings) -> None:
    as_of = period.end
    provinces = views.ranking_results(source, as_of)[1]
    default = next((p for p in provinces if fold_key(p) == fold_key(settings.province)), None)
    province = default or (provinces[0] if provinces else None)
    if province is not None:
        for name in views.ranked_indexes(source, as_of, province)[:1]:  # the page opens on the first index
            views.ranking(source, as_of, province, name)
    published_by(data.reference(source, "index_results"), as_of)
    data.counts(source, period, NO_FILTER, "agency")  # the 766 explainer's agencies
