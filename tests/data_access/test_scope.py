"""A commune account's scope is applied by the query layer (issue #12): every read of a Source is listed here with
what it must return under a scope, and a test fails when a read is added to Source without being listed. Detail is
narrowed to the commune in the SQL; province totals and the scorecard's per-unit counts stay whole; asking for
another commune's detail is refused (SQLite and PostgreSQL)."""

import inspect
from datetime import date, datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import insert, select, update

from config.settings import load_settings
from data_access.accounts.store import Account, NotAllowed
from data_access.figures import assemble as figures
from data_access.figures import queries
from data_access.figures.dossier_queries import NO_FILTER, DossierFilter
from data_access.figures.overdue_queries import overdue_ageing, overdue_counts
from data_access.figures.rollup_queries import period_sums
from data_access.figures.source import NotCounted, Scope, Source, open_source, scope_of
from data_access.figures.stage_queries import StageQuery, overdue_codes, stage_frames
from data_access.figures.task_queries import load_tasks
from data_access.meetings.records import create_meeting
from data_access.meetings.snapshots import LAND_ENV
from data_access.reference.lookup import ensure_reference
from data_access.store.rollup import rebuild_rollup
from data_access.store.schema import agencies, dossier_steps, dossiers, units
from data_access.store.step_order import number_steps
from metrics.periods import Period
from metrics.rollup import detail_months, last_month
from metrics.stages import is_supplement_step
from tests.data_access.helpers import random_dossiers, write_dossiers, write_tasks
from tests.metrics.fixtures import task_frame

APRIL = Period(date(2024, 4, 1), date(2024, 4, 30))
MONTHS, UNTIL = detail_months([APRIL]), last_month([APRIL])


@pytest.fixture
def db(engine):
    with engine.begin() as conn:
        write_dossiers(conn, random_dossiers(5, 600))
        write_tasks(conn, task_frame())
        rebuild_rollup(conn)
        ids = dict(conn.execute(select(units.c.name, units.c.id).where(units.c.name.like("Huyện %"))).all())
        mine, other = ids[sorted(ids)[0]], ids[sorted(ids)[1]]
        lead = task_frame()["lead_agency"].iloc[0]  # this department becomes a commune committee of `mine`
        conn.execute(update(agencies).where(agencies.c.name == lead).values(unit_id=mine))
    return engine, mine, other, lead


def _pair(db) -> tuple[Source, Source, int, int, str]:
    engine, mine, other, lead = db
    return open_source(engine), open_source(engine, scope=Scope((mine,))), mine, other, lead


def _sums(engine, flt, by):
    with engine.connect() as conn:
        return period_sums(conn, flt, by, MONTHS, UNTIL)


def case_sums(db):
    whole, scoped, mine, other, _ = _pair(db)
    engine = db[0]
    pd.testing.assert_frame_equal(scoped.sums(NO_FILTER, "agency", MONTHS, UNTIL),
                                  _sums(engine, DossierFilter(unit_ids=(mine,)), "agency"))
    assert not whole.sums(NO_FILTER, "agency", MONTHS, UNTIL).equals(scoped.sums(NO_FILTER, "agency", MONTHS, UNTIL))
    for flt, by in ((NO_FILTER, None), (NO_FILTER, "unit"), (LAND_ENV, None)):  # province figures, scorecard
        pd.testing.assert_frame_equal(scoped.sums(flt, by, MONTHS, UNTIL), whole.sums(flt, by, MONTHS, UNTIL))
    pd.testing.assert_frame_equal(scoped.sums(LAND_ENV, "unit", MONTHS, UNTIL),
                                  _sums(engine, DossierFilter(unit_ids=(mine,), land_env_only=True), "unit"))
    with pytest.raises(NotAllowed, match="chỉ xem được chi tiết của xã, phường mình"):
        scoped.sums(DossierFilter(unit_ids=(other,)), None, MONTHS, UNTIL)


def case_overdue(db):
    _, scoped, mine, other, _ = _pair(db)
    for by in ("procedure", "current_agency"):
        with db[0].connect() as conn:
            expected = overdue_counts(conn, APRIL, DossierFilter(unit_ids=(mine,)), by)
        pd.testing.assert_frame_equal(scoped.overdue(APRIL, NO_FILTER, by), expected)
    with pytest.raises(NotAllowed):
        scoped.overdue(APRIL, DossierFilter(unit_ids=(other,)), "procedure")


def case_ageing(db):
    _, scoped, mine, other, _ = _pair(db)
    with db[0].connect() as conn:
        expected = overdue_ageing(conn, APRIL.end, DossierFilter(unit_ids=(mine,)))
    pd.testing.assert_frame_equal(scoped.ageing(APRIL.end, NO_FILTER), expected)
    with pytest.raises(NotAllowed):
        scoped.ageing(APRIL.end, DossierFilter(unit_ids=(other,)))


def case_tasks(db):
    whole, scoped, mine, _, lead = _pair(db)
    shown = scoped.tasks(None)
    assert set(shown["lead_agency"]) == {lead} and set(shown["lead_unit_id"]) == {mine}
    assert len(shown) == (task_frame()["lead_agency"] == lead).sum() < len(whole.tasks(None))
    with db[0].connect() as conn:
        assert len(load_tasks(conn, None, (mine,))) == len(shown)


