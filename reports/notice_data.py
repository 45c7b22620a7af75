"""Everything the draft conclusion notice states, read from a meeting's Source (its frozen frames,
data_access.figures.source), its record (chair, presenters, attendees, signer), its conclusions and the Office's
edits; nothing is read live, so the draft is the same after a later import."""

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from config.settings import Settings
from data_access.accounts.store import Account, require
from data_access.figures import assemble as figures
from data_access.figures.dossier_queries import NO_FILTER
from data_access.figures.source import Source
from data_access.meetings.records import MeetingRecord, NoticeInputs
from data_access.store.meta import DATA_KIND
from metrics.errors import DomainError
from metrics.indexes import MERGER_DAY
from metrics.notice import (
    Suggestion,
    apology_suggestion,
    laggards,
    named_once,
    recent_ranks,
    task_suggestions,
    tasks_overdue_by_agency,
)
from metrics.periods import Period
from metrics.tasks import classify_tasks
from reports.pack_data import ranks_of
from texts import messages as M

WHERE_FIELDS, WHERE_UNITS = 2, 2  # fields and places the shortcomings name beside settings.notice.top agencies


@dataclass(frozen=True)
class NoticeData:
    """The content of one draft notice: the meeting and its record, its frozen figures against a like-for-like
    window, where lateness concentrates, the conclusions, the proposed directives and the Office's edits."""

    title: str
    held_on: date
    cutoff: date
    record: MeetingRecord
    period: Period  # the month to the cut-off
    now: dict  # data_access.figures.summary "dossiers" figures of `period`
    before: dict | None  # those of the like-for-like window (None: it cannot be counted)
    compared: Period | None  # that window
    ranks: pd.DataFrame  # reports.pack_data.ranks_of, the last two years only (metrics.notice.recent_ranks)
    overdue_fields: list[tuple[str, float]]
    overdue_agencies: list[tuple[str, float]]
    overdue_units: list[tuple[str, float]]  # units not already named through their People's Committee
    without_apology: int  # overdue dossiers with no apology letter
    overdue_tasks: int
    task_agencies: list[tuple[str, float]]
    conclusions: pd.DataFrame  # data_access.meetings.conclusions.COLUMNS with lead_agency (its name)
    suggestions: list[Suggestion] = field(default_factory=list)  # proposed, not yet accepted or dropped
    edited: tuple[str | None, str | None] = (None, None)  # the Office's results and shortcomings paragraphs
    demo: bool = False  # drawn from demo data: the header says so
    after_merger: bool = True  # held from 1/7/2025: communes, not districts, are addressed


def gather_notice(source: Source, inputs: NoticeInputs, settings: Settings, actor: Account | None = None) -> NoticeData:
    """Return the notice content of a meeting's Source and what was kept with it
    (data_access.meetings.records.notice_inputs) as `actor` (None: the command line; the role must be one that
    prepares meetings)."""
    require(actor, "meetings")
    meeting = source.meeting
    if meeting is None:
        raise DomainError(M.NOTICE_NEEDS_MEETING)
    day = meeting.cutoff_at.date()
    period = Period(day.replace(day=1), day)
    now, before, compared = figures.compared_headline(source, day, settings.week_starts_on)
    classified = classify_tasks(figures.tasks(source, day), day)
    by_agency = figures.counts(source, period, NO_FILTER, "agency")
    by_field = figures.counts(source, period, NO_FILTER, "field")
    units = figures.scorecard(source, period, NO_FILTER, settings.scorecard_specs, settings.min_dossiers)[0]
    top = settings.notice.top
    agencies = laggards(by_agency, "overdue_total", top)
    names = figures.agency_names(source)
    ranks = recent_ranks(ranks_of(source, settings, day), day)
    suggested = [s for s in [apology_suggestion(by_agency), *task_suggestions(classified)]
                 if s is not None and s.key not in inputs.decided]
    return NoticeData(
        title=meeting.title, held_on=meeting.held_on, cutoff=day, record=inputs.record, period=period,
        now=now["dossiers"], before=None if before is None else before["dossiers"],
        compared=None if before is None else compared.period, ranks=ranks,
        overdue_fields=laggards(by_field, "overdue_total", WHERE_FIELDS),
        overdue_agencies=agencies,
        overdue_units=named_once(agencies, laggards(units, "overdue_total", WHERE_UNITS + top))[
            :WHERE_UNITS],
        without_apology=int((by_agency["overdue_total"] - by_agency["late_with_apology"]).clip(lower=0).sum()),
        overdue_tasks=int((classified["status"] == "open_overdue").sum()),
        task_agencies=tasks_overdue_by_agency(classified, top),
        conclusions=inputs.conclusions.assign(lead_agency=inputs.conclusions["lead_agency_id"].map(names)),
        suggestions=suggested, edited=inputs.edited,
        demo=bool(not ranks.empty and ranks["is_demo"].any()) or _is_demo(source),
        after_merger=meeting.held_on >= MERGER_DAY)


def _is_demo(source: Source) -> bool:
    return source.meta().get(DATA_KIND) == "demo"
