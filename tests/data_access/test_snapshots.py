"""Meeting snapshots: every frame a page reads while a meeting is selected equals the direct count at the cut-off
when the meeting is created, and stays the same after the data changes (SQLite and PostgreSQL)."""

from datetime import date, datetime

import pandas as pd
import pytest
from sqlalchemy import update

from config.settings import load_settings
from data_access.figures.dossier_queries import NO_FILTER, DossierFilter, dossier_counts
from data_access.figures.early_warning import due_soon_view
from data_access.figures.overdue_queries import overdue_ageing, overdue_counts
from data_access.figures.reads import LAND_ENV, Ageing, DueSoon, Overdue, Stages, Sums, Tasks
from data_access.figures.rollup_queries import dimension_names, period_sums
from data_access.figures.stage_queries import StageQuery
from data_access.figures.task_queries import load_tasks
from data_access.meetings.records import create_meeting
from data_access.meetings.snapshots import SNAPSHOT_KINDS, kind_periods, load_snapshot, periods_kept
from data_access.reference.holidays import holiday_calendar
from data_access.store.rollup import rebuild_rollup
from data_access.store.schema import dossiers
from metrics.ageing import age_bucket
from metrics.dossiers import COUNT_COLUMNS
from metrics.errors import DomainError
from metrics.periods import Period
from metrics.rollup import active_groups, counts_from_daily, detail_months, label_groups
from tests.data_access.helpers import agency_id, random_dossiers, read_dossier_rows, write_dossiers, write_tasks
from tests.metrics.fixtures import task_frame

CUTOFF = datetime(2024, 4, 10, 17, 0)  # a Wednesday: weeks, months and quarters all cut mid-way
SETTINGS = load_settings()


@pytest.fixture
def db(engine):
    with engine.begin() as conn:
        write_dossiers(conn, random_dossiers(17, 400))
        write_tasks(conn, task_frame())
        rebuild_rollup(conn)
    return engine


def _frozen_counts(frames, period, flt=NO_FILTER, by=None) -> pd.DataFrame:
    return counts_from_daily(Sums(flt, by, detail_months([period]), CUTOFF.date()).frozen(frames), period, by)


def _live(conn, period, flt=NO_FILTER, by=None) -> pd.DataFrame:
    return dossier_counts(conn, period, flt, by)


def _assert_grouped_as_counted(conn, frames, period, flt, by) -> None:
    """Assert that the frozen counts of a period per unit, agency, field or level equal the direct count."""
    grouped = label_groups(active_groups(_frozen_counts(frames, period, flt, by)), frames[f"names:{by}"], by)
    reference = _live(conn, period, flt, by)
    columns = ["key", "name", *COUNT_COLUMNS]
    pd.testing.assert_frame_equal(grouped[columns].set_index("key").sort_index(),
                                  reference[columns].set_index("key").sort_index(),
                                  check_dtype=False, check_index_type=False, obj=f"{period} {flt} {by}")


def _correct_every_open_dossier(db) -> None:
    """Load a corrected export: every open dossier was in fact resolved on its due date."""
    with db.begin() as conn:
        conn.execute(update(dossiers).where(dossiers.c.result_on.is_(None)).values(
            result_on=dossiers.c.due_on, status="Đã trả kết quả", waiting_supplement=False))
        rebuild_rollup(conn)


def _ns(tasks: pd.DataFrame) -> pd.DataFrame:
    """Return tasks with dates in ns (Parquet keeps them in ms, the database reader gives s)."""
    return tasks.astype({c: "datetime64[ns]" for c in ("doc_date", "deadline", "completed_on")})


def _snapshot_state(conn, frames, units):
    """Return every figure the snapshot gives (to compare before and after a change)."""
    state = {}
    for period in periods_kept(CUTOFF.date(), SETTINGS):
        for flt in (NO_FILTER, LAND_ENV, DossierFilter(unit_ids=(units[0],))):
            state[(period, flt)] = _frozen_counts(frames, period, flt).iloc[0].to_dict()
    return state


