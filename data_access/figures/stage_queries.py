"""Where dossiers lose their days (issue #15): the steps (`dossier_steps`) of the dossiers of a period, aggregated in
SQL so that no step row reaches a page.

Which dossiers: resolved in [start, end] (with a result) plus those in progress at `end` (DOMAIN §3), within a
DossierFilter and optionally one procedure. A step counts when it started by `end`; its days are
`Ngày kết thúc − Ngày bắt đầu`, and a step still open at `end` (no end, or an end after it) counts to `end`. It went
past its own deadline when that end is after `Hạn bước`.

Every query below is built apart from its execution (build_*), so the SQL is tested without a database too.
"""

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Connection, Select, and_, case, exists, func, literal, or_, select
from sqlalchemy.sql.elements import ColumnElement

from data_access.figures.dossier_queries import DossierFilter, filter_conditions
from data_access.store.schema import agencies, dossier_steps, dossiers, fields
from data_access.store.sql_dates import days_between
from metrics.periods import Period

d, s = dossiers.c, dossier_steps.c
NAMED_LIMIT = 200  # dossiers without step data named at most (all are counted)

HISTOGRAM_COLUMNS = ["step", "agency_id", "days", "over", "passages"]
STEP_COLUMNS = ["step", "dossiers", "position"]  # distinct dossiers per step, its mean place in them
AGENCY_COLUMNS = ["step", "agency_id", "dossiers"]  # distinct dossiers per step and agency
TRANSFER_COLUMNS = ["agency_id", "passages", "days"]


@dataclass(frozen=True)
class StageQuery:
    """Which dossiers' steps to read: a period (as-of = its end), a filter and at most one procedure."""

    period: Period
    flt: DossierFilter = DossierFilter()
    procedure_id: int | None = None


def _in_progress(end: date) -> ColumnElement:
    """Return the condition of a dossier in progress at `end`, spelt as two ranges of result_on so that its index
    finds them (most dossiers were received before the end; few are open or closed after it)."""
    return or_(and_(d.result_on.is_(None), d.received_on <= end), and_(d.result_on > end, d.received_on <= end))


def _narrowed(query: StageQuery, *conditions: ColumnElement) -> list[ColumnElement]:
    """Return `conditions` with the query's filter and procedure."""
    found = [*conditions, *filter_conditions(query.flt)]
    if query.procedure_id is not None:
        found.append(d.procedure_id == query.procedure_id)
    return found


def _resolved_in(period: Period) -> ColumnElement:
    return and_(d.result_on.is_not(None), d.result_on.between(period.start, period.end), d.ended.is_(False))


_DOSSIERS = dossiers.join(fields, fields.c.id == d.field_id)


def _selected(query: StageQuery):
    """Return the subquery of the dossiers counted (code, agency_id)."""
    chosen = or_(_resolved_in(query.period), _in_progress(query.period.end))
    return (select(d.code.label("code"), d.agency_id.label("agency_id")).select_from(_DOSSIERS)
            .where(*_narrowed(query, chosen)).subquery("chosen"))


def _ended(end: date) -> ColumnElement:
    """Return a step's end as counted at `end`: its own end when it ended by then, else `end`."""
    return case((and_(s.ended_on.is_not(None), s.ended_on <= end), s.ended_on),
                else_=literal(end, type_=s.ended_on.type))


def _passages(query: StageQuery):
    """Return (the chosen dossiers, the FROM of their steps started by the as-of date, the step's days, over)."""
    end = query.period.end
    chosen = _selected(query)
    ended = _ended(end)
    days = days_between(ended, s.started_on)
    over = case((and_(s.due_on.is_not(None), ended > s.due_on), 1), else_=0)
    return chosen, dossier_steps.join(chosen, chosen.c.code == s.dossier_code), days, over


PASSAGE_COLUMNS = ["step", "agency_id", "days", "over", "passages", "first_at_step", "first_at_agency",
                   "place_sum"]


