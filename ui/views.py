"""What every viewer of the same data and filters sees, built once per process and shared (ui.shared): a builder
takes every input it depends on as an argument (a Source stands for its data, by its key), reads through ui.data
and computes with metrics. What it returns is shared: read only."""

from datetime import date

import pandas as pd

from config.settings import load_settings
from data_access.dossier_queries import DossierFilter
from data_access.figures import Comparison
from data_access.source import Source
from metrics.dossiers import dossier_rates, totals_row
from metrics.indexes import history_series, latest_components, latest_rank, published_by, rank_series
from metrics.periods import Period
from metrics.tasks import classify_tasks, overdue_list
from metrics.text import fold_key
from texts import labels as L
from texts.cards import KpiCard, bottleneck_cards, headline_cards
from texts.fmt import fmt_number
from ui import data
from ui.ranking_charts import decorate
from ui.shared import kept


def overview(source: Source, period: Period, flt: DossierFilter, compare: Comparison) -> tuple[list[KpiCard],
                                                                                               pd.DataFrame]:
    """Return the overview's eight headline cards and its oldest overdue tasks (ten at most)."""
    return kept(_overview, source, period, flt, compare)


def _overview(source: Source, period: Period, flt: DossierFilter, compare: Comparison) -> tuple[list[KpiCard],
                                                                                                pd.DataFrame]:
    as_of = period.end
    now = totals_row(data.counts(source, period, flt))
    before = totals_row(data.counts(compare.source, compare.period, flt))
    by_agency = dossier_rates(data.counts(source, period, flt, "agency"))
    tasks_now = classified_tasks(source, as_of)
    tasks_before = classified_tasks(compare.source, compare.period.end)
    results = published_by(data.reference(source, "index_results"), as_of)
    cards = headline_cards(now, before, by_agency, tasks_now, tasks_before, results, load_settings(), compare.text)
    return cards, overdue_list(tasks_now).head(10)


def bottleneck(source: Source, period: Period, flt: DossierFilter, land_env: DossierFilter,
               compare: Comparison) -> list[KpiCard]:
    """Return the bottleneck page's four cards (texts.cards.bottleneck_cards)."""
    return kept(_bottleneck, source, period, flt, land_env, compare)


def _bottleneck(source: Source, period: Period, flt: DossierFilter, land_env: DossierFilter,
                compare: Comparison) -> list[KpiCard]:
    def totals(scope: DossierFilter) -> tuple[dict, dict]:
        return (totals_row(data.counts(source, period, scope)),
                totals_row(data.counts(compare.source, compare.period, scope)))

    by_agency = (dossier_rates(data.counts(source, period, land_env, "agency")),
                 dossier_rates(data.counts(source, period, flt, "agency")))
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
