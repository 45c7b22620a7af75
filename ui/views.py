"""What every viewer of the same data and filters sees, built once per process and shared (ui.shared): a builder
takes every input it depends on as an argument (a Source stands for its data, by its key), reads through ui.data
and computes with metrics. What it returns is shared: read only."""

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from config.settings import load_settings
from data_access.figures.assemble import Comparison
from data_access.figures.dossier_queries import DossierFilter
from data_access.figures.source import Source
from metrics.dossiers import COUNT_COLUMNS, dossier_rates, land_share_means_something, totals_row, unknown_totals
from metrics.indexes import history_series, latest_components, latest_rank, published_by, rank_series
from metrics.kpis import most
from metrics.periods import Period
from metrics.scorecard import extremes, rag_status, rank_movers, with_rank_changes
from metrics.tasks import (
    TASK_STATUSES,
    classify_tasks,
    due_soon,
    filter_tasks,
    overdue_ageing,
    overdue_list,
    status_counts,
    status_long,
    tasks_within,
    top_groups,
)
from metrics.territory import LEVEL_COMMUNE
from metrics.text import fold_key
from metrics.workdays import working_days_left
from texts import labels as L
from texts.fmt import fmt_int, fmt_number
from ui import data
from ui.ranking_charts import decorate
from ui.safe import md_escape
from ui.shared import kept
from views.cards import KpiCard, bottleneck_cards, change_text, headline_cards

TASK_CHART_AGENCIES = 15  # the tasks chart shows the agencies with the most overdue tasks, then "others"


def overview(source: Source, period: Period, flt: DossierFilter, compare: Comparison,
             scope: str = L.SCOPE_PROVINCE) -> tuple[list[KpiCard], pd.DataFrame]:
    """Return the overview's eight headline cards and its oldest overdue tasks (ten at most), for the dossiers and
    tasks within `flt` (tasks led by its agencies, or by the agencies of its units); `scope` names what they cover."""
    return kept(_overview, source, period, flt, compare, scope)


def _overview(source: Source, period: Period, flt: DossierFilter, compare: Comparison,
              scope: str) -> tuple[list[KpiCard], pd.DataFrame]:
    as_of = period.end
    now = totals_row(data.counts(source, period, flt))
    before = _totals_then(compare, flt)
    by_agency = _accountable(source, period, flt)
    tasks_now = tasks_within(classified_tasks(source, as_of), flt.agency_ids, flt.unit_ids)
    tasks_before = tasks_within(classified_tasks(compare.source or source, compare.period.end), flt.agency_ids,
                                flt.unit_ids)
    results = published_by(data.reference(source, "index_results"), as_of)
    narrowed = flt.agency_ids or flt.unit_ids or flt.levels
    applies = not narrowed or land_share_means_something(now, totals_row(data.counts(
        source, period, replace(flt, land_env_only=True))))
    own = None  # a commune account reads only its own units' tasks, even beside province figures: its card says so
    if source.scope is not None and not flt.unit_ids:
        own = data.unit_name(source, source.scope.unit_ids, as_of)
    cards = headline_cards(now, before, by_agency, tasks_now, tasks_before, results, load_settings(), compare.text,
                           scope if narrowed else None, applies, own)
    return cards, overdue_list(tasks_now).head(10)


def _accountable(source: Source, period: Period, flt: DossierFilter) -> pd.DataFrame:
    """Return the per-agency rates the cards name agencies from, or none when the cards cover more than the
    viewer's own units (a commune account reading province figures: naming its own agencies would mislead)."""
    if source.scope is not None and not flt.unit_ids:  # nothing to name: no query
        return dossier_rates(pd.DataFrame(columns=["name", *COUNT_COLUMNS]))
    return dossier_rates(data.counts(source, period, flt, "agency"))


def _totals_then(compare: Comparison, flt: DossierFilter) -> dict:
    """Return the totals of the comparison window, or every value None when it cannot be counted (no change)."""
    if compare.source is None:
        return unknown_totals()
    return totals_row(data.counts(compare.source, compare.period, flt))


def bottleneck(source: Source, period: Period, flt: DossierFilter, land_env: DossierFilter,
               compare: Comparison) -> list[KpiCard]:
    """Return the bottleneck page's four cards (views.cards.bottleneck_cards)."""
    return kept(_bottleneck, source, period, flt, land_env, compare)