def build_passages_query(query: StageQuery) -> Select:
    """Return the SELECT of PASSAGE_COLUMNS: step passages per step, agency, whole days and over-deadline flag, with
    how many of them were a dossier's first passage at that step (and at that step with that agency), and the sum
    of their places in their dossiers (steps ordered by start, then as recorded: numbered when written,
    data_access.store.step_order). One read of the steps gives the histogram, the distinct dossiers per step and per
    agency, and the process order."""
    _, source, days, over = _passages(query)
    passages = (select(s.step.label("step"), s.agency_id.label("agency_id"), days.label("days"), over.label("over"),
                       case((s.first_at_step.is_(True), 1), else_=0).label("at_step"),
                       case((s.first_at_agency.is_(True), 1), else_=0).label("at_agency"), s.place.label("place"))
                .select_from(source).where(s.started_on <= query.period.end).subquery("passages"))
    p = passages.c  # grouped outside: the days are counted to a bound date, which GROUP BY must not repeat
    keys = [p.step, p.agency_id, p.days, p.over]
    return (select(*keys, func.count().label("passages"), func.sum(p.at_step), func.sum(p.at_agency),
                   func.sum(p.place)).group_by(*keys))


def build_dossiers_with_steps_query(query: StageQuery, steps: list[str]) -> Select:
    """Return the SELECT of how many distinct dossiers passed through any of `steps`."""
    _, source, _, _ = _passages(query)
    return (select(func.count(func.distinct(s.dossier_code))).select_from(source)
            .where(s.started_on <= query.period.end, s.step.in_(steps or [""])))


def build_transfers_query(query: StageQuery) -> Select:
    """Return the SELECT of TRANSFER_COLUMNS: steps held by another agency between two steps of the dossier's own
    agency, in step order (sent out and back, e.g. to the tax authority), per agency, with their days."""
    chosen, source, days, _ = _passages(query)
    end = query.period.end
    own = dossier_steps.alias("own")

    def own_step(after: bool) -> ColumnElement:
        # Steps are ordered by start date, then by the order they were recorded (a step of 0 days shares its day).
        if after:
            when = or_(own.c.started_on > s.started_on, and_(own.c.started_on == s.started_on, own.c.id > s.id))
        else:
            when = or_(own.c.started_on < s.started_on, and_(own.c.started_on == s.started_on, own.c.id < s.id))
        return exists().where(own.c.dossier_code == s.dossier_code, own.c.agency_id == chosen.c.agency_id,
                              own.c.started_on <= end, when)

    return (select(s.agency_id, func.count().label("passages"), func.sum(days).label("days")).select_from(source)
            .where(s.started_on <= end, s.agency_id != chosen.c.agency_id, own_step(False), own_step(True))
            .group_by(s.agency_id))


def build_no_steps_query(query: StageQuery, limit: int | None = None) -> Select:
    """Return the SELECT of the chosen dossiers without any step started by the as-of date: their count, or their
    codes (first `limit`, by code)."""
    chosen = _selected(query)
    none = ~exists().where(s.dossier_code == chosen.c.code, s.started_on <= query.period.end)
    if limit is None:
        return select(func.count()).select_from(chosen).where(none)
    return select(chosen.c.code).where(none).order_by(chosen.c.code).limit(limit)


def build_overdue_codes_query(query: StageQuery, limit: int = NAMED_LIMIT) -> Select:
    """Return the SELECT of the codes of the chosen dossiers that were overdue (resolved late in the period, or in
    progress past their due date at its end) and have steps, most days overdue first, then by code."""
    end = query.period.end
    late = and_(_resolved_in(query.period), d.result_on > d.due_on)
    conditions = _narrowed(query, or_(late, and_(_in_progress(end), d.due_on < end)),
                           exists().where(s.dossier_code == d.code, s.started_on <= end))
    days = days_between(case((late, d.result_on), else_=literal(end, type_=d.due_on.type)), d.due_on)
    return select(d.code).select_from(_DOSSIERS).where(*conditions).order_by(days.desc(), d.code).limit(limit)


def overdue_codes(conn: Connection, query: StageQuery) -> tuple[str, ...]:
    """Return the codes of build_overdue_codes_query."""
    return tuple(conn.execute(build_overdue_codes_query(query)).scalars())


