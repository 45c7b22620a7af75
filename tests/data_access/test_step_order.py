"""Each step's place in its dossier, numbered when steps are written (data_access.store.step_order): on SQLite and
PostgreSQL, after a steps import, after a second import that adds an earlier step to a dossier, and for steps stored
before the places were kept (the migration). Expected places worked out by hand from the rows below."""

from datetime import date

from sqlalchemy import create_engine, delete, insert, select, update

from data_access.figures.stage_queries import StageQuery, build_passages_query
from data_access.importing.runner import run_import
from data_access.store.migrate import upgrade
from data_access.store.schema import agencies, dossier_steps
from data_access.store.step_order import steps_unnumbered
from metrics.periods import Period
from tests.data_access.helpers import read_units_csv, upsert_units
from tests.data_access.import_files import write_csv
from tests.data_access.test_stages import DESK, HEADERS, OFFICE, STEPS, TAX

s = dossier_steps.c


def _places(conn, code: str) -> list[tuple]:
    return [tuple(r) for r in conn.execute(
        select(s.step, s.started_on, s.place, s.first_at_step, s.first_at_agency)
        .where(s.dossier_code == code).order_by(s.place))]


def _load(engine, tmp_path, rows, name="buoc.csv") -> None:
    run_import(engine, write_csv(tmp_path / name, "utf-8", ";", rows=rows, headers=HEADERS), "steps")


def test_an_import_numbers_every_step_of_its_dossiers(engine, tmp_path):
    with engine.begin() as conn:
        upsert_units(conn, read_units_csv())
    run_import(engine, write_csv(tmp_path / "ho_so.csv", "utf-8", ";"), "dossiers")
    _load(engine, tmp_path, STEPS)
    with engine.connect() as conn:
        # D3: the desk, then Thẩm định twice (sent to the tax office between): the second Thẩm định is not a first
        assert _places(conn, "D3") == [
            ("Tiếp nhận", date(2024, 3, 1), 1, True, True),
            ("Thẩm định", date(2024, 3, 2), 2, True, True),
            ("Xác định nghĩa vụ tài chính", date(2024, 3, 8), 3, True, True),
            ("Thẩm định", date(2024, 3, 15), 4, False, False),
            ("Trả kết quả", date(2024, 3, 18), 5, True, True)]
        assert [p[2] for p in _places(conn, "D8")] == [1, 2, 3, 4]
        assert not steps_unnumbered(conn)
    # a later export adds a step before D3's first one, and a Thẩm định by the tax office: D3 is numbered again;
    # D5, not in the file, keeps its places
    later = [["D3", "Nộp trực tuyến", DESK, "29/02/2024", "01/03/2024", "01/03/2024"],
             ["D3", "Thẩm định", TAX, "16/03/2024", "17/03/2024", "17/03/2024"]]
    with engine.connect() as conn:
        before_d5 = _places(conn, "D5")
    _load(engine, tmp_path, later, "buoc2.csv")
    with engine.connect() as conn:
        assert _places(conn, "D3") == [
            ("Nộp trực tuyến", date(2024, 2, 29), 1, True, True),
            ("Tiếp nhận", date(2024, 3, 1), 2, True, True),
            ("Thẩm định", date(2024, 3, 2), 3, True, True),
            ("Xác định nghĩa vụ tài chính", date(2024, 3, 8), 4, True, True),
            ("Thẩm định", date(2024, 3, 15), 5, False, False),
            ("Thẩm định", date(2024, 3, 16), 6, False, True),  # first at Thẩm định with the tax office
            ("Trả kết quả", date(2024, 3, 18), 7, True, True)]
        assert _places(conn, "D5") == before_d5


def test_steps_stored_before_their_places_were_kept_are_numbered_by_the_upgrade(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'v9.sqlite3'}")
    upgrade(engine, "0009")
    with engine.begin() as conn:
        agency = conn.execute(insert(agencies).values(name=OFFICE, name_key="x").returning(agencies.c.id)).scalar()
        for day, step in ((5, "Thẩm định"), (1, "Tiếp nhận"), (5, "Thẩm định lại"), (9, "Thẩm định")):
            conn.exec_driver_sql("INSERT INTO dossier_steps (dossier_code, step, agency_id, started_on) "
                                 "VALUES (?, ?, ?, ?)", ("H1", step, agency, f"2024-03-0{day}"))
    upgrade(engine)
    with engine.connect() as conn:
        assert _places(conn, "H1") == [("Tiếp nhận", date(2024, 3, 1), 1, True, True),
                                       ("Thẩm định", date(2024, 3, 5), 2, True, True),
                                       ("Thẩm định lại", date(2024, 3, 5), 3, True, True),  # same day: as recorded
                                       ("Thẩm định", date(2024, 3, 9), 4, False, False)]
        assert not steps_unnumbered(conn)
        conn.execute(update(dossier_steps).values(place=None))
        conn.commit()
    upgrade(engine)  # already at the latest revision: the steps are not read again
    with engine.connect() as conn:
        assert steps_unnumbered(conn)
    engine.dispose()


def test_the_stage_analysis_reads_the_places_without_window_functions():
    sql = str(build_passages_query(StageQuery(Period(date(2024, 3, 1), date(2024, 3, 31))))).upper()
    assert " OVER " not in sql and "ROW_NUMBER" not in sql
    assert "PLACE" in sql and "FIRST_AT_STEP" in sql and "FIRST_AT_AGENCY" in sql


def test_an_unnumbered_step_is_found(engine):
    with engine.begin() as conn:
        agency = conn.execute(insert(agencies).values(name=OFFICE, name_key="x").returning(agencies.c.id)).scalar()
        conn.execute(insert(dossier_steps).values(dossier_code="H2", step="Thẩm định", agency_id=agency,
                                                  started_on=date(2024, 3, 1), place=1, first_at_step=True,
                                                  first_at_agency=True))
        assert not steps_unnumbered(conn)
        conn.execute(update(dossier_steps).values(place=None))
        assert steps_unnumbered(conn)
        conn.execute(delete(dossier_steps))
        assert not steps_unnumbered(conn)