def test_frozen_frames_equal_direct_counts_at_the_cut_off(db):
    with db.begin() as conn:
        meeting = create_meeting(conn, date(2024, 4, 11), "Giao ban tuần 15", CUTOFF, SETTINGS)
    with db.connect() as conn:
        frames = load_snapshot(conn, meeting)
        units = sorted(read_dossier_rows(conn)["unit_id"].unique().tolist())
        for period in periods_kept(CUTOFF.date(), SETTINGS):
            for flt in (NO_FILTER, LAND_ENV, DossierFilter(unit_ids=(units[1],)),
                        DossierFilter(unit_ids=(units[2],), land_env_only=True)):
                expected = _live(conn, period, flt)[list(COUNT_COLUMNS)].iloc[0].to_dict()
                assert _frozen_counts(frames, period, flt).iloc[0].to_dict() == expected, (period, flt)
        for kind in SNAPSHOT_KINDS:
            period = kind_periods(kind, CUTOFF.date(), SETTINGS.week_starts_on)[0]
            for by in ("unit", "agency", "field", "level"):
                _assert_grouped_as_counted(conn, frames, period, LAND_ENV, by)
            for flt in (NO_FILTER, LAND_ENV):
                for by in ("procedure", "current_agency"):
                    pd.testing.assert_frame_equal(Overdue(period, flt, by).frozen(frames),
                                                  overdue_counts(conn, period, flt, by))
            one_unit = DossierFilter(unit_ids=(units[0],))
            pd.testing.assert_frame_equal(Overdue(period, one_unit, "procedure").frozen(frames),
                                          overdue_counts(conn, period, one_unit, "procedure"), check_dtype=False)
            two_units = DossierFilter(unit_ids=tuple(units[:2]))  # a commune with its predecessor
            pd.testing.assert_frame_equal(Overdue(period, two_units, "procedure").frozen(frames),
                                          overdue_counts(conn, period, two_units, "procedure"), check_dtype=False)
        pd.testing.assert_frame_equal(Ageing(CUTOFF.date(), LAND_ENV).frozen(frames),
                                      overdue_ageing(conn, CUTOFF.date(), LAND_ENV))
        march = date(2024, 3, 1)
        pd.testing.assert_frame_equal(_ns(Tasks(march).frozen(frames)), _ns(load_tasks(conn, march)))
        pd.testing.assert_frame_equal(frames["names:field"], dimension_names(conn, "field"))


def test_frozen_frames_do_not_move_when_the_data_changes(db):
    with db.begin() as conn:
        meeting = create_meeting(conn, date(2024, 4, 11), "Giao ban tuần 15", CUTOFF, SETTINGS)
    with db.connect() as conn:
        frames = load_snapshot(conn, meeting)
        units = sorted(read_dossier_rows(conn)["unit_id"].unique().tolist())
        before = _snapshot_state(conn, frames, units)
        month = kind_periods("month", CUTOFF.date(), SETTINGS.week_starts_on)[0]
        live_before = _live(conn, month).iloc[0]["in_progress_overdue"]
        tasks_before = Tasks(CUTOFF.date()).frozen(frames)
    _correct_every_open_dossier(db)
    with db.connect() as conn:
        assert _live(conn, month).iloc[0]["in_progress_overdue"] < live_before  # the data moved …
        again = load_snapshot(conn, meeting)
        assert _snapshot_state(conn, again, units) == before  # … the meeting did not
        pd.testing.assert_frame_equal(Tasks(CUTOFF.date()).frozen(again), tasks_before)


def _before_grains(frames: dict) -> dict:
    """Return a meeting's frames as a meeting created before the grains were kept stored them."""
    return {name: frame for name, frame in frames.items() if ":grain" not in name}