def _bottleneck(source: Source, period: Period, flt: DossierFilter, land_env: DossierFilter,
                compare: Comparison) -> list[KpiCard]:
    def totals(scope: DossierFilter) -> tuple[dict, dict]:
        return totals_row(data.counts(source, period, scope)), _totals_then(compare, scope)

    by_agency = (_accountable(source, period, land_env), _accountable(source, period, flt))
    return bottleneck_cards(totals(flt), totals(land_env), by_agency, load_settings(), compare.text)


def classified_tasks(source: Source, as_of: date) -> pd.DataFrame:
    """Return the tasks issued by as_of, classified at as_of (metrics.tasks.classify_tasks)."""
    return kept(_classified_tasks, source, as_of)


def _classified_tasks(source: Source, as_of: date) -> pd.DataFrame:
    return classify_tasks(data.tasks(source, as_of), as_of)


def ranking_results(source: Source, as_of: date) -> tuple[pd.DataFrame, list[str]]:
    """Return the index results published by as_of and the provinces they rank, in alphabetical order."""
    return kept(_ranking_results, source, as_of)


def _ranking_results(source: Source, as_of: date) -> tuple[pd.DataFrame, list[str]]:
    results = published_by(data.reference(source, "index_results"), as_of)
    return results, sorted(results["province"].dropna().unique(), key=fold_key)


def ranked_indexes(source: Source, as_of: date, province: str) -> list[str]:
    """Return the indexes (L.INDEX_NAMES order) that rank the province by as_of."""
    return kept(_ranked_indexes, source, as_of, province)


def _ranked_indexes(source: Source, as_of: date, province: str) -> list[str]:
    results = ranking_results(source, as_of)[0]
    return [name for name in L.INDEX_NAMES if not rank_series(results, province, name).empty]


def ranking(source: Source, as_of: date, province: str, name: str) -> tuple[pd.DataFrame, dict | None,
                                                                            pd.DataFrame]:
    """Return one index for a province: its history with the labels the charts show (the province of today with
    the provinces merged into it), its latest rank, and its latest components with their points labels."""
    return kept(_ranking, source, as_of, province, name)


def _ranking(source: Source, as_of: date, province: str, name: str) -> tuple[pd.DataFrame, dict | None,
                                                                             pd.DataFrame]:
    settings = load_settings()
    results = ranking_results(source, as_of)[0]
    merged = settings.merged_from if fold_key(province) == fold_key(settings.province) else ()
    series = decorate(history_series(results, province, name, merged), province)
    components = latest_components(results, province, name)
    if not components.empty:
        components = components.assign(points_label=[
            f"{fmt_number(s, 2)}/{fmt_number(m, 1)}"
            for s, m in zip(components["score"], components["max_points"], strict=True)])
    return series, latest_rank(results, province, name), components


def task_choices(source: Source, as_of: date) -> dict[str, list[str]]:
    """Return the tasks page's filter choices (document, leader, lead agency), each in Vietnamese order."""
    return kept(_task_choices, source, as_of)


def _task_choices(source: Source, as_of: date) -> dict[str, list[str]]:
    tasks = classified_tasks(source, as_of)
    return {column: sorted(tasks[column].dropna().unique(), key=fold_key)  # Vietnamese order (Đ after D)
            for column in ("doc_number", "leader", "lead_agency")}


@dataclass(frozen=True)
class TasksView:
    """What the tasks page shows for one set of filters (read only: shared by every viewer)."""

    cards: list[KpiCard]
    by_agency: pd.DataFrame  # long form for the stacked bar: lead_agency, status, count, status_label, count_label
    agency_order: list[str]  # worst first
    ages: pd.DataFrame  # bucket, count, bucket_label, count_label
    overdue: pd.DataFrame  # open overdue tasks, most days overdue first
    due_soon: pd.DataFrame


def tasks(source: Source, as_of: date, compare: Comparison, filters: tuple[tuple[str, ...], ...],
          due_soon_days: int) -> TasksView:
    """Return the tasks page's cards, charts' frames and lists for `filters` (documents, leaders, lead agencies,
    statuses; empty = all), compared with `compare`."""
    return kept(_tasks, source, as_of, compare, filters, due_soon_days)


