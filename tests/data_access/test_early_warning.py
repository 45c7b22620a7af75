"""`cli.py due-soon` and `cli.py import holidays` (issue #33) on SQLite and PostgreSQL, on hand-made dossiers and
tasks whose due dates straddle a weekend and the holidays of late April 2026 (config/holidays/2026.csv).

As of Friday 24/04/2026 the 3rd working day after is Monday 04/05: Saturday 25 and Sunday 26 are the weekend,
Monday 27 is Giỗ Tổ's day off (it fell on Sunday 26), Tuesday 28 and Wednesday 29 are the 1st and 2nd working
days, Thursday 30/04 and Friday 01/05 are holidays, the weekend follows, Monday 04/05 is the 3rd.
"""

import json
from datetime import date, datetime

import pandas as pd
import pytest
from sqlalchemy import create_engine, func, insert, select, update
from sqlalchemy.exc import OperationalError

import cli
from data_access.figures.dossier_queries import NO_FILTER
from data_access.figures.early_warning import due_soon_view
from data_access.figures.source import open_source
from data_access.meetings.records import create_meeting
from data_access.reference.holidays import holiday_calendar
from data_access.reference.lookup import ensure_reference, get_or_create_agency
from data_access.store.migrate import create_schema
from data_access.store.schema import dossier_steps, dossiers, holidays, tasks
from metrics.workdays import working_days_left
from tests.data_access.helpers import write_dossiers

LAND_OFFICE, POLICE, DISTRICT = "Văn phòng Đăng ký đất đai tỉnh", "Công an tỉnh", "UBND huyện Xuân"
D = date
# code, received, due, result, field, agency handling it, agency holding it now (None: the one handling it)
DOSSIERS = [
    ("A1", D(2026, 4, 20), D(2026, 4, 25), None, "Đất đai", "Sở Nông nghiệp và Môi trường", LAND_OFFICE),  # Sat
    ("A2", D(2026, 4, 21), D(2026, 4, 28), None, "Hộ tịch", DISTRICT, None),
    ("A3", D(2026, 4, 22), D(2026, 5, 4), None, "Đất đai", LAND_OFFICE, None),  # due on the 3rd working day
    ("A4", D(2026, 4, 22), D(2026, 5, 5), None, "Đất đai", LAND_OFFICE, None),  # the 4th: not yet
    ("A5", D(2026, 4, 20), D(2026, 4, 24), None, "Đất đai", LAND_OFFICE, None),  # due on D: not "about to"
    ("A6", D(2026, 4, 23), D(2026, 4, 29), D(2026, 4, 24), "Hộ tịch", DISTRICT, None),  # resolved on D
    ("A7", D(2026, 4, 23), D(2026, 4, 29), D(2026, 4, 25), "Môi trường", DISTRICT, None),  # still open at D
    ("A8", D(2026, 4, 25), D(2026, 4, 28), None, "Hộ tịch", DISTRICT, None),  # received after D
    ("A9", D(2026, 4, 24), D(2026, 4, 30), None, "Hộ tịch", LAND_OFFICE, None),  # due on a holiday
    ("B1", D(2026, 4, 20), D(2026, 4, 27), None, "Hộ tịch", POLICE, None),  # due on Giỗ Tổ's day off
    ("B2", D(2026, 4, 20), D(2026, 4, 28), None, "Hộ tịch", POLICE, None),
]
# document date, deadline, completed
TASKS = [(D(2026, 4, 1), D(2026, 4, 28), None), (D(2026, 4, 1), D(2026, 5, 4), None),
         (D(2026, 4, 1), D(2026, 5, 5), None), (D(2026, 4, 1), D(2026, 4, 28), D(2026, 4, 24)),
         (D(2026, 4, 1), D(2026, 4, 28), D(2026, 4, 26)), (D(2026, 4, 25), D(2026, 4, 28), None),
         (D(2026, 4, 1), None, None)]


@pytest.fixture
def db(database_url):
    engine = create_engine(database_url)
    create_schema(engine)
    frame = pd.DataFrame(DOSSIERS, columns=["code", "received_on", "due_on", "result_on", "field", "agency",
                                            "current_agency"])
    frame = frame.assign(status="Đang xử lý", channel="truc_tiep", synced=False, apology=False, digitised=False,
                         district="Xuân", ended=False, waiting_supplement=False)
    with engine.begin() as conn:
        ensure_reference(conn)
        write_dossiers(conn, frame)
        lead = get_or_create_agency(conn, DISTRICT)
        police = get_or_create_agency(conn, POLICE)
        conn.execute(insert(dossier_steps), [  # A2 is at the police now; A7's step there ended on D
            {"dossier_code": "A2", "step": "Tiếp nhận", "agency_id": lead, "started_on": D(2026, 4, 21),
             "ended_on": D(2026, 4, 23), "place": 1},
            {"dossier_code": "A2", "step": "Xác minh", "agency_id": police, "started_on": D(2026, 4, 23),
             "ended_on": None, "place": 2},
            {"dossier_code": "A7", "step": "Xác minh", "agency_id": police, "started_on": D(2026, 4, 23),
             "ended_on": D(2026, 4, 24), "place": 1}])
        conn.execute(insert(tasks), [{"task_key": f"T{i}", "doc_number": f"{i}/TB-UBND", "doc_date": doc,
                                      "content": f"Nhiệm vụ {i}", "lead_agency_id": lead, "deadline": deadline,
                                      "completed_on": done} for i, (doc, deadline, done) in enumerate(TASKS, 1)])
    yield engine
    engine.dispose()


