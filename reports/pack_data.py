"""Everything the meeting pack shows, computed from the database as of a cut-off date (exact SQL counts)."""

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from sqlalchemy import Connection, select

from config.settings import Settings
from data_access.dossier_queries import DossierFilter, dossier_counts
from data_access.index_queries import load_index_results
from data_access.meetings import frozen_figures, previous_meeting
from data_access.meta import LAST_LOAD_AT, read_meta
from data_access.reference import list_agencies, list_units
from data_access.schema import meetings
from data_access.snapshots import frozen_counts, frozen_meta, frozen_tasks, load_snapshot
from data_access.summary import summary
from data_access.task_queries import load_tasks
from data_access.territory import list_agency_lineage, list_unit_lineage
from metrics.dossiers import dossier_rates
from metrics.errors import DomainError
from metrics.indexes import latest_rank, published_by
from metrics.kpis import top_n
from metrics.meetings import compare_figures
from metrics.periods import Period
from metrics.tasks import classify_tasks, overdue_list
from metrics.territory import scorecard_in_force
from texts.tasks import tasks_of_agencies_on

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
    scorecard: pd.DataFrame  # one row per district with composite and rank
    ranks: pd.DataFrame  # index, period, rank, ranked_of, score


def gather(conn: Connection, settings: Settings, meeting_id: int | None = None,
           as_of: date | None = None) -> PackData:
    """Return the pack content of a meeting (its frozen figures) or of an as-of date (figures computed now)."""
    if meeting_id is not None:
        row = conn.execute(select(meetings.c.title, meetings.c.cutoff_at).where(meetings.c.id == meeting_id)).first()
        if row is None:
            raise DomainError(f"Không có cuộc họp số {meeting_id}")
        title, cutoff = row.title, row.cutoff_at
        now = frozen_figures(conn, meeting_id)
        previous = previous_meeting(conn, meeting_id)
        before = frozen_figures(conn, previous) if previous is not None else None
    elif as_of is not None:
        title, cutoff = f"Số liệu đến ngày {as_of:%d/%m/%Y}", datetime.combine(as_of, datetime.min.time())
        now, before = summary(conn, as_of), None
    else:
        raise DomainError("Cần chọn cuộc họp hoặc ngày chốt số liệu")
    day = cutoff.date()
    period = Period(day.replace(day=1), day)
    frames = load_snapshot(conn, meeting_id) if meeting_id is not None else {}
    land_env = DossierFilter(land_env_only=True)
    if frames:  # the meeting's frozen frames: the pack shows what the meeting saw, whatever was imported since
        tasks = classify_tasks(frozen_tasks(frames, day), day)
        land = frozen_counts(frames, period, land_env, "agency")
        unit_counts, units, indexes = frozen_counts(frames, period, by="unit"), frames["units"], frames["index_results"]
        lineage = frames["unit_lineage"] if "unit_lineage" in frames else list_unit_lineage(conn)
        loaded_at = frozen_meta(frames).get(LAST_LOAD_AT, "")
    else:
        tasks = classify_tasks(load_tasks(conn, day), day)
        land = dossier_counts(conn, period, land_env, "agency")
        unit_counts, units = dossier_counts(conn, period, by="unit"), list_units(conn)
        lineage = list_unit_lineage(conn)
        indexes = load_index_results(conn)
        loaded_at = read_meta(conn).get(LAST_LOAD_AT, "")
    land = dossier_rates(land)
    tasks = tasks_of_agencies_on(tasks, frames.get("agencies") if frames else list_agencies(conn),
                          frames["agency_lineage"] if "agency_lineage" in frames else list_agency_lineage(conn), day)
    scored = scorecard_in_force(unit_counts, tasks, units, lineage, day, settings.scorecard_specs,
                                settings.min_dossiers)[0]
    results = published_by(indexes, day)
    ranks = [dict(index=name, **found) for name in RANKED_INDEXES
             if (found := latest_rank(results, settings.province, name)) is not None]
    return PackData(
        province=settings.province, title=title, cutoff=cutoff, loaded_at=loaded_at,
        period=period, figures=compare_figures(now, before), overdue_tasks=overdue_list(tasks),
        land_env_by_agency=top_n(land, "overdue_total", 15), scorecard=scored.reset_index(drop=True),
        ranks=pd.DataFrame(ranks))