def _chosen(frame: pd.DataFrame, filters: tuple[tuple[str, ...], ...]) -> pd.DataFrame:
    for column, values in zip(("doc_number", "leader", "lead_agency", "status"), filters, strict=True):
        frame = filter_tasks(frame, column, values)
    return frame


def _tasks(source: Source, as_of: date, compare: Comparison, filters: tuple[tuple[str, ...], ...],
           due_soon_days: int) -> TasksView:
    shown = _chosen(classified_tasks(source, as_of), filters)
    totals = status_counts(shown).iloc[0]
    before = (None if compare.source is None else
              status_counts(_chosen(classified_tasks(compare.source, compare.period.end), filters)).iloc[0])
    per_agency = status_counts(shown, by="lead_agency")
    named = per_agency.rename(columns={"lead_agency": "name"})
    spec = load_settings().indicator("open_overdue_tasks")
    cards = []
    for status in TASK_STATUSES:
        tone = "info"
        if status == "open_overdue":
            tone = rag_status(float(totals[status]), spec)  # the rule once (metrics.scorecard), whatever the direction
        top = most(named, status) if not named.empty else None
        concerns = L.CONCERNS_MOST.format(who=top[0], value=fmt_int(top[1])) if top else L.CONCERNS.format(
            who=L.CONCERNS_PROVINCE)
        cards.append(KpiCard(key=f"task-{status}", label=L.TASK_STATUS[status], value=fmt_int(totals[status]),
                             status=tone, concerns=concerns,
                             delta_good_when_up=False if status == "open_overdue" else None,  # only it has a direction
                             delta=change_text(None if before is None else int(totals[status]) - int(before[status]),
                                               compare.text)))
    long = pd.DataFrame()
    charted = top_groups(per_agency, "lead_agency", TASK_CHART_AGENCIES, L.TASKS_OTHER_AGENCIES)
    if not per_agency.empty:
        long = status_long(charted, "lead_agency")
        long = long.assign(status_label=long["status"].map(L.TASK_STATUS), count_label=long["count"].map(fmt_int))
    ages = overdue_ageing(shown)
    ages = ages.assign(bucket_label=ages["bucket"].map(L.AGE_BUCKETS), count_label=ages["count"].map(fmt_int))
    soon = due_soon(shown, as_of, due_soon_days)
    soon["working_days_left"] = working_days_left(data.calendar(source), as_of, soon["deadline"])
    return TasksView(cards, long, charted["lead_agency"].tolist(), ages, overdue_list(shown), soon)


@dataclass(frozen=True)
class ScorecardView:
    """What the scorecard's page and its slide draw."""

    window: Period  # at least three months back (settings.toml [scorecard] window_months)
    against: Comparison  # ranks move against a window of the same length, never a longer one
    current: pd.DataFrame  # the scored units in force at the window's end
    other: pd.DataFrame  # the lines not attributed to one of them
    scored: pd.DataFrame  # current with its rank changes
    rose: list[tuple[str, int]]
    fell: list[tuple[str, int]]
    level: str
    best: list[str]
    worst: list[str]
    many: bool  # 65 communes: the map names only the best and worst five
    labelled: set[str] | None
    attribution: str


def scorecard(source: Source, kind: str, period: Period, flt: DossierFilter, min_dossiers: int) -> ScorecardView:
    """Return the scorecard's view for the sidebar's period: its window, the scored units and their moves against a
    window of the same length, the map's labels and attribution."""
    window, against = data.scorecard_comparison(source, kind, period)
    current, other = data.scorecard(source, window, flt, min_dossiers)
    previous = (data.scorecard(against.source, against.period, flt, min_dossiers)[0] if against.source is not None
                else current.iloc[0:0])
    scored = with_rank_changes(current, previous, key="unit_id")
    rose, fell = rank_movers(scored)
    level = str(scored["level"].iloc[0]) if len(scored) else LEVEL_COMMUNE
    best, worst = extremes(scored)
    many = len(scored) > 20
    labelled = set(scored.loc[scored["short_name"].isin(best + worst), "code"].astype(str)) if many else None
    official = data.boundaries(source, level)[1]
    attribution = L.MAP_ATTRIBUTION_OFFICIAL.format(file=md_escape(official)) if official else L.MAP_ATTRIBUTION[level]
    return ScorecardView(window, against, current, other, scored, rose, fell, level, best, worst, many, labelled,
                         attribution)