def _filters(conn) -> list[DossierFilter]:
    """Return filters as the sidebar builds them: agencies, a level, units, together and with land/environment."""
    rows = read_dossier_rows(conn)
    agencies = sorted(rows["agency_id"].unique().tolist())
    units = sorted(rows["unit_id"].unique().tolist())
    return [DossierFilter(agency_ids=(agencies[0],)), DossierFilter(levels=("Xã",)),
            DossierFilter(agency_ids=tuple(agencies[:2]), levels=("Huyện",), land_env_only=True),
            DossierFilter(agency_ids=(agencies[1],), unit_ids=tuple(units[:2])),
            DossierFilter(levels=("Xã",), unit_ids=(units[2],), land_env_only=True),
            DossierFilter(agency_ids=(agencies[0],), levels=("Xã",), unit_ids=(units[0],))]


def test_a_meeting_serves_every_filter_of_the_sidebar_as_counted_at_the_cut_off(db):
    """Issue #31: a meeting's frozen figures under agencies, levels and units (and land/environment) equal the
    direct count at the cut-off, per period kind and grouping, and do not move when the data is corrected."""
    with db.begin() as conn:
        meeting = create_meeting(conn, date(2024, 4, 11), "Giao ban tuần 15", CUTOFF, SETTINGS)
    with db.connect() as conn:
        frames = load_snapshot(conn, meeting)
        filters = _filters(conn)
        before = {}
        for kind in SNAPSHOT_KINDS:
            for period in kind_periods(kind, CUTOFF.date(), SETTINGS.week_starts_on):
                for flt in filters:
                    expected = _live(conn, period, flt)[list(COUNT_COLUMNS)].iloc[0].to_dict()
                    before[(period, flt)] = _frozen_counts(frames, period, flt).iloc[0].to_dict()
                    assert before[(period, flt)] == expected, (period, flt)
            period = kind_periods(kind, CUTOFF.date(), SETTINGS.week_starts_on)[0]
            for flt in filters:
                for by in ("unit", "agency", "field", "level"):
                    _assert_grouped_as_counted(conn, frames, period, flt, by)
                for by in ("procedure", "current_agency"):
                    pd.testing.assert_frame_equal(Overdue(period, flt, by).frozen(frames),
                                                  overdue_counts(conn, period, flt, by), obj=f"{kind} {by} {flt}")
        for flt in filters:
            pd.testing.assert_frame_equal(Ageing(CUTOFF.date(), flt).frozen(frames),
                                          overdue_ageing(conn, CUTOFF.date(), flt))
    _correct_every_open_dossier(db)
    with db.connect() as conn:
        again = load_snapshot(conn, meeting)
        assert {key: _frozen_counts(again, key[0], key[1]).iloc[0].to_dict() for key in before} == before


def _hand(code, agency, level, district, received, due, result):
    return {"code": code, "agency": agency, "level": level, "district": district, "received_on": received,
            "due_on": due, "result_on": result, "status": "Đã trả kết quả" if result else "Đang xử lý",
            "channel": "online", "synced": True, "apology": False, "digitised": False, "field": "Đất đai",
            "ended": False, "waiting_supplement": False, "procedure": "Đăng ký biến động", "current_agency": None}