def _steps(db) -> tuple[str, str]:
    """Give one dossier of each unit a step in April; return (its code in mine, in other)."""
    engine, mine, other, _ = db
    with engine.begin() as conn:
        codes = []
        for unit in (mine, other):
            row = conn.execute(select(dossiers.c.code, dossiers.c.agency_id).where(
                dossiers.c.unit_id == unit, dossiers.c.received_on <= APRIL.end,
                dossiers.c.result_on.is_(None)).order_by(dossiers.c.code).limit(1)).one()
            conn.execute(insert(dossier_steps).values(dossier_code=row.code, step="Thẩm định", agency_id=row.agency_id,
                                                      started_on=date(2024, 4, 2), due_on=date(2024, 4, 5)))
            codes.append(row.code)
        number_steps(conn)  # as every writer of steps does (data_access.store.step_order)
    return codes[0], codes[1]


def case_stages(db):
    _, scoped, mine, other, _ = _pair(db)
    _steps(db)
    with db[0].connect() as conn:
        expected = stage_frames(conn, StageQuery(APRIL, DossierFilter(unit_ids=(mine,))), is_supplement_step)
    got = scoped.stages(StageQuery(APRIL, NO_FILTER))
    for part in ("histogram", "steps", "agencies", "transfers"):
        pd.testing.assert_frame_equal(getattr(got, part), getattr(expected, part))
    assert (got.no_steps, got.no_steps_named) == (expected.no_steps, expected.no_steps_named)
    assert got.histogram["passages"].sum() == 1 and got.no_steps > 0
    with pytest.raises(NotAllowed):
        scoped.stages(StageQuery(APRIL, DossierFilter(unit_ids=(other,))))


def case_overdue_codes(db):
    _, scoped, mine, other, _ = _pair(db)
    _steps(db)
    with db[0].connect() as conn:
        expected = overdue_codes(conn, StageQuery(APRIL, DossierFilter(unit_ids=(mine,))))
        everywhere = overdue_codes(conn, StageQuery(APRIL, NO_FILTER))
    assert scoped.overdue_codes(StageQuery(APRIL, NO_FILTER)) == expected
    assert set(expected) < set(everywhere)  # the other unit's overdue dossier with steps is left out
    with pytest.raises(NotAllowed):
        scoped.overdue_codes(StageQuery(APRIL, DossierFilter(unit_ids=(other,))))


def case_journey(db):
    whole, scoped, *_ = _pair(db)
    mine_code, other_code = _steps(db)
    pd.testing.assert_frame_equal(scoped.journey(mine_code, APRIL.end), whole.journey(mine_code, APRIL.end))
    assert len(whole.journey(other_code, APRIL.end)) == 1 and scoped.journey(other_code, APRIL.end).empty


def case_whole(method: str):
    """Reads of reference data and province figures: the same with or without a scope."""
    def check(db):
        whole, scoped, *_ = _pair(db)
        args = {"reference": ("units",), "names": ("agency",), "boundaries": ("Xã",), "headline": (APRIL.end,),
                "meta": (), "previous_headline": (), "covers": (APRIL,), "calendar": ()}[method]
        got, expected = getattr(scoped, method)(*args), getattr(whole, method)(*args)
        if isinstance(got, pd.DataFrame):
            pd.testing.assert_frame_equal(got, expected)
        else:
            assert got == expected
    return check


def case_due_soon(db):
    """Issue #33: a commune account's early warning counts its own units' dossiers (and their agencies' tasks)."""
    whole, scoped, mine, other, _ = _pair(db)
    with db[0].connect() as conn:  # the day before one of its dossiers falls due, while it is still open
        row = conn.execute(select(dossiers.c.due_on).where(
            dossiers.c.unit_id == mine, dossiers.c.due_on > dossiers.c.received_on,
            dossiers.c.result_on.is_(None)).order_by(dossiers.c.code).limit(1)).one()
    as_of = row.due_on - timedelta(days=1)
    got = scoped.due_soon(as_of, 3, NO_FILTER)
    expected = whole.due_soon(as_of, 3, DossierFilter(unit_ids=(mine,)))
    everywhere = whole.due_soon(as_of, 3, NO_FILTER)
    for part in ("by_agency", "dossiers", "by_field"):
        pd.testing.assert_frame_equal(getattr(got, part), getattr(expected, part))
    assert (got.total, got.tasks, got.until) == (expected.total, expected.tasks, expected.until)
    assert 0 < got.total <= everywhere.total and got.missing_years == (as_of.year,)  # no list before 2025
    assert set(got.dossiers["code"]) < set(whole.due_soon(as_of, 60, NO_FILTER).dossiers["code"])
    with pytest.raises(NotAllowed):
        scoped.due_soon(as_of, 3, DossierFilter(unit_ids=(other,)))


