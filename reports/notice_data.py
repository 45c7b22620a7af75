"""Everything the draft conclusion notice states, read from a meeting's Source (its frozen frames, data_access.source)
and the conclusions recorded at the meeting; nothing is read live, so the draft is the same after a later import."""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from config.settings import Settings
from data_access import figures
from data_access.accounts import Account, require
from data_access.dossier_queries import NO_FILTER
from data_access.source import Source
from metrics.errors import DomainError
from metrics.meetings import compare_figures, task_changes
from metrics.notice import laggards, tasks_overdue_by_agency
from metrics.periods import Period
from metrics.tasks import classify_tasks
from reports.pack_data import ranks_of
from texts import messages as M


@dataclass(frozen=True)
class NoticeData:
    """The content of one draft notice: the meeting, its frozen figures, who lags, the conclusions and who is urged."""

    title: str
    held_on: date
    cutoff: date
    previous_held_on: date | None
    figures: pd.DataFrame  # metrics.meetings.compare_figures (now vs the previous meeting)
    ranks: pd.DataFrame  # index, period, rank, n_ranked, score, source, is_demo
    lagging_agencies: list[tuple[str, float]]  # (agency, overdue dossiers in the month)
    lagging_units: list[tuple[str, float]]  # (unit in force, overdue dossiers in the month)
    lagging_tasks: list[tuple[str, float]]  # (agency, open overdue tasks)
    decisions: pd.DataFrame  # content, lead_agency, coordinating, deadline, in the order recorded
    urged: list[tuple[str, float]]  # (agency, tasks newly overdue since the previous meeting)


def gather_notice(source: Source, decisions: pd.DataFrame, settings: Settings,
                  actor: Account | None = None) -> NoticeData:
    """Return the notice content of a meeting's Source and its recorded conclusions (data_access.meetings.
    meeting_decisions) as `actor` (None: the command line; the role must be one that prepares meetings)."""
    require(actor, "meetings")
    meeting = source.meeting
    if meeting is None:
        raise DomainError(M.NOTICE_NEEDS_MEETING)
    day, top = meeting.cutoff_at.date(), settings.notice.top
    period = Period(day.replace(day=1), day)
    tasks = figures.tasks(source, day)
    by_agency = figures.counts(source, period, NO_FILTER, "agency")
    units = figures.scorecard(source, period, NO_FILTER, settings.scorecard_specs, settings.min_dossiers)[0]
    urged: list[tuple[str, float]] = []
    if meeting.previous_cutoff is not None:
        newly = task_changes(tasks, meeting.previous_cutoff, day)[0]
        urged = tasks_overdue_by_agency(newly, max(1, len(newly)))  # every agency with one
    names = figures.agency_names(source)
    return NoticeData(
        title=meeting.title, held_on=meeting.held_on, cutoff=day, previous_held_on=meeting.previous_held_on,
        figures=compare_figures(source.headline(), source.previous_headline()),
        ranks=ranks_of(source, settings, day),
        lagging_agencies=laggards(by_agency, "overdue_total", top),
        lagging_units=laggards(units, "overdue_total", top),
        lagging_tasks=tasks_overdue_by_agency(classify_tasks(tasks, day), top),
        decisions=decisions.assign(lead_agency=decisions["lead_agency_id"].map(names))[
            ["content", "lead_agency", "coordinating", "deadline"]].reset_index(drop=True),
        urged=urged)