def test_a_filtered_meeting_figure_by_hand(engine):
    """Four dossiers of two agencies and two levels, frozen on 10/04/2024: the figures of agency «Sở X», level Xã,
    counted by hand (received in April 2; resolved early 1; overdue in progress at the cut-off 1, due 05/04)."""
    rows = pd.DataFrame([
        _hand("X1", "Sở X", "Xã", "A", date(2024, 4, 2), date(2024, 4, 5), None),  # overdue in progress
        _hand("X2", "Sở X", "Xã", "B", date(2024, 4, 3), date(2024, 4, 20), date(2024, 4, 8)),  # resolved early
        _hand("X3", "Sở X", "Huyện", "A", date(2024, 4, 3), date(2024, 4, 4), None),  # another level
        _hand("Y1", "Sở Y", "Xã", "A", date(2024, 4, 1), date(2024, 4, 2), None),  # another agency
    ])
    with engine.begin() as conn:
        write_dossiers(conn, rows)
        rebuild_rollup(conn)
        meeting = create_meeting(conn, date(2024, 4, 11), "Giao ban tuần 15", CUTOFF, SETTINGS)
        flt = DossierFilter(agency_ids=(agency_id(conn, "Sở X"),), levels=("Xã",))
        unit_a, unit_b = sorted(read_dossier_rows(conn)["unit_id"].unique().tolist())
    with engine.connect() as conn:
        frames = load_snapshot(conn, meeting)
    april = Period(date(2024, 4, 1), CUTOFF.date())
    counted = _frozen_counts(frames, april, flt).iloc[0]
    assert (counted["received"], counted["resolved_early"], counted["in_progress_overdue"]) == (2, 1, 1)
    by_unit = _frozen_counts(frames, april, flt, "unit").set_index("unit")["received"].to_dict()
    assert by_unit == {unit_a: 1, unit_b: 1}
    overdue = Overdue(april, flt, "procedure").frozen(frames)
    assert overdue[["in_progress_overdue", "overdue_total"]].values.tolist() == [[1, 1]]
    ageing = Ageing(CUTOFF.date(), flt).frozen(frames).set_index("bucket")["count"]
    assert ageing.sum() == 1 and ageing[age_bucket((CUTOFF.date() - date(2024, 4, 5)).days)] == 1
    with pytest.raises(DomainError, match="phân tích bước xử lý"):  # not kept per agency: refused, in Vietnamese
        Stages(StageQuery(kind_periods("month", CUTOFF.date(), SETTINGS.week_starts_on)[0], flt)).frozen(frames)


def test_frozen_frames_refuse_what_they_cannot_answer(db):
    with db.begin() as conn:
        meeting = create_meeting(conn, date(2024, 4, 11), "Giao ban tuần 15", CUTOFF, SETTINGS)
    with db.connect() as conn:
        frames = load_snapshot(conn, meeting)
    with pytest.raises(DomainError, match="bộ lọc"):  # a meeting kept before its grains were: units only
        Sums(DossierFilter(levels=("Xã",)), None, (), CUTOFF.date()).frozen(_before_grains(frames))
    with pytest.raises(DomainError, match="kỳ"):
        Sums(NO_FILTER, None, (date(2023, 7, 1),), CUTOFF.date()).frozen(frames)
    with pytest.raises(DomainError, match="bộ lọc"):
        Ageing(date(2024, 4, 1), NO_FILTER).frozen(frames)


def _kept_before_grains(conn, frames: dict, period: Period) -> dict:
    """Return a meeting's frames as a meeting created before the grains (December 2026) stored them, counted now
    (nothing changed since the cut-off): the sums per dimension, the overdue breakdowns and age buckets of the
    province and land/environment, the overdue procedures per unit."""
    months, until = tuple(frames["detail_months"]["month"]), CUTOFF.date()
    old = _before_grains(frames)
    for by in (None, "unit", "agency", "field", "level"):
        old[f"sums:{by or 'all'}"] = period_sums(conn, NO_FILTER, by, months, until)
    for scope, flt in (("all", NO_FILTER), ("land_env", LAND_ENV)):
        old[Overdue.frame_name(period, scope, "procedure")] = overdue_counts(conn, period, flt, "procedure")
        old[f"ageing:{scope}"] = overdue_ageing(conn, until, flt)
    old[Overdue.frame_name(period, "units", "procedure")] = overdue_counts(conn, period, NO_FILTER, "procedure",
                                                                           per=("unit_id",))
    return old