def case_narrowed(db):
    _, scoped, mine, other, _ = _pair(db)
    assert scoped.narrowed(NO_FILTER) == DossierFilter(unit_ids=(mine,))
    assert scoped.narrowed(DossierFilter(unit_ids=(mine, other), land_env_only=True)) == DossierFilter(
        unit_ids=(mine,), land_env_only=True)
    with pytest.raises(NotAllowed):
        scoped.narrowed(DossierFilter(unit_ids=(other,)))


def case_seal(db):
    """Issue #29 §2: a sealed Source (a new load replaced its data) still answers what it had counted, in its scope,
    and refuses any read that needs the database; another Source of the same data is not sealed."""
    whole, scoped, *_ = _pair(db)
    counted = scoped.overdue(APRIL, NO_FILTER, "procedure")
    units = scoped.reference("units")
    scoped.seal()
    assert scoped.sealed and not whole.sealed
    pd.testing.assert_frame_equal(scoped.reference("units"), units)  # read once per Source: kept
    with pytest.raises(NotCounted):
        scoped.overdue(APRIL, NO_FILTER, "procedure")  # kept by the pages' caches, not by the Source: refused
    assert list(whole.overdue(APRIL, NO_FILTER, "procedure").columns) == list(counted.columns)  # still reads


def case_read(db):
    """A query (data_access.figures.queries) read through a scoped Source keeps the scope of the reads it makes."""
    _, scoped, mine, other, _ = _pair(db)
    pd.testing.assert_frame_equal(scoped.read(queries.Counts(APRIL, NO_FILTER, "agency")),
                                  figures.counts(open_source(db[0]), APRIL, DossierFilter(unit_ids=(mine,)), "agency"))
    with pytest.raises(NotAllowed):
        scoped.read(queries.Overdue(APRIL, DossierFilter(unit_ids=(other,)), "procedure"))


CASES = {"sums": case_sums, "seal": case_seal, "read": case_read, "overdue": case_overdue, "ageing": case_ageing,
         "tasks": case_tasks,
         "stages": case_stages, "journey": case_journey, "overdue_codes": case_overdue_codes,
         "narrowed": case_narrowed, "due_soon": case_due_soon,
         **{m: case_whole(m) for m in ("reference", "names", "boundaries", "headline", "meta", "previous_headline",
                                       "covers", "calendar")}}


def test_every_read_of_a_source_is_listed_with_its_scope_rule():
    reads = {name for name, member in inspect.getmembers(Source, callable) if not name.startswith("_")}
    assert reads == set(CASES)


@pytest.mark.parametrize("read", sorted(CASES))
def test_the_scope_is_applied_by_each_read(db, read):
    with db[0].begin() as conn:
        ensure_reference(conn)
    CASES[read](db)


def test_figures_assembled_from_a_scoped_source_stay_in_scope(db):
    whole, scoped, mine, other, _ = _pair(db)
    by_agency = figures.counts(scoped, APRIL, NO_FILTER, "agency")
    direct = figures.counts(open_source(db[0]), APRIL, DossierFilter(unit_ids=(mine,)), "agency")
    pd.testing.assert_frame_equal(by_agency, direct)
    assert figures.counts(scoped, APRIL, NO_FILTER).equals(figures.counts(whole, APRIL, NO_FILTER))
    with pytest.raises(NotAllowed):
        figures.series(scoped, (APRIL,), DossierFilter(unit_ids=(other,)))
    assert scoped.key != whole.key  # cached apart: a commune never gets the province's detail from a cache


def test_a_frozen_meeting_is_narrowed_too(db):
    engine, mine, other, _ = db
    with engine.begin() as conn:
        meeting = create_meeting(conn, date(2024, 5, 2), "Giao ban", datetime(2024, 4, 30, 17), load_settings())
    scoped = open_source(engine, meeting, scope=Scope((mine,)))
    assert scoped.frozen and len(scoped.tasks(None)) == (task_frame()["lead_agency"] == db[3]).sum()
    pd.testing.assert_frame_equal(scoped.sums(NO_FILTER, None, MONTHS, UNTIL),
                                  open_source(engine, meeting).sums(NO_FILTER, None, MONTHS, UNTIL))
    with pytest.raises(NotAllowed):
        scoped.overdue(APRIL, DossierFilter(unit_ids=(other,)), "procedure")


def test_the_scope_of_a_commune_account_holds_its_whole_predecessors(engine):
    with engine.begin() as conn:
        ensure_reference(conn)
        ids = dict(conn.execute(select(units.c.code, units.c.id).where(units.c.valid_to.is_(None))).all())
        old = dict(conn.execute(select(units.c.name, units.c.id).where(units.c.valid_to.is_not(None))).all())
    cam_lam = ids["22453"]
    scope = scope_of(engine, Account(1, "xa_cam_lam", "xa", None, cam_lam).detail_unit())
    assert cam_lam in scope.unit_ids and old["Xã Cam Hải Tây"] in scope.unit_ids
    assert 2 <= len(scope.unit_ids) < 10 and set(scope.unit_ids) <= {cam_lam, *old.values()}
    assert scope_of(engine, Account(2, "ld", "lanh_dao").detail_unit()) is None