@dataclass(frozen=True)
class StageFrames:
    """What the stage analysis reads for one StageQuery (all aggregated; no step row of a dossier)."""

    histogram: pd.DataFrame  # HISTOGRAM_COLUMNS
    steps: pd.DataFrame  # STEP_COLUMNS
    agencies: pd.DataFrame  # AGENCY_COLUMNS
    transfers: pd.DataFrame  # TRANSFER_COLUMNS
    supplement_dossiers: int  # dossiers with at least one supplement step
    no_steps: int  # chosen dossiers without step data
    no_steps_named: tuple[str, ...]  # their codes, at most NAMED_LIMIT


def _frame(conn: Connection, query: Select, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(conn.execute(query).all(), columns=columns)


def stage_frames(conn: Connection, query: StageQuery, is_supplement) -> StageFrames:
    """Return the StageFrames of `query`; `is_supplement(step name) -> bool` says which steps are supplement rounds
    (metrics.stages.is_supplement_step)."""
    found = _frame(conn, build_passages_query(query), PASSAGE_COLUMNS).astype(
        {"days": "int64", "over": "int64", "passages": "int64", "first_at_step": "int64", "first_at_agency": "int64",
         "place_sum": "int64"})
    grouped = found.groupby("step", sort=False)[["first_at_step", "place_sum", "passages"]].sum().reset_index()
    steps = pd.DataFrame({"step": grouped["step"], "dossiers": grouped["first_at_step"],
                          "position": grouped["place_sum"] / grouped["passages"]}, columns=STEP_COLUMNS)
    agencies = (found.groupby(["step", "agency_id"], sort=False)["first_at_agency"].sum().reset_index()
                .rename(columns={"first_at_agency": "dossiers"}))
    rounds = [name for name in steps["step"] if is_supplement(name)]
    return StageFrames(
        histogram=found[HISTOGRAM_COLUMNS].reset_index(drop=True),
        steps=steps.astype({"dossiers": "int64", "position": "float64"}),
        agencies=agencies[AGENCY_COLUMNS].astype({"agency_id": "int64", "dossiers": "int64"}),
        transfers=_frame(conn, build_transfers_query(query), TRANSFER_COLUMNS),
        supplement_dossiers=int(conn.execute(build_dossiers_with_steps_query(query, rounds)).scalar() or 0),
        no_steps=int(conn.execute(build_no_steps_query(query)).scalar() or 0),
        no_steps_named=tuple(conn.execute(build_no_steps_query(query, NAMED_LIMIT)).scalars()),
    )


JOURNEY_COLUMNS = ["step", "agency", "started_on", "ended_on", "due_on", "days", "open", "over"]


def dossier_journey(conn: Connection, code: str, as_of: date) -> pd.DataFrame:
    """Return one dossier's steps started by `as_of`, in order: JOURNEY_COLUMNS (ended_on is as counted at as_of,
    open when it had not ended by then)."""
    ended = _ended(as_of)
    query = (select(s.step, agencies.c.name, s.started_on, ended.label("ended_on"), s.due_on,
                    days_between(ended, s.started_on),
                    case((and_(s.ended_on.is_not(None), s.ended_on <= as_of), False), else_=True),
                    case((and_(s.due_on.is_not(None), ended > s.due_on), True), else_=False))
             .select_from(dossier_steps.join(agencies, agencies.c.id == s.agency_id))
             .where(s.dossier_code == code, s.started_on <= as_of).order_by(s.started_on, s.id))
    frame = _frame(conn, query, JOURNEY_COLUMNS)
    for column in ("started_on", "ended_on", "due_on"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame.astype({"days": "int64", "open": "bool", "over": "bool"})


def dossier_in_units(conn: Connection, code: str, unit_ids: tuple[int, ...]) -> bool:
    """Return True when the dossier of `code` belongs to one of `unit_ids` (a commune account's scope)."""
    return conn.execute(select(d.id).where(d.code == code, d.unit_id.in_(unit_ids))).first() is not None