def test_a_meeting_kept_before_grains_still_reads_its_units(db):
    """A meeting stored before the grains (December 2026) kept its sums per dimension and the overdue procedures per
    unit only: the province, land/environment and a commune's (with its predecessors) are still counted from them
    exactly, and any other filter is refused in Vietnamese."""
    with db.begin() as conn:
        meeting = create_meeting(conn, date(2024, 4, 11), "Giao ban tuần 15", CUTOFF, SETTINGS)
    with db.connect() as conn:
        month = kind_periods("month", CUTOFF.date(), SETTINGS.week_starts_on)[0]
        old = _kept_before_grains(conn, load_snapshot(conn, meeting), month)
        units = sorted(read_dossier_rows(conn)["unit_id"].unique().tolist())
        for flt in (NO_FILTER, LAND_ENV, DossierFilter(unit_ids=(units[1],))):
            expected = _live(conn, month, flt)[list(COUNT_COLUMNS)].iloc[0].to_dict()
            assert _frozen_counts(old, month, flt).iloc[0].to_dict() == expected, flt
        _assert_grouped_as_counted(conn, old, month, LAND_ENV, "agency")
        for flt in (NO_FILTER, LAND_ENV):
            pd.testing.assert_frame_equal(Overdue(month, flt, "procedure").frozen(old),
                                          overdue_counts(conn, month, flt, "procedure"))
            pd.testing.assert_frame_equal(Ageing(CUTOFF.date(), flt).frozen(old),
                                          overdue_ageing(conn, CUTOFF.date(), flt))
        for chosen in ((units[0],), tuple(units[:2])):
            flt = DossierFilter(unit_ids=chosen)
            pd.testing.assert_frame_equal(Overdue(month, flt, "procedure").frozen(old),
                                          overdue_counts(conn, month, flt, "procedure"), check_dtype=False)
    for refused in (Overdue(month, DossierFilter(levels=("Xã",)), "procedure"),
                    Overdue(month, DossierFilter(unit_ids=(units[0],)), "current_agency"),
                    Ageing(CUTOFF.date(), DossierFilter(levels=("Xã",)))):
        with pytest.raises(DomainError, match="không có bộ lọc này"):
            refused.frozen(old)


def _values(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the values, a missing one None (a text column all missing in a few rows is text in the list the
    meeting stored, untyped in SQL's answer for those rows alone)."""
    return frame.astype(object).where(frame.notna(), None)


def test_a_meeting_counts_its_early_warning_under_every_filter_of_the_sidebar(db):
    """Issue #31: what was about to go overdue at the cut-off, under agencies, levels and units, is counted from the
    dossiers the meeting listed exactly as the live database counts it then (per agency, field and unit, the list, the
    tasks), and stays after a correction."""
    with db.begin() as conn:
        meeting = create_meeting(conn, date(2024, 4, 11), "Giao ban tuần 15", CUTOFF, SETTINGS)
    days, cutoff = SETTINGS.early_warning_days, CUTOFF.date()
    with db.connect() as conn:
        frames = load_snapshot(conn, meeting)
        calendar = holiday_calendar(conn)
        seen = 0
        for flt in _filters(conn):
            frozen = DueSoon(cutoff, days, flt).frozen(frames)
            live = due_soon_view(conn, cutoff, days, calendar, flt, limit=None)
            assert (frozen.until, frozen.total, frozen.land_env, frozen.tasks) == (
                live.until, live.total, live.land_env, live.tasks), flt
            pd.testing.assert_frame_equal(frozen.by_agency, live.by_agency, obj=str(flt))
            pd.testing.assert_frame_equal(_values(frozen.dossiers), _values(live.dossiers), obj=str(flt))
            pd.testing.assert_frame_equal(frozen.by_field, live.by_field, obj=str(flt))
            pd.testing.assert_frame_equal(frozen.by_unit.sort_values("key", ignore_index=True),
                                          live.by_unit.sort_values("key", ignore_index=True), obj=str(flt))
            assert frozen.followup is None
            seen += frozen.total
        assert seen > 0  # the filters do pick dossiers about to go overdue
        before = {flt: _values(DueSoon(cutoff, days, flt).frozen(frames).dossiers) for flt in _filters(conn)}
    assert DueSoon(cutoff, days, DossierFilter(levels=("Xã",))).frozen(_before_grains(frames)) is None
    _correct_every_open_dossier(db)
    with db.connect() as conn:
        again = load_snapshot(conn, meeting)
        for flt, listed in before.items():
            pd.testing.assert_frame_equal(_values(DueSoon(cutoff, days, flt).frozen(again).dossiers), listed)
