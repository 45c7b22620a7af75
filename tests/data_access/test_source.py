"""One Source of figures (data_access.figures.source) and the figures assembled from it
(data_access.figures.assemble): the live database and a meeting's frozen frames give the same counts at the cut-off,
only the live ones move after an import, and the key says which data a Source reads (SQLite and PostgreSQL)."""

from datetime import date, datetime

import pandas as pd
import pytest
from sqlalchemy import delete, update

from config.settings import load_settings
from data_access.figures import assemble as figures
from data_access.figures.dossier_queries import NO_FILTER, dossier_counts
from data_access.figures.source import SOURCE_HASH_FUNCS, FrozenSource, LiveSource, open_source
from data_access.meetings.records import create_meeting
from data_access.meetings.snapshots import LAND_ENV
from data_access.store.meta import record_load
from data_access.store.rollup import rebuild_rollup
from data_access.store.schema import dossiers, meeting_frames
from metrics.errors import DomainError
from metrics.periods import Period
from tests.data_access.helpers import random_dossiers, write_dossiers, write_tasks
from tests.metrics.fixtures import task_frame

CUTOFF = datetime(2024, 4, 10, 17, 0)
APRIL = Period(date(2024, 4, 1), date(2024, 4, 10))
SETTINGS = load_settings()


@pytest.fixture
def db(engine):
    with engine.begin() as conn:
        write_dossiers(conn, random_dossiers(17, 400))
        write_tasks(conn, task_frame())
        rebuild_rollup(conn)
        record_load(conn, "real", CUTOFF.date())
    return engine


def _meetings(engine) -> tuple[int, int]:
    with engine.begin() as conn:
        first = create_meeting(conn, date(2024, 4, 3), "Giao ban tuần 14", datetime(2024, 4, 3, 17, 0), SETTINGS)
        second = create_meeting(conn, date(2024, 4, 11), "Giao ban tuần 15", CUTOFF, SETTINGS)
    return first, second


def _change_every_dossier(engine) -> None:
    """Mark every dossier resolved on time (as a corrected export would) and record the load."""
    with engine.begin() as conn:
        conn.execute(update(dossiers).values(result_on=dossiers.c.received_on, due_on=dossiers.c.received_on,
                                             status="Đã trả kết quả", waiting_supplement=False))
        rebuild_rollup(conn)
        record_load(conn, "real", CUTOFF.date())


def test_live_and_frozen_agree_at_the_cutoff_and_only_live_moves(db):
    first, second = _meetings(db)
    live, frozen = open_source(db), open_source(db, second)
    assert type(live) is LiveSource and type(frozen) is FrozenSource
    with db.connect() as conn:
        direct = dossier_counts(conn, APRIL, NO_FILTER)
        direct_land = dossier_counts(conn, APRIL, LAND_ENV, "unit")
    for source in (live, frozen):
        pd.testing.assert_frame_equal(figures.counts(source, APRIL, NO_FILTER), direct)
        assert figures.counts(source, APRIL, LAND_ENV, "unit")["resolved"].sum() == direct_land["resolved"].sum()
    before = figures.counts(frozen, APRIL, NO_FILTER)
    _change_every_dossier(db)
    again_live, again_frozen = open_source(db), open_source(db, second)
    assert again_live.key != live.key and again_frozen.key == frozen.key
    pd.testing.assert_frame_equal(figures.counts(again_frozen, APRIL, NO_FILTER), before)
    moved = figures.counts(again_live, APRIL, NO_FILTER)
    assert int(moved["resolved_late"].iloc[0]) == 0 != int(before["resolved_late"].iloc[0])


def test_a_meeting_source_knows_its_meeting_and_the_previous_one(db):
    first, second = _meetings(db)
    source = open_source(db, second)
    assert (source.meeting.id, source.meeting.title, source.meeting.previous_id) == (second, "Giao ban tuần 15", first)
    assert source.meeting.previous_cutoff == date(2024, 4, 3) and source.fixed_as_of == date(2024, 4, 10)
    assert source.previous is not None and source.previous.meeting.id == first and source.previous.previous is None
    assert source.headline()["as_of"] == "2024-04-10" and source.previous_headline()["as_of"] == "2024-04-03"
    assert (source.period_kinds, source.filters_supported) == (("week", "month", "quarter", "year", "28d"), True)
    kept_before_grains = {name: frame for name, frame in source.frames.items() if ":grain" not in name}
    assert not FrozenSource(db, "k", source.meeting, None, kept_before_grains).filters_supported  # issue #31
    live = open_source(db)
    assert live.meeting is None and live.previous is None and live.fixed_as_of is None and live.filters_supported
    assert live.headline(date(2024, 4, 10), date(2024, 4, 1))["from"] == "2024-04-01"
    assert live.previous_headline() is None


def test_a_meeting_created_before_snapshots_reads_live_data_under_its_own_key(db):
    first, second = _meetings(db)
    with db.begin() as conn:
        conn.execute(delete(meeting_frames).where(meeting_frames.c.meeting_id == second))
    source = open_source(db, second)
    assert type(source) is LiveSource and not source.frozen and source.meeting.id == second
    assert source.previous is None  # nothing frozen to compare with: changes are measured against last week
    assert source.key != open_source(db).key  # its headline is the meeting's, so it must not share the live cache
    assert source.headline()["as_of"] == "2024-04-10"


def test_an_unknown_meeting_is_refused_in_vietnamese(db):
    with pytest.raises(DomainError, match="Không có cuộc họp số 999"):
        open_source(db, 999)


def test_the_frozen_source_refuses_what_it_did_not_freeze(db):
    _, second = _meetings(db)
    with pytest.raises(DomainError, match="Số liệu chốt của cuộc họp không có kỳ này"):
        figures.counts(open_source(db, second), Period(date(2023, 1, 5), date(2023, 1, 20)), NO_FILTER)
    with pytest.raises(DomainError, match="Không có bảng tham chiếu"):
        open_source(db).reference("dossiers")


def test_streamlit_caches_on_the_key(db):
    live = open_source(db)
    assert {kind: hash_key(live) for kind, hash_key in SOURCE_HASH_FUNCS.items()} == {
        LiveSource: live.key, FrozenSource: live.key}
    assert open_source(db).key == live.key  # same data, same key: two sessions share one cache entry
