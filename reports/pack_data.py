"""Everything the meeting pack shows, read from a Source (data_access.figures.source) as of its cut-off date."""

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from config.settings import Settings
from data_access.figures import assemble as figures
from data_access.figures.dossier_queries import NO_FILTER, DossierFilter
from data_access.figures.source import Source
from data_access.store.meta import LAST_LOAD_AT
from metrics.dossiers import dossier_rates, totals_row, unknown_totals
from metrics.errors import DomainError
from metrics.indexes import latest_rank, published_by
from metrics.kpis import top_n
from metrics.meetings import compare_figures
from metrics.notice import recent_ranks
from metrics.periods import Period
from metrics.tasks import classify_tasks, overdue_list
from texts import pack as P
from texts.figures import figure_headers
from texts.fmt import fmt_date, meeting_title
from views.cards import KpiCard, headline_cards

LAND_ENV = DossierFilter(land_env_only=True)
RANKED_INDEXES = ("PAR INDEX", "SIPAS", "766", "PAPI", "PCI")


@dataclass
class PackData:
    """The content of one meeting pack."""

    province: str
    title: str
    cutoff: datetime
    loaded_at: str
    period: Period
    figures: pd.DataFrame  # metrics.meetings.compare_figures
    overdue_tasks: pd.DataFrame  # open overdue tasks, most days overdue first
    land_env_by_agency: pd.DataFrame  # land/environment overdue per agency, largest first
    scorecard: pd.DataFrame  # one row per unit in force with composite and rank
    scorecard_window: Period  # what it counts: at least settings.toml [scorecard] window_months back
    ranks: pd.DataFrame  # index, period, rank, n_ranked, score: the last two years' (metrics.notice.recent_ranks)
    cards: list[KpiCard]  # the overview's eight headline cards for the period (views.cards)
    compare: str  # what the cards' changes are measured against ("so với cùng kỳ tháng trước (01/11–05/11/2026)")
    figure_headers: list[str]  # the figures table's headers, naming both windows (texts.figures.figure_headers)


def gather(source: Source, settings: Settings, as_of: date | None = None) -> PackData:
    """Return the pack content of a Source: a meeting's (its frozen figures, as of its cut-off) or the live
    database's as of a date (figures computed now)."""
    if source.meeting is not None:
        title, cutoff = meeting_title(source.meeting.title), source.meeting.cutoff_at
    elif as_of is not None:
        title, cutoff = P.TITLE_AS_OF.format(date=fmt_date(as_of)), datetime.combine(as_of, datetime.min.time())
    else:
        raise DomainError(P.NEEDS_DATE)
    day = cutoff.date()
    now, before, compared = figures.compared_headline(source, day, settings.week_starts_on)
    period = Period(day.replace(day=1), day)
    tasks = classify_tasks(figures.tasks(source, day), day)
    land = dossier_rates(figures.counts(source, period, LAND_ENV, "agency"))
    window = figures.scorecard_comparison(source, "month", period, settings.scorecard_months,
                                          settings.week_starts_on)[0]
    scored = figures.scorecard(source, window, NO_FILTER, settings.scorecard_specs, settings.min_dossiers)[0]
    return PackData(
        province=settings.province, title=title, cutoff=cutoff, loaded_at=source.meta().get(LAST_LOAD_AT, ""),
        period=period, figures=compare_figures(now, before), overdue_tasks=overdue_list(tasks),
        figure_headers=figure_headers((period.start, period.end), (compared.period.start, compared.period.end)),
        land_env_by_agency=top_n(land, "overdue_total", 15), scorecard=scored.reset_index(drop=True),
        scorecard_window=window,
        ranks=recent_ranks(ranks_of(source, settings, day), day), **_cards(source, settings, period))


def _cards(source: Source, settings: Settings, period: Period) -> dict:
    """Return {"cards", "compare"}: the overview's headline cards for `period`, compared as the overview compares
    (data_access.figures.assemble.comparison: the like-for-like window, on the same Source)."""
    compare = figures.comparison(source, "month", period, settings.week_starts_on)
    day, before_day = period.end, compare.period.end
    now = totals_row(figures.counts(source, period, NO_FILTER))
    before = (unknown_totals() if compare.source is None else
              totals_row(figures.counts(compare.source, compare.period, NO_FILTER)))
    tasks_now = classify_tasks(figures.tasks(source, day), day)
    tasks_before = classify_tasks(figures.tasks(source, before_day), before_day)
    by_agency = dossier_rates(figures.counts(source, period, NO_FILTER, "agency"))
    cards = headline_cards(now, before, by_agency, tasks_now, tasks_before,
                           published_by(source.reference("index_results"), day), settings, compare.text)
    return {"cards": cards, "compare": compare.text}


def ranks_of(source: Source, settings: Settings, day: date) -> pd.DataFrame:
    """Return the province's latest rank in each ranked index published by `day`: index, period, rank, n_ranked,
    score, source, is_demo (metrics.indexes.latest_rank), in RANKED_INDEXES order."""
    results = published_by(source.reference("index_results"), day)
    return pd.DataFrame([dict(index=name, **found) for name in RANKED_INDEXES
                         if (found := latest_rank(results, settings.province, name)) is not None])