def _due_soon(capsys, *args: str) -> dict:
    assert cli.main(["due-soon", *args]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def test_due_soon_counts_in_working_days_per_agency_holding_the_dossier(db, capsys):
    # counted: A1, A3, A9 (land office: A1 held there, A3 and A9 handled there; A1 and A3 land), A2 (at the police
    # by its open step), B1 and B2 (police), A7 (district: its step at the police ended on D; environment); A4 too
    # late, A5 due on D, A6 resolved on D, A8 received after D. Tasks: the 1st (28/04), 2nd (04/05) and 5th
    # (completed after D); the 3rd is too late, the 4th done on D, the 6th issued after D, the 7th has no deadline.
    assert _due_soon(capsys, "--as-of", "2026-04-24") == {
        "as_of": "2026-04-24", "working_days": 3, "until": "2026-05-04",
        "dossiers": {"total": 7, "land_env": 3},
        "by_agency": [{"agency": POLICE, "dossiers": 3, "land_env": 0},  # a tie: by name
                      {"agency": LAND_OFFICE, "dossiers": 3, "land_env": 2},
                      {"agency": DISTRICT, "dossiers": 1, "land_env": 1}],
        "tasks": {"total": 3},
        "holidays_missing_for": []}


def test_one_working_day_skips_the_weekend_and_the_day_off(db, capsys):
    # Tuesday 28/04: due 25/04 (A1), 27/04 (B1) and 28/04 (A2, B2); tasks 1 and 5
    assert _due_soon(capsys, "--as-of", "2026-04-24", "--working-days", "1") == {
        "as_of": "2026-04-24", "working_days": 1, "until": "2026-04-28",
        "dossiers": {"total": 4, "land_env": 1},
        "by_agency": [{"agency": POLICE, "dossiers": 3, "land_env": 0},
                      {"agency": LAND_OFFICE, "dossiers": 1, "land_env": 1}],
        "tasks": {"total": 2},
        "holidays_missing_for": []}


def test_the_list_names_code_procedure_holder_step_and_working_days_left(db):
    with db.connect() as conn:
        calendar = holiday_calendar(conn)
        found = due_soon_view(conn, D(2026, 4, 24), 1, calendar)
    assert (found.until, found.total, found.land_env, found.tasks) == (D(2026, 4, 28), 4, 1, 2)
    listed = found.dossiers
    assert list(listed["code"]) == ["A1", "B1", "A2", "B2"]  # soonest due first, then by code
    assert list(listed["agency"]) == [LAND_OFFICE, POLICE, POLICE, POLICE]
    assert list(listed["step"].fillna("")) == ["", "", "Xác minh", ""]
    assert list(listed["working_days_left"]) == [0, 0, 1, 1]  # Sat 25/04 and the day off 27/04: none; Tue 28/04: 1
    assert found.by_field.to_dict("records") == [{"field": "Hộ tịch", "dossiers": 3, "land_env": 0},
                                                 {"field": "Đất đai", "dossiers": 1, "land_env": 1}]
    # per unit of any era (all in Huyện Xuân here): named by the units in force in data_access.figures.assemble
    assert found.by_unit[["dossiers", "land_env"]].sum().to_dict() == {"dossiers": 4, "land_env": 1}
    assert working_days_left(calendar, found.as_of, listed["due_on"]) == [0, 0, 1, 1]


def test_a_year_without_holidays_is_named_until_the_office_adds_it(db, capsys, tmp_path):
    before = _due_soon(capsys, "--as-of", "2026-12-30")
    assert (before["until"], before["holidays_missing_for"]) == ("2027-01-04", [2027])  # 31/12, 01/01, 04/01
    added = tmp_path / "nghi_le_2027.csv"
    added.write_text("Ngày;Loại;Tên\n01/01/2027;nghỉ;Tết Dương lịch\n", encoding="utf-8")
    assert cli.main(["import", "holidays", str(added)]) == 0
    assert capsys.readouterr().out.strip() == "Đã thêm 1 ngày vào lịch nghỉ lễ từ tệp nghi_le_2027.csv."
    after = _due_soon(capsys, "--as-of", "2026-12-30")
    assert (after["until"], after["holidays_missing_for"]) == ("2027-01-05", [])


def test_a_bad_holiday_file_names_every_row_and_writes_nothing(db, capsys, tmp_path):
    bad = tmp_path / "le.csv"
    bad.write_text("Ngày,Loại,Tên\n01/01/2026,nghỉ,Tết Dương lịch\n31/02/2027,nghỉ,Không có ngày này\n"
                   "04/01/2027,nghi,\n09/01/2027,làm bù,Thứ Bảy làm bù\n11/01/2027,nghỉ lễ,Một ngày\n"
                   "11/01/2027,nghỉ,Lặp lại\n02/01/2027,nghỉ,Thứ Bảy\n", encoding="utf-8")
    assert cli.main(["import", "holidays", str(bad)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "le.csv: Dòng 2, cột «Ngày»: ngày 01/01/2026 đã có trong lịch nghỉ lễ (Tết Dương lịch)",
        "le.csv: Dòng 3, cột «Ngày»: «31/02/2027» không phải ngày (dd/mm/yyyy)",
        "le.csv: Dòng 4, cột «Tên»: thiếu tên ngày lễ",
        "le.csv: Dòng 7, cột «Ngày»: ngày 11/01/2027 đã có ở dòng 6 của tệp",
        "le.csv: Dòng 8, cột «Ngày»: ngày 02/01/2027 là thứ Bảy hoặc Chủ nhật, không cần ghi là ngày nghỉ",
        "Tệp le.csv bị từ chối: 5 lỗi; không ghi gì vào cơ sở dữ liệu."]
    with db.connect() as conn:
        assert conn.execute(select(func.count()).select_from(holidays)).scalar() == 0


def test_a_locked_steps_table_fails_the_early_warning_not_the_page(db):
    """On PostgreSQL a schema change's lock on the steps makes the early warning give up after LOCK_TIMEOUT (its
    section says it cannot be shown) instead of holding the page; on SQLite a writer never blocks it (WAL)."""
    holder = db.connect()
    writing = holder.begin()
    if db.dialect.name == "postgresql":
        holder.exec_driver_sql("LOCK TABLE dossier_steps IN ACCESS EXCLUSIVE MODE")
        with pytest.raises(OperationalError, match="lock timeout"):
            open_source(db).due_soon(D(2026, 4, 24), 3, NO_FILTER)
    else:
        holder.execute(insert(holidays).values(day=D(2027, 1, 1), kind="nghi", name="Tết", imported_at=datetime(
            2026, 12, 1)))  # a write transaction left open
        assert open_source(db).due_soon(D(2026, 4, 24), 3, NO_FILTER).total == 7
    writing.rollback()
    holder.close()


def test_a_meeting_freezes_it_and_the_next_one_follows_it_up(db):
    """Issue #33, item 5: the meeting of 24/04 freezes the early warning; by the meeting of 06/05, A1 and A9 are
    still open past their due dates, A3 and B2 were resolved late, A2 and B1 on time and A7 before its due date."""
    with db.begin() as conn:
        first = create_meeting(conn, D(2026, 4, 24), "Giao ban 24/4", datetime(2026, 4, 24, 16, 0))
    with db.begin() as conn:
        for code, result in (("A2", D(2026, 4, 27)), ("A3", D(2026, 5, 5)), ("B1", D(2026, 4, 27)),
                             ("B2", D(2026, 4, 29))):
            conn.execute(update(dossiers).where(dossiers.c.code == code).values(result_on=result))
        second = create_meeting(conn, D(2026, 5, 6), "Giao ban 6/5", datetime(2026, 5, 6, 16, 0))
    frozen = open_source(db, first).due_soon(D(2026, 4, 24), 3, NO_FILTER)
    assert (frozen.until, frozen.total, frozen.land_env, frozen.tasks) == (D(2026, 5, 4), 7, 3, 3)
    assert frozen.by_agency.to_dict("records") == [{"agency": POLICE, "dossiers": 3, "land_env": 0},
                                                   {"agency": LAND_OFFICE, "dossiers": 3, "land_env": 2},
                                                   {"agency": DISTRICT, "dossiers": 1, "land_env": 1}]
    assert frozen.followup is None  # the first meeting has none before it
    assert frozen.by_field.to_dict("records") == [{"field": "Hộ tịch", "dossiers": 4, "land_env": 0},
                                                  {"field": "Đất đai", "dossiers": 2, "land_env": 1},
                                                  {"field": "Môi trường", "dossiers": 1, "land_env": 1}]
    later = open_source(db, second).due_soon(D(2026, 5, 6), 3, NO_FILTER)
    assert later.followup.to_dict("records") == [{"agency": LAND_OFFICE, "about_to": 3, "went_overdue": 3},
                                                 {"agency": POLICE, "about_to": 3, "went_overdue": 1},
                                                 {"agency": DISTRICT, "about_to": 1, "went_overdue": 0}]
    assert open_source(db, second).due_soon(D(2026, 5, 6), 5, NO_FILTER) is None  # not frozen for 5 days
